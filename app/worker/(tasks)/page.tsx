import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { TaskCard } from '@/components/workers/task-card';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { earningsThisMonth, listMyTasks, taskTabs, workerReadiness, type TaskTab } from '@/lib/workers';
import { ListPager } from '@/components/ui/pager';
import { one } from '@/lib/quality/shared';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('workers', 'tasksTitle');

export default async function WorkerTasksPage({ searchParams }: PageProps<'/worker'>) {
  const actor = await requireRole('worker');
  const sp = await searchParams;
  const tab: TaskTab = (taskTabs as readonly string[]).includes(String(sp.tab)) ? (sp.tab as TaskTab) : 'active';
  const db = await getDb();
  const [tasks, earnings, readiness] = await Promise.all([
    listMyTasks(db, actor, { tab, cursor: one(sp, 'cursor') }),
    earningsThisMonth(db, actor),
    workerReadiness(db, actor, [actor.id]),
  ]);
  const ready = readiness.get(actor.id);
  const t = await getTranslations('workers');
  const locale = await pageLocale();
  const format = await getFormatter();
  const list = tasks.list.items;
  return (
    <div className="space-y-5">
      <PageTitle>{t('tasksTitle')}</PageTitle>
      {ready && !ready.ready ? (
        // A new worker gets no task until matching knows what, where and when they work.
        <section
          aria-labelledby="setup-h"
          className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
          data-testid="worker-setup"
        >
          <h2 id="setup-h" className="text-base font-semibold">
            {t('setup.title')}
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {!ready.hours ? (
              <li>
                <Link className="underline" href="/worker/availability">
                  {t('setup.hours')}
                </Link>
              </li>
            ) : null}
            {!ready.skills ? <li>{t('setup.skills')}</li> : null}
            {!ready.zones ? <li>{t('setup.zones')}</li> : null}
          </ul>
        </section>
      ) : null}
      {sp.declined === '1' ? (
        <p
          role="status"
          className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="declined-notice"
        >
          {t('declined')}
        </p>
      ) : null}
      <section aria-labelledby="today-h" className="space-y-3">
        <h2 id="today-h" className="text-lg font-semibold">
          {t('today')}
        </h2>
        {tasks.today.length === 0 ? <p className="text-slate-500">{t('noTasksToday')}</p> : null}
        {tasks.today.map((task) => (
          <TaskCard key={task.id} task={task} />
        ))}
      </section>

      <Card title={t('earningsTitle')}>
        <p className="text-2xl font-semibold" data-testid="earnings-month">
          {earnings.orders === 0 ? '—' : formatMoney(earnings.total, earnings.currency, locale)}
        </p>
        <p className="text-sm text-slate-500">
          {t('earningsHint', { count: earnings.orders })}
          {earnings.unpriced > 0 ? ` ${t('earningsUnpriced', { count: earnings.unpriced })}` : ''}
        </p>
      </Card>

      <nav aria-label={t('tabsLabel')} className="grid grid-cols-3 gap-1 rounded-xl bg-slate-100 p-1">
        {taskTabs.map((key) => (
          <Link
            key={key}
            href={key === 'active' ? '/worker' : `/worker?tab=${key}`}
            aria-current={tab === key ? 'page' : undefined}
            className="flex min-h-12 items-center justify-center rounded-lg text-sm font-medium text-slate-600 aria-[current=page]:bg-white aria-[current=page]:text-emerald-800 aria-[current=page]:shadow-sm"
          >
            {t(`tab.${key}`)}
          </Link>
        ))}
      </nav>
      <section className="space-y-3">
        {list.length === 0 && (tab !== 'cancelled' || tasks.released.length === 0) ? (
          <p className="text-slate-500">{t('noTasks')}</p>
        ) : null}
        {list.map((task) => (
          <TaskCard key={task.id} task={task} />
        ))}
        {tasks.list.next || one(sp, 'cursor') ? <ListPager page={tasks.list} path="/worker" params={sp} /> : null}
        {tab === 'cancelled'
          ? tasks.released.map((r) => (
              <div
                key={`${r.orderId}-${r.at.toISOString()}`}
                className="rounded-xl border border-dashed border-slate-300 bg-white p-4"
                data-testid={`released-${r.number}`}
              >
                <p className="font-medium">
                  {format.dateTime(r.scheduledStart, {
                    weekday: 'short',
                    day: 'numeric',
                    month: 'short',
                    hour: '2-digit',
                    minute: '2-digit',
                  })}{' '}
                  · {r.service[locale]}
                </p>
                <p className="text-slate-700">{r.address}</p>
                <p className="text-sm text-slate-500">
                  {t(`released.${r.kind}`)} · {format.dateTime(r.at, { dateStyle: 'short', timeStyle: 'short' })} ·{' '}
                  {r.number}
                </p>
              </div>
            ))
          : null}
      </section>
    </div>
  );
}
