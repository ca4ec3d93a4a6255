import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listClientInvoices, type InvoiceDisplayStatus } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'invoices');

const filters = ['all', 'open', 'overdue', 'paid'] as const;

export default async function InvoicesPage({ searchParams }: PageProps<'/invoices'>) {
  const actor = await requireRole('client');
  const sp = await searchParams;
  const filter = (filters as readonly string[]).includes(String(sp.status))
    ? (sp.status as (typeof filters)[number])
    : 'all';
  const page = await listClientInvoices(await getDb(), actor, {
    status: filter === 'all' ? undefined : (filter as InvoiceDisplayStatus),
    cursor: typeof sp.cursor === 'string' ? sp.cursor : undefined,
  });
  const invoices = page.items;
  const t = await getTranslations('billing');
  const format = await getFormatter();
  const locale = await pageLocale();
  return (
    <>
      <PageTitle>{t('invoices')}</PageTitle>
      <nav className="mb-4 flex gap-1 overflow-x-auto" aria-label={t('invoices')}>
        {filters.map((f) => (
          <Link
            key={f}
            href={f === 'all' ? '/invoices' : `/invoices?status=${f}`}
            aria-current={f === filter ? 'page' : undefined}
            className={`min-h-11 whitespace-nowrap rounded-lg px-3 py-2 text-sm ${f === filter ? 'bg-emerald-700 text-white' : 'border border-slate-300 bg-white text-slate-700'}`}
          >
            {t(`filter.${f}`)}
          </Link>
        ))}
      </nav>
      {invoices.length === 0 ? (
        <Placeholder>{t('noInvoices')}</Placeholder>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {invoices.map((inv) => (
              <li key={inv.id} data-testid={`invoice-${inv.number}`}>
                <Link href={`/invoices/${inv.id}`} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div>
                    <p className="font-medium text-slate-900">{inv.number}</p>
                    <p className="text-sm text-slate-500">
                      {t('periodValue', {
                        from: format.dateTime(new Date(`${inv.periodFrom}T12:00:00Z`), { dateStyle: 'medium' }),
                        to: format.dateTime(new Date(`${inv.periodTo}T12:00:00Z`), { dateStyle: 'medium' }),
                      })}{' '}
                      · {t('due')} {format.dateTime(new Date(`${inv.dueDate}T12:00:00Z`), { dateStyle: 'medium' })}
                    </p>
                  </div>
                  <div className="text-right">
                    <p className="font-semibold tabular-nums">{formatMoney(inv.total, inv.currency, locale)}</p>
                    <StatusBadge status={inv.status} label={t(`status.${inv.status}`)} />
                  </div>
                </Link>
              </li>
            ))}
          </ul>
          <ListPager page={page} path="/invoices" params={sp} />
        </Card>
      )}
    </>
  );
}
