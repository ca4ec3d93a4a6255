import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { ListFilters } from '@/components/ui/list-filters';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listPayments, paymentProviders, REFUNDABLE_PROVIDERS } from '@/lib/payments';
import { formatMoney } from '@/lib/money';
import { one } from '@/lib/quality/shared';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';
import { paymentFilterFrom } from './filter';

export const generateMetadata = titleFrom('finance', 'payments.title');

// Every payment received, for staff: searched, filtered by how it was paid and when, paged, and exported whole.
export default async function PaymentsPage({ searchParams }: PageProps<'/admin/finance/payments'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const db = await getDb();
  const { timeZone } = await getSettings(db);
  const filter = paymentFilterFrom(sp, timeZone);
  const page = await listPayments(db, actor, filter);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await pageLocale();
  const tr = await getTranslations('billing.refunds');
  const refundable = (p: { provider: string; invoiceId: string | null; tip: boolean }) =>
    actor.role === 'admin' &&
    (p.invoiceId !== null || p.tip) &&
    (REFUNDABLE_PROVIDERS as readonly string[]).includes(p.provider);
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="payments" />
      <Card title={t('payments.title')}>
        <div className="mb-4">
          <ListFilters
            fields={[
              { kind: 'text', name: 'q', label: t('payments.search'), value: filter.q, wide: true },
              {
                kind: 'select',
                name: 'provider',
                label: t('payments.provider'),
                value: filter.provider,
                all: t('payments.all'),
                options: paymentProviders.map((p) => ({ value: p, label: t(`payments.providers.${p}`) })),
              },
              { kind: 'date', name: 'from', label: t('payments.from'), value: one(sp, 'from') },
              { kind: 'date', name: 'to', label: t('payments.to'), value: one(sp, 'to') },
            ]}
          />
        </div>
        {page.items.length === 0 ? <Placeholder>{t('payments.empty')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="payments">
          {page.items.map((p) => (
            <li key={p.id} className="flex flex-wrap items-start justify-between gap-2 py-3" data-payment={p.reference}>
              <div className="min-w-0">
                <p className="font-medium">{p.clientName}</p>
                <p className="break-words text-slate-600">
                  {(paymentProviders as readonly string[]).includes(p.provider)
                    ? t(`payments.providers.${p.provider as (typeof paymentProviders)[number]}`)
                    : p.provider}{' '}
                  · {p.reference}
                  {p.invoiceId && p.invoiceNumber ? (
                    <>
                      {' · '}
                      <Link href={`/admin/finance/invoices/${p.invoiceId}`} className="text-emerald-800 underline">
                        {p.invoiceNumber}
                      </Link>
                    </>
                  ) : null}
                </p>
                <p className="text-xs text-slate-500">
                  {format.dateTime(p.receivedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone })}
                </p>
              </div>
              <div className="text-right">
                <p className="font-medium tabular-nums">{formatMoney(p.amount, p.currency, locale)}</p>
                {p.creditAmount > 0 ? (
                  <p className="text-xs text-slate-500 tabular-nums">
                    {t('payments.toCredit')}: {formatMoney(p.creditAmount, p.currency, locale)}
                  </p>
                ) : null}
                {p.refundedAmount > 0 ? (
                  <p className="text-xs text-rose-700 tabular-nums" data-testid="refunded">
                    {t('payments.refunded')}: {formatMoney(p.refundedAmount, p.currency, locale)}
                  </p>
                ) : null}
                {refundable(p) ? (
                  <Link href={`/admin/finance/payments/${p.id}/refund`} className="text-sm text-emerald-800 underline">
                    {tr('refund')}
                    <span className="sr-only"> {p.reference}</span>
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
        <ListPager page={page} path="/admin/finance/payments" params={sp} exportPath="/admin/finance/payments/export" />
      </Card>
    </div>
  );
}
