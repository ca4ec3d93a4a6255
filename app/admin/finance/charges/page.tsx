import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { withParams } from '@/lib/quality/shared';
import { listFailedCharges } from '@/lib/payments';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'charges.failedTitle');

/** Automatic charges that did not take the money, newest first (keyset-paged): who, which invoice, why. */
export default async function FailedChargesPage({ searchParams }: PageProps<'/admin/finance/charges'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : undefined;
  const page = await listFailedCharges(await getDb(), actor, { cursor });
  const t = await getTranslations('billing');
  const format = await getFormatter();
  const locale = await pageLocale();
  const href = (c: string | null) => `/admin/finance/charges${withParams(sp, { cursor: c ?? '' })}`;
  return (
    <div className="space-y-4">
      <PageTitle>{t('charges.failedTitle')}</PageTitle>
      <FinanceNav role={actor.role} current="charges" />
      <Card>
        {page.items.length === 0 ? <Placeholder>{t('charges.noneFailed')}</Placeholder> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-2">{t('charges.when')}</th>
                <th>{t('number')}</th>
                <th>{t('client')}</th>
                <th className="text-right">{t('charges.amount')}</th>
                <th>{t('charges.result')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((a) => (
                <tr key={a.id}>
                  <td className="py-2">{format.dateTime(a.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td>
                    {a.invoiceId ? (
                      <Link href={`/admin/finance/invoices/${a.invoiceId}`} className="text-emerald-800 underline">
                        {a.invoiceNumber}
                      </Link>
                    ) : (
                      <Link href={`/admin/orders/${a.orderId}`} className="text-emerald-800 underline">
                        {t('charges.visit', { number: a.orderNumber ?? '' })}
                      </Link>
                    )}
                  </td>
                  <td>{a.clientName}</td>
                  <td className="text-right tabular-nums">{formatMoney(a.amount, a.currency, locale)}</td>
                  <td>
                    {t('charges.attempt', { n: a.attempt })} · •••• {a.last4} · {t(`charges.status.${a.status}`)}
                    {a.failureCode ? ` (${a.failureCode})` : ''}
                    {a.invoiceStatus === 'paid' ? ` · ${t('status.paid')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager total={page.total} capped={page.capped} next={page.next} atStart={!cursor} href={href} />
        </div>
      </Card>
    </div>
  );
}
