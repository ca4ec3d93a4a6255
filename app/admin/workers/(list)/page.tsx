import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { getDb } from '@/db';
import { gradeEnum, type Grade } from '@/db/schema/workers';
import { requireRole } from '@/lib/session';
import { ListFilters } from '@/components/ui/list-filters';
import { listZones } from '@/lib/settings';
import { listSkillCodes, listWorkersPage, workerReadiness } from '@/lib/workers';
import { ListPager } from '@/components/ui/pager';
import { pageLocale, titleFrom } from '@/lib/i18n';
import { skillNames } from '@/lib/catalog';

export const generateMetadata = titleFrom('workers', 'admin.title');

const str = (v: string | string[] | undefined) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 100) : undefined);

export default async function AdminWorkersPage({ searchParams }: PageProps<'/admin/workers'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const locale = await pageLocale();
  const db = await getDb();
  const [zones, skills] = await Promise.all([listZones(db, locale), listSkillCodes(db)]);
  const q = str(sp.q);
  const skill = skills.includes(str(sp.skill) ?? '') ? str(sp.skill) : undefined;
  const zoneId = zones.some((z) => z.id === sp.zone) ? (sp.zone as string) : undefined;
  const grade = (gradeEnum.enumValues as readonly string[]).includes(str(sp.grade) ?? '')
    ? (sp.grade as Grade)
    : undefined;
  const active = sp.active === 'yes' ? true : sp.active === 'no' ? false : undefined;
  const cursor = str(sp.cursor);
  const page = await listWorkersPage(db, actor, { q, skill, zoneId, grade, active, cursor });
  const workers = page.items;
  const readiness = await workerReadiness(
    db,
    actor,
    workers.map((w) => w.id),
  );
  const missing = (id: string) => {
    const r = readiness.get(id);
    if (!r || r.ready) return null;
    const parts = (['skills', 'zones', 'hours'] as const).filter((k) => !r[k]).map((k) => t(`setup.missing_${k}`));
    return t('setup.notReady', { missing: parts.join(', ') });
  };
  const t = await getTranslations('workers');
  const names = await skillNames(db);
  const skillLabel = (code: string) => names.get(code)?.[locale] ?? code;
  const zoneName = new Map(zones.map((z) => [z.id, z.name]));
  return (
    <div className="space-y-6">
      <PageTitle
        actions={
          actor.role === 'admin' ? (
            <Link href="/admin/users" className={buttonClass('secondary')}>
              {t('admin.invite')}
            </Link>
          ) : null
        }
      >
        {t('admin.title')}
      </PageTitle>
      <Card>
        <div className="mb-4">
          <ListFilters
            fields={[
              { kind: 'text', name: 'q', label: t('admin.search'), value: q, wide: true },
              {
                kind: 'select',
                name: 'skill',
                label: t('admin.skill'),
                value: skill,
                all: t('admin.allSkills'),
                options: skills.map((s) => ({ value: s, label: skillLabel(s) })),
              },
              {
                kind: 'select',
                name: 'zone',
                label: t('admin.zone'),
                value: zoneId,
                all: t('admin.allZones'),
                options: zones.map((z) => ({ value: z.id, label: z.name })),
              },
              {
                kind: 'select',
                name: 'grade',
                label: t('admin.grade'),
                value: grade,
                all: t('admin.allGrades'),
                options: gradeEnum.enumValues.map((g) => ({ value: g, label: t(`grades.${g}`) })),
              },
              {
                kind: 'select',
                name: 'active',
                label: t('admin.activeFilter'),
                value: active === undefined ? undefined : active ? 'yes' : 'no',
                all: t('admin.allStates'),
                options: [
                  { value: 'yes', label: t('admin.active') },
                  { value: 'no', label: t('admin.inactive') },
                ],
              },
            ]}
            apply={t('admin.filter')}
          />
        </div>
        {workers.length === 0 ? <p className="text-slate-500">{t('admin.none')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {workers.map((w) => (
            <li key={w.id} data-testid={`worker-${w.email}`}>
              <Link
                href={`/admin/workers/${w.id}`}
                className="flex min-h-11 flex-wrap items-center justify-between gap-2 py-3 hover:bg-slate-50"
              >
                <div>
                  <p className="font-medium">
                    {w.name}{' '}
                    {!w.active ? (
                      <span className="ml-1 rounded bg-slate-200 px-1.5 text-xs">{t('admin.inactive')}</span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-500">
                    {w.email} · {w.phone ?? '—'} · {t(`grades.${w.grade}`)}
                  </p>
                  <p className="text-xs text-slate-500">
                    {w.skills.map(skillLabel).join(', ')} · {w.zoneIds.map((z) => zoneName.get(z) ?? '?').join(', ')}
                  </p>
                  {missing(w.id) ? (
                    <p className="text-xs font-medium text-amber-800" data-testid="worker-not-ready">
                      {missing(w.id)}
                    </p>
                  ) : null}
                </div>
                <span className="text-sm text-slate-500">{t('admin.hoursTarget', { hours: w.weeklyHoursTarget })}</span>
              </Link>
            </li>
          ))}
        </ul>
        <ListPager page={page} path="/admin/workers" params={sp} />
      </Card>
    </div>
  );
}
