import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { ListPager } from '@/components/ui/pager';
import { buttonClass } from '@/components/ui/button';
import { FilterBar } from '@/components/quality/filter-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { BreakdownChart } from '@/components/quality/breakdown-chart';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { analysisView, dimensions } from '@/lib/quality';
import { groupLabel, one, reasonLabel, withParams } from '@/lib/quality/shared';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'analysis.title');

export default async function AnalysisPage({ searchParams }: PageProps<'/admin/quality/analysis'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const db = await getDb();
  const locale = await pageLocale();
  const t = await getTranslations('quality');
  const format = await getFormatter();
  const pct = (bp: number) => format.number(bp / 10_000, { style: 'percent', maximumFractionDigits: 1 });
  const settings = await getSettings(db);
  const v = await analysisView(db, actor, sp, locale, groupLabel(t));
  const base = {
    from: v.filter.from,
    to: v.filter.to,
    serviceId: v.filter.serviceId,
    zoneId: v.filter.zoneId,
    workerId: v.filter.workerId,
    dim: v.dim,
    basis: v.filter.basis === 'happened' ? 'happened' : undefined,
  };
  const link = (patch: Record<string, string | undefined>) =>
    `/admin/quality/analysis${withParams({}, { ...base, ...patch })}`;
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <a
            href={`/admin/quality/analysis/export${withParams({}, { ...base, key: v.key })}`}
            className={buttonClass('secondary')}
            download
          >
            {t('analysis.csv')}
          </a>
        }
      >
        {t('analysis.title')}
      </PageTitle>
      <Card>
        <FilterBar values={v.filter} options={v.options} hidden={{ dim: v.dim, basis: base.basis }} />
        {/* Which date counts: a cancellation made today for next week is "today" only by the date it happened. */}
        <nav className="mt-3 flex flex-wrap gap-2 text-sm" aria-label={t('analysis.basis')}>
          {(['scheduled', 'happened'] as const).map((b) => (
            <Link
              key={b}
              href={link({ basis: b === 'happened' ? b : undefined, key: undefined })}
              aria-current={b === v.filter.basis ? 'page' : undefined}
              className={`inline-flex min-h-11 items-center rounded-lg border px-3 ${b === v.filter.basis ? 'border-emerald-700 bg-emerald-50 font-semibold' : 'border-slate-300 bg-white'}`}
              data-testid={`basis-${b}`}
            >
              {t(`analysis.basis_${b}`)}
            </Link>
          ))}
        </nav>
      </Card>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="analysis-totals">
        {[
          [t('analysis.orders'), String(v.total.total)],
          [t('analysis.completed'), String(v.total.completed)],
          [t('analysis.cancelled'), `${v.total.cancelled} · ${pct(v.total.cancelRateBp)}`],
          [t('analysis.failed'), `${v.total.failed} · ${pct(v.total.failRateBp)}`],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-slate-200 bg-white p-3">
            <p className="text-xs text-slate-500">{label}</p>
            <p className="text-lg font-semibold">{value}</p>
          </div>
        ))}
      </div>
      <nav className="flex flex-wrap gap-2" aria-label={t('analysis.by')}>
        {dimensions.map((d) => (
          <Link
            key={d}
            href={link({ dim: d })}
            aria-current={d === v.dim ? 'page' : undefined}
            className={`min-h-11 rounded-lg border px-3 py-2 text-sm ${d === v.dim ? 'border-emerald-700 bg-emerald-50 font-semibold' : 'border-slate-300 bg-white'}`}
          >
            {t(`analysis.dims.${d}`)}
          </Link>
        ))}
      </nav>
      <Card>
        {v.groups.length === 0 ? <p className="text-slate-500">{t('analysis.empty')}</p> : null}
        <BreakdownChart
          data={v.groups.map((g) => ({
            label: g.label,
            cancelled: g.cancelled,
            failed: g.failed,
            href: link({ key: g.key }),
          }))}
          labels={{ cancelled: t('analysis.cancelled'), failed: t('analysis.failed') }}
        />
        {v.groups.length > 0 ? (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full min-w-[36rem] text-sm" data-testid="analysis-table">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-2">{t(`analysis.dims.${v.dim}`)}</th>
                  <th className="py-2 text-right">{v.dim === 'reason' ? t('analysis.count') : t('analysis.orders')}</th>
                  <th className="py-2 text-right">{t('analysis.cancelled')}</th>
                  <th className="py-2 text-right">{t('analysis.cancelRate')}</th>
                  <th className="py-2 text-right">{t('analysis.failed')}</th>
                  <th className="py-2 text-right">{t('analysis.failRate')}</th>
                </tr>
              </thead>
              <tbody>
                {v.groups.map((g) => (
                  <tr key={g.key} className={`border-b border-slate-100 ${g.key === v.key ? 'bg-emerald-50' : ''}`}>
                    <td className="py-2">
                      <Link href={link({ key: g.key })} className="text-emerald-900 underline">
                        {g.label}
                      </Link>
                    </td>
                    <td className="py-2 text-right">{g.total}</td>
                    <td className="py-2 text-right">{g.cancelled}</td>
                    <td className="py-2 text-right">{pct(g.cancelRateBp)}</td>
                    <td className="py-2 text-right">{g.failed}</td>
                    <td className="py-2 text-right">{pct(g.failRateBp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-xs text-slate-500">
              {v.dim === 'reason' ? t('analysis.reasonNote') : t('analysis.rateNote')}
            </p>
          </div>
        ) : null}
      </Card>
      {v.drill ? (
        <Card title={t('analysis.drillTitle', { label: v.groups.find((g) => g.key === v.key)?.label ?? v.key ?? '' })}>
          <p className="mb-2 text-sm">
            <Link className="text-emerald-800 underline" href={link({ key: undefined })}>
              {t('analysis.closeDrill')}
            </Link>
          </p>
          {v.drill.items.length === 0 ? <p className="text-slate-500">{t('analysis.empty')}</p> : null}
          <ul className="divide-y divide-slate-100 text-sm" data-testid="drill-orders">
            {v.drill.items.map((o) => (
              <li key={o.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <Link href={`/admin/orders/${o.id}`} className="font-medium text-emerald-900 underline">
                    {o.number}
                  </Link>{' '}
                  <StatusBadge status={o.status} label={t(`status.${o.status}`)} /> {reasonLabel(t, o.reasonCode)} ·{' '}
                  {format.dateTime(o.scheduledStart, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                    timeZone: settings.timeZone,
                  })}{' '}
                  · {locale === 'en' ? o.serviceNameEn : o.serviceNameRu} · {o.clientName}
                  {o.workerName ? ` · ${o.workerName}` : ''}
                </span>
                <span>{formatMoney(o.total, settings.currency, locale)}</span>
              </li>
            ))}
          </ul>
          <ListPager
            page={v.drill}
            path="/admin/quality/analysis"
            params={{ ...base, key: v.key, cursor: one(sp, 'cursor') }}
          />
        </Card>
      ) : null}
    </div>
  );
}
