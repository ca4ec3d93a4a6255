import { cache } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { TaskActions } from '@/components/workers/task-actions';
import { TaskCard } from '@/components/workers/task-card';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { requireRole } from '@/lib/session';
import { getMyTask } from '@/lib/workers';
import { staffNotesForOrder } from '@/lib/clients';
import { getSettings } from '@/lib/settings';
import { StaffNotesList } from '@/components/clients/staff-notes';
import { pageLocale } from '@/lib/i18n';

// The page and its title load the same record, once per request.
const loadTask = cache(async (id: string) => {
  const actor = await requireRole('worker');
  // Another worker's task, or one taken away: the same 404 as a task that never existed.
  const db = await getDb();
  return orNotFound(id, () => getMyTask(db, actor, id));
});

export async function generateMetadata({ params }: PageProps<'/worker/tasks/[id]'>): Promise<Metadata> {
  const record = await loadTask((await params).id);
  const t = await getTranslations('workers');
  return { title: t('taskTitle', { number: record.number }) };
}

export default async function WorkerTaskPage({ params }: PageProps<'/worker/tasks/[id]'>) {
  const { id } = await params;
  const task = await loadTask(id);
  const actor = await requireRole('worker');
  const db = await getDb();
  // The company's notes about this client travel with the order to its worker (only while it is theirs).
  const [notes, settings] = await Promise.all([staffNotesForOrder(db, actor, id).catch(() => []), getSettings(db)]);
  const t = await getTranslations('workers');
  const tn = await getTranslations('clients.notes');
  const locale = await pageLocale();
  const format = await getFormatter();
  return (
    <div className="space-y-4">
      <Link href="/worker" className="inline-flex min-h-11 items-center text-emerald-800">
        ← {t('backToTasks')}
      </Link>
      <TaskCard task={task} link={false} />
      <Card title={t('scope.title')}>
        <ul className="space-y-1" data-testid="task-scope">
          {task.scope.areaM2 ? <li>{t('scope.area', { n: task.scope.areaM2 })}</li> : null}
          {task.scope.rooms ? <li>{t('scope.rooms', { n: task.scope.rooms })}</li> : null}
          {task.scope.bathrooms ? <li>{t('scope.bathrooms', { n: task.scope.bathrooms })}</li> : null}
          {task.scope.hours ? <li>{t('scope.hours', { n: task.scope.hours })}</li> : null}
          {task.scope.extras.length > 0 ? (
            <li>
              {t('scope.extras', { list: task.scope.extras.map((e) => (locale === 'en' ? e.en : e.ru)).join(', ') })}
            </li>
          ) : (
            <li className="text-slate-500">{t('scope.noExtras')}</li>
          )}
        </ul>
        <div className="mt-3 flex flex-wrap gap-2">
          <a
            href={`https://yandex.ru/maps/?text=${encodeURIComponent(task.address)}`}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-3 text-emerald-800"
            data-testid="map-link"
          >
            {t('scope.map')}
          </a>
          {task.contactPhone ? (
            <a
              href={`tel:${task.contactPhone.replace(/[^\d+]/g, '')}`}
              className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-3 text-emerald-800"
              data-testid="client-phone"
            >
              {t('scope.call', { phone: task.contactPhone })}
            </a>
          ) : task.status === 'assigned' ? (
            <p className="flex min-h-11 items-center text-sm text-slate-500">{t('scope.phoneLater')}</p>
          ) : null}
        </div>
      </Card>
      {task.accessNotes ? (
        <Card title={t('accessNotes')}>
          <p className="whitespace-pre-line" data-testid="access-notes">
            {task.accessNotes}
          </p>
        </Card>
      ) : null}
      {notes.length > 0 ? (
        <Card title={tn('onOrder')}>
          <StaffNotesList notes={notes} timeZone={settings.timeZone} />
        </Card>
      ) : null}
      {task.startedAt || task.finishedAt ? (
        <p className="text-sm text-slate-600">
          {task.startedAt ? t('startedAt', { time: format.dateTime(task.startedAt, { timeStyle: 'short' }) }) : null}
          {task.finishedAt
            ? ` · ${t('finishedAt', { time: format.dateTime(task.finishedAt, { timeStyle: 'short' }) })}`
            : null}
        </p>
      ) : null}
      <TaskActions
        orderId={task.id}
        status={task.status}
        checklist={task.checklist.map((c) => ({ code: c.code, label: locale === 'en' ? c.en : c.ru }))}
      />
    </div>
  );
}
