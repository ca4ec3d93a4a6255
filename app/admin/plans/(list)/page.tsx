import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { planStatuses, type PlanStatus } from '@/db/schema';
import { requireRole } from '@/lib/session';
import { listPlansForStaff } from '@/lib/plans';
import { one, withParams } from '@/lib/quality/shared';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('plans', 'staffTitle');

// Every recurring plan, for staff: searched by client or address, filtered by status and frequency, paged.
export default async function StaffPlansPage({ searchParams }: PageProps<'/admin/plans'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const statusParam = one(sp, 'status');
  const status = (planStatuses as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as PlanStatus)
    : undefined;
  const weeksParam = Number(one(sp, 'weeks'));
  const weeks = [1, 2, 4].includes(weeksParam) ? weeksParam : undefined;
  const q = one(sp, 'q');
  const cursor = one(sp, 'cursor');
  const page = await listPlansForStaff(await getDb(), actor, { q, status, weeks, cursor });
  const t = await getTranslations('plans');
  const locale = await pageLocale();
  return (
    <div className="space-y-4">
      <PageTitle>{t('staffTitle')}</PageTitle>
      <Card>
        <form className="flex flex-wrap items-end gap-3" role="search">
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {t('search')}
            <input name="q" defaultValue={q} className="min-h-11 rounded-lg border border-slate-300 px-3 text-sm" />
          </label>
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {t('statusLabel')}
            <select
              name="status"
              defaultValue={status ?? ''}
              className="min-h-11 rounded-lg border border-slate-300 px-2 text-sm"
            >
              <option value="">{t('all')}</option>
              {planStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {t('frequency')}
            <select
              name="weeks"
              defaultValue={weeks ? String(weeks) : ''}
              className="min-h-11 rounded-lg border border-slate-300 px-2 text-sm"
            >
              <option value="">{t('all')}</option>
              {[1, 2, 4].map((w) => (
                <option key={w} value={w}>
                  {t(`every.${w}`)}
                </option>
              ))}
            </select>
          </label>
          <button className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium">
            {t('apply')}
          </button>
        </form>
      </Card>
      <Card>
        {page.items.length === 0 ? <p className="text-sm text-slate-500">{t('none')}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="staff-plans">
          {page.items.map((p) => (
            <li key={p.id} className="py-3 text-sm">
              <Link href={`/admin/plans/${p.id}`} className="font-medium text-emerald-900 underline">
                {p.clientName} · {locale === 'en' ? p.serviceEn : p.serviceRu}
              </Link>
              <p className="text-slate-600">
                {t(`every.${p.frequencyWeeks}`)}, {p.time} · {t(`status.${p.status}`)}
                {p.regularWorkerName ? ` · ${p.regularWorkerName}` : ''}
              </p>
              <p className="break-words text-slate-500">
                {p.address} · {p.clientPhone}
              </p>
            </li>
          ))}
        </ul>
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager
            total={page.total}
            capped={page.capped}
            next={page.next}
            atStart={!cursor}
            href={(c) => `/admin/plans${withParams(sp, { cursor: c ?? '' })}`}
          />
        </div>
      </Card>
    </div>
  );
}
