import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listAudit } from '@/lib/audit';
import { dayStart, one, uuidParam, withParams } from '@/lib/quality/shared';
import { getSettings } from '@/lib/settings';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'audit.title');

const control = 'min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-sm';

export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  const actor = await requireRole('admin');
  const sp = await searchParams;
  const db = await getDb();
  const { timeZone } = await getSettings(db);
  const before = Number(one(sp, 'before'));
  const filter = {
    entity: one(sp, 'entity')?.slice(0, 50),
    action: one(sp, 'action')?.slice(0, 80),
    entityId: one(sp, 'entityId')?.slice(0, 80),
    actorId: uuidParam(sp, 'actorId'),
    from: dayStart(one(sp, 'from'), timeZone),
    to: dayStart(one(sp, 'to'), timeZone, 1),
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
  const { entries, nextBefore } = await listAudit(db, actor, filter);
  const t = await getTranslations('quality');
  const format = await getFormatter();
  return (
    <div className="space-y-4">
      <PageTitle>{t('audit.title')}</PageTitle>
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-2" role="search">
          {(
            [
              ['entity', t('audit.entity')],
              ['action', t('audit.action')],
              ['entityId', t('audit.entityId')],
            ] as const
          ).map(([name, label]) => (
            <label key={name} className="flex flex-col gap-1 text-xs text-slate-600">
              {label}
              <input name={name} defaultValue={one(sp, name)} className={control} />
            </label>
          ))}
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {t('filters.from')}
            <input type="date" name="from" defaultValue={one(sp, 'from')} className={control} />
          </label>
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {t('filters.to')}
            <input type="date" name="to" defaultValue={one(sp, 'to')} className={control} />
          </label>
          {filter.actorId ? <input type="hidden" name="actorId" value={filter.actorId} /> : null}
          <button className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium">
            {t('filters.apply')}
          </button>
        </form>
      </Card>
      <Card>
        {entries.length === 0 ? <p className="text-slate-500">{t('audit.empty')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="audit-entries">
          {entries.map((e) => (
            <li key={e.id} className="py-2">
              <p>
                <span className="font-medium">{e.action}</span> ·{' '}
                {format.dateTime(e.at, { dateStyle: 'medium', timeStyle: 'medium', timeZone })} ·{' '}
                {e.actorId ? (
                  <Link
                    className="text-emerald-800 underline"
                    href={`/admin/audit${withParams(sp, { actorId: e.actorId, before: undefined })}`}
                  >
                    {e.actorName}
                  </Link>
                ) : (
                  t('order.system')
                )}
                {' · '}
                <Link
                  className="text-emerald-800 underline"
                  href={`/admin/audit${withParams({}, { entity: e.entity, entityId: e.entityId ?? undefined })}`}
                >
                  {e.entity}
                  {e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}
                </Link>
              </p>
              {e.before || e.after ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-slate-500">{t('audit.changes')}</summary>
                  <div className="grid gap-2 sm:grid-cols-2">
                    <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                      {e.before ? JSON.stringify(e.before, null, 2) : '—'}
                    </pre>
                    <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                      {e.after ? JSON.stringify(e.after, null, 2) : '—'}
                    </pre>
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        {nextBefore ? (
          <Link
            className="mt-3 inline-block text-sm text-emerald-800 underline"
            href={`/admin/audit${withParams(sp, { before: String(nextBefore) })}`}
          >
            {t('audit.older')}
          </Link>
        ) : null}
      </Card>
    </div>
  );
}
