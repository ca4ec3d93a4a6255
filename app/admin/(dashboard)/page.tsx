import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db';
import { orderStatusEnum } from '@/db/schema';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { dashboard } from '@/lib/quality';
import { listJobRuns } from '@/lib/scheduler';
import { listSupplies } from '@/lib/supplies';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('portal', 'admin.dashboard');

export default async function AdminDashboard() {
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  const [d, supplies, runs] = await Promise.all([
    dashboard(db, actor),
    listSupplies(db, actor, { activeOnly: true }),
    actor.role === 'admin' ? listJobRuns(db, actor, { limit: 6 }).then((p) => p.items) : Promise.resolve(null),
  ]);
  const low = supplies.filter((s) => s.low);
  const t = await getTranslations('quality');
  const tp = await getTranslations('portal');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (n: number) => formatMoney(n, d.currency, locale);
  const todayTotal = Object.values(d.todayByStatus).reduce((a, b) => a + b, 0);
  const tile = (label: string, value: string, href: string, tone = '') => (
    <Link
      href={href}
      className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-emerald-600 ${tone}`}
    >
      <p className="text-xs text-slate-500">{label}</p>
      <p className="text-2xl font-semibold">{value}</p>
    </Link>
  );
  return (
    <div className="space-y-4">
      <PageTitle>{tp('admin.dashboard')}</PageTitle>
      <p className="text-slate-600">{tp('welcome', { name: actor.name })}</p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="dashboard-tiles">
        {tile(
          t('dashboard.unmatched'),
          String(d.unmatchedNearStart),
          '/admin/orders?kind=unmatched',
          d.unmatchedNearStart > 0 ? 'border-amber-400' : '',
        )}
        {tile(
          t('dashboard.failedWeek'),
          String(d.failedThisWeek),
          '/admin/orders?kind=failed',
          d.failedThisWeek > 0 ? 'border-rose-300' : '',
        )}
        {tile(t('dashboard.revenueWeek'), money(d.revenueWeek), '/admin/quality/analysis')}
        {tile(t('dashboard.revenueMonth'), money(d.revenueMonth), '/admin/quality/analysis')}
      </div>
      <p className="text-xs text-slate-500">{t('dashboard.revenueNote')}</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title={t('dashboard.today', {
            date: format.dateTime(new Date(`${d.today}T12:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' }),
            count: todayTotal,
          })}
        >
          <ul className="grid grid-cols-2 gap-2 text-sm" data-testid="today-by-status">
            {orderStatusEnum.enumValues.map((s) => (
              <li key={s}>
                {/* Each count opens today's orders with that status on the order desk. */}
                <Link
                  href={`/admin/orders/all?status=${s}&from=${d.today}&to=${d.today}`}
                  className="flex min-h-11 items-center justify-between rounded-lg border border-slate-100 px-3 py-2 hover:border-emerald-600"
                  data-testid={`today-${s}`}
                >
                  <StatusBadge status={s} label={t(`status.${s}`)} />
                  <span className="font-semibold">{d.todayByStatus[s]}</span>
                </Link>
              </li>
            ))}
          </ul>
          <Link href="/admin/orders" className="mt-3 inline-block text-sm text-emerald-800 underline">
            {t('dashboard.toQueue')}
          </Link>
        </Card>
        <Card title={t('dashboard.lowSupplies', { count: low.length })}>
          {low.length === 0 ? (
            <p className="text-sm text-slate-500">{t('dashboard.suppliesOk')}</p>
          ) : (
            <ul className="text-sm">
              {low.map((s) => (
                <li key={s.id} className="flex justify-between border-b border-slate-100 py-1">
                  <span>{localized(s, locale)}</span>
                  <span className="font-medium text-rose-800">
                    {s.stock} {s.unit[locale]} / {s.lowStockThreshold}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <Link href="/admin/supplies" className="mt-3 inline-block text-sm text-emerald-800 underline">
            {t('dashboard.toSupplies')}
          </Link>
        </Card>
        {runs ? (
          <Card title={t('dashboard.jobs')}>
            {runs.length === 0 ? <p className="text-sm text-slate-500">{t('dashboard.noJobs')}</p> : null}
            <ul className="text-sm">
              {runs.map((r) => (
                <li key={r.id} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 py-1">
                  <span>
                    {r.job} · {r.period}
                  </span>
                  <span className={r.status === 'failed' ? 'text-rose-800' : 'text-slate-600'}>
                    {r.status} · {format.dateTime(r.startedAt, { dateStyle: 'short', timeStyle: 'short' })}
                  </span>
                </li>
              ))}
            </ul>
            <Link href="/admin/jobs" className="mt-3 inline-block text-sm text-emerald-800 underline">
              {t('dashboard.toJobs')}
            </Link>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
