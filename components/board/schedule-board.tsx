'use client';
import { useEffect, useOptimistic, useRef, useState, useTransition, type ReactNode } from 'react';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import {
  DndContext,
  DragOverlay,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { boardMoveAction } from '@/app/admin/dispatch/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField, useErrorText } from '@/components/ui/field';
import { StatusBadge, statusToneClass } from '@/components/ui/status-badge';
import {
  dayWidth,
  pxPerMinute,
  startAtX,
  xOf,
  type BoardBlock,
  type BoardDto,
  type BoardWorker,
  type TrayItem,
} from '@/lib/board/shared';
import { addDays, fromWallTime, parseDateString } from '@/lib/time';
import { BoardDialog } from './board-dialog';
import { BoardMenu } from './board-menu';
import { applyMove, type BoardMove, type MenuTarget } from './moves';

const LANE_HEIGHT = 64;
/** A drag that moves a block less than this sideways is a reassignment, not a move in time. */
const TIME_DEAD_ZONE_PX = 24;
const POLL_MS = 4000;

type DragData = { kind: 'tray' | 'block'; orderId: string; number: string; start: Date; workerId: string | null };
type Notice = { tone: 'error' | 'success'; text: string };

/**
 * The schedule board: lanes of workers across the hours of a day or a week, their jobs as blocks, and the
 * tray of pending orders. Drag and drop (mouse or touch) and each block's menu (keyboard) make the same
 * moves, saved by the board's server action; the board shows them at once and rolls back when refused.
 * Other people's changes arrive by polling the period's version. Lanes and tray are one page each of their
 * lists; the pagers under them move through the rest.
 */
export function ScheduleBoard({
  board,
  now,
  trayFoot,
  lanesFoot,
}: {
  board: BoardDto;
  now: Date;
  /** The pagers of the tray's and the lanes' pages (server-rendered links that keep the board's URL). */
  trayFoot?: ReactNode;
  lanesFoot?: ReactNode;
}) {
  const t = useTranslations('board');
  const ru = useLocale() === 'ru';
  const format = useFormatter();
  const errorText = useErrorText();
  const router = useRouter();
  const [view, applyOptimistic] = useOptimistic(board, applyMove);
  const [, startSaving] = useTransition();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [override, setOverride] = useState<{ move: BoardMove; reasons: string } | null>(null);
  const [dragging, setDragging] = useState<DragData | null>(null);
  const lastDrag = useRef(0);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
  );

  // Live: another manager, a worker or the dispatcher changed something in this period → fetch the board again.
  const version = board.version;
  const period = `from=${encodeURIComponent(board.from.toISOString())}&to=${encodeURIComponent(board.to.toISOString())}`;
  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.hidden) return;
      try {
        const res = await fetch(`/api/dispatch/version?${period}`, { cache: 'no-store' });
        if (!res.ok) return;
        const body = (await res.json()) as { version?: string };
        if (body.version && body.version !== version) router.refresh();
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [period, version, router]);

  const time = (d: Date) => format.dateTime(d, { timeStyle: 'short', timeZone: board.timeZone });
  const when = (d: Date) =>
    board.view === 'day'
      ? time(d)
      : format.dateTime(d, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: board.timeZone });
  const nameOf = (workerId: string) => board.workers.find((w) => w.id === workerId)?.name ?? '';

  const save = (move: BoardMove) => {
    setNotice(undefined);
    setSaving(true);
    startSaving(async () => {
      applyOptimistic(move);
      const r = await boardMoveAction({
        orderId: move.orderId,
        workerId: move.workerId,
        start: move.start?.toISOString(),
        overrideReason: move.overrideReason,
      });
      setSaving(false);
      if (!r.ok) {
        if (r.fields.overrideReason) {
          setOverride({ move, reasons: '' });
          return;
        }
        setNotice({ tone: 'error', text: errorText(r.message, r.values) ?? '' });
        return;
      }
      const name = move.workerName || nameOf(move.workerId);
      setNotice({
        tone: 'success',
        text: r.data?.moved
          ? t('moved', { number: move.number, time: when(move.start!), name })
          : board.blocks.some((b) => b.id === move.orderId)
            ? t('reassigned', { number: move.number, name })
            : t('assigned', { number: move.number, name }),
      });
    });
  };

  const onDragStart = (e: DragStartEvent) => setDragging((e.active.data.current as DragData) ?? null);
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    lastDrag.current = Date.now();
    const data = e.active.data.current as DragData | undefined;
    const lane = e.over?.data.current as { workerId: string; name: string } | undefined;
    if (!data || !lane) return;
    const move: BoardMove = {
      orderId: data.orderId,
      number: data.number,
      workerId: lane.workerId,
      workerName: lane.name,
    };
    if (data.kind === 'block' && Math.abs(e.delta.x) >= TIME_DEAD_ZONE_PX) {
      const x = xOf(data.start, board.dayAxisStarts, board.view, board.axis) + e.delta.x;
      const start = startAtX(x, board.dayAxisStarts, board.view, board.axis);
      if (start.getTime() !== data.start.getTime()) move.start = start;
    }
    if (data.kind === 'block' && lane.workerId === data.workerId && !move.start) return;
    save(move);
  };
  const openMenu = (target: MenuTarget) => {
    // The click that ends a drag is not a request for the menu.
    if (Date.now() - lastDrag.current < 300) return;
    setMenu(target);
  };

  const width = dayWidth(board.view, board.axis) * board.days.length;
  // The tray's total as the server counted it, less the items assigned here since (shown before the refresh).
  const waiting = board.trayPaging.total - (board.tray.length - view.tray.length);
  const blocksOf = (workerId: string) => view.blocks.filter((b) => b.workerId === workerId);

  return (
    <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd}>
      <div className="space-y-3">
        <p className="text-sm text-slate-600">{t('dragHint')}</p>
        <div aria-live="polite" className="min-h-0">
          {saving ? <p className="text-sm text-slate-500">{t('saving')}</p> : null}
          <FormMessage message={notice?.text} tone={notice?.tone} />
        </div>
        {/* Phones get a list; tablets and wider the board. */}
        <div className="md:hidden">
          <BoardList
            view={view}
            waiting={waiting}
            now={now}
            when={when}
            onMenu={openMenu}
            trayFoot={trayFoot}
            lanesFoot={lanesFoot}
          />
        </div>
        <div className="hidden gap-4 md:flex">
          <Tray items={view.tray} waiting={waiting} now={now} when={when} onMenu={openMenu} foot={trayFoot} />
          <div
            className="min-w-0 flex-1 overflow-x-auto rounded-xl border border-slate-200 bg-white"
            role="region"
            aria-label={t('workers')}
            tabIndex={0}
          >
            <div style={{ width: width + 160 }}>
              <AxisHeader board={board} width={width} />
              {view.workers.length === 0 ? (
                <p className="p-4 text-slate-500">{t('noWorkers')}</p>
              ) : (
                view.workers.map((w) => (
                  <Lane key={w.id} worker={w} board={board} width={width}>
                    {blocksOf(w.id).map((b) => (
                      <Block key={b.id} block={b} board={board} ru={ru} when={when} onMenu={openMenu} />
                    ))}
                  </Lane>
                ))
              )}
            </div>
            <div className="sticky left-0 w-fit max-w-full px-3 pb-2">{lanesFoot}</div>
          </div>
        </div>
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div className="rounded-md bg-sky-100 px-2 py-1 text-xs font-medium text-sky-900 shadow-lg ring-1 ring-sky-300">
            {dragging.number}
          </div>
        ) : null}
      </DragOverlay>
      {menu ? (
        <BoardMenu
          target={menu}
          timeZone={board.timeZone}
          onClose={() => setMenu(null)}
          onMove={(move) => {
            setMenu(null);
            save(move);
          }}
        />
      ) : null}
      {override ? (
        <OverrideDialog
          move={override.move}
          onCancel={() => setOverride(null)}
          onConfirm={(reason) => {
            const move = { ...override.move, overrideReason: reason };
            setOverride(null);
            save(move);
          }}
        />
      ) : null}
    </DndContext>
  );
}

/** Hours across the top: one band per shown day. */
function AxisHeader({ board, width }: { board: BoardDto; width: number }) {
  const t = useTranslations('board');
  const format = useFormatter();
  const day = dayWidth(board.view, board.axis);
  const hours = Array.from({ length: board.axis.toHour - board.axis.fromHour }, (_, i) => board.axis.fromHour + i);
  const step = board.view === 'day' ? 1 : 4;
  return (
    <div className="flex border-b border-slate-200 text-xs text-slate-500">
      <div className="sticky left-0 z-10 w-40 shrink-0 border-r border-slate-200 bg-white px-2 py-1 font-medium text-slate-700">
        {t('dayTotal', {
          jobs: board.totals.reduce((n, d) => n + d.jobs, 0),
          hours: format.number(board.totals.reduce((n, d) => n + d.minutes, 0) / 60, { maximumFractionDigits: 1 }),
        })}
      </div>
      <div className="relative h-10" style={{ width }}>
        {board.days.map((d, i) => (
          <div
            key={d}
            className="absolute top-0 h-full border-l border-slate-200"
            style={{ left: i * day, width: day }}
          >
            <p className="truncate px-1 font-medium text-slate-700" data-testid={`day-total-${d}`}>
              {board.view === 'week'
                ? `${format.dateTime(board.dayAxisStarts[i], { weekday: 'short', day: 'numeric', timeZone: board.timeZone })} · `
                : ''}
              {t('dayTotal', {
                jobs: board.totals[i]?.jobs ?? 0,
                hours: format.number((board.totals[i]?.minutes ?? 0) / 60, { maximumFractionDigits: 1 }),
              })}
            </p>
            {hours
              .filter((h) => (h - board.axis.fromHour) % step === 0)
              .map((h) => (
                <span
                  key={h}
                  aria-hidden="true"
                  className="absolute bottom-0 px-0.5"
                  style={{ left: (h - board.axis.fromHour) * 60 * pxPerMinute(board.view) }}
                >
                  {String(h).padStart(2, '0')}
                </span>
              ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Inclusive company-date ranges to the shown days' indexes. */
function offDays(board: BoardDto, worker: BoardWorker): number[] {
  return board.days.flatMap((d, i) => (worker.timeOff.some((o) => o.fromDate <= d && d <= o.toDate) ? [i] : []));
}

function Lane({
  worker,
  board,
  width,
  children,
}: {
  worker: BoardWorker;
  board: BoardDto;
  width: number;
  children: ReactNode;
}) {
  const t = useTranslations('board');
  const tm = useTranslations('matching');
  const { setNodeRef, isOver } = useDroppable({
    id: `lane:${worker.id}`,
    data: { workerId: worker.id, name: worker.name },
  });
  const day = dayWidth(board.view, board.axis);
  const axisEnd = (i: number) =>
    fromWallTime({ ...parseDateString(addDays(board.days[i], 0)), hour: board.axis.toHour, minute: 0 }, board.timeZone);
  // Free time drawn white over a shaded lane; only the parts inside each day's axis.
  const free = worker.free.flatMap((f) =>
    board.dayAxisStarts.flatMap((axisStart, i) => {
      const from = Math.max(f.start.getTime(), axisStart.getTime());
      const to = Math.min(f.end.getTime(), axisEnd(i).getTime());
      if (to <= from) return [];
      const left = i * day + ((from - axisStart.getTime()) / 60_000) * pxPerMinute(board.view);
      return [{ key: `${i}-${from}`, left, width: ((to - from) / 60_000) * pxPerMinute(board.view) }];
    }),
  );
  return (
    <div className="flex border-b border-slate-100" data-testid={`lane-${worker.name}`}>
      <div className="sticky left-0 z-10 w-40 shrink-0 border-r border-slate-200 bg-white px-2 py-1">
        <p className="truncate text-sm font-medium text-slate-900">{worker.name}</p>
        <p className="truncate text-xs text-slate-500">{tm(`grades.${worker.grade}`)}</p>
      </div>
      <div
        ref={setNodeRef}
        className={`relative bg-[repeating-linear-gradient(135deg,#f1f5f9_0,#f1f5f9_6px,#e2e8f0_6px,#e2e8f0_8px)] ${isOver ? 'ring-2 ring-emerald-500 ring-inset' : ''}`}
        style={{ width, height: LANE_HEIGHT }}
        title={t('offSchedule')}
      >
        {free.map((f) => (
          <div key={f.key} className="absolute inset-y-0 bg-white" style={{ left: f.left, width: f.width }} />
        ))}
        {offDays(board, worker).map((i) => (
          <div
            key={`off-${i}`}
            className="absolute inset-y-0 flex items-start bg-amber-50/70 px-1 text-[10px] text-amber-900"
            style={{ left: i * day, width: day }}
          >
            {t('timeOff')}
          </div>
        ))}
        {board.days.map((d, i) => (
          <div key={d} className="absolute inset-y-0 border-l border-slate-200" style={{ left: i * day }} />
        ))}
        {children}
      </div>
    </div>
  );
}

function Block({
  block,
  board,
  ru,
  when,
  onMenu,
}: {
  block: BoardBlock;
  board: BoardDto;
  ru: boolean;
  when: (d: Date) => string;
  onMenu: (target: MenuTarget) => void;
}) {
  const t = useTranslations('board');
  const tm = useTranslations('matching');
  const movable = block.status === 'assigned';
  const data: DragData = {
    kind: 'block',
    orderId: block.id,
    number: block.number,
    start: block.start,
    workerId: block.workerId,
  };
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `order:${block.id}`, data, disabled: !movable });
  const left = xOf(block.start, board.dayAxisStarts, board.view, board.axis);
  const right = xOf(block.end, board.dayAxisStarts, board.view, board.axis);
  const width = Math.max(right - left, 10);
  const service = ru ? block.serviceRu : block.serviceEn;
  const zone = ru ? block.zoneRu : block.zoneEn;
  const status = tm(`orderStatus.${block.status}`);
  const buffer = block.bufferAfterMinutes ? block.bufferAfterMinutes * pxPerMinute(board.view) : 0;
  return (
    <>
      {buffer ? (
        <div
          className={`absolute top-1 bottom-1 border-y border-r border-dashed ${block.tight ? 'border-rose-400 bg-rose-100/70' : 'border-slate-400 bg-slate-200/60'}`}
          style={{ left: left + width, width: buffer }}
          title={
            block.tight
              ? t('tight', { minutes: block.bufferAfterMinutes! })
              : t('buffer', { minutes: block.bufferAfterMinutes! })
          }
          aria-hidden="true"
        />
      ) : null}
      <button
        ref={setNodeRef}
        type="button"
        {...listeners}
        data-testid={`block-${block.number}`}
        data-worker={block.workerId}
        data-late={block.late || undefined}
        onClick={() =>
          onMenu({ orderId: block.id, number: block.number, start: block.start, workerId: block.workerId })
        }
        className={`absolute top-1 bottom-1 overflow-hidden rounded-md px-1 text-left text-[11px] leading-tight ring-1 ring-inset ${statusToneClass(block.status)} ${block.late ? 'outline-2 outline-offset-1 outline-rose-600' : ''} ${isDragging ? 'opacity-40' : ''} ${movable ? 'cursor-grab touch-none' : 'cursor-pointer'} focus-visible:outline-2 focus-visible:outline-emerald-600`}
        style={{ left, width }}
      >
        <span className="block truncate font-semibold">
          {block.plan ? <span aria-hidden="true">↻ </span> : null}
          {when(block.start)} {service}
        </span>
        <span className="block truncate">
          {block.clientFirstName} · {zone}
        </span>
        {block.late ? <span className="block truncate font-semibold text-rose-700">{t('late')}</span> : null}
        <span className="sr-only">
          {`, ${block.number}, ${status}${block.plan ? `, ${t('plan')}` : ''}. ${t('actions', { number: block.number })}`}
        </span>
      </button>
    </>
  );
}

function TrayCard({
  item,
  now,
  when,
  onMenu,
  draggable,
}: {
  item: TrayItem;
  now: Date;
  when: (d: Date) => string;
  onMenu: (target: MenuTarget) => void;
  draggable: boolean;
}) {
  const t = useTranslations('board');
  const tm = useTranslations('matching');
  const ru = useLocale() === 'ru';
  const format = useFormatter();
  const data: DragData = { kind: 'tray', orderId: item.id, number: item.number, start: item.start, workerId: null };
  const { setNodeRef, listeners, isDragging } = useDraggable({
    // The phone list's copy of the item is never dragged; its own id keeps the tray's registration intact.
    id: `${draggable ? 'order' : 'list'}:${item.id}`,
    data,
    disabled: !draggable,
  });
  const reasons = item.unmatchedReasons
    ? Object.keys(item.unmatchedReasons)
        .map((r) => tm(`reasons.${r}`))
        .join(', ')
    : '';
  return (
    <li>
      <button
        ref={draggable ? setNodeRef : undefined}
        type="button"
        {...(draggable ? listeners : {})}
        data-testid={`tray-${item.number}`}
        onClick={() => onMenu({ orderId: item.id, number: item.number, start: item.start, workerId: null })}
        className={`w-full rounded-lg border px-2 py-1.5 text-left text-sm ${item.urgent ? 'border-rose-300 bg-rose-50' : 'border-amber-200 bg-amber-50'} ${isDragging ? 'opacity-40' : ''} ${draggable ? 'cursor-grab touch-none' : ''} focus-visible:outline-2 focus-visible:outline-emerald-600`}
      >
        <span className="block font-medium text-slate-900">
          {item.plan ? <span aria-hidden="true">↻ </span> : null}
          {item.number} · {when(item.start)}
        </span>
        <span className="block text-xs text-slate-700">
          {ru ? item.serviceRu : item.serviceEn} · {item.clientFirstName} · {ru ? item.zoneRu : item.zoneEn}
        </span>
        <span className={`block text-xs ${item.urgent ? 'font-semibold text-rose-800' : 'text-slate-600'}`}>
          {item.start > now ? format.relativeTime(item.start, now) : t('started')}
          {item.urgent ? ` · ${t('urgent')}` : ''}
        </span>
        {reasons ? <span className="block text-xs text-slate-600">{t('unmatchedWhy', { reasons })}</span> : null}
        <span className="sr-only">{`${item.plan ? `${t('plan')}. ` : ''}${t('actions', { number: item.number })}`}</span>
      </button>
    </li>
  );
}

function Tray({
  items,
  waiting,
  now,
  when,
  onMenu,
  foot,
}: {
  items: TrayItem[];
  waiting: number;
  now: Date;
  when: (d: Date) => string;
  onMenu: (target: MenuTarget) => void;
  foot: ReactNode;
}) {
  const t = useTranslations('board');
  return (
    <section aria-labelledby="tray-title" className="w-60 shrink-0" data-testid="tray">
      <h2 id="tray-title" className="mb-2 font-semibold text-slate-900">
        {t('tray')} ({waiting})
      </h2>
      {items.length ? (
        <ul className="max-h-[70vh] space-y-2 overflow-y-auto pr-1">
          {items.map((o) => (
            <TrayCard key={o.id} item={o} now={now} when={when} onMenu={onMenu} draggable />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">{t('trayEmpty')}</p>
      )}
      <div className="mt-2">{foot}</div>
    </section>
  );
}

/** The phone's board: the tray, then each worker's jobs as a list; every item opens the same menu. */
function BoardList({
  view,
  waiting,
  now,
  when,
  onMenu,
  trayFoot,
  lanesFoot,
}: {
  view: BoardDto;
  waiting: number;
  now: Date;
  when: (d: Date) => string;
  onMenu: (target: MenuTarget) => void;
  trayFoot: ReactNode;
  lanesFoot: ReactNode;
}) {
  const t = useTranslations('board');
  const tm = useTranslations('matching');
  const ru = useLocale() === 'ru';
  return (
    <div className="space-y-4" data-testid="board-list">
      <section aria-labelledby="tray-list-title">
        <h2 id="tray-list-title" className="mb-2 font-semibold text-slate-900">
          {t('tray')} ({waiting})
        </h2>
        {view.tray.length ? (
          <ul className="space-y-2">
            {view.tray.map((o) => (
              <TrayCard key={o.id} item={o} now={now} when={when} onMenu={onMenu} draggable={false} />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t('trayEmpty')}</p>
        )}
        <div className="mt-2">{trayFoot}</div>
      </section>
      <section aria-labelledby="jobs-list-title">
        <h2 id="jobs-list-title" className="mb-2 font-semibold text-slate-900">
          {t('listView')}
        </h2>
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {view.workers.map((w) => {
            const jobs = view.blocks.filter((b) => b.workerId === w.id);
            return (
              <li key={w.id} className="p-3">
                <p className="font-medium text-slate-900">{w.name}</p>
                {jobs.length ? (
                  <ul className="mt-1 space-y-1">
                    {jobs.map((b) => (
                      <li key={b.id}>
                        <button
                          type="button"
                          className="flex min-h-11 w-full flex-wrap items-center gap-x-2 text-left text-sm"
                          onClick={() => onMenu({ orderId: b.id, number: b.number, start: b.start, workerId: w.id })}
                        >
                          <span className="font-medium">{when(b.start)}</span>
                          <span className="break-words">
                            {ru ? b.serviceRu : b.serviceEn} · {b.clientFirstName}
                          </span>
                          <StatusBadge status={b.status} label={tm(`orderStatus.${b.status}`)} />
                          {b.late ? <span className="text-xs font-semibold text-rose-700">{t('late')}</span> : null}
                          <span className="sr-only">{`${b.number}. ${t('actions', { number: b.number })}`}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-500">{t('noJobs')}</p>
                )}
              </li>
            );
          })}
        </ul>
        <div className="mt-2">{lanesFoot}</div>
      </section>
    </div>
  );
}

/** A drop on a worker who fails an overridable rule: the manager writes why, or gives up (nothing moved). */
function OverrideDialog({
  move,
  onCancel,
  onConfirm,
}: {
  move: BoardMove;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const t = useTranslations('board');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <BoardDialog labelledBy="override-title" onClose={onCancel}>
      <h2 id="override-title" className="mb-2 font-semibold text-slate-900">
        {t('overrideReason')}
      </h2>
      <form
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 3) return setError('matching.errors.reasonRequired');
          onConfirm(reason.trim());
        }}
      >
        <TextField
          ref={input}
          label={`${move.number} → ${move.workerName}`}
          value={reason}
          error={error}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit">{t('overrideConfirm')}</Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </div>
      </form>
    </BoardDialog>
  );
}
