import 'server-only';
import { and, asc, eq, exists, gt, gte, ilike, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, unmatchedFlags, users, workerProfiles, workerSkills, workerZones, zones } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { recentMatchRuns } from '@/lib/matching';
import { orderClient, overlapping, periodVersion, selectOrders } from '@/lib/orders';
import { getSettings } from '@/lib/settings';
import { getAvailability, skillsAndZonesOf, timeOffBetween } from '@/lib/workers';
import { addDays, fromWallTime, mondayOf, parseDateString, toDateString } from '@/lib/time';
import { afterCursor, containing, decodeCursor, keysetPage } from '@/lib/paging';
import {
  LANES_PER_PAGE,
  LATE_START_MINUTES,
  TRAY_PER_PAGE,
  type BoardBlock,
  type BoardDto,
  type BoardQuery,
  type TrayItem,
} from './shared';

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
 * A token that changes whenever an order of the period changes (lib/orders' period version) or the sweeps the
 * board lists change (a sweep finishes). The board polls it to stay live.
 */
export async function boardVersion(db: Db, actor: Actor, from: Date, to: Date): Promise<string> {
  assertStaff(actor);
  const [orderPart, runs] = await Promise.all([periodVersion(db, from, to), recentMatchRuns(db, RUNS_SHOWN)]);
  return versionOf(orderPart, runs);
}

/** The sweeps' part of the version: the ids of the finished sweeps the board shows, newest first. */
const versionOf = (orderPart: string, runs: { id: string }[]) => `${orderPart}|${runs.map((r) => r.id).join(',')}`;

/** How many of the latest sweeps the board lists. */
const RUNS_SHOWN = 3;

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

/**
 * Everything the schedule board shows for a day or a week: one page of lanes (active workers filtered by zone,
 * skill, grade and name, keyset by name then id) with their free time and days off, the blocks of their jobs,
 * one page of the tray of pending orders (soonest first) with its total, each day's booked jobs and minutes
 * over every matching worker (summed by the database), the last sweeps, and the version the page polls.
 * A fixed number of queries, and work bounded by the page sizes, whatever the company's size.
 */
export async function getBoard(
  db: Db,
  actor: Actor,
  query: BoardQuery,
  now = new Date(),
  size: { lanes: number; tray: number } = { lanes: LANES_PER_PAGE, tray: TRAY_PER_PAGE },
): Promise<BoardDto> {
  assertStaff(actor);
  const settings = await getSettings(db);
  const tz = settings.timeZone;
  const { days, from, to } = boardPeriod(query, tz, now);
  // The axis covers the bookable hours, widened to whole hours.
  const fromHour = Number(settings.bookableHours.from.slice(0, 2));
  const [toH, toM] = settings.bookableHours.to.split(':').map(Number);
  const toHour = Math.min(24, toM > 0 ? toH + 1 : toH);
  const dayAxisStarts = days.map((d) => fromWallTime({ ...parseDateString(d), hour: fromHour, minute: 0 }, tz));

  // The lanes: every active worker the filters match, one page of them by name (then id) at a time.
  // The role lets the lanes' page walk users (role, name, id) in order and stop after one page.
  const laneFilter = and(
    eq(users.role, 'worker'),
    eq(workerProfiles.active, true),
    isNull(users.disabledAt),
    query.grade ? eq(workerProfiles.grade, query.grade) : undefined,
    query.q ? ilike(users.name, containing(query.q)) : undefined,
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
  );
  const laneIds = () =>
    db
      .select({ id: workerProfiles.userId })
      .from(workerProfiles)
      .innerJoin(users, eq(users.id, workerProfiles.userId))
      .where(laneFilter);
  const lanePage = await keysetPage(
    db,
    db
      .select({ id: workerProfiles.userId, name: users.name, grade: workerProfiles.grade })
      .from(workerProfiles)
      .innerJoin(users, eq(users.id, workerProfiles.userId))
      .where(
        and(
          laneFilter,
          afterCursor([users.name, workerProfiles.userId], decodeCursor(query.lanes, 2), ['text', 'uuid'], 'asc'),
        ),
      )
      .orderBy(asc(users.name), asc(workerProfiles.userId))
      .limit(size.lanes + 1),
    { limit: size.lanes, keyOf: (w) => [w.name, w.id], count: laneIds() },
  );
  const workerRows = lanePage.items;
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
  const bookedStatus = inArray(orders.status, ['assigned', 'in_progress', 'completed']);
  const waiting = and(
    eq(orders.status, 'pending'),
    gte(orders.scheduledStart, from),
    lt(orders.scheduledStart, to),
    gt(orders.scheduledEnd, now),
  );
  // Which shown day a job starts on (1 = the first): its bucket among the days' midnights, cheaper per row than
  // a time-zone conversion.
  const midnights = [...days, addDays(days[days.length - 1], 1)].map((d) =>
    fromWallTime({ ...parseDateString(d), hour: 0, minute: 0 }, tz).toISOString(),
  );
  const day = sql<number>`width_bucket(${orders.scheduledStart}, array[${sql.join(
    midnights.map((m) => sql`${m}::timestamptz`),
    sql`, `,
  )}])::int`;
  const perWorkerDay = db
    .select({
      workerId: orders.workerId,
      day: day.as('day'),
      jobs: sql<number>`count(*)`.as('jobs'),
      length: sql<string>`sum(${orders.scheduledEnd} - ${orders.scheduledStart})`.as('length'),
    })
    .from(orders)
    .where(and(bookedStatus, gte(orders.scheduledStart, from), lt(orders.scheduledStart, to)))
    // By position: the midnights are parameters, so the select's expression and a repeated one would differ.
    .groupBy(sql`1`, sql`2`)
    .as('per_worker_day');

  const [
    { skills: skillsOf, zones: zonesOf },
    free,
    timeOff,
    jobs,
    pending,
    dayTotals,
    zoneList,
    allSkills,
    runs,
    version,
  ] = await Promise.all([
    skillsAndZonesOf(db, ids),
    getAvailability(db, ids, from, to),
    timeOffBetween(db, ids, days[0], days[days.length - 1]),
    ids.length
      ? selectOrders(db, orderColumns)
          .where(and(bookedStatus, overlapping(from, to), inArray(orders.workerId, ids)))
          .orderBy(asc(orders.workerId), asc(orders.scheduledStart))
      : [],
    keysetPage(
      db,
      selectOrders(db, { ...orderColumns, flaggedAt: unmatchedFlags.flaggedAt, reasons: unmatchedFlags.reasons })
        .leftJoin(unmatchedFlags, eq(unmatchedFlags.orderId, orders.id))
        .where(
          and(
            waiting,
            afterCursor(
              [orders.scheduledStart, orders.id],
              decodeCursor(query.tray, 2),
              ['timestamptz', 'uuid'],
              'asc',
            ),
          ),
        )
        .orderBy(asc(orders.scheduledStart), asc(orders.id))
        .limit(size.tray + 1),
      {
        limit: size.tray,
        keyOf: (p) => [p.start.toISOString(), p.id],
        count: db
          .select({ one: sql`1` })
          .from(orders)
          .where(waiting),
      },
    ),
    // Day totals over every lane the filters match, whichever page is shown: counted by the database, each job
    // on the day it starts. The week's booked orders are summed per worker and day first, from the (start) index
    // alone (it carries status, worker and end), and only then matched against the lanes: a few thousand groups
    // instead of a heap visit per order.
    db
      .select({
        day: perWorkerDay.day,
        jobs: sql<number>`sum(${perWorkerDay.jobs})::int`,
        minutes: sql<number>`(extract(epoch from sum(${perWorkerDay.length})) / 60)::int`,
      })
      .from(perWorkerDay)
      .where(inArray(perWorkerDay.workerId, laneIds()))
      .groupBy(perWorkerDay.day),
    db.select({ id: zones.id, nameRu: zones.nameRu, nameEn: zones.nameEn }).from(zones).orderBy(asc(zones.nameEn)),
    db.selectDistinct({ skill: workerSkills.skill }).from(workerSkills).orderBy(asc(workerSkills.skill)),
    recentMatchRuns(db, RUNS_SHOWN),
    periodVersion(db, from, to),
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
  const tray: TrayItem[] = pending.items.map((p) => ({
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
    lanes: { total: lanePage.total, capped: lanePage.capped, next: lanePage.next },
    blocks,
    tray,
    trayPaging: { total: pending.total, capped: pending.capped, next: pending.next },
    totals: days.map((date, i) => {
      const d = dayTotals.find((t) => t.day === i + 1);
      return { date, jobs: d?.jobs ?? 0, minutes: d?.minutes ?? 0 };
    }),
    zones: zoneList,
    skills: allSkills.map((s) => s.skill),
    runs,
    alertHours: settings.matchingUnmatchedAlertHours,
    version: versionOf(version, runs),
  };
}
