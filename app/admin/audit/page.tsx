import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listAudit } from '@/lib/audit';
import { one, withParams } from '@/lib/quality/shared';
import { ListFilters } from '@/components/ui/list-filters';
import { ListPager } from '@/components/ui/pager';
import { auditFilterFrom } from './filter';
import { getSettings } from '@/lib/settings';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'audit.title');

export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  const actor = await requireRole('admin');
  const sp = await searchParams;
  const db = await getDb();
  const { timeZone } = await getSettings(db);
  const filter = auditFilterFrom(sp, timeZone);
  const page = await listAudit(db, actor, filter);
  const entries = page.items;
  const t = await getTranslations('quality');
  const format = await getFormatter();
  return (
    <div className="space-y-4">
      <PageTitle>{t('audit.title')}</PageTitle>
      <Card>
        <ListFilters
          fields={[
            { kind: 'text', name: 'entity', label: t('audit.entity'), value: one(sp, 'entity') },
            { kind: 'text', name: 'action', label: t('audit.action'), value: one(sp, 'action') },
            { kind: 'text', name: 'entityId', label: t('audit.entityId'), value: one(sp, 'entityId') },
            { kind: 'date', name: 'from', label: t('filters.from'), value: one(sp, 'from') },
            { kind: 'date', name: 'to', label: t('filters.to'), value: one(sp, 'to') },
          ]}
          hidden={{ actorId: filter.actorId }}
          pageSize={filter.limit}
        />
      </Card>
      <Card>
        {entries.length === 0 ? <p className="text-slate-500">{t('audit.empty')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="audit-entries">
          {entries.map((e) => (
            <li key={e.id} className="py-2" data-entry={e.id}>
              <p>
                <span className="font-medium">{e.action}</span> ·{' '}
                {format.dateTime(e.at, { dateStyle: 'medium', timeStyle: 'medium', timeZone })} ·{' '}
                {e.actorId ? (
                  <Link
                    className="text-emerald-800 underline"
                    href={`/admin/audit${withParams(sp, { actorId: e.actorId, cursor: '' })}`}
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
        <ListPager page={page} path="/admin/audit" params={sp} exportPath="/admin/audit/export" />
      </Card>
    </div>
  );
}
