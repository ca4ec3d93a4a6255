import 'server-only';
import { and, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientBlockedWorkers, orderEvents, orderFeedback, orders, workerProfiles, zones } from '@/db/schema';
import { personEnabled, personName } from '@/lib/auth';
import { preferredWorkersOf } from '@/lib/clients';
import { getSettings, type Settings } from '@/lib/settings';
import { getAvailability, skillsAndZonesOf } from '@/lib/workers';
import { addDays, mondayOf, toDateString } from '@/lib/time';
import type { EligibilityFacts } from './eligibility';
import type { PlanInput } from './plan';
import type { BusyJob, MatchOrder, MatchWorker, WorkerStats, ZonePoint } from './types';

/** Ratings and outcomes older than this no longer describe the worker. */
const HISTORY_DAYS = 180;
const DAY_MS = 86_400_000;

export type MatchingData = Omit<PlanInput, 'orders'> & { settings: Settings };

/**
 * Everything the pure planner needs about the active workers for these orders, in a fixed number of
 * queries whatever the batch size (the full sweep reads 1,000 orders × 1,000 workers this way).
 */
export async function loadMatchingData(
  db: Db,
  batch: readonly MatchOrder[],
  now: Date,
  opts: { workerIds?: string[] } = {},
): Promise<MatchingData> {
  const settings = await getSettings(db);
  const tz = settings.timeZone;
  const dayCache = new Map<number, string>();
  const dayOf = (at: Date) => {
    const t = at.getTime();
    let key = dayCache.get(t);
    if (key === undefined) dayCache.set(t, (key = toDateString(at, tz)));
    return key;
  };
  const weekCache = new Map<number, string>();
  const weekOf = (at: Date) => {
    const t = at.getTime();
    let key = weekCache.get(t);
    if (key === undefined) {
      key = mondayOf(dayOf(at));
      weekCache.set(t, key);
    }
    return key;
  };

  const profiles = await db
    .select({
      id: workerProfiles.userId,
      name: personName(workerProfiles.userId),
      grade: workerProfiles.grade,
      homeZoneId: workerProfiles.homeZoneId,
      target: workerProfiles.weeklyHoursTarget,
    })
    .from(workerProfiles)
    .where(
      and(
        eq(workerProfiles.active, true),
        personEnabled(workerProfiles.userId),
        opts.workerIds ? inArray(workerProfiles.userId, opts.workerIds) : undefined,
      ),
    );
  const ids = profiles.map((p) => p.id);

  const starts = batch.map((o) => o.start.getTime());
  const ends = batch.map((o) => o.end.getTime());
  const first = batch.length ? new Date(Math.min(...starts)) : now;
  const last = batch.length ? new Date(Math.max(...ends)) : now;
  // Whole company weeks around the batch, for the workload term; a day more either side for neighbours.
  const from = new Date(
    Math.min(new Date(`${mondayOf(toDateString(first, tz))}T00:00:00Z`).getTime(), first.getTime()) - 2 * DAY_MS,
  );
  const to = new Date(
    Math.max(new Date(`${addDays(mondayOf(toDateString(last, tz)), 7)}T00:00:00Z`).getTime(), last.getTime()) +
      2 * DAY_MS,
  );
  const historyFrom = new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
  const orderIds = batch.map((o) => o.id);
  const clientIds = [...new Set(batch.map((o) => o.clientId))];

  const [{ skills, zones: served }, availability, jobs, declines, blocks, preferredOf, ratings, outcomes, zoneList] =
    await Promise.all([
      skillsAndZonesOf(db, ids),
      // Availability only has to cover the orders themselves (lib/workers computes it per day and per worker).
      getAvailability(db, ids, new Date(first.getTime() - DAY_MS), new Date(last.getTime() + DAY_MS)),
      ids.length
        ? db
            .select({
              orderId: orders.id,
              workerId: orders.workerId,
              start: orders.scheduledStart,
              end: orders.scheduledEnd,
              zoneId: orders.zoneId,
              status: orders.status,
            })
            .from(orders)
            .where(
              and(
                inArray(orders.status, ['assigned', 'in_progress', 'completed']),
                gt(orders.scheduledEnd, from),
                lt(orders.scheduledStart, to),
                // A manual assignment reads one worker: their jobs, not the whole company's.
                opts.workerIds ? inArray(orders.workerId, ids) : undefined,
              ),
            )
        : [],
      orderIds.length
        ? db
            .select({ orderId: orderEvents.orderId, workerId: orderEvents.actorId })
            .from(orderEvents)
            .where(and(eq(orderEvents.kind, 'decline'), inArray(orderEvents.orderId, orderIds)))
        : [],
      clientIds.length
        ? db
            .select({ clientId: clientBlockedWorkers.clientId, workerId: clientBlockedWorkers.workerId })
            .from(clientBlockedWorkers)
            .where(inArray(clientBlockedWorkers.clientId, clientIds))
        : [],
      preferredWorkersOf(db, clientIds),
      db
        .select({ workerId: orderFeedback.workerId, clientId: orderFeedback.clientId, rating: orderFeedback.rating })
        .from(orderFeedback)
        .where(
          and(
            gte(orderFeedback.createdAt, historyFrom),
            opts.workerIds ? inArray(orderFeedback.workerId, ids) : undefined,
          ),
        ),
      db
        .select({ workerId: orders.workerId, status: orders.status })
        .from(orders)
        .where(
          and(
            inArray(orders.status, ['completed', 'failed']),
            gte(orders.scheduledStart, historyFrom),
            opts.workerIds ? inArray(orders.workerId, ids) : undefined,
          ),
        ),
      db.select({ id: zones.id, lat: zones.lat, lng: zones.lng }).from(zones),
    ]);

  const group = <T, V>(rows: readonly T[], key: (r: T) => string | null, value: (r: T) => V) => {
    const map = new Map<string, V[]>();
    for (const r of rows) {
      const k = key(r);
      if (k === null) continue;
      const list = map.get(k);
      if (list) list.push(value(r));
      else map.set(k, [value(r)]);
    }
    return map;
  };
  const busy = group(
    jobs.filter((j) => j.status !== 'completed'),
    (j) => j.workerId,
    (j): BusyJob => ({ orderId: j.orderId, start: j.start, end: j.end, zoneId: j.zoneId }),
  );
  // Hours per worker and company week; nested maps, because the planner asks once per (order, worker) pair.
  const hours = new Map<string, Map<string, number>>();
  for (const j of jobs) {
    if (!j.workerId) continue;
    const week = weekOf(j.start);
    let perWeek = hours.get(j.workerId);
    if (!perWeek) hours.set(j.workerId, (perWeek = new Map()));
    perWeek.set(week, (perWeek.get(week) ?? 0) + (j.end.getTime() - j.start.getTime()) / 3_600_000);
  }

  const workers: MatchWorker[] = profiles.map((p) => ({
    id: p.id,
    name: p.name,
    active: true,
    grade: p.grade,
    skills: new Set(skills.get(p.id) ?? []),
    zoneIds: new Set(served.get(p.id) ?? []),
    homeZoneId: p.homeZoneId,
    weeklyHoursTarget: p.target,
    availability: availability.get(p.id) ?? [],
    timeOff: [],
    busy: busy.get(p.id) ?? [],
  }));

  const declinedBy = group(
    declines,
    (d) => d.orderId,
    (d) => d.workerId,
  );
  const blockedFor = group(
    blocks,
    (b) => b.clientId,
    (b) => b.workerId,
  );
  const clientOf = new Map(batch.map((o) => [o.id, o.clientId]));
  const none: EligibilityFacts = { declined: false, blocked: false };
  const facts = (orderId: string, workerId: string): EligibilityFacts => {
    const declined = declinedBy.get(orderId)?.includes(workerId) ?? false;
    const blocked = blockedFor.get(clientOf.get(orderId) ?? '')?.includes(workerId) ?? false;
    return declined || blocked ? { declined, blocked } : none;
  };

  const stats = new Map<string, WorkerStats>();
  const statOf = (workerId: string) => {
    let s = stats.get(workerId);
    if (!s) {
      s = { ratingSum: 0, ratingCount: 0, completed: 0, failed: 0 };
      stats.set(workerId, s);
    }
    return s;
  };
  const byClient = new Map<string, { sum: number; count: number }>();
  for (const r of ratings) {
    if (!r.workerId) continue;
    const s = statOf(r.workerId);
    s.ratingSum += r.rating;
    s.ratingCount++;
    const key = `${r.clientId}|${r.workerId}`;
    const c = byClient.get(key) ?? { sum: 0, count: 0 };
    c.sum += r.rating;
    c.count++;
    byClient.set(key, c);
  }
  for (const o of outcomes) {
    if (!o.workerId) continue;
    if (o.status === 'completed') statOf(o.workerId).completed++;
    else statOf(o.workerId).failed++;
  }
  const empty: WorkerStats = { ratingSum: 0, ratingCount: 0, completed: 0, failed: 0 };

  return {
    settings,
    workers,
    facts,
    stats: (workerId) => stats.get(workerId) ?? empty,
    clientRating: (clientId, workerId) => {
      const c = byClient.get(`${clientId}|${workerId}`);
      return c ? c.sum / c.count : null;
    },
    preferred: (clientId, workerId) => {
      const list = preferredOf.get(clientId);
      return list ? list.has(workerId) : null;
    },
    weekHours: (workerId, at) => hours.get(workerId)?.get(weekOf(at)) ?? 0,
    weekOf,
    dayOf,
    zones: new Map<string, ZonePoint>(zoneList.map((z) => [z.id, { lat: z.lat, lng: z.lng }])),
    rules: {
      bufferSameZoneMinutes: settings.matchingTravelBufferMinutes,
      bufferOtherZoneMinutes: settings.matchingTravelBufferOtherZoneMinutes,
    },
    weights: settings.matchingWeights,
  };
}
