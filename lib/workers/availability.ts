// Pure availability arithmetic: a weekly schedule in the company time zone minus whole days off, as
// absolute instants. No database here, so matching, the worker portal and the tests share one definition.
import { addDays, fromWallTime, parseDateString, toDateString, toWallTime } from '@/lib/time';

export type Interval = { start: Date; end: Date };
/** Weekday 1 (Monday) … 7 (Sunday); times are 'HH:mm' wall times; `to` ≤ `from` runs past midnight. */
export type WeeklySlot = { weekday: number; from: string; to: string };
/** Whole days in the company zone, both inclusive, 'YYYY-MM-DD'. */
export type DaysOff = { fromDate: string; toDate: string };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseHhMm(value: string): { hour: number; minute: number } {
  const m = HHMM.exec(value);
  if (!m) throw new RangeError(`Not a HH:mm time: ${value}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export function isHhMm(value: string): boolean {
  return HHMM.test(value);
}

/** Minutes a slot lasts on an ordinary day (no DST change): 20:00-02:00 is 360, 00:00-00:00 is 1440. */
export function slotMinutes(slot: Pick<WeeklySlot, 'from' | 'to'>): number {
  const f = parseHhMm(slot.from);
  const t = parseHhMm(slot.to);
  const diff = t.hour * 60 + t.minute - (f.hour * 60 + f.minute);
  return diff > 0 ? diff : diff + 24 * 60;
}

function weekdayOfDate(date: string): number {
  const { year, month, day } = parseDateString(date);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

function atWall(date: string, hhmm: string, timeZone: string): Date {
  return fromWallTime({ ...parseDateString(date), ...parseHhMm(hhmm) }, timeZone);
}

/** The instant a company-zone day starts (midnight, or the first valid instant after a DST gap). */
export function startOfDate(date: string, timeZone: string): Date {
  return fromWallTime({ ...parseDateString(date), hour: 0, minute: 0 }, timeZone);
}

/** Sorts and joins overlapping or touching intervals; drops empty ones. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) {
      if (i.end > last.end) last.end = i.end;
    } else out.push({ start: new Date(i.start), end: new Date(i.end) });
  }
  return out;
}

/** `from` minus every interval in `cut`. Both may be unsorted. */
export function subtractIntervals(from: Interval[], cut: Interval[]): Interval[] {
  const cuts = mergeIntervals(cut);
  const out: Interval[] = [];
  for (const i of mergeIntervals(from)) {
    let start = i.start;
    for (const c of cuts) {
      if (c.end <= start || c.start >= i.end) continue;
      if (c.start > start) out.push({ start, end: c.start });
      if (c.end > start) start = c.end;
      if (start >= i.end) break;
    }
    if (start < i.end) out.push({ start, end: i.end });
  }
  return out;
}

/**
 * Free intervals of one worker inside [from, to): every weekly slot laid on the calendar days of the
 * company zone (each occurrence computed from its own wall times, so a DST change shortens or lengthens
 * that day's slot by the hour it really does), minus days off, clipped and merged.
 */
export function freeIntervals(
  schedule: WeeklySlot[],
  daysOff: DaysOff[],
  from: Date,
  to: Date,
  timeZone: string,
): Interval[] {
  if (to <= from || schedule.length === 0) return [];
  // A slot that starts the day before `from` may run past midnight into the range.
  const firstDate = addDays(toDateString(from, timeZone), -1);
  const lastDate = toDateString(to, timeZone);
  const slots: Interval[] = [];
  for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
    const weekday = weekdayOfDate(date);
    for (const slot of schedule) {
      if (slot.weekday !== weekday) continue;
      const start = atWall(date, slot.from, timeZone);
      const end = atWall(slot.to > slot.from ? date : addDays(date, 1), slot.to, timeZone);
      slots.push({ start, end });
    }
  }
  const off = daysOff.map((d) => ({
    start: startOfDate(d.fromDate, timeZone),
    end: startOfDate(addDays(d.toDate, 1), timeZone),
  }));
  const clip = { start: from, end: to };
  return subtractIntervals(slots, off)
    .map((i) => ({ start: i.start < clip.start ? clip.start : i.start, end: i.end > clip.end ? clip.end : i.end }))
    .filter((i) => i.end > i.start);
}

/** True when [start, end) lies wholly inside one free interval. */
export function covers(intervals: Interval[], start: Date, end: Date): boolean {
  return mergeIntervals(intervals).some((i) => i.start <= start && i.end >= end);
}

/** Wall time 'HH:mm' of an instant in the zone (for display and for checks). */
export function wallHhMm(instant: Date, timeZone: string): string {
  const w = toWallTime(instant, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** Validates a weekly schedule: known weekdays, HH:mm times, no empty slots, no overlaps in a week. */
export function scheduleProblems(schedule: WeeklySlot[]): string[] {
  const problems: string[] = [];
  const weekMinutes: [number, number][] = [];
  for (const [i, s] of schedule.entries()) {
    if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7) problems.push(`${i}:weekday`);
    else if (!isHhMm(s.from) || !isHhMm(s.to)) problems.push(`${i}:time`);
    else {
      const f = parseHhMm(s.from);
      const start = (s.weekday - 1) * 1440 + f.hour * 60 + f.minute;
      weekMinutes.push([start, start + slotMinutes(s)]);
    }
  }
  // Overlap check on a week that wraps: Sunday 22:00-02:00 touches Monday morning.
  const spans = weekMinutes
    .flatMap(([a, b]) =>
      b > 7 * 1440
        ? [
            [a, 7 * 1440],
            [0, b - 7 * 1440],
          ]
        : [[a, b]],
    )
    .sort((x, y) => x[0] - y[0]);
  for (let k = 1; k < spans.length; k++) if (spans[k][0] < spans[k - 1][1]) problems.push('overlap');
  return [...new Set(problems)];
}
