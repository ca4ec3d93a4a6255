// lib/board's client-safe face: the board's inputs, its data shapes and the pure geometry of its time axis.
// The server face (index.ts) re-exports it.
import { z } from 'zod';
import type { Grade } from '@/db/schema/workers';
import type { OrderStatus } from '@/db/schema/orders';
import type { MatchRunSummary } from '@/lib/matching/shared';

export const boardGrades = ['junior', 'standard', 'senior'] as const satisfies readonly Grade[];

/** The board's URL: view, first day shown (company date) and the lane filters. Junk falls back to defaults. */
export const boardQuery = z.object({
  view: z.enum(['day', 'week']).catch('day'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  zone: z.uuid().optional().catch(undefined),
  // An empty skill (the filter's "any") filters nothing.
  skill: z.string().trim().max(100).optional().catch(undefined),
  grade: z.enum(boardGrades).optional().catch(undefined),
  /** Part of a worker's name: the lanes show only the workers whose name contains it. */
  q: z.string().trim().max(100).optional().catch(undefined),
  /** The keyset cursor of the lanes' page (after this worker by name, then id) and of the tray's page. */
  lanes: z.string().max(500).optional().catch(undefined),
  tray: z.string().max(500).optional().catch(undefined),
});
export type BoardQuery = z.output<typeof boardQuery>;

/**
 * One move on the board: give the order to this worker (assign a pending one, reassign an assigned one) and,
 * when the block was dragged along the time axis, move it to `start` as well (the client is emailed).
 */
export const boardMoveInput = z.object({
  orderId: z.uuid(),
  workerId: z.uuid(),
  start: z.iso.datetime({ offset: true }).optional(),
  overrideReason: z.string().trim().max(500).optional(),
});
export type BoardMoveInput = z.output<typeof boardMoveInput>;

/** The menu's question: who could take this order (at this other start)? */
export const boardOptionsInput = z.object({
  orderId: z.uuid(),
  start: z.iso.datetime({ offset: true }).optional(),
});

export type BoardWorker = {
  id: string;
  name: string;
  grade: Grade;
  zoneIds: string[];
  skills: string[];
  /** When the worker works in the visible period: weekly schedule minus time off. */
  free: { start: Date; end: Date }[];
  /** Days off (company dates, inclusive) touching the visible period. */
  timeOff: { fromDate: string; toDate: string }[];
};

export type BoardBlock = {
  id: string;
  number: string;
  status: OrderStatus;
  start: Date;
  end: Date;
  workerId: string;
  serviceRu: string;
  serviceEn: string;
  clientFirstName: string;
  zoneId: string;
  zoneRu: string;
  zoneEn: string;
  /** A visit of a recurring plan. */
  plan: boolean;
  /** Assigned, not started, and more than LATE_START_MINUTES past its start. */
  late: boolean;
  /** The travel buffer to the worker's next job of the day, in minutes (none without a next job). */
  bufferAfterMinutes: number | null;
  /** The gap to that next job is shorter than the buffer. */
  tight: boolean;
};

export type TrayItem = {
  id: string;
  number: string;
  start: Date;
  end: Date;
  serviceRu: string;
  serviceEn: string;
  clientFirstName: string;
  zoneRu: string;
  zoneEn: string;
  plan: boolean;
  /** Unmatched and close to its start (flagged by the sweep, or inside the alert window). */
  urgent: boolean;
  /** Why the last sweep found nobody: rule → how many workers failed it. */
  unmatchedReasons: Record<string, number> | null;
};

export type BoardRun = MatchRunSummary;

/** Where a paged part of the board stands: how many match ("more than" past the count cap) and the next cursor. */
export type BoardPaging = { total: number; capped: boolean; next: string | null };

/** Booked jobs and their minutes on one company date, over every lane the filters match (not just this page). */
export type BoardDayTotal = { date: string; jobs: number; minutes: number };

/** How many worker lanes the board shows on one page. */
export const LANES_PER_PAGE = 40;
/** How many pending orders the tray shows on one page. */
export const TRAY_PER_PAGE = 50;

export type BoardDto = {
  view: 'day' | 'week';
  /** Company dates shown, first to last. */
  days: string[];
  /** The instant each shown day's axis begins (fromHour in the company zone). */
  dayAxisStarts: Date[];
  from: Date;
  to: Date;
  timeZone: string;
  /** The time axis of each day: bookable hours, whole hours around them. */
  axis: { fromHour: number; toHour: number };
  /** One page of lanes (by name, then id) and where it stands among every worker the filters match. */
  workers: BoardWorker[];
  lanes: BoardPaging;
  blocks: BoardBlock[];
  /** One page of the pending orders (soonest first) and how many wait in all. */
  tray: TrayItem[];
  trayPaging: BoardPaging;
  /** Per shown day, over every matching worker: jobs booked and their minutes. */
  totals: BoardDayTotal[];
  zones: { id: string; nameRu: string; nameEn: string }[];
  skills: string[];
  runs: BoardRun[];
  alertHours: number;
  /** Changes whenever an order of the period changes; the page polls it (boardVersion). */
  version: string;
};

/** No start recorded this long after the scheduled start: the block is outlined as late. */
export const LATE_START_MINUTES = 5;
/** Drags snap to this many minutes. */
export const SNAP_MINUTES = 15;

/** Pixels per minute of the time axis in each view (a day view hour is 72 px, a week view day about 170 px). */
export const pxPerMinute = (view: 'day' | 'week') => (view === 'day' ? 1.2 : 0.2);

/** Width in px of one day on the axis. */
export function dayWidth(view: 'day' | 'week', axis: { fromHour: number; toHour: number }): number {
  return (axis.toHour - axis.fromHour) * 60 * pxPerMinute(view);
}

/**
 * Where an instant falls on the board, in px from the left edge of the lanes, clamped into its day's axis.
 * `dayAxisStarts` are the instants at which each shown day's axis begins (fromHour in the company zone).
 */
export function xOf(
  at: Date,
  dayAxisStarts: readonly Date[],
  view: 'day' | 'week',
  axis: { fromHour: number; toHour: number },
): number {
  const width = dayWidth(view, axis);
  const t = at.getTime();
  let day = 0;
  for (let i = 0; i < dayAxisStarts.length; i++) if (dayAxisStarts[i].getTime() - 12 * 3_600_000 <= t) day = i;
  const minutes = (t - dayAxisStarts[day].getTime()) / 60_000;
  const inDay = Math.min(Math.max(minutes * pxPerMinute(view), 0), width);
  return day * width + inDay;
}

/**
 * The start an order lands on when its block's left edge is dragged to `x` px: the day under x, the minute
 * within that day's axis, snapped to SNAP_MINUTES.
 */
export function startAtX(
  x: number,
  dayAxisStarts: readonly Date[],
  view: 'day' | 'week',
  axis: { fromHour: number; toHour: number },
): Date {
  const width = dayWidth(view, axis);
  const day = Math.min(Math.max(Math.floor(x / width), 0), dayAxisStarts.length - 1);
  const inDay = Math.min(Math.max(x - day * width, 0), width);
  const minutes = Math.round(inDay / pxPerMinute(view) / SNAP_MINUTES) * SNAP_MINUTES;
  return new Date(dayAxisStarts[day].getTime() + minutes * 60_000);
}
