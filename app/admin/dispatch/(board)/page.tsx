import Link from 'next/link';
import { connection } from 'next/server';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { RunDispatchButton } from '@/components/matching/run-dispatch-button';
import { ScheduleBoard } from '@/components/board/schedule-board';
import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { boardQuery, getBoard, type BoardQuery } from '@/lib/board';
import { addDays } from '@/lib/time';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('board', 'title');

const selectClass =
  'block min-h-11 rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-emerald-600 focus:outline-none';

/** The board's URL with some of its parameters changed (empty ones left out). */
function href(query: BoardQuery, change: Partial<BoardQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(next)) if (v) params.set(k, String(v));
  return `/admin/dispatch?${params}`;
}

export default async function DispatchBoardPage({ searchParams }: PageProps<'/admin/dispatch'>) {
  await connection();
  const actor = await requireRole('manager', 'admin');
  const query = boardQuery.parse(await searchParams);
  const now = new Date();
  const board = await getBoard(await getDb(), actor, query, now);
  const t = await getTranslations('board');
  const tm = await getTranslations('matching');
  const format = await getFormatter();
  const ru = (await pageLocale()) === 'ru';
  const first = board.days[0];
  const step = board.view === 'week' ? 7 : 1;
  const title =
    board.view === 'day'
      ? format.dateTime(board.dayAxisStarts[0], { dateStyle: 'full', timeZone: board.timeZone })
      : format.dateTimeRange(board.dayAxisStarts[0], board.dayAxisStarts[6], {
          dateStyle: 'medium',
          timeZone: board.timeZone,
        });
  // Another day or week starts the tray from its first page; the lanes keep their page.
  const current = { ...query, date: first, tray: undefined };
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <Link href="/admin/bookings/new" className={buttonClass('secondary')}>
              {t('phoneBooking')}
            </Link>
            <RunDispatchButton />
          </div>
        }
      >
        {t('title')}
      </PageTitle>
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label={t('title')} className="flex flex-wrap items-center gap-2">
          <Link
            href={href(current, { view: 'day' })}
            aria-current={board.view === 'day' ? 'page' : undefined}
            className={buttonClass(board.view === 'day' ? 'primary' : 'secondary')}
          >
            {t('day')}
          </Link>
          <Link
            href={href(current, { view: 'week' })}
            aria-current={board.view === 'week' ? 'page' : undefined}
            className={buttonClass(board.view === 'week' ? 'primary' : 'secondary')}
          >
            {t('week')}
          </Link>
          <Link href={href(current, { date: addDays(first, -step) })} className={buttonClass('ghost')}>
            ← {t('previous')}
          </Link>
          <Link href={href(current, { date: undefined })} className={buttonClass('ghost')}>
            {t('today')}
          </Link>
          <Link href={href(current, { date: addDays(first, step) })} className={buttonClass('ghost')}>
            {t('next')} →
          </Link>
        </nav>
        <p className="font-medium text-slate-800" data-testid="board-period">
          {title}
        </p>
      </div>
      <form method="get" action="/admin/dispatch" className="flex flex-wrap items-end gap-2" aria-label={t('filters')}>
        <input type="hidden" name="view" value={board.view} />
        <input type="hidden" name="date" value={first} />
        <label className="text-sm font-medium text-slate-800">
          {t('zone')}
          <select name="zone" defaultValue={query.zone ?? ''} className={selectClass}>
            <option value="">{t('any')}</option>
            {board.zones.map((z) => (
              <option key={z.id} value={z.id}>
                {ru ? z.nameRu : z.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t('skill')}
          <select name="skill" defaultValue={query.skill ?? ''} className={selectClass}>
            <option value="">{t('any')}</option>
            {board.skills.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t('grade')}
          <select name="grade" defaultValue={query.grade ?? ''} className={selectClass}>
            <option value="">{t('any')}</option>
            {(['junior', 'standard', 'senior'] as const).map((g) => (
              <option key={g} value={g}>
                {tm(`grades.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t('search')}
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ''}
            maxLength={100}
            className={selectClass}
            placeholder={t('searchHint')}
          />
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          {t('apply')}
        </button>
      </form>
      {/* Phones: the period's totals as a line; wider screens have them in the board's corner and day headers. */}
      <p className="text-sm text-slate-700 md:hidden" data-testid="board-totals">
        {t('periodTotals', {
          jobs: board.totals.reduce((n, d) => n + d.jobs, 0),
          hours: format.number(board.totals.reduce((n, d) => n + d.minutes, 0) / 60, { maximumFractionDigits: 1 }),
          workers: board.lanes.total,
        })}
      </p>
      <ScheduleBoard
        board={board}
        now={now}
        trayFoot={
          <Pager
            {...board.trayPaging}
            atStart={!query.tray}
            href={(c) => href(query, { tray: c ?? undefined })}
            label={t('trayPages')}
          />
        }
        lanesFoot={
          <Pager
            {...board.lanes}
            atStart={!query.lanes}
            href={(c) => href(query, { lanes: c ?? undefined })}
            label={t('lanePages')}
          />
        }
      />
      <section aria-labelledby="runs-title" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="runs-title" className="mb-2 font-semibold text-slate-900">
          {t('lastRuns')}
        </h2>
        {board.runs.length ? (
          <ul className="space-y-1 text-sm text-slate-700" data-testid="board-runs">
            {board.runs.map((r) => (
              <li key={r.id}>
                {format.dateTime(r.startedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: board.timeZone })} ·{' '}
                {tm(`trigger.${r.trigger}`)} ·{' '}
                {tm('runResult', {
                  matched: r.matched,
                  considered: r.considered,
                  unmatched: r.unmatched,
                  conflicts: r.conflicts,
                  moved: r.moved,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t('noRuns')}</p>
        )}
      </section>
    </div>
  );
}
