// Company-time-zone arithmetic with Intl only (no tz library): the time zone is a setting.

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

const partsFormatter = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatter.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatter.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a time zone. */
export function toWallTime(instant: Date, timeZone: string): WallTime & { second: number; weekday: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const wall = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
  // ISO weekday: Monday 1 … Sunday 7.
  const weekday = ((new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() + 6) % 7) + 1;
  return { ...wall, weekday };
}

/** Offset of the zone from UTC at an instant, in minutes. */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const w = toWallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the zone's clocks show this wall time. In a DST gap the wall time does not
 * exist and we move forward by the gap; in an overlap we take the earlier instant.
 */
export function fromWallTime(wall: WallTime, timeZone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const key = `${timeZone}|${naive}`;
  let instant = wallTimeCache.get(key);
  if (instant === undefined) {
    // Offsets a day either side cover any transition near this wall time.
    const before = zoneOffsetMinutes(new Date(naive - 86_400_000), timeZone);
    const after = zoneOffsetMinutes(new Date(naive + 86_400_000), timeZone);
    const candidates = [...new Set([naive - before * 60_000, naive - after * 60_000])].sort((a, b) => a - b);
    instant =
      candidates.find((c) => naive - zoneOffsetMinutes(new Date(c), timeZone) * 60_000 === c) ??
      naive - before * 60_000;
    if (wallTimeCache.size >= WALL_TIME_CACHE_SIZE) wallTimeCache.clear();
    wallTimeCache.set(key, instant);
  }
  return new Date(instant);
}

/**
 * fromWallTime is pure and costs a few Intl calls; availability asks it the same few wall times (each
 * schedule edge on each day) for every worker, so answers are remembered, a bounded number of them.
 */
const wallTimeCache = new Map<string, number>();
const WALL_TIME_CACHE_SIZE = 10_000;

/** 'YYYY-MM-DD' of an instant in the zone. */
export function toDateString(instant: Date, timeZone: string): string {
  const w = toWallTime(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function parseDateString(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Start of the zone's day containing the instant, as an instant. */
export function startOfZonedDay(instant: Date, timeZone: string): Date {
  const w = toWallTime(instant, timeZone);
  return fromWallTime({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 }, timeZone);
}

/** Adds whole calendar days to a date string (no time zone involved). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDateString(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return d.toISOString().slice(0, 10);
}

/** Monday (date string) of the ISO week containing the date string. */
export function mondayOf(date: string): string {
  const { year, month, day } = parseDateString(date);
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}
