import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FilterBar } from '@/components/quality/filter-bar';
import { PerformanceTableRow } from '@/components/quality/performance-table';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import {
  filterOptions,
  performanceRaw,
  performanceSortKeys,
  sortPerformance,
  teamMetrics,
  type PerformanceSortKey,
} from '@/lib/quality';
import { one, periodParam, withParams } from '@/lib/quality/shared';
import { getSettings } from '@/lib/settings';
import { toDateString } from '@/lib/time';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'performance.title');

export default async function PerformancePage({ searchParams }: PageProps<'/admin/quality/workers'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const db = await getDb();
  const settings = await getSettings(db);
  const locale = await pageLocale();
  const period = periodParam(sp, toDateString(new Date(), settings.timeZone), 30);
  const s = one(sp, 'sort');
  const sort: PerformanceSortKey = (performanceSortKeys as readonly string[]).includes(s ?? '')
    ? (s as PerformanceSortKey)
    : 'completed';
  const dir = one(sp, 'dir') === 'asc' ? 'asc' : 'desc';
  const [list, options] = await Promise.all([performanceRaw(db, actor, period), filterOptions(db, actor, locale)]);
  const rows = sortPerformance(list, sort, dir);
  const team = teamMetrics(list);
  const t = await getTranslations('quality');
  const money = (n: number) => formatMoney(n, settings.currency, locale);
  const header = (key: PerformanceSortKey, label: string) => {
    const next = sort === key && dir === 'desc' ? 'asc' : 'desc';
    return (
      <th
        className={`py-2 ${key === 'name' ? 'text-left' : 'text-right'}`}
        aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <Link
          href={`/admin/quality/workers${withParams({}, { ...period, sort: key, dir: next })}`}
          className="underline decoration-dotted"
        >
          {label}
          {sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </Link>
      </th>
    );
  };
  return (
    <div className="space-y-4">
      <PageTitle>{t('performance.title')}</PageTitle>
      <Card>
        <FilterBar values={period} options={options} hidden={{ sort, dir }} show={{ period: true }} />
      </Card>
      <Card>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-sm" data-testid="performance-table">
            <thead>
              <tr className="border-b text-slate-500">
                {header('name', t('performance.worker'))}
                {header('completed', t('performance.done'))}
                {header('completionRateBp', t('performance.completionRate'))}
                {header('failureRateBp', t('performance.failureRate'))}
                {header('declineRateBp', t('performance.declineRate'))}
                {header('onTimeRateBp', t('performance.onTimeRate'))}
                {header('avgRatingX100', t('performance.rating'))}
                {header('avgScoreBp', t('performance.score'))}
                {header('fines', t('performance.fines'))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <PerformanceTableRow
                  key={r.workerId}
                  row={{ ...r, href: `/admin/quality/workers/${r.workerId}${withParams({}, period)}` }}
                  money={money}
                  first={
                    <>
                      {r.name}
                      {r.active ? '' : ` (${t('performance.inactive')})`}
                    </>
                  }
                />
              ))}
              <PerformanceTableRow
                row={{ ...team, name: 'team' }}
                money={money}
                first={<strong>{t('performance.team')}</strong>}
              />
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-slate-500">{t('performance.note')}</p>
      </Card>
    </div>
  );
}
