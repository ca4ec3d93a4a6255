import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { planStatuses, type PlanStatus } from '@/db/schema';
import { requireRole } from '@/lib/session';
import { listPlansForStaff } from '@/lib/plans';
import { one } from '@/lib/quality/shared';
import { ListFilters } from '@/components/ui/list-filters';
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
        <ListFilters
          fields={[
            { kind: 'text', name: 'q', label: t('search'), value: q },
            {
              kind: 'select',
              name: 'status',
              label: t('statusLabel'),
              value: status,
              all: t('all'),
              options: planStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
            },
            {
              kind: 'select',
              name: 'weeks',
              label: t('frequency'),
              value: weeks ? String(weeks) : undefined,
              all: t('all'),
              options: [1, 2, 4].map((w) => ({ value: String(w), label: t(`every.${w}`) })),
            },
          ]}
          apply={t('apply')}
        />
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
        <ListPager page={page} path="/admin/plans" params={sp} />
      </Card>
    </div>
  );
}
