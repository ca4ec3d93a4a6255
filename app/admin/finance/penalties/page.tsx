import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { PenaltyRuleForm } from '@/components/finance/penalty-rule-form';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listPenaltyRules } from '@/lib/finance';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'admin.tabs.penalties');

export default async function PenaltyRulesPage() {
  const actor = await requireRole('admin');
  const db = await getDb();
  const rules = await listPenaltyRules(db, actor);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const ruleLabel = (code: string) =>
    t.has(`rules.${code.replace(':', '_')}`) ? t(`rules.${code.replace(':', '_')}`) : code;
  const band = (rule: string, from: number, to: number | null) => {
    if (rule === 'lateness')
      return to === null ? t('penalties.lateOver', { from }) : t('penalties.lateUpTo', { from, to });
    if (rule === 'late_decline')
      return to === null ? t('penalties.declineFrom', { from }) : t('penalties.declineBand', { from, to });
    return t('penalties.always');
  };
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="penalties" />
      <Card title={t('penalties.title')}>
        <p className="mb-3 text-sm text-slate-600">{t('penalties.explain')}</p>
        {rules.length === 0 ? <Placeholder>{t('penalties.none')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100">
          {rules.map((r) => (
            <li key={r.id} className="space-y-2 py-3" data-testid={`rule-${r.rule}-${r.fromValue}`}>
              <p className="font-medium">
                {ruleLabel(r.rule)} · {band(r.rule, r.fromValue, r.toValue)}
              </p>
              <p className="text-xs text-slate-500">
                {t('penalties.updated', {
                  date: format.dateTime(r.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                })}
              </p>
              <PenaltyRuleForm
                id={r.id}
                ratePercent={String(r.rateBp / 100)}
                fixedAmount={(r.fixedAmount / 100).toFixed(2)}
                active={r.active}
              />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
