import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse } from '@/lib/errors';
import { analysisView, toCsv } from '@/lib/quality';
import { reasonLabel } from '@/lib/quality/shared';
import { observeRoute } from '@/lib/log';

/** CSV of the analysis view in the URL: the group table, or the orders behind one group when `key` is set. */
export const GET = observeRoute('/admin/quality/analysis/export', async function GET(request: Request) {
  try {
    const actor = await requireApiRole('manager', 'admin');
    const sp = Object.fromEntries(new URL(request.url).searchParams);
    const locale = actor.locale;
    const t = await getTranslations({ locale, namespace: 'quality' });
    const v = await analysisView(
      await getDb(),
      actor,
      sp,
      locale,
      (status, code) => `${t(`status.${status}`)}: ${code === '—' ? t('analysis.noReason') : reasonLabel(t, code)}`,
    );
    const csv = v.drill
      ? toCsv(
          ['number', 'status', 'reason', 'scheduled_start', 'service', 'zone', 'worker', 'client', 'total_minor'],
          v.drill.map((o) => [
            o.number,
            o.status,
            o.reasonCode,
            o.scheduledStart.toISOString(),
            locale === 'en' ? o.serviceNameEn : o.serviceNameRu,
            locale === 'en' ? o.zoneNameEn : o.zoneNameRu,
            o.workerName,
            o.clientName,
            o.total,
          ]),
        )
      : toCsv(
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
        );
    const name = `analysis-${v.dim}-${v.filter.from}-${v.filter.to}${v.key ? '-orders' : ''}.csv`;
    return new Response(`\uFEFF${csv}`, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        // Personal data: never kept by the browser or a shared cache.
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="${name}"`,
      },
    });
  } catch (error) {
    return httpErrorResponse(error);
  }
});
