import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db';
import { assertStaff, type Actor } from '@/lib/actor';
import { getSettings } from '@/lib/settings';
import { addDays, fromWallTime, parseDateString, toDateString, toWallTime } from '@/lib/time';
import { checkEligibility } from './eligibility';
import { loadMatchingData } from './load';
import { loadOrder, toMatchOrder } from './manage';

export type FreeSlot = {
  start: Date;
  end: Date;
  /** The slot as the company's wall clock says it (what a form takes back). */
  date: string;
  time: string;
  /** How many active workers could take a job like this one then. */
  freeWorkers: number;
};

const STEP_MINUTES = 30;
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (s: string) => {
  const [h, m] = s.split(':').map(Number);
  return h * 60 + m;
};

/**
 * Slots for a job like this order (its client, service, zone and length) in which at least one active
 * worker is eligible, soonest first: from the first day that starts `leadHours` after now, for `days`
 * days. On each day the order's own time of day is tried first (a client keeps their habit), then every
 * half hour of the bookable hours whose end still fits. One load of the matching data covers every
 * candidate (a fixed number of queries), and eligibility is the dispatcher's own rule.
 */
export async function findFreeSlots(
  db: Db,
  actor: Actor,
  orderId: string,
  opts: { now?: Date; days?: number; limit?: number; leadHours?: number } = {},
): Promise<FreeSlot[]> {
  assertStaff(actor);
  const now = opts.now ?? new Date();
  const { timeZone, bookableHours } = await getSettings(db);
  const base = toMatchOrder(await loadOrder(db, orderId));
  const length = base.end.getTime() - base.start.getTime();
  const lengthMinutes = Math.ceil(length / 60_000);
  const own = toWallTime(base.start, timeZone);
  const ownMinutes = own.hour * 60 + own.minute;
  const earliest = now.getTime() + (opts.leadHours ?? 12) * 3_600_000;
  const open = minutesOf(bookableHours.from);
  const latest = minutesOf(bookableHours.to) - lengthMinutes;

  const candidates: (FreeSlot & { id: string })[] = [];
  const today = toDateString(now, timeZone);
  for (let d = 0; d <= (opts.days ?? 14); d++) {
    const date = addDays(today, d);
    const { year, month, day } = parseDateString(date);
    const times = [ownMinutes];
    for (let m = open; m <= latest; m += STEP_MINUTES) if (m !== ownMinutes) times.push(m);
    for (const m of times) {
      if (m < open || m > latest) continue;
      const start = fromWallTime({ year, month, day, hour: Math.floor(m / 60), minute: m % 60 }, timeZone);
      if (start.getTime() < earliest) continue;
      candidates.push({
        id: randomUUID(),
        start,
        end: new Date(start.getTime() + length),
        date,
        time: hhmm(m),
        freeWorkers: 0,
      });
    }
  }
  if (candidates.length === 0) return [];
  const data = await loadMatchingData(
    db,
    candidates.map((c) => ({ ...base, id: c.id, start: c.start, end: c.end })),
    now,
  );
  const found: FreeSlot[] = [];
  for (const c of candidates) {
    const order = { ...base, id: c.id, start: c.start, end: c.end };
    // The client's blocks apply to the new job as to any of theirs.
    const freeWorkers = data.workers.filter(
      (w) => checkEligibility(order, w, data.facts(c.id, w.id), data.rules).ok,
    ).length;
    if (freeWorkers > 0) found.push({ start: c.start, end: c.end, date: c.date, time: c.time, freeWorkers });
    if (found.length >= (opts.limit ?? 5)) break;
  }
  return found;
}
