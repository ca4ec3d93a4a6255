import 'server-only';
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, workerProfiles, workerSchedules, workerSkills, workerTimeOff, workerZones } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { DomainError, notFound, validationFailed } from '@/lib/errors';
import { getSettings } from '@/lib/settings';
import { toDateString } from '@/lib/time';
import { covers, freeIntervals, scheduleProblems, type DaysOff, type Interval, type WeeklySlot } from './availability';

export type TimeOffDto = { id: string; fromDate: string; toDate: string; reason: string };
export type ScheduleDto = { slots: WeeklySlot[]; timeOff: TimeOffDto[]; timeZone: string };

/** Staff may touch any worker; a worker only themselves (anyone else's id reads as not found). */
export function assertWorkerAccess(actor: Actor, workerId: string): void {
  if (actor.role === 'manager' || actor.role === 'admin') return;
  if (actor.role === 'worker' && actor.id === workerId) return;
  throw notFound('errors.notFound');
}

async function loadSlots(db: Db, workerIds: string[]): Promise<Map<string, WeeklySlot[]>> {
  const rows = workerIds.length
    ? await db
        .select({
          workerId: workerSchedules.workerId,
          weekday: workerSchedules.weekday,
          from: workerSchedules.fromTime,
          to: workerSchedules.toTime,
        })
        .from(workerSchedules)
        .where(inArray(workerSchedules.workerId, workerIds))
        .orderBy(asc(workerSchedules.weekday), asc(workerSchedules.fromTime))
    : [];
  const map = new Map<string, WeeklySlot[]>();
  for (const r of rows)
    map.set(r.workerId, [...(map.get(r.workerId) ?? []), { weekday: r.weekday, from: r.from, to: r.to }]);
  return map;
}

async function loadDaysOff(
  db: Db,
  workerIds: string[],
  fromDate?: string,
  toDate?: string,
): Promise<Map<string, (DaysOff & { id: string; reason: string })[]>> {
  const conds = [inArray(workerTimeOff.workerId, workerIds)];
  if (fromDate) conds.push(gte(workerTimeOff.toDate, fromDate));
  if (toDate) conds.push(lte(workerTimeOff.fromDate, toDate));
  const rows = workerIds.length
    ? await db
        .select({
          id: workerTimeOff.id,
          workerId: workerTimeOff.workerId,
          fromDate: workerTimeOff.fromDate,
          toDate: workerTimeOff.toDate,
          reason: workerTimeOff.reason,
        })
        .from(workerTimeOff)
        .where(and(...conds))
        .orderBy(asc(workerTimeOff.fromDate))
    : [];
  const map = new Map<string, (DaysOff & { id: string; reason: string })[]>();
  for (const r of rows)
    map.set(r.workerId, [
      ...(map.get(r.workerId) ?? []),
      { id: r.id, fromDate: r.fromDate, toDate: r.toDate, reason: r.reason },
    ]);
  return map;
}

/** Each worker's skills and the zones they serve (matching and the schedule board read both for many workers). */
export async function skillsAndZonesOf(
  db: Db,
  workerIds: string[],
): Promise<{ skills: Map<string, string[]>; zones: Map<string, string[]> }> {
  const [skillRows, zoneRows] = workerIds.length
    ? await Promise.all([
        db
          .select({ workerId: workerSkills.workerId, value: workerSkills.skill })
          .from(workerSkills)
          .where(inArray(workerSkills.workerId, workerIds)),
        db
          .select({ workerId: workerZones.workerId, value: workerZones.zoneId })
          .from(workerZones)
          .where(inArray(workerZones.workerId, workerIds)),
      ])
    : [[], []];
  const byWorker = (rows: { workerId: string; value: string }[]) => {
    const map = new Map<string, string[]>();
    for (const r of rows) {
      const list = map.get(r.workerId);
      if (list) list.push(r.value);
      else map.set(r.workerId, [r.value]);
    }
    return map;
  };
  return { skills: byWorker(skillRows), zones: byWorker(zoneRows) };
}

/** Each worker's days off overlapping [fromDate, toDate] (company dates, both ends inclusive), for staff views. */
export async function timeOffBetween(
  db: Db,
  workerIds: string[],
  fromDate: string,
  toDate: string,
): Promise<Map<string, DaysOff[]>> {
  const days = await loadDaysOff(db, workerIds, fromDate, toDate);
  return new Map([...days].map(([id, list]) => [id, list.map((d) => ({ fromDate: d.fromDate, toDate: d.toDate }))]));
}

/**
 * Free intervals of each worker in [from, to): weekly schedule minus time off, as absolute instants
 * (company time zone, DST-safe). Inactive or unknown workers get an empty list. Assigned orders are not
 * subtracted here: the double-booking constraint and matching handle those.
 */
export async function getAvailability(
  db: Db,
  workerIds: string[],
  from: Date,
  to: Date,
): Promise<Map<string, Interval[]>> {
  const result = new Map<string, Interval[]>(workerIds.map((id) => [id, []]));
  if (workerIds.length === 0 || to <= from) return result;
  const { timeZone } = await getSettings(db);
  const active = await db
    .select({ id: workerProfiles.userId })
    .from(workerProfiles)
    .where(and(inArray(workerProfiles.userId, workerIds), eq(workerProfiles.active, true)));
  const ids = active.map((a) => a.id);
  const [slots, daysOff] = await Promise.all([loadSlots(db, ids), loadDaysOff(db, ids)]);
  for (const id of ids) result.set(id, freeIntervals(slots.get(id) ?? [], daysOff.get(id) ?? [], from, to, timeZone));
  return result;
}

export async function getSchedule(db: Db, actor: Actor, workerId: string): Promise<ScheduleDto> {
  assertWorkerAccess(actor, workerId);
  const { timeZone } = await getSettings(db);
  const [slots, daysOff] = await Promise.all([loadSlots(db, [workerId]), loadDaysOff(db, [workerId])]);
  return {
    slots: slots.get(workerId) ?? [],
    timeOff: (daysOff.get(workerId) ?? []).map((d) => ({
      id: d.id,
      fromDate: d.fromDate,
      toDate: d.toDate,
      reason: d.reason,
    })),
    timeZone,
  };
}

type Conflict = { id: string; number: string; scheduledStart: Date };

/**
 * Assigned orders (not yet started, still ahead) that fit the current availability but would not fit
 * the proposed one. Orders already outside it (a manager's manual assignment) are not the worker's change.
 */
async function newlyUncovered(
  tx: Db,
  workerId: string,
  timeZone: string,
  before: { slots: WeeklySlot[]; daysOff: DaysOff[] },
  after: { slots: WeeklySlot[]; daysOff: DaysOff[] },
): Promise<Conflict[]> {
  const now = new Date();
  const assigned = await tx
    .select({ id: orders.id, number: orders.number, start: orders.scheduledStart, end: orders.scheduledEnd })
    .from(orders)
    .where(and(eq(orders.workerId, workerId), eq(orders.status, 'assigned'), gte(orders.scheduledEnd, now)))
    .orderBy(asc(orders.scheduledStart));
  const out: Conflict[] = [];
  for (const o of assigned) {
    const fitsNow = covers(freeIntervals(before.slots, before.daysOff, o.start, o.end, timeZone), o.start, o.end);
    const fitsAfter = covers(freeIntervals(after.slots, after.daysOff, o.start, o.end, timeZone), o.start, o.end);
    if (fitsNow && !fitsAfter) out.push({ id: o.id, number: o.number, scheduledStart: o.start });
  }
  return out;
}

function conflictError(conflicts: Conflict[]): DomainError {
  // The order numbers travel in `fields.orders` so the form can list them.
  return new DomainError('conflict', 'workers.errors.ordersOutside', {
    orders: conflicts.map((c) => c.number).join(', '),
  });
}

/** Locks the worker's profile row so two schedule edits (or an edit and a match) do not interleave. */
async function lockWorker(tx: Db, workerId: string): Promise<void> {
  const [row] = await tx
    .select({ id: workerProfiles.userId })
    .from(workerProfiles)
    .where(eq(workerProfiles.userId, workerId))
    .for('update');
  if (!row) throw notFound('errors.notFound');
}

/** Replaces the weekly schedule. Refused (conflict, with the order numbers) when it strands an assigned order. */
export async function setWeeklySchedule(db: Db, actor: Actor, workerId: string, slots: WeeklySlot[]): Promise<void> {
  assertWorkerAccess(actor, workerId);
  const problems = scheduleProblems(slots);
  if (problems.length)
    throw validationFailed(
      { slots: problems.includes('overlap') ? 'workers.errors.overlap' : 'workers.errors.badSlot' },
      'workers.errors.badSchedule',
    );
  const { timeZone } = await getSettings(db);
  await db.transaction(async (tx) => {
    await lockWorker(tx, workerId);
    const before = {
      slots: (await loadSlots(tx, [workerId])).get(workerId) ?? [],
      daysOff: (await loadDaysOff(tx, [workerId])).get(workerId) ?? [],
    };
    const conflicts = await newlyUncovered(tx, workerId, timeZone, before, { slots, daysOff: before.daysOff });
    if (conflicts.length) throw conflictError(conflicts);
    await tx.delete(workerSchedules).where(eq(workerSchedules.workerId, workerId));
    if (slots.length)
      await tx
        .insert(workerSchedules)
        .values(slots.map((s) => ({ workerId, weekday: s.weekday, fromTime: s.from, toTime: s.to })));
  });
}

export async function addTimeOff(
  db: Db,
  actor: Actor,
  workerId: string,
  input: { fromDate: string; toDate: string; reason: string },
  now = new Date(),
): Promise<TimeOffDto> {
  assertWorkerAccess(actor, workerId);
  if (input.toDate < input.fromDate) throw validationFailed({ toDate: 'workers.errors.dateOrder' });
  const { timeZone } = await getSettings(db);
  // Time off is planned ahead: a range starting before today (in the company zone) changes nothing real.
  if (input.fromDate < toDateString(now, timeZone)) throw validationFailed({ fromDate: 'workers.errors.pastDate' });
  return db.transaction(async (tx) => {
    await lockWorker(tx, workerId);
    const before = {
      slots: (await loadSlots(tx, [workerId])).get(workerId) ?? [],
      daysOff: (await loadDaysOff(tx, [workerId])).get(workerId) ?? [],
    };
    const conflicts = await newlyUncovered(tx, workerId, timeZone, before, {
      slots: before.slots,
      daysOff: [...before.daysOff, input],
    });
    if (conflicts.length) throw conflictError(conflicts);
    const [row] = await tx
      .insert(workerTimeOff)
      .values({ workerId, fromDate: input.fromDate, toDate: input.toDate, reason: input.reason })
      .returning({
        id: workerTimeOff.id,
        fromDate: workerTimeOff.fromDate,
        toDate: workerTimeOff.toDate,
        reason: workerTimeOff.reason,
      });
    return row;
  });
}

/** Removing time off only adds availability, so it never strands an order. */
export async function removeTimeOff(db: Db, actor: Actor, workerId: string, timeOffId: string): Promise<void> {
  assertWorkerAccess(actor, workerId);
  const deleted = await db
    .delete(workerTimeOff)
    .where(and(eq(workerTimeOff.id, timeOffId), eq(workerTimeOff.workerId, workerId)))
    .returning({ id: workerTimeOff.id });
  if (deleted.length === 0) throw notFound('errors.notFound');
}

/** Time off overlapping [fromDate, toDate] for several workers (admin views, matching explanations). */
export async function listTimeOff(
  db: Db,
  workerIds: string[],
  fromDate: string,
  toDate: string,
): Promise<Map<string, TimeOffDto[]>> {
  const m = await loadDaysOff(db, workerIds, fromDate, toDate);
  return new Map(
    [...m].map(([k, v]) => [k, v.map((d) => ({ id: d.id, fromDate: d.fromDate, toDate: d.toDate, reason: d.reason }))]),
  );
}
