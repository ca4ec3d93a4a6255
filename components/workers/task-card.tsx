import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { TaskDto } from '@/lib/workers';
import { pageLocale } from '@/lib/i18n';
import { StatusBadge } from '@/components/ui/status-badge';

/** One task as a big tappable card (the whole card is the link). */
export async function TaskCard({ task, link = true }: { task: TaskDto; link?: boolean }) {
  const t = await getTranslations('workers');
  const locale = await pageLocale();
  const format = await getFormatter();
  const body = (
    <>
      <div className="flex items-start justify-between gap-2">
        <p className="text-lg font-semibold text-slate-900">
          {format.dateTime(task.scheduledStart, { weekday: 'short', day: 'numeric', month: 'short' })},{' '}
          {format.dateTime(task.scheduledStart, { timeStyle: 'short' })}–
          {format.dateTime(task.scheduledEnd, { timeStyle: 'short' })}
        </p>
        <span className="shrink-0">
          <StatusBadge status={task.status} label={t(`status.${task.status}`)} />
        </span>
      </div>
      <p className="mt-1 font-medium text-slate-800">{task.service[locale]}</p>
      <p className="text-slate-700">{task.address}</p>
      <p className="text-sm text-slate-500">
        {t('client')}: {task.clientFirstName} · {task.number}
        {task.planVisit !== null ? (
          <span className="ml-1 rounded bg-emerald-50 px-1.5 text-xs text-emerald-900" data-testid="plan-visit-badge">
            {t('planVisit', { n: task.planVisit })}
          </span>
        ) : null}
      </p>
    </>
  );
  return link ? (
    <Link
      href={`/worker/tasks/${task.id}`}
      className="block min-h-11 rounded-xl border border-slate-200 bg-white p-4 shadow-sm active:bg-slate-50"
      data-testid={`task-${task.number}`}
    >
      {body}
    </Link>
  ) : (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">{body}</div>
  );
}
