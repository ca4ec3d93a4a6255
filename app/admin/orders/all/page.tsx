import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FilterBar } from '@/components/quality/filter-bar';
import { ListPager } from '@/components/ui/pager';
import { PageSizeSelect } from '@/components/ui/list-filters';
import { PAGE_SIZE } from '@/lib/paging';
import { StaffOrderRow } from '@/components/orders/staff-order-row';
import { TabLinks } from '@/components/ui/tab-links';
import { getDb } from '@/db';
import { orderStatusEnum } from '@/db/schema';
import { requireRole } from '@/lib/session';
import { searchOrders } from '@/lib/orders';
import { filterOptions } from '@/lib/quality';
import { one, uuidParam, withParams } from '@/lib/quality/shared';
import { deskFilterFrom } from './filter';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('orders', 'desk.title');

// Staff's order desk: every order, found by number, client, phone or address, filtered and paged on the server.
export default async function OrderDeskPage({ searchParams }: PageProps<'/admin/orders/all'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const db = await getDb();
  const locale = await pageLocale();
  const settings = await getSettings(db);
  const filter = deskFilterFrom(sp, settings.timeZone);
  const status = filter.status?.[0];
  const from = one(sp, 'from');
  const to = one(sp, 'to');
  const [page, options] = await Promise.all([searchOrders(db, actor, filter), filterOptions(db, actor, locale)]);
  const t = await getTranslations('quality');
  const tq = await getTranslations('orders');
  return (
    <div className="space-y-4">
      <PageTitle>{tq('desk.title')}</PageTitle>
      <TabLinks
        label={tq('desk.byStatus')}
        tabs={[undefined, ...orderStatusEnum.enumValues].map((s) => ({
          key: s ?? 'all',
          href: `/admin/orders/all${withParams(sp, { status: s ?? '', cursor: '' })}`,
          current: s === status,
          testId: `desk-status-${s ?? 'all'}`,
          content: s ? t(`status.${s}`) : tq('desk.all'),
        }))}
      />
      <Card>
        <FilterBar
          values={{
            from,
            to,
            zoneId: uuidParam(sp, 'zoneId'),
            workerId: uuidParam(sp, 'workerId'),
            q: one(sp, 'q'),
          }}
          options={options}
          hidden={{ status }}
          show={{ period: true, service: false, zone: true, worker: true, q: true }}
          extra={<PageSizeSelect value={filter.limit ?? PAGE_SIZE} />}
        />
      </Card>
      <Card>
        {page.items.length === 0 ? <p className="text-slate-500">{tq('desk.empty')}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="desk-orders">
          {page.items.map((o) => (
            <StaffOrderRow
              key={o.id}
              testId={`desk-order-${o.number}`}
              timeZone={settings.timeZone}
              order={{
                ...o,
                service: locale === 'en' ? o.serviceEn : o.serviceRu,
                zone: locale === 'en' ? o.zoneEn : o.zoneRu,
              }}
              details={[
                o.clientName,
                o.clientPhone,
                o.address,
                o.workerName ? `${t('order.worker')}: ${o.workerName}` : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          ))}
        </ul>
        <ListPager page={page} path="/admin/orders/all" params={sp} exportPath="/admin/orders/all/export" />
      </Card>
    </div>
  );
}
