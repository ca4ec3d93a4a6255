import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { StatusBadge } from '@/components/ui/status-badge';
import { ListPager } from '@/components/ui/pager';
import { ListFilters } from '@/components/ui/list-filters';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { invoiceFilterFrom, invoiceStatuses } from './filter';
import { listInvoicesAdmin } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'admin.title');

export default async function AdminInvoicesPage({ searchParams }: PageProps<'/admin/finance/invoices'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const filter = invoiceFilterFrom(sp);
  const page = await listInvoicesAdmin(await getDb(), actor, filter);
  const invoices = page.items;
  const t = await getTranslations('billing');
  const format = await getFormatter();
  const locale = await pageLocale();
  const currency = invoices[0]?.currency ?? 'RUB';
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="invoices" />
      <Card>
        <div className="mb-4">
          <ListFilters
            fields={[
              { kind: 'text', name: 'q', label: t('admin.search'), value: filter.q, wide: true },
              {
                kind: 'select',
                name: 'status',
                label: t('statusLabel'),
                value: filter.status,
                all: t('filter.all'),
                options: invoiceStatuses.map((s) => ({ value: s, label: t(`filter.${s}`) })),
              },
              { kind: 'date', name: 'from', label: t('admin.from'), value: filter.from },
            ]}
            apply={t('admin.apply')}
          />
        </div>
        <p className="mb-2 text-sm text-slate-500" data-testid="invoice-sums">
          {page.sums
            ? t('admin.count', {
                count: page.total,
                total: formatMoney(page.sums.total, currency, locale),
                outstanding: formatMoney(page.sums.outstanding, currency, locale),
              })
            : t('admin.countMore', { count: format.number(page.total) })}
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
        <ListPager page={page} path="/admin/finance/invoices" params={sp} exportPath="/admin/finance/invoices/export" />
      </Card>
    </div>
  );
}
