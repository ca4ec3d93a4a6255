import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FilterBar } from '@/components/quality/filter-bar';
import { PerformanceTableRow } from '@/components/quality/performance-table';
import { TrendChart } from '@/components/quality/trend-chart';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { filterOptions, performanceRaw, teamMetrics } from '@/lib/quality';
import { periodParam, withParams } from '@/lib/quality/shared';
import { getSettings } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'performance.title');

export default async function WorkerPerformancePage({
  params,
  searchParams,
}: PageProps<'/admin/quality/workers/[id]'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const sp = await searchParams;
  const db = await getDb();
  const settings = await getSettings(db);
  const locale = await pageLocale();
  // Trends read best over a quarter: default 12 weeks.
  const today = toDateString(new Date(), settings.timeZone);
  const period = periodParam(sp, today, 84);
  const [weeks, options] = await Promise.all([
    performanceRaw(db, actor, { ...period, workerId: id, byWeek: true }),
    filterOptions(db, actor, locale),
  ]);
  const worker = options.workers.find((w) => w.id === id);
  if (!worker) notFound();
  const total = teamMetrics(weeks);
  const t = await getTranslations('quality');
  const money = (n: number) => formatMoney(n, settings.currency, locale);
  const pctOrNull = (bp: number | null) => (bp === null ? null : Math.round(bp / 10) / 10);
  return (
    <div className="space-y-4">
      <PageTitle>{worker.label}</PageTitle>
      <p className="text-sm">
        <Link className="text-emerald-800 underline" href={`/admin/quality/workers${withParams({}, period)}`}>
          {t('performance.back')}
        </Link>
        {' · '}
        <Link
          className="text-emerald-800 underline"
          href={`/admin/quality/analysis${withParams({}, { ...period, workerId: id, dim: 'reason' })}`}
        >
          {t('performance.failuresOf')}
        </Link>
      </p>
      <Card>
        <FilterBar values={period} options={options} show={{ period: true }} />
      </Card>
      <Card title={t('performance.trend')}>
        {weeks.length === 0 ? <p className="text-slate-500">{t('performance.noData')}</p> : null}
        <TrendChart
          data={weeks.map((w) => ({
            week: w.week ?? '',
            completed: w.completed,
            failed: w.failed,
            onTime: pctOrNull(w.onTimeRateBp),
            score: pctOrNull(w.avgScoreBp),
          }))}
          labels={{
            completed: t('performance.done'),
            failed: t('analysis.failed'),
            onTime: t('performance.onTimeRate'),
            score: t('performance.score'),
          }}
        />
        <div className="mt-4 overflow-x-auto">
          <table className="w-full min-w-[48rem] text-sm">
            <thead>
              <tr className="border-b text-right text-slate-500">
                <th className="py-2 text-left">{t('performance.week')}</th>
                <th className="py-2">{t('performance.done')}</th>
                <th className="py-2">{t('performance.completionRate')}</th>
                <th className="py-2">{t('performance.failureRate')}</th>
                <th className="py-2">{t('performance.declineRate')}</th>
                <th className="py-2">{t('performance.onTimeRate')}</th>
                <th className="py-2">{t('performance.rating')}</th>
                <th className="py-2">{t('performance.score')}</th>
                <th className="py-2">{t('performance.fines')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <PerformanceTableRow
                  key={w.week}
                  row={w}
                  money={money}
                  first={`${w.week ?? ''} – ${addDays(w.week ?? today, 6)}`}
                />
              ))}
              <PerformanceTableRow
                row={{ ...total, name: 'total' }}
                money={money}
                first={<strong>{t('performance.periodTotal')}</strong>}
              />
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
