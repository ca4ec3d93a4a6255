import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { StatusBadge } from '@/components/ui/status-badge';
import { buttonClass } from '@/components/ui/button';
import { PageTitle, Placeholder } from '@/components/ui/card';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { historyFilter, historyTabs, listCatalogue, listOrdersForClient, type HistoryFilter } from '@/lib/orders';
import { listClientPlans } from '@/lib/plans';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('orders', 'list.title');

/** The URL of the history with some parameters changed (filters live in the URL so they survive reloads and links). */
function hrefWith(filter: HistoryFilter, patch: Partial<HistoryFilter>): string {
  const next = { ...filter, ...patch };
  const q = new URLSearchParams();
  q.set('tab', next.tab);
  if (next.service) q.set('service', next.service);
  if (next.from) q.set('from', next.from);
  if (next.to) q.set('to', next.to);
  if (next.page > 1) q.set('page', String(next.page));
  return `/orders?${q}`;
}

export default async function OrdersPage({ searchParams }: PageProps<'/orders'>) {
  const actor = await requireRole('client');
  const t = await getTranslations('orders');
  const format = await getFormatter();
  const locale = await pageLocale();
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const filter = historyFilter.parse({
    tab: one(sp.tab),
    service: one(sp.service) || undefined,
    from: one(sp.from) || undefined,
    to: one(sp.to) || undefined,
    page: one(sp.page),
  });
  const db = await getDb();
  const [{ items, total, pageSize }, catalogue, settings, plans] = await Promise.all([
    listOrdersForClient(db, actor, filter),
    listCatalogue(db),
    getSettings(db),
    listClientPlans(db, actor),
  ]);
  const tp = await getTranslations('plans');
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <>
      <PageTitle
        actions={
          <Link href="/orders/new" className={buttonClass('primary')}>
            {t('list.newOrder')}
          </Link>
        }
      >
        {t('list.title')}
      </PageTitle>

      {plans.length ? (
        <section aria-labelledby="plans-h" className="mb-4 rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="plans-h" className="mb-2 font-semibold">
            {tp('myPlans')}
          </h2>
          <ul className="space-y-1 text-sm" data-testid="my-plans">
            {plans.map((p) => (
              <li key={p.id}>
                <Link href={`/plans/${p.id}`} className="text-emerald-800 underline">
                  {locale === 'en' ? p.serviceEn : p.serviceRu} · {tp(`every.${p.frequencyWeeks}`)}, {p.time}
                </Link>{' '}
                <span className="text-slate-500">· {tp(`status.${p.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <nav aria-label={t('list.title')} className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200">
        {historyTabs.map((tab) => (
          <Link
            key={tab}
            href={hrefWith(filter, { tab, page: 1 })}
            aria-current={filter.tab === tab ? 'page' : undefined}
            className="-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 aria-[current=page]:border-emerald-700 aria-[current=page]:font-medium aria-[current=page]:text-emerald-800"
          >
            {t(`tabs.${tab}`)}
          </Link>
        ))}
      </nav>

      <form
        method="get"
        action="/orders"
        className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-[1fr_auto_auto_auto_auto] sm:items-end"
      >
        <input type="hidden" name="tab" value={filter.tab} />
        <label className="col-span-2 text-sm sm:col-span-1">
          <span className="mb-1 block text-slate-700">{t('list.service')}</span>
          <select
            name="service"
            defaultValue={filter.service ?? ''}
            className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3"
          >
            <option value="">{t('list.allServices')}</option>
            {catalogue.services.map((s) => (
              <option key={s.id} value={s.id}>
                {localized(s, locale)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-700">{t('list.from')}</span>
          <input
            type="date"
            name="from"
            defaultValue={filter.from ?? ''}
            className="block min-h-11 w-full rounded-lg border border-slate-300 px-2"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-700">{t('list.to')}</span>
          <input
            type="date"
            name="to"
            defaultValue={filter.to ?? ''}
            className="block min-h-11 w-full rounded-lg border border-slate-300 px-2"
          />
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          {t('list.apply')}
        </button>
        <Link href={hrefWith({ tab: filter.tab, page: 1 }, {})} className={buttonClass('ghost')}>
          {t('list.reset')}
        </Link>
      </form>

      {items.length === 0 ? (
        <Placeholder>{filter.tab === 'active' ? t('list.emptyActive') : t('list.empty')}</Placeholder>
      ) : (
        <ul className="space-y-2" data-testid="order-list">
          {items.map((o) => (
            <li key={o.id}>
              <Link
                href={`/orders/${o.id}`}
                className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-emerald-600"
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium text-slate-900">
                    {locale === 'ru' ? o.serviceNameRu : o.serviceNameEn}
                  </span>
                  <StatusBadge testId="order-status" status={o.status} label={t(`status.${o.status}`)} />
                </div>
                <div className="mt-1 flex flex-wrap justify-between gap-2 text-sm text-slate-600">
                  <span>
                    {o.number} ·{' '}
                    {format.dateTime(o.scheduledStart, {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                      timeZone: settings.timeZone,
                    })}
                  </span>
                  <span className="tabular-nums">{formatMoney(o.total, o.currency, locale)}</span>
                </div>
                <p className="mt-1 truncate text-sm text-slate-500">{o.address}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}

      <div className="mt-4 flex items-center justify-between gap-2 text-sm text-slate-600">
        <span>{t('list.total', { count: total })}</span>
        {pages > 1 ? (
          <div className="flex items-center gap-2">
            {filter.page > 1 ? (
              <Link href={hrefWith(filter, { page: filter.page - 1 })} className={buttonClass('secondary')}>
                {t('list.prev')}
              </Link>
            ) : null}
            <span>{t('list.page', { page: filter.page, pages })}</span>
            {filter.page < pages ? (
              <Link href={hrefWith(filter, { page: filter.page + 1 })} className={buttonClass('secondary')}>
                {t('list.next')}
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}
