import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { StatusBadge } from '@/components/ui/status-badge';
import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { withParams } from '@/lib/quality/shared';
import { listInvoicesAdmin, type InvoiceDisplayStatus } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'admin.title');

const statuses = ['open', 'overdue', 'paid', 'void'] as const;

export default async function AdminInvoicesPage({ searchParams }: PageProps<'/admin/finance/invoices'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const status = (statuses as readonly string[]).includes(String(sp.status))
    ? (sp.status as InvoiceDisplayStatus)
    : undefined;
  const q = typeof sp.q === 'string' ? sp.q.slice(0, 100) : undefined;
  const from = typeof sp.from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(sp.from) ? sp.from : undefined;
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : undefined;
  const page = await listInvoicesAdmin(await getDb(), actor, { status, q, from, cursor });
  const invoices = page.items;
  const t = await getTranslations('billing');
  const format = await getFormatter();
  const locale = await pageLocale();
  const currency = invoices[0]?.currency ?? 'RUB';
  const { total, outstanding } = page.sums;
  const href = (c: string | null) => `/admin/finance/invoices${withParams(sp, { cursor: c ?? '' })}`;
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="invoices" />
      <Card>
        <form className="mb-4 flex flex-wrap gap-2" role="search">
          <input
            name="q"
            defaultValue={q}
            placeholder={t('admin.search')}
            aria-label={t('admin.search')}
            className="min-h-11 flex-1 rounded-lg border border-slate-300 px-3"
          />
          <select
            name="status"
            defaultValue={status ?? ''}
            aria-label={t('statusLabel')}
            className="min-h-11 rounded-lg border border-slate-300 px-3"
          >
            <option value="">{t('filter.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`filter.${s}`)}
              </option>
            ))}
          </select>
          <label className="flex items-center gap-2 text-sm">
            {t('admin.from')}
            <input
              type="date"
              name="from"
              defaultValue={from}
              className="min-h-11 rounded-lg border border-slate-300 px-3"
            />
          </label>
          <button className="min-h-11 rounded-lg border border-slate-300 px-4">{t('admin.apply')}</button>
        </form>
        <p className="mb-2 text-sm text-slate-500">
          {t('admin.count', {
            count: page.total,
            total: formatMoney(total, currency, locale),
            outstanding: formatMoney(outstanding, currency, locale),
          })}
        </p>
        {invoices.length === 0 ? <Placeholder>{t('noInvoices')}</Placeholder> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-2">{t('number')}</th>
                <th>{t('client')}</th>
                <th>{t('period')}</th>
                <th>{t('due')}</th>
                <th className="text-right">{t('total')}</th>
                <th className="text-right">{t('outstanding')}</th>
                <th>{t('statusLabel')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invoices.map((inv) => (
                <tr key={inv.id} data-testid={`admin-invoice-${inv.number}`}>
                  <td className="py-2">
                    <Link href={`/admin/finance/invoices/${inv.id}`} className="text-emerald-800 underline">
                      {inv.number}
                    </Link>
                  </td>
                  <td>{inv.clientName}</td>
                  <td>{inv.periodFrom}</td>
                  <td>{format.dateTime(new Date(`${inv.dueDate}T12:00:00Z`), { dateStyle: 'medium' })}</td>
                  <td className="text-right tabular-nums">{formatMoney(inv.total, inv.currency, locale)}</td>
                  <td className="text-right tabular-nums">{formatMoney(inv.outstanding, inv.currency, locale)}</td>
                  <td>
                    <StatusBadge status={inv.status} label={t(`status.${inv.status}`)} />
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
