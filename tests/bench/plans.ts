// `npm run bench -- plans [--plans 10000] [--sim-plans 300] [--weeks 8] [--workers 40]`: recurring plans on
// PostgreSQL (a database created for the run on BENCH_DATABASE_URL and dropped at the end).
//  1. Generation: the daily `plans` job placing 28 days of visits for N plans (mixed 1/2/4-weekly), timed.
//  2. Continuity, simulated: S plans and 200 one-off orders a week for W weeks, 40 workers, 10 % of
//     worker-days off and 5 % of visits skipped; dispatch as in production (each day's sweep), each day's
//     assigned visits done by their worker. Printed: the share of plan visits done by the regular worker when
//     that worker was working that day, the share of visits matched at all, and mean travel km per visit.
import '@/lib/composition';
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  orders,
  plans,
  services,
  users,
  workerProfiles,
  workerSchedules,
  workerSkills,
  workerZones,
  zones,
} from '@/db/schema';
import { dispatch } from '@/lib/matching';
import { installOrderReactions, transitionOrder } from '@/lib/orders';
import { orderReactions } from '@/lib/orders/effects';
import { runJob } from '@/lib/scheduler';
import { addDays, fromWallTime, parseDateString, toDateString } from '@/lib/time';
import { arg, fmt, timed, withBenchDatabase } from './support';

const TZ = 'Europe/Moscow';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function company(db: Db, workers: number, r: () => number) {
  const zoneRows = await db
    .insert(zones)
    .values(
      Array.from({ length: 6 }, (_, i) => ({
        code: `z${i}`,
        nameRu: `Район ${i}`,
        nameEn: `District ${i}`,
        lat: 55.65 + (i % 3) * 0.08,
        lng: 37.45 + Math.floor(i / 3) * 0.15,
        travelFee: 20_000,
      })),
    )
    .returning({ id: zones.id });
  const [service] = await db
    .insert(services)
    .values({
      code: 'regular',
      nameRu: 'Уборка',
      nameEn: 'Cleaning',
      skill: 'cleaning',
      pricingUnit: 'fixed',
      unitPrice: 300_000,
      minPrice: 0,
      baseMinutes: 120,
      minutesPerUnitX100: 0,
    })
    .returning({ id: services.id });
  const workerRows = await db
    .insert(users)
    .values(
      Array.from({ length: workers }, (_, i) => ({
        email: `w${i}-${randomUUID().slice(0, 6)}@bench`,
        name: `Worker ${i}`,
        role: 'worker' as const,
        passwordHash: 'x',
      })),
    )
    .returning({ id: users.id });
  await db
    .insert(workerProfiles)
    .values(
      workerRows.map((w, i) => ({ userId: w.id, homeZoneId: zoneRows[i % zoneRows.length].id, weeklyHoursTarget: 40 })),
    );
  await db.insert(workerSkills).values(workerRows.map((w) => ({ workerId: w.id, skill: 'cleaning' })));
  await db
    .insert(workerZones)
    .values(workerRows.flatMap((w) => zoneRows.map((z) => ({ workerId: w.id, zoneId: z.id }))));
  await db
    .insert(workerSchedules)
    .values(
      workerRows.flatMap((w) =>
        [1, 2, 3, 4, 5, 6].map((weekday) => ({ workerId: w.id, weekday, fromTime: '08:00', toTime: '20:00' })),
      ),
    );
  void r;
  return { zones: zoneRows.map((z) => z.id), serviceId: service.id, workers: workerRows.map((w) => w.id) };
}

async function clients(db: Db, n: number) {
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email: `c${i}-${randomUUID().slice(0, 6)}@bench`,
        name: `Client ${i}`,
        role: 'client' as const,
        passwordHash: 'x',
      })),
    )
    .returning({ id: users.id });
  return rows.map((c) => c.id);
}

/** Plans as a client's booking leaves them (the rows), starting on `firstDate` + up to 6 days. */
async function insertPlans(
  db: Db,
  n: number,
  c: Awaited<ReturnType<typeof company>>,
  firstDate: string,
  r: () => number,
) {
  const clientIds = await clients(db, n);
  const freq = [1, 2, 4];
  for (let k = 0; k < n; k += 1000)
    await db.insert(plans).values(
      clientIds.slice(k, k + 1000).map((clientId) => ({
        clientId,
        serviceId: c.serviceId,
        zoneId: c.zones[Math.floor(r() * c.zones.length)],
        address: 'ул. Тестовая, 1',
        contactPhone: '+7 900 000-00-00',
        options: { extras: [] },
        frequencyWeeks: freq[Math.floor(r() * 3)],
        firstDate: addDays(firstDate, Math.floor(r() * 6)),
        time: ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'][Math.floor(r() * 7)],
      })),
    );
}

async function runPlansJob(db: Db, now: Date) {
  const period = toDateString(now, TZ);
  for (;;) {
    const res = await runJob(db, 'plans', { period, now });
    if (res.outcome !== 'partial' && res.outcome !== 'in_progress') return res;
  }
}

export async function benchPlans(args: string[]): Promise<void> {
  // Matching after a commit would run against the app's own database: the simulation dispatches itself.
  installOrderReactions({ ...orderReactions(), matchSoon: () => {} });
  const nPlans = arg(args, 'plans', 10_000);
  const simPlans = arg(args, 'sim-plans', 300);
  const weeks = arg(args, 'weeks', 8);
  const nWorkers = arg(args, 'workers', 40);

  await withBenchDatabase('plans', args, async (conn) => {
    const db = conn.db;
    const r = rng(42);
    const c = await company(db, nWorkers, r);
    const start = new Date(Date.now() + 2 * 86_400_000);
    const startDate = toDateString(start, TZ);

    // 1. Generation for N plans.
    await insertPlans(db, nPlans, c, startDate, r);
    const gen = await timed(() => runPlansJob(db, new Date()));
    const visits = await db.$count(orders, sql`${orders.planId} is not null`);
    console.log(`generation: ${nPlans} plans, ${visits} visits placed 28 days ahead in ${fmt(gen.ms)}`);
    await db.execute(sql`truncate plans, plan_skips, orders, order_events, journal_entries, postings cascade`);

    // 2. Continuity over `weeks` weeks.
    await insertPlans(db, simPlans, c, startDate, r);
    const oneOffClients = await clients(db, 200);
    let planVisits = 0;
    let regularAvailable = 0;
    let byRegular = 0;
    let due = 0;
    let matched = 0;
    for (let day = 0; day < weeks * 7; day++) {
      const date = addDays(startDate, day);
      const dayStart = fromWallTime({ ...parseDateString(date), hour: 0, minute: 0 }, TZ);
      const dawn = new Date(dayStart.getTime() + 5 * 3_600_000);
      await runPlansJob(db, new Date(dayStart.getTime() - 3_600_000));
      // 200 one-off orders a week, spread over the days, booked a few days ahead.
      const oneOffs = Math.round(200 / 7);
      const values = Array.from({ length: oneOffs }, () => {
        const startAt = fromWallTime(
          { ...parseDateString(addDays(date, 3)), hour: 9 + Math.floor(r() * 8), minute: 0 },
          TZ,
        );
        return {
          number: `BR-B-${randomUUID().slice(0, 10)}`,
          clientId: oneOffClients[Math.floor(r() * oneOffClients.length)],
          serviceId: c.serviceId,
          zoneId: c.zones[Math.floor(r() * c.zones.length)],
          address: 'ул. Разовая, 1',
          contactPhone: '+7 900 000-00-00',
          options: { extras: [] },
          scheduledStart: startAt,
          scheduledEnd: new Date(startAt.getTime() + 2 * 3_600_000),
          estimateTotal: 300_000,
          currency: 'RUB',
          bookedAt: dawn,
        };
      });
      await db.insert(orders).values(values);
      // 10 % of the workers are off today.
      const off = new Set(c.workers.filter(() => r() < 0.1));
      await db.update(workerProfiles).set({ active: true });
      if (off.size)
        await db
          .update(workerProfiles)
          .set({ active: false })
          .where(inArray(workerProfiles.userId, [...off]));
      // 5 % of today's visits are skipped by their clients.
      const dayEnd = new Date(dayStart.getTime() + 86_400_000);
      const todays = await db
        .select({ id: orders.id, clientId: orders.clientId })
        .from(orders)
        .where(
          and(
            gte(orders.scheduledStart, dayStart),
            lt(orders.scheduledStart, dayEnd),
            sql`${orders.planId} is not null`,
          ),
        );
      for (const v of todays)
        if (r() < 0.05)
          await transitionOrder(db, { id: v.clientId, role: 'client' }, v.id, 'cancel', {
            set: { cancellationFee: 0 },
            at: dawn,
          });
      // Dispatch as in production: the sweep at dawn re-plans whatever is pending (today's gaps included).
      await dispatch(db, { now: dawn });
      const today = await db
        .select({
          id: orders.id,
          status: orders.status,
          workerId: orders.workerId,
          planId: orders.planId,
          regular: plans.regularWorkerId,
          start: orders.scheduledStart,
        })
        .from(orders)
        .leftJoin(plans, eq(plans.id, orders.planId))
        .where(
          and(
            gte(orders.scheduledStart, dayStart),
            lt(orders.scheduledStart, dayEnd),
            inArray(orders.status, ['pending', 'assigned']),
          ),
        );
      // Nobody works on Sundays (the schedules are Monday to Saturday): those jobs are not feasible.
      const sunday = new Date(`${date}T12:00:00Z`).getUTCDay() === 0;
      for (const o of today) {
        if (!sunday) due++;
        if (o.status !== 'assigned' || !o.workerId) continue;
        if (!sunday) matched++;
        if (o.planId) {
          planVisits++;
          // Available: working that day and not on another of today's jobs at that time.
          const busyElsewhere = today.some(
            (x) =>
              x.id !== o.id &&
              x.workerId === o.regular &&
              x.status === 'assigned' &&
              x.start.getTime() < o.start.getTime() + 2.5 * 3_600_000 &&
              o.start.getTime() < x.start.getTime() + 2.5 * 3_600_000,
          );
          if (o.regular && !off.has(o.regular) && (!busyElsewhere || o.workerId === o.regular)) {
            regularAvailable++;
            if (o.workerId === o.regular) byRegular++;
          }
        }
        const worker = { id: o.workerId, role: 'worker' as const };
        await transitionOrder(db, worker, o.id, 'start', { at: o.start, data: { late: false } });
        await transitionOrder(db, worker, o.id, 'finish', {
          at: new Date(o.start.getTime() + 2 * 3_600_000),
          set: { finishedAt: new Date(o.start.getTime() + 2 * 3_600_000) },
        });
      }
    }
    const [{ km }] = (await db.execute(
      sql`select avg((e.terms->>'travelKm')::float) as km from match_explanations e`,
    )) as unknown as { km: number }[];
    console.log(
      `continuity: ${weeks} weeks, ${simPlans} plans + 200 one-offs a week, ${nWorkers} workers (10 % of worker-days off, 5 % of visits skipped)`,
    );
    console.log(`  plan visits done: ${planVisits}; with the regular working that day: ${regularAvailable}`);
    console.log(
      `  continuity (done by the regular when working): ${regularAvailable ? ((100 * byRegular) / regularAvailable).toFixed(1) : '—'} %`,
    );
    console.log(`  matched: ${due ? ((100 * matched) / due).toFixed(1) : '—'} % of ${due} feasible jobs due (Mon–Sat)`);
    console.log(`  mean travel per matched job: ${Number(km ?? 0).toFixed(2)} km`);
  });
}
