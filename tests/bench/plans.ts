// `npm run bench -- plans [--plans 10000] [--sim-plans 300] [--weeks 8] [--workers 40] [--seed 42]
// [--workload-weight W] [--off-deactivate] [--replan-min P] [--replan-days D] [--no-replan] [--generation-only]`:
// recurring plans on PostgreSQL (a database created for the run on BENCH_DATABASE_URL and dropped at the end).
//  1. Generation: the daily `plans` job placing 28 days of visits for N plans (mixed 1/2/4-weekly), timed.
//  2. Continuity, simulated: S plans and 200 one-off orders a week for W weeks, 40 workers, 10 % of
//     worker-days off and 5 % of visits skipped; dispatch as in production (a sweep after each day's
//     bookings), each day's assigned visits done by their worker. A worker-day off is time off: half of
//     them entered ahead (when the simulation starts), half called in on the morning (time off for the day,
//     and the worker declines that day's tasks). `--off-deactivate` models a day off the old way instead,
//     by deactivating the worker for the whole day (which also hides them from every match made that day).
//     `--seed` draws another company; `--workload-weight` runs it with another workload weight in matching;
//     `--replan-min`, `--replan-days` and `--no-replan` run the day's re-plan (settings matchingReplan) with another
//     threshold or span, or without it; the jobs it moved are printed.
//     Printed: the share of plan visits done by the regular worker when that worker was available, with
//     the causes of the rest; the share of jobs matched, of all due and of those the day's working workers
//     could do at all (with hindsight), with the unmatched by cause; the workload fairness (jobs per day
//     worked, and their spread over workers); and each day's route km per job next to greedy nearest-free
//     dispatch, to the offline optimum over the same day's jobs, and to the offline optimum that keeps every
//     plan visit with its regular worker when they work that day (tests/bench/plans-travel.ts). The travel
//     goal is measured against the last: the product keeps regular clients with their cleaner, so the
//     unconstrained optimum, free to break continuity, answers a different question (printed all the same).
//     `--why` splits the gap: the optimum again with the dispatcher's own early choices fixed, and (BATCH) each
//     3-days-ahead one-off batch judged with only what was known when it was matched (the jobs already assigned
//     that day fixed, the dawn sick calls and skips unknown), against that batch's own optimum. With
//     BENCH_DUMP_BATCHES=file those batches are written out as JSON (jobs, workers, fixed jobs, ours, optimum),
//     to try planners on them offline.
import '@/lib/composition';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  matchExplanations,
  orderEvents,
  orders,
  plans,
  services,
  settings as settingsTable,
  users,
  workerProfiles,
  workerSchedules,
  workerSkills,
  workerTimeOff,
  workerZones,
  zones,
} from '@/db/schema';
import { dispatch } from '@/lib/matching';
import { installOrderReactions, transitionOrder } from '@/lib/orders';
import { orderReactions } from '@/lib/orders/effects';
import { runJob } from '@/lib/scheduler';
import { getSettings } from '@/lib/settings';
import { declineTask } from '@/lib/workers';
import { addDays, fromWallTime, parseDateString, toDateString } from '@/lib/time';
import {
  canFollow,
  greedyDay,
  keptVisits,
  mostJobsDay,
  optimumDay,
  optimumKeptDay,
  routeKm,
  type DayJob,
} from './plans-travel';
import { arg, fmt, timed, withBenchDatabase } from './support';

const TZ = 'Europe/Moscow';

/** The PostgreSQL backend processes of this database (the bench pool's connections, opened on demand). */
async function backendPids(db: Db): Promise<number[]> {
  await Promise.all(Array.from({ length: 4 }, () => db.execute(sql`select 1`)));
  const found = (await db.execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  )) as unknown as { pid: number }[];
  return found.map((r) => r.pid);
}

/** User + system CPU of processes, in ms, from /proc (0 for one that cannot be read: another host). */
function cpuMsOf(pids: readonly number[]): number {
  const tick = 100; // USER_HZ on Linux
  return pids.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
    } catch {
      return sum;
    }
  }, 0);
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function company(db: Db, workers: number) {
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
    .returning({ id: zones.id, lat: zones.lat, lng: zones.lng });
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
  return {
    zones: zoneRows.map((z) => z.id),
    points: new Map(zoneRows.map((z) => [z.id, { lat: z.lat, lng: z.lng }])),
    homeOf: new Map(workerRows.map((w, i) => [w.id, zoneRows[i % zoneRows.length].id])),
    serviceId: service.id,
    workers: workerRows.map((w) => w.id),
  };
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
  const deactivate = args.includes('--off-deactivate');

  await withBenchDatabase('plans', args, async (conn) => {
    const db = conn.db;
    // `--seed N` draws another company (plans, one-offs, days off, skips); 42 by default.
    const seed = arg(args, 'seed', 42);
    const r = rng(seed);
    // Skips draw from their own stream: how many visits are due depends on the matching, and sharing one
    // stream would shift every later one-off and day off with it, so two variants would not see the same company.
    const skipDraw = rng(seed + 7919);
    const c = await company(db, nWorkers);
    const start = new Date(Date.now() + 2 * 86_400_000);
    const startDate = toDateString(start, TZ);

    // 1. Generation for N plans.
    await insertPlans(db, nPlans, c, startDate, r);
    // A production database has statistics on its plans (autovacuum keeps them); a table loaded a moment
    // ago has none, and the planner would take 10,000 plans for a handful.
    await db.execute(sql`analyze plans`);
    // The machine is shared: besides the wall time, the CPU the run itself used (this process, and the
    // PostgreSQL backends serving its connections), which is what the wall time comes to on an idle machine.
    const backends = await backendPids(db);
    const pgBefore = cpuMsOf(backends);
    const nodeBefore = process.cpuUsage();
    const gen = await timed(() => runPlansJob(db, new Date()));
    const node = process.cpuUsage(nodeBefore);
    const pgMs = cpuMsOf(backends) - pgBefore;
    const visits = await db.$count(orders, sql`${orders.planId} is not null`);
    console.log(`generation: ${nPlans} plans, ${visits} visits placed 28 days ahead in ${fmt(gen.ms)}`);
    console.log(
      `  CPU used: this process ${fmt((node.user + node.system) / 1000)}, PostgreSQL ${fmt(pgMs)} (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
    );
    if (args.includes('--generation-only')) return;
    await db.execute(sql`truncate plans, plan_skips, orders, order_events, journal_entries, postings cascade`);

    // 2. Continuity over `weeks` weeks.
    await insertPlans(db, simPlans, c, startDate, r);
    const oneOffClients = await clients(db, 200);
    // `--workload-weight W`: the company's matching weights with another workload weight (the default: the setting's).
    const workloadWeight = args.includes('--workload-weight')
      ? Number(args[args.indexOf('--workload-weight') + 1])
      : null;
    if (workloadWeight !== null && Number.isFinite(workloadWeight)) {
      const { matchingWeights } = await getSettings(db);
      await db
        .insert(settingsTable)
        .values({ key: 'matchingWeights', value: { ...matchingWeights, workload: workloadWeight } })
        .onConflictDoUpdate({
          target: settingsTable.key,
          set: { value: { ...matchingWeights, workload: workloadWeight } },
        });
    }
    // `--replan-min P` / `--replan-days D` / `--no-replan`: the day's re-plan with another threshold, span, or off.
    if (args.some((a) => a.startsWith('--replan') || a === '--no-replan')) {
      const { matchingReplan } = await getSettings(db);
      const value = {
        ...matchingReplan,
        enabled: !args.includes('--no-replan'),
        minSaving: args.includes('--replan-min')
          ? Number(args[args.indexOf('--replan-min') + 1])
          : matchingReplan.minSaving,
        days: arg(args, 'replan-days', matchingReplan.days),
      };
      await db
        .insert(settingsTable)
        .values({ key: 'matchingReplan', value })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value } });
    }
    const settings = await getSettings(db);
    const buffers = {
      sameZone: settings.matchingTravelBufferMinutes,
      otherZone: settings.matchingTravelBufferOtherZoneMinutes,
    };
    const days = weeks * 7;
    // The worker-days off, drawn up front; half of them known ahead (entered as time off now).
    const offOn = Array.from({ length: days }, () => new Set(c.workers.filter(() => r() < 0.1)));
    const calledIn = offOn.map((off) => new Set([...off].filter(() => r() < 0.5)));
    if (!deactivate) {
      const ahead = offOn.flatMap((off, day) =>
        [...off]
          .filter((w) => !calledIn[day].has(w))
          .map((workerId) => ({ workerId, fromDate: addDays(startDate, day), toDate: addDays(startDate, day) })),
      );
      if (ahead.length) await db.insert(workerTimeOff).values(ahead);
    }
    // When and how each order was matched: the day, and whether its plan had a regular who was off that day.
    const matchedWhen = new Map<string, { day: number; hadRegular: boolean; regularOff: boolean }>();
    const losses = { noRegularYet: 0, regularOffWhenMatched: 0, regularBusyWhenMatched: 0, other: 0 };
    let planVisits = 0;
    let regularAvailable = 0;
    let byRegular = 0;
    let due = 0;
    let matched = 0;
    // Jobs due that no schedule of the day's working workers could have done, even knowing the day in advance.
    let beyondCapacity = 0;
    // Jobs done and days worked per worker (Mon–Sat, not off): the workload fairness the workload term buys.
    const jobsOf = new Map(c.workers.map((w) => [w, 0]));
    const daysOf = new Map(c.workers.map((w) => [w, 0]));
    // The feasible jobs left unmatched on their day, by cause.
    const missed = { plan: 0, oneOff: 0, declined: 0, aWorkerWasFree: 0, examples: [] as string[] };
    const travel = {
      jobs: 0,
      ours: 0,
      greedy: 0,
      optimum: 0,
      greedyShort: 0,
      greedyKept: 0,
      greedyKeptShort: 0,
      optimumDays: 0,
      // The optimum keeping regulars, over the days it was found on (and the dispatcher's km on those days).
      keptDays: 0,
      keptJobs: 0,
      keptOurs: 0,
      kept: 0,
      keptMissing: 0,
    };
    const why = args.includes('--why');
    const diag = {
      days: 0,
      jobs: 0,
      kept: 0,
      early: 0,
      before: 0,
      ours: 0,
      byKind: new Map<string, number>(),
      moved: new Map<string, number>(),
    };
    // The one-off batch a sweep matched for the day 3 days on, judged with only what was known then: the jobs
    // already assigned that day stay with their worker, the workers are those without time off entered ahead
    // (the dawn sick calls and skips of that day are still unknown); the batch's own orders are free.
    const batch = { days: 0, jobs: 0, freeJobs: 0, ours: 0, greedy: 0, optimum: 0, missing: 0 };
    const dumped: unknown[] = [];
    const batchSeenThen = async (target: number, runId: string) => {
      const targetDate = addDays(startDate, target);
      if (new Date(`${targetDate}T12:00:00Z`).getUTCDay() === 0) return;
      const from = fromWallTime({ ...parseDateString(targetDate), hour: 0, minute: 0 }, TZ);
      const rows = await db
        .select({
          id: orders.id,
          workerId: orders.workerId,
          start: orders.scheduledStart,
          end: orders.scheduledEnd,
          zoneId: orders.zoneId,
          bookedAt: orders.bookedAt,
          run: matchExplanations.runId,
        })
        .from(orders)
        .leftJoin(matchExplanations, and(eq(matchExplanations.orderId, orders.id), eq(matchExplanations.runId, runId)))
        .where(
          and(
            gte(orders.scheduledStart, from),
            lt(orders.scheduledStart, new Date(from.getTime() + 86_400_000)),
            eq(orders.status, 'assigned'),
          ),
        );
      const known = c.workers
        .filter((w) => deactivate || !offOn[target].has(w) || calledIn[target].has(w))
        .map((id) => ({ id, homeZoneId: c.homeOf.get(id)! }));
      const jobs = rows.map((o) => ({
        id: o.id,
        zoneId: o.zoneId,
        start: o.start.getTime(),
        end: o.end.getTime(),
        bookedAt: o.bookedAt.getTime(),
      }));
      const ours = new Map(rows.map((o) => [o.id, o.workerId!]));
      const held = new Map(rows.filter((o) => o.run === null).map((o) => [o.id, o.workerId!]));
      const best = await optimumKeptDay(jobs, known, c.points, buffers, held);
      if (!best) {
        batch.missing++;
        return;
      }
      const greedy = greedyDay(jobs, known, c.points, buffers, held);
      if (process.env.BENCH_DUMP_BATCHES)
        dumped.push({ jobs, workers: known, held: [...held], ours: [...ours], optimum: [...best], buffers });
      batch.days++;
      batch.jobs += jobs.length;
      batch.freeJobs += jobs.length - held.size;
      batch.ours += routeKm(jobs, ours, known, c.points);
      batch.greedy += routeKm(jobs, greedy, known, c.points);
      batch.optimum += routeKm(jobs, best, known, c.points);
    };
    for (let day = 0; day < days; day++) {
      const date = addDays(startDate, day);
      const dayStart = fromWallTime({ ...parseDateString(date), hour: 0, minute: 0 }, TZ);
      const dawn = new Date(dayStart.getTime() + 5 * 3_600_000);
      const dayEnd = new Date(dayStart.getTime() + 86_400_000);
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
      const off = offOn[day];
      if (deactivate) {
        await db.update(workerProfiles).set({ active: true });
        if (off.size)
          await db
            .update(workerProfiles)
            .set({ active: false })
            .where(inArray(workerProfiles.userId, [...off]));
      } else if (calledIn[day].size) {
        // Called in this morning: time off for today, and today's tasks declined (they go back to matching).
        const sick = [...calledIn[day]];
        await db.insert(workerTimeOff).values(sick.map((workerId) => ({ workerId, fromDate: date, toDate: date })));
        const tasks = await db
          .select({ id: orders.id, workerId: orders.workerId })
          .from(orders)
          .where(
            and(
              inArray(orders.workerId, sick),
              eq(orders.status, 'assigned'),
              gte(orders.scheduledStart, dayStart),
              lt(orders.scheduledStart, dayEnd),
            ),
          );
        for (const t of tasks)
          await declineTask(
            db,
            { id: t.workerId!, role: 'worker', name: '', email: '', locale: 'ru' },
            t.id,
            { reasonCode: 'illness' },
            dawn,
          );
      }
      // 5 % of today's visits are skipped by their clients.
      const todays = await db
        .select({ id: orders.id, clientId: orders.clientId })
        .from(orders)
        .where(
          and(
            gte(orders.scheduledStart, dayStart),
            lt(orders.scheduledStart, dayEnd),
            sql`${orders.planId} is not null`,
            inArray(orders.status, ['pending', 'assigned']),
          ),
        );
      for (const v of todays)
        if (skipDraw() < 0.05)
          await transitionOrder(db, { id: v.clientId, role: 'client' }, v.id, 'cancel', {
            set: { cancellationFee: 0 },
            at: dawn,
          });
      // Dispatch as in production: the sweep after the morning's bookings re-plans whatever is pending.
      const run = await dispatch(db, { now: dawn });
      if (run.runId) {
        const made = await db
          .select({
            orderId: matchExplanations.orderId,
            terms: matchExplanations.terms,
            regular: plans.regularWorkerId,
          })
          .from(matchExplanations)
          .innerJoin(orders, eq(orders.id, matchExplanations.orderId))
          .leftJoin(plans, eq(plans.id, orders.planId))
          .where(eq(matchExplanations.runId, run.runId));
        for (const m of made)
          matchedWhen.set(m.orderId, {
            day,
            hadRegular: m.terms?.regular !== undefined,
            regularOff: Boolean(m.regular && off.has(m.regular)),
          });
      }
      if (why && run.runId && day + 3 < days) await batchSeenThen(day + 3, run.runId);
      const today = await db
        .select({
          id: orders.id,
          status: orders.status,
          workerId: orders.workerId,
          planId: orders.planId,
          regular: plans.regularWorkerId,
          start: orders.scheduledStart,
          end: orders.scheduledEnd,
          zoneId: orders.zoneId,
          bookedAt: orders.bookedAt,
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
      const done: (DayJob & { workerId: string })[] = [];
      if (!sunday) for (const w of c.workers) if (!off.has(w)) daysOf.set(w, daysOf.get(w)! + 1);
      for (const o of today) {
        if (!sunday) due++;
        if (o.status !== 'assigned' || !o.workerId) {
          if (!sunday) {
            // Could any worker on duty today have fitted it between the jobs they did (with the travel buffers)?
            const job = { id: o.id, zoneId: o.zoneId, start: o.start.getTime(), end: o.end.getTime(), bookedAt: 0 };
            const free = c.workers.filter(
              (w) =>
                !off.has(w) &&
                today.every(
                  (x) =>
                    x.workerId !== w ||
                    x.status !== 'assigned' ||
                    canFollow(
                      { ...job, id: x.id, zoneId: x.zoneId, start: x.start.getTime(), end: x.end.getTime() },
                      job,
                      buffers,
                    ) ||
                    canFollow(
                      job,
                      { ...job, id: x.id, zoneId: x.zoneId, start: x.start.getTime(), end: x.end.getTime() },
                      buffers,
                    ),
                ),
            ).length;
            const declines = await db.$count(
              orderEvents,
              and(eq(orderEvents.orderId, o.id), eq(orderEvents.kind, 'decline')),
            );
            if (o.planId) missed.plan++;
            else missed.oneOff++;
            if (declines) missed.declined++;
            if (free) missed.aWorkerWasFree++;
            if (missed.examples.length < 12)
              missed.examples.push(
                `day ${day} ${o.planId ? 'plan visit' : 'one-off'} at ${o.start.toISOString().slice(11, 16)}Z, booked ${((o.start.getTime() - o.bookedAt.getTime()) / 86_400_000).toFixed(1)} d ahead, ${declines} declines, ${free} workers free at day end`,
              );
          }
          continue;
        }
        if (!sunday) matched++;
        jobsOf.set(o.workerId, (jobsOf.get(o.workerId) ?? 0) + 1);
        done.push({
          id: o.id,
          zoneId: o.zoneId,
          start: o.start.getTime(),
          end: o.end.getTime(),
          bookedAt: o.bookedAt.getTime(),
          workerId: o.workerId,
        });
        if (o.planId) {
          planVisits++;
          // Available: not off today and not on another of today's jobs at that time.
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
            else {
              const when = matchedWhen.get(o.id);
              if (!when) losses.other++;
              else if (!when.hadRegular) losses.noRegularYet++;
              else if (when.regularOff) losses.regularOffWhenMatched++;
              else losses.regularBusyWhenMatched++;
            }
          }
        }
        const worker = { id: o.workerId, role: 'worker' as const };
        await transitionOrder(db, worker, o.id, 'start', { at: o.start, data: { late: false } });
        await transitionOrder(db, worker, o.id, 'finish', {
          at: new Date(o.start.getTime() + 2 * 3_600_000),
          set: { finishedAt: new Date(o.start.getTime() + 2 * 3_600_000) },
        });
      }
      if (!sunday) {
        const working = c.workers.filter((w) => !off.has(w)).map((id) => ({ id, homeZoneId: c.homeOf.get(id)! }));
        const all = today.map((o) => ({
          id: o.id,
          zoneId: o.zoneId,
          start: o.start.getTime(),
          end: o.end.getTime(),
          bookedAt: 0,
        }));
        beyondCapacity += all.length - mostJobsDay(all, working, buffers);
      }
      // The same day's jobs with hindsight: our routes, greedy dispatch's, and the least possible.
      if (done.length) {
        const working = c.workers.filter((w) => !off.has(w)).map((id) => ({ id, homeZoneId: c.homeOf.get(id)! }));
        const ours = new Map(done.map((j) => [j.id, j.workerId]));
        const greedy = greedyDay(done, working, c.points, buffers);
        // Greedy again, with the plan visits its regular did left with them: what continuity leaves to win.
        const kept = new Map(
          today.filter((o) => o.regular && o.workerId === o.regular).map((o) => [o.id, o.workerId!]),
        );
        const greedyKept = greedyDay(done, working, c.points, buffers, kept);
        const best = optimumDay(done, working, c.points, buffers);
        // The offline optimum under the continuity rule: every plan visit whose regular works today stays with
        // them (clashes aside), whoever the dispatcher gave it to; everything else is free.
        const regularOf = new Map(today.map((o) => [o.id, o.regular]));
        const fixed = keptVisits(
          done.map((j) => ({ ...j, regular: regularOf.get(j.id) ?? null })),
          new Set(working.map((w) => w.id)),
          buffers,
        );
        const keptBest = await optimumKeptDay(done, working, c.points, buffers, fixed);
        if (keptBest && why) {
          // Where the gap comes from: the optimum again with the dispatcher's own choices fixed for the jobs
          // it matched early (≥ 4 days ahead: plan visits), then also for those matched before the day itself
          // (the one-offs, 3 days ahead); what is left of the gap is the same-day re-matching.
          const lead = (id: string) => day - (matchedWhen.get(id)?.day ?? day);
          const withOurs = (minLead: number) =>
            new Map([
              ...[...fixed].filter(([id]) => lead(id) < minLead),
              ...done.filter((j) => lead(j.id) >= minLead).map((j): [string, string] => [j.id, j.workerId]),
            ]);
          const early = await optimumKeptDay(done, working, c.points, buffers, withOurs(4));
          const before = await optimumKeptDay(done, working, c.points, buffers, withOurs(1));
          if (early && before) {
            diag.days++;
            diag.jobs += done.length;
            diag.kept += routeKm(done, keptBest, working, c.points);
            diag.early += routeKm(done, early, working, c.points);
            diag.before += routeKm(done, before, working, c.points);
            diag.ours += routeKm(done, ours, working, c.points);
            for (const j of done) {
              const l = lead(j.id);
              const kind = regularOf.get(j.id) ? (fixed.has(j.id) ? 'kept' : 'planFree') : 'oneOff';
              const key = `${kind} lead ${l >= 4 ? '≥4' : l}`;
              diag.byKind.set(key, (diag.byKind.get(key) ?? 0) + 1);
              if (keptBest.get(j.id) !== j.workerId) diag.moved.set(key, (diag.moved.get(key) ?? 0) + 1);
            }
          }
        }
        if (keptBest) {
          travel.keptDays++;
          travel.keptJobs += done.length;
          travel.keptOurs += routeKm(done, ours, working, c.points);
          travel.kept += routeKm(done, keptBest, working, c.points);
        } else travel.keptMissing++;
        if (best) {
          travel.jobs += done.length;
          travel.ours += routeKm(done, ours, working, c.points);
          travel.optimum += routeKm(done, best, working, c.points);
          travel.greedy += routeKm(done, greedy, working, c.points);
          travel.greedyShort += done.length - greedy.size;
          travel.greedyKept += routeKm(done, greedyKept, working, c.points);
          travel.greedyKeptShort += done.length - greedyKept.size;
          travel.optimumDays++;
        }
      }
    }
    const [{ km }] = (await db.execute(
      sql`select avg((e.terms->>'travelKm')::float) as km from match_explanations e`,
    )) as unknown as { km: number }[];
    const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '—');
    console.log(
      `continuity: seed ${seed}, workload weight ${settings.matchingWeights.workload}, ${weeks} weeks, ${simPlans} plans + 200 one-offs a week, ${nWorkers} workers (10 % of worker-days off${deactivate ? ', modelled as deactivation' : ': half as time off entered ahead, half called in on the day'}; 5 % of visits skipped)`,
    );
    console.log(`  plan visits done: ${planVisits}; with the regular available: ${regularAvailable}`);
    console.log(`  continuity (done by the regular when available): ${pct(byRegular, regularAvailable)} %`);
    console.log(
      `  the rest: matched before the plan had a regular ${losses.noRegularYet}, regular off on the day of the match ${losses.regularOffWhenMatched}, regular not eligible when matched (another job, travel buffer) ${losses.regularBusyWhenMatched}, other ${losses.other}`,
    );
    console.log(
      `  matched: ${pct(matched, due)} % of ${due} jobs due Mon–Sat; ${beyondCapacity} of them were beyond the day's capacity (no schedule of the working workers could do them, even with hindsight): ${pct(matched, due - beyondCapacity)} % of the ${due - beyondCapacity} feasible`,
    );
    if (due > matched) {
      console.log(
        `    unmatched: ${missed.plan} plan visits, ${missed.oneOff} one-offs; ${missed.declined} had been declined; a worker on duty was still free for ${missed.aWorkerWasFree}`,
      );
      for (const e of missed.examples) console.log(`      ${e}`);
    }
    const rates = c.workers.filter((w) => daysOf.get(w)! > 0).map((w) => jobsOf.get(w)! / daysOf.get(w)!);
    const mean = rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length);
    const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, rates.length));
    console.log(
      `  workload fairness: jobs per day worked ${mean.toFixed(2)} on average, spread (std dev) ${sd.toFixed(2)} (${mean ? ((100 * sd) / mean).toFixed(0) : '—'} % of the mean), least ${Math.min(...rates).toFixed(2)}, most ${Math.max(...rates).toFixed(2)}`,
    );
    const per = (x: number) => (travel.jobs ? (x / travel.jobs).toFixed(2) : '—');
    console.log(
      `  route km per job, each day with hindsight over ${travel.jobs} jobs done on ${travel.optimumDays} days (home → first job → next …):`,
    );
    console.log(`    dispatcher (as run): ${per(travel.ours)} km`);
    console.log(
      `    greedy nearest free: ${per(travel.greedy)} km${travel.greedyShort ? ` (${travel.greedyShort} jobs it could not place)` : ''}`,
    );
    console.log(
      `    greedy, regulars kept: ${per(travel.greedyKept)} km (the plan visits the regular did stay with them${travel.greedyKeptShort ? `; ${travel.greedyKeptShort} jobs it could not place` : ''})`,
    );
    console.log(
      `    offline optimum, regulars free to change: ${per(travel.optimum)} km (a different problem: it may break continuity; the dispatcher: ${travel.optimum ? `+${pct(travel.ours - travel.optimum, travel.optimum)} %` : '—'}, ${per(travel.ours - travel.optimum)} km a job more)`,
    );
    const perKept = (x: number) => (travel.keptJobs ? (x / travel.keptJobs).toFixed(2) : '—');
    console.log(
      `    optimum keeping regulars: ${perKept(travel.kept)} km (hindsight per day, every plan visit whose regular works that day kept with them, clashes aside; over ${travel.keptJobs} jobs on ${travel.keptDays} days${travel.keptMissing ? `; no such routes on ${travel.keptMissing} days` : ''})`,
    );
    console.log(
      `  GOAL (within 5 % of the optimum keeping regulars: the product keeps regular clients with their cleaner): dispatcher ${perKept(travel.keptOurs)} km against ${perKept(travel.kept)} km on the same days: ${travel.kept ? `+${pct(travel.keptOurs - travel.kept, travel.kept)} %` : '—'}`,
    );
    if (why && diag.jobs) {
      const d = (x: number) => (x / diag.jobs).toFixed(3);
      console.log(
        `  WHY (${diag.jobs} jobs on ${diag.days} days): optimum keeping regulars ${d(diag.kept)} km/job; with the dispatcher's choices fixed for jobs matched ≥ 4 days ahead ${d(diag.early)}; and for those matched before the day ${d(diag.before)}; dispatcher ${d(diag.ours)}`,
      );
      for (const [k, n] of [...diag.byKind].sort())
        console.log(`    ${k}: ${n} jobs, ${diag.moved.get(k) ?? 0} with another worker in the optimum`);
    }
    if (process.env.BENCH_DUMP_BATCHES)
      writeFileSync(process.env.BENCH_DUMP_BATCHES, JSON.stringify({ zones: [...c.points], batches: dumped }));
    if (why && batch.jobs) {
      const b = (x: number) => (x / batch.jobs).toFixed(3);
      console.log(
        `  BATCH 3 days ahead, seen then (${batch.days} days, ${batch.jobs} jobs of which ${batch.freeJobs} matched in the batch${batch.missing ? `; no routes on ${batch.missing} days` : ''}): dispatcher ${b(batch.ours)} km/job, greedy ${b(batch.greedy)}, optimum ${b(batch.optimum)} (+${pct(batch.ours - batch.optimum, batch.optimum)} %)`,
      );
    }
    console.log(
      `  the dispatcher's own estimate at match time (explanations): ${Number(km ?? 0).toFixed(2)} km per match`,
    );
    const [{ moved }] = (await db.execute(
      sql`select coalesce(sum(moved), 0)::int as moved from match_runs`,
    )) as unknown as {
      moved: number;
    }[];
    const replan = settings.matchingReplan;
    console.log(
      `  the day's re-plan (${replan.enabled ? `on: ${replan.minSaving} points at least, jobs ${replan.leadHours} h ahead or more, ${replan.days} day(s)` : 'off'}): ${moved} jobs moved to another worker on the day, ${(moved / days).toFixed(1)} a day, ${pct(moved, travel.jobs)} % of the jobs done`,
    );
  });
}
