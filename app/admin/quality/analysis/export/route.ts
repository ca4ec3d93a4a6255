import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse } from '@/lib/errors';
import { analysisOrders, analysisView, toCsv } from '@/lib/quality';
import { csvResponse, csvStream } from '@/lib/csv';
import { exportRows } from '@/lib/paging';
import { groupLabel } from '@/lib/quality/shared';
import { observeRoute } from '@/lib/log';

/** CSV of the analysis view in the URL: the group table, or the orders behind one group when `key` is set. */
export const GET = observeRoute('/admin/quality/analysis/export', async function GET(request: Request) {
  try {
    const actor = await requireApiRole('manager', 'admin');
    const sp = Object.fromEntries(new URL(request.url).searchParams);
    const locale = actor.locale;
    const t = await getTranslations({ locale, namespace: 'quality' });
    const db = await getDb();
    const v = await analysisView(db, actor, sp, locale, groupLabel(t));
    const name = `analysis-${v.dim}-${v.filter.from}-${v.filter.to}${v.key ? '-orders' : ''}.csv`;
    if (v.key) {
      // Every order of the group, streamed page after page (keyset), however many there are.
      const group = { ...v.filter, dim: v.dim, key: v.key };
      return csvResponse(
        name,
        csvStream(
          ['number', 'status', 'reason', 'scheduled_start', 'service', 'zone', 'worker', 'client', 'total_minor'],
          exportRows(
            (cursor, limit) => analysisOrders(db, actor, group, { cursor, limit, count: false }),
            (o) => [
              o.number,
              o.status,
              o.reasonCode,
              o.scheduledStart.toISOString(),
              locale === 'en' ? o.serviceNameEn : o.serviceNameRu,
              locale === 'en' ? o.zoneNameEn : o.zoneNameRu,
              o.workerName,
              o.clientName,
              o.total,
            ],
          ),
        ),
      );
    }
    return csvResponse(
      name,
      toCsv(
        [v.dim, 'key', 'orders', 'completed', 'cancelled', 'cancel_rate_pct', 'failed', 'fail_rate_pct'],
        [...v.groups, { ...v.total, label: 'total' }].map((g) => [
          g.label,
          g.key,
          g.total,
          g.completed,
          g.cancelled,
          (g.cancelRateBp / 100).toFixed(2),
          g.failed,
          (g.failRateBp / 100).toFixed(2),
        ]),
      ),
    );
  } catch (error) {
    return httpErrorResponse(error);
  }
});
