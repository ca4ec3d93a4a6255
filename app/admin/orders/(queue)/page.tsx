import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FilterBar } from '@/components/quality/filter-bar';
import { StaffOrderRow } from '@/components/orders/staff-order-row';
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
  };
  const [{ items, counts }, options] = await Promise.all([
    reviewQueue(db, actor, filter),
    filterOptions(db, actor, locale),
  ]);
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
      <nav className="flex flex-wrap gap-2" aria-label={t('queue.title')}>
        {queueKinds.map((k) => (
          <Link
            key={k}
            href={`/admin/orders${withParams(sp, { kind: k })}`}
            aria-current={k === kind ? 'page' : undefined}
            className={`min-h-11 rounded-lg border px-3 py-2 text-sm ${k === kind ? 'border-emerald-700 bg-emerald-50 font-semibold text-emerald-900' : 'border-slate-300 bg-white'}`}
            data-testid={`queue-${k}`}
          >
            {t(`queue.kinds.${k}`)}{' '}
            <span className="ml-1 rounded-full bg-slate-200 px-2 text-xs">
              {t(counts[k].capped ? 'queue.countMore' : 'queue.count', { count: format.number(counts[k].total) })}
            </span>
          </Link>
        ))}
      </nav>
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
        />
      </Card>
      <Card>
        {items.length === 0 ? <p className="text-slate-500">{t('queue.empty')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {items.map((o) => (
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
      </Card>
    </div>
  );
}
