import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { AdjustmentForm } from '@/components/finance/adjustment-form';
import { FinanceNav } from '@/components/finance/finance-nav';
import { ReasonAction } from '@/components/finance/reason-action';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listAdjustments, listPeople } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { ruleText } from '@/lib/finance/shared';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'admin.tabs.adjustments');

export default async function AdjustmentsPage() {
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  const [list, people, settings] = await Promise.all([
    listAdjustments(db, actor),
    listPeople(db, actor),
    getSettings(db),
  ]);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, settings.currency, locale);
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="adjustments" />
      <Card title={t('admin.newAdjustment')}>
        <AdjustmentForm people={people} />
      </Card>
      <Card title={t('admin.adjustments')}>
        {list.length === 0 ? <Placeholder>{t('admin.noAdjustments')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100">
          {list.map((a) => (
            <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
              <div className="min-w-0">
                <p className="text-xs text-slate-500">
                  {format.dateTime(a.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                </p>
                <p className="font-medium">
                  {t(`kinds.${a.kind}`)} · {a.subjectName}
                  {a.orderNumber ? ` · ${a.orderNumber}` : ''}
                  {a.waived ? (
                    <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{t('admin.waived')}</span>
                  ) : null}
                </p>
                <p className="text-sm text-slate-500">
                  {a.ruleCode ? ruleText(a.ruleCode, a.ruleValue, locale) : a.reason}
                </p>
              </div>
              <div className="text-right">
                <p className="font-medium tabular-nums">{money(a.amount)}</p>
                {a.kind === 'fine' && !a.waived ? (
                  <div className="mt-1">
                    <ReasonAction mode="waive" id={a.id} />
                  </div>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
