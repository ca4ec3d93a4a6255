import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FilterBar } from '@/components/quality/filter-bar';
import { StaffOrderRow } from '@/components/orders/staff-order-row';
import { TabLinks } from '@/components/ui/tab-links';
import { ListPager } from '@/components/ui/pager';
import { PageSizeSelect } from '@/components/ui/list-filters';
import { pageSizeParam } from '@/lib/paging';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { filterOptions, queueKinds, reviewQueue, type QueueKind } from '@/lib/quality';
import { reasonLabel } from '@/lib/quality/shared';
import { dayStart, one, periodParam, uuidParam, withParams } from '@/lib/quality/shared';
import { toDateString } from '@/lib/time';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'queue.title');

export default async function ReviewQueuePage({ searchParams }: PageProps<'/admin/orders'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const kind: QueueKind = (queueKinds as readonly string[]).includes(one(sp, 'kind') ?? '')
    ? (one(sp, 'kind') as QueueKind)
    : 'to_review';
  const db = await getDb();
  const locale = await pageLocale();
  const settings = await getSettings(db);
  // The last 30 days unless the URL says otherwise: the queues' counts stay cheap at years of history (the
  // order desk searches all of it).
  const { from, to } = periodParam(sp, toDateString(new Date(), settings.timeZone), 30);
  const filter = {
    kind,
    serviceId: uuidParam(sp, 'serviceId'),
    zoneId: uuidParam(sp, 'zoneId'),
    workerId: uuidParam(sp, 'workerId'),
    from: dayStart(from, settings.timeZone),
    to: dayStart(to, settings.timeZone, 1),
    q: one(sp, 'q')?.slice(0, 80),
    cursor: one(sp, 'cursor'),
    limit: pageSizeParam(one(sp, 'size')),
  };
  const [page, options] = await Promise.all([reviewQueue(db, actor, filter), filterOptions(db, actor, locale)]);
  const t = await getTranslations('quality');
  const tq = await getTranslations('orders');
  const format = await getFormatter();
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <Link href="/admin/orders/all" className="text-sm text-emerald-800 underline" data-testid="open-desk">
            {tq('desk.open')}
          </Link>
        }
      >
        {t('queue.title')}
      </PageTitle>
      <TabLinks
        label={t('queue.title')}
        tabs={queueKinds.map((k) => ({
          key: k,
          // A queue's own pages start at its first: the cursor of another queue means nothing here.
          href: `/admin/orders${withParams(sp, { kind: k, cursor: '' })}`,
          current: k === kind,
          testId: `queue-${k}`,
          content: (
            <>
              {t(`queue.kinds.${k}`)}{' '}
              <span className="ml-1 rounded-full bg-slate-200 px-2 text-xs">
                {t(page.counts[k].capped ? 'queue.countMore' : 'queue.count', {
                  count: format.number(page.counts[k].total),
                })}
              </span>
            </>
          ),
        }))}
      />
      <Card>
        <FilterBar
          values={{
            from,
            to,
            serviceId: filter.serviceId,
            zoneId: filter.zoneId,
            workerId: filter.workerId,
            q: filter.q,
          }}
          options={options}
          hidden={{ kind }}
          show={{ period: kind !== 'unmatched', service: true, zone: true, worker: kind !== 'unmatched', q: true }}
          extra={<PageSizeSelect value={filter.limit} />}
        />
      </Card>
      <Card>
        {page.items.length === 0 ? <p className="text-slate-500">{t('queue.empty')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {page.items.map((o) => (
            <StaffOrderRow
              key={o.id}
              testId={`queue-item-${o.number}`}
              timeZone={settings.timeZone}
              order={{
                ...o,
                service: locale === 'en' ? o.serviceNameEn : o.serviceNameRu,
                zone: locale === 'en' ? o.zoneNameEn : o.zoneNameRu,
                currency: settings.currency,
              }}
              details={[
                o.clientName,
                o.workerName ? `${t('order.worker')}: ${o.workerName}` : '',
                o.reasonCode ? reasonLabel(t, o.reasonCode) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          ))}
        </ul>
        <ListPager page={page} path="/admin/orders" params={sp} />
      </Card>
    </div>
  );
}
