import 'server-only';
import { and, asc, eq, exists, gt, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  matchRuns,
  orders,
  services,
  unmatchedFlags,
  workerProfiles,
  workerSkills,
  workerZones,
  zones,
} from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { personEnabled, personName } from '@/lib/auth';
import { recentMatchRuns } from '@/lib/matching';
import { orderClient, selectOrders } from '@/lib/orders';
import { getSettings } from '@/lib/settings';
import { getAvailability, skillsAndZonesOf, timeOffBetween } from '@/lib/workers';
import { addDays, fromWallTime, mondayOf, parseDateString, toDateString } from '@/lib/time';
import { LATE_START_MINUTES, type BoardBlock, type BoardDto, type BoardQuery, type TrayItem } from './shared';

/** The tray shows at most this many pending orders (soonest first); a week rarely has more waiting. */
const TRAY_LIMIT = 300;

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/** The company dates a view shows and the instants they span. */
export function boardPeriod(query: Pick<BoardQuery, 'view' | 'date'>, timeZone: string, now: Date) {
  const anchor = query.date ?? toDateString(now, timeZone);
  const first = query.view === 'week' ? mondayOf(anchor) : anchor;
  const days = Array.from({ length: query.view === 'week' ? 7 : 1 }, (_, i) => addDays(first, i));
  const midnight = (date: string) => fromWallTime({ ...parseDateString(date), hour: 0, minute: 0 }, timeZone);
  return { days, from: midnight(days[0]), to: midnight(addDays(days[days.length - 1], 1)) };
}

/**
 * A token that changes whenever an order of the period changes (every transition bumps updated_at; an order
 * moving out of the period changes the count) or a sweep finishes. The board polls it to stay live.
 */
export async function boardVersion(db: Db, actor: Actor, from: Date, to: Date): Promise<string> {
  assertStaff(actor);
  const [[o], [r]] = await Promise.all([
    db
      .select({
        at: sql<string>`coalesce(max(${orders.updatedAt})::text, '')`,
        n: sql<number>`count(*)`.mapWith(Number),
      })
      .from(orders)
      .where(and(lt(orders.scheduledStart, to), gt(orders.scheduledEnd, from))),
    db
      .select({ at: sql<string>`coalesce(max(${matchRuns.finishedAt})::text, '')` })
      .from(matchRuns)
      .where(isNotNull(matchRuns.finishedAt)),
  ]);
  return `${o.at}|${o.n}|${r.at}`;
}

/**
 * Everything the schedule board shows for a day or a week: a lane per active worker (filtered by zone, skill
 * and grade) with their free time and days off, the blocks of their jobs, the tray of pending orders, the
 * last sweeps, and the version the page polls. A fixed number of queries whatever the size.
 */
/**
 * Whether two instants fall on the same company-zone day: by the midnights of the board's days (a binary search)
 * when both are within them, since a week's board compares tens of thousands of blocks and a time-zone
 * conversion each costs more CPU than the rest of the board; by conversion otherwise.
 */
export function sameZonedDay(days: string[], tz: string): (a: Date, b: Date) => boolean {
  const midnights = [...days, addDays(days[days.length - 1], 1)].map((d) =>
    fromWallTime({ ...parseDateString(d), hour: 0, minute: 0 }, tz).getTime(),
  );
  const dayOf = (t: Date): number | null => {
    const ms = t.getTime();
    if (ms < midnights[0] || ms >= midnights[midnights.length - 1]) return null;
    let lo = 0;
    let hi = midnights.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (midnights[mid] <= ms) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  return (a, b) => {
    const i = dayOf(a);
    const k = dayOf(b);
    return i !== null && k !== null ? i === k : toDateString(a, tz) === toDateString(b, tz);
  };
}

export async function getBoard(db: Db, actor: Actor, query: BoardQuery, now = new Date()): Promise<BoardDto> {
  assertStaff(actor);
  const settings = await getSettings(db);
  const tz = settings.timeZone;
  const { days, from, to } = boardPeriod(query, tz, now);
  // The axis covers the bookable hours, widened to whole hours.
  const fromHour = Number(settings.bookableHours.from.slice(0, 2));
  const [toH, toM] = settings.bookableHours.to.split(':').map(Number);
  const toHour = Math.min(24, toM > 0 ? toH + 1 : toH);
  const dayAxisStarts = days.map((d) => fromWallTime({ ...parseDateString(d), hour: fromHour, minute: 0 }, tz));

  const workerRows = await db
    .select({ id: workerProfiles.userId, name: personName(workerProfiles.userId), grade: workerProfiles.grade })
    .from(workerProfiles)
    .where(
      and(
        eq(workerProfiles.active, true),
        personEnabled(workerProfiles.userId),
        query.grade ? eq(workerProfiles.grade, query.grade) : undefined,
        query.zone
          ? exists(
              db
                .select({ one: sql`1` })
                .from(workerZones)
                .where(and(eq(workerZones.workerId, workerProfiles.userId), eq(workerZones.zoneId, query.zone))),
            )
          : undefined,
        query.skill
          ? exists(
              db
                .select({ one: sql`1` })
                .from(workerSkills)
                .where(and(eq(workerSkills.workerId, workerProfiles.userId), eq(workerSkills.skill, query.skill))),
            )
          : undefined,
      ),
    )
    .orderBy(asc(personName(workerProfiles.userId)), asc(workerProfiles.userId));
  const ids = workerRows.map((w) => w.id);

  const orderColumns = {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    start: orders.scheduledStart,
    end: orders.scheduledEnd,
    workerId: orders.workerId,
    startedAt: orders.startedAt,
    planId: orders.planId,
    serviceRu: services.nameRu,
    serviceEn: services.nameEn,
    clientName: orderClient.name,
    zoneId: orders.zoneId,
    zoneRu: zones.nameRu,
    zoneEn: zones.nameEn,
  };

  const [{ skills: skillsOf, zones: zonesOf }, free, timeOff, jobs, pending, zoneList, allSkills, runs, version] =
    await Promise.all([
      skillsAndZonesOf(db, ids),
      getAvailability(db, ids, from, to),
      timeOffBetween(db, ids, days[0], days[days.length - 1]),
      ids.length
        ? selectOrders(db, orderColumns)
            .where(
              and(
                inArray(orders.status, ['assigned', 'in_progress', 'completed']),
                inArray(orders.workerId, ids),
                lt(orders.scheduledStart, to),
                gt(orders.scheduledEnd, from),
              ),
            )
            .orderBy(asc(orders.workerId), asc(orders.scheduledStart))
        : [],
      selectOrders(db, { ...orderColumns, flaggedAt: unmatchedFlags.flaggedAt, reasons: unmatchedFlags.reasons })
        .leftJoin(unmatchedFlags, eq(unmatchedFlags.orderId, orders.id))
        .where(
          and(
            eq(orders.status, 'pending'),
            gte(orders.scheduledStart, from),
            lt(orders.scheduledStart, to),
            gt(orders.scheduledEnd, now),
          ),
        )
        .orderBy(asc(orders.scheduledStart), asc(orders.id))
        .limit(TRAY_LIMIT),
      db.select({ id: zones.id, nameRu: zones.nameRu, nameEn: zones.nameEn }).from(zones).orderBy(asc(zones.nameEn)),
      db.selectDistinct({ skill: workerSkills.skill }).from(workerSkills).orderBy(asc(workerSkills.skill)),
      recentMatchRuns(db, 3),
      boardVersion(db, actor, from, to),
    ]);

  const buffer = (a: string, b: string) =>
    a === b ? settings.matchingTravelBufferMinutes : settings.matchingTravelBufferOtherZoneMinutes;
  const lateBefore = now.getTime() - LATE_START_MINUTES * 60_000;
  const sameDay = sameZonedDay(days, tz);
  const blocks: BoardBlock[] = jobs.map((j, i) => {
    // Rows come by worker, then start: the next row of the same worker on the same day is the next job.
    const next = jobs[i + 1];
    const nextSameDay = next && next.workerId === j.workerId && sameDay(next.start, j.end);
    const need = nextSameDay ? buffer(j.zoneId, next.zoneId) : null;
    return {
      id: j.id,
      number: j.number,
      status: j.status,
      start: j.start,
      end: j.end,
      workerId: j.workerId!,
      serviceRu: j.serviceRu,
      serviceEn: j.serviceEn,
      clientFirstName: firstName(j.clientName),
      zoneId: j.zoneId,
      zoneRu: j.zoneRu,
      zoneEn: j.zoneEn,
      plan: j.planId !== null,
      late: j.status === 'assigned' && j.startedAt === null && j.start.getTime() < lateBefore,
      bufferAfterMinutes: need,
      tight: need !== null && next.start.getTime() - j.end.getTime() < need * 60_000,
    };
  });
  const alertAt = now.getTime() + settings.matchingUnmatchedAlertHours * 3_600_000;
  const tray: TrayItem[] = pending.map((p) => ({
    id: p.id,
    number: p.number,
    start: p.start,
    end: p.end,
    serviceRu: p.serviceRu,
    serviceEn: p.serviceEn,
    clientFirstName: firstName(p.clientName),
    zoneRu: p.zoneRu,
    zoneEn: p.zoneEn,
    plan: p.planId !== null,
    urgent: p.flaggedAt !== null || p.start.getTime() <= alertAt,
    unmatchedReasons: p.reasons ?? null,
  }));

  return {
    view: query.view,
    days,
    dayAxisStarts,
    from,
    to,
    timeZone: tz,
    axis: { fromHour, toHour },
    workers: workerRows.map((w) => ({
      ...w,
      zoneIds: zonesOf.get(w.id) ?? [],
      skills: skillsOf.get(w.id) ?? [],
      free: free.get(w.id) ?? [],
      timeOff: timeOff.get(w.id) ?? [],
    })),
    blocks,
    tray,
    zones: zoneList,
    skills: allSkills.map((s) => s.skill),
    runs,
    alertHours: settings.matchingUnmatchedAlertHours,
    version,
  };
}
