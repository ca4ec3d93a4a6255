import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { EntryLabel } from '@/components/finance/entry-label';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { clientStatement } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'billing.title');

export default async function BillingPage() {
  const actor = await requireRole('client');
  const db = await getDb();
  const statement = await clientStatement(db, actor, actor.id);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, statement.currency, locale);
  const { balance } = statement;
  return (
    <div className="space-y-6">
      <PageTitle>{t('billing.title')}</PageTitle>
      <Card>
        <p className="text-sm text-slate-600">{t('billing.balance')}</p>
        <p className="text-3xl font-semibold" data-testid="client-balance">
          {money(Math.abs(balance))}
        </p>
        <p className="text-sm text-slate-600">
          {balance > 0 ? t('billing.owes') : balance < 0 ? t('billing.inCredit') : t('billing.settled')}
        </p>
        {statement.credit > 0 ? (
          <p className="mt-2 text-sm text-emerald-700" data-testid="client-credit">
            {t('billing.credit', { amount: money(statement.credit) })}
          </p>
        ) : null}
      </Card>
      <Card title={t('billing.history')}>
        {statement.rows.length === 0 ? <Placeholder>{t('billing.empty')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100" data-testid="client-history">
          {statement.rows.map((r) => (
            <li key={`${r.entryId}`} className="flex flex-wrap items-start justify-between gap-2 py-3">
              <div className="min-w-0">
                <p className="text-xs text-slate-500">
                  {format.dateTime(r.at, { dateStyle: 'medium', timeStyle: 'short' })}
                </p>
                <EntryLabel
                  kind={r.kind}
                  orderId={r.orderId}
                  orderNumber={r.orderNumber}
                  invoiceId={r.invoiceId}
                  reason={null}
                  reversed={r.reversed}
                  ruleCode={r.ruleCode}
                  ruleValue={r.ruleValue}
                  orderHref={(id) => `/orders/${id}`}
                />
              </div>
              <div className="text-right">
                <p className={`font-medium tabular-nums ${r.amount > 0 ? 'text-slate-900' : 'text-emerald-700'}`}>
                  {r.amount > 0 ? '+' : '−'}
                  {money(Math.abs(r.amount))}
                </p>
                <p className="text-xs text-slate-500 tabular-nums">
                  {t('billing.balanceAfter', { amount: money(r.balance) })}
                </p>
              </div>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-500">{t('billing.explain')}</p>
      </Card>
    </div>
  );
}
