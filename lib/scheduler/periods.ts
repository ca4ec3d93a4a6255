import { addDays, fromWallTime, mondayOf, parseDateString, toDateString } from '@/lib/time';

// Periods are plain strings in the company time zone: a week is its Monday ('2026-11-16'), a month
// '2026-11', a day '2026-11-25'. A scheduled call works on the last CLOSED period.

export const weekPeriod = /^\d{4}-\d{2}-\d{2}$/;
export const monthPeriod = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonday(date: string): boolean {
  return weekPeriod.test(date) && mondayOf(date) === date;
}

/** Monday of the last closed Monday–Sunday week before `now`. */
export function lastClosedWeek(now: Date, timeZone: string): string {
  return addDays(mondayOf(toDateString(now, timeZone)), -7);
}

/** The last closed month before `now`, 'YYYY-MM'. */
export function lastClosedMonth(now: Date, timeZone: string): string {
  const { year, month } = parseDateString(toDateString(now, timeZone));
  const y = month === 1 ? year - 1 : year;
  const m = month === 1 ? 12 : month - 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

export function today(now: Date, timeZone: string): string {
  return toDateString(now, timeZone);
}

/** [start, end) instants of the week starting on that Monday, in the zone (DST-safe: both ends are local midnights). */
export function weekBounds(monday: string, timeZone: string): { start: Date; end: Date } {
  const a = parseDateString(monday);
  const b = parseDateString(addDays(monday, 7));
  return {
    start: fromWallTime({ ...a, hour: 0, minute: 0 }, timeZone),
    end: fromWallTime({ ...b, hour: 0, minute: 0 }, timeZone),
  };
}

/** [start, end) instants of the month 'YYYY-MM' in the zone. */
export function monthBounds(month: string, timeZone: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
  return {
    start: fromWallTime({ year: y, month: m, day: 1, hour: 0, minute: 0 }, timeZone),
    end: fromWallTime({ ...next, day: 1, hour: 0, minute: 0 }, timeZone),
  };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
