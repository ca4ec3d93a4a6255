// `npm run bench -- matching [--n 500] [--sweep 1000]`: the dispatcher's solver and a full sweep.
//  1. Quality on the instance family: n workers and n orders uniform in a 30 × 30 km square, one slot,
//     cost = distance. Our solver's total against the optimum computed independently (a second, textbook
//     O(n³) Hungarian written here; both checked against exact bitmask DP on small sizes), next to greedy
//     "nearest free worker" and global greedy (cheapest pair first).
//  2. Speed: a 1000 × 1000 assignment including building the cost matrix.
//  3. A full sweep through lib/matching's dispatch(): 1,000 pending orders against 1,000 workers, reading from
//     and writing to PostgreSQL (a database created for the run on BENCH_DATABASE_URL, default
//     postgres://root@127.0.0.1:5432/postgres, and dropped at the end).
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { connectPostgres } from '@/db/connect';
import { migrate } from '@/db/migrate';
import type { Db } from '@/db';
import {
  clientProfiles,
  orders,
  services,
  users,
  workerProfiles,
  workerSchedules,
  workerSkills,
  workerZones,
  zones,
} from '@/db/schema';
import { dispatch } from '@/lib/matching/dispatch';
import { solveAssignmentFlat } from '@/lib/matching/solver';
import { textbookHungarian } from '@/tests/support/hungarian';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Pt = [number, number];
const points = (n: number, r: () => number): Pt[] => Array.from({ length: n }, () => [r() * 30, r() * 30]);

function costMatrix(orders: Pt[], workers: Pt[]): Float64Array {
  const n = orders.length;
  const m = workers.length;
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const [x, y] = orders[i];
    for (let j = 0; j < m; j++) {
      const dx = x - workers[j][0];
      const dy = y - workers[j][1];
      c[i * m + j] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  return c;
}

/** The optimum by the textbook Hungarian method (tests/support), independent of lib/matching's solver. */
function hungarianReference(c: Float64Array, n: number): number {
  const rowOf = textbookHungarian((i, j) => c[i * n + j], n);
  let total = 0;
  rowOf.forEach((i, j) => (total += c[i * n + j]));
  return total;
}

/** Exact optimum by dynamic programming over subsets of workers (n ≤ 12). */
function bitmaskOptimum(c: Float64Array, n: number): number {
  const best = new Float64Array(1 << n).fill(Infinity);
  best[0] = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    if (!Number.isFinite(best[mask])) continue;
    let i = 0;
    for (let b = mask; b; b &= b - 1) i++;
    if (i >= n) continue;
    for (let j = 0; j < n; j++)
      if (!(mask & (1 << j))) best[mask | (1 << j)] = Math.min(best[mask | (1 << j)], best[mask] + c[i * n + j]);
  }
  return best[(1 << n) - 1];
}

/** Each order in turn (arrival order) takes the nearest worker still free. */
function greedyNearestFree(c: Float64Array, n: number): number {
  const taken = new Uint8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (let j = 0; j < n; j++) if (!taken[j] && (best < 0 || c[i * n + j] < c[i * n + best])) best = j;
    taken[best] = 1;
    total += c[i * n + best];
  }
  return total;
}

/** The cheapest remaining pair first, over all pairs. */
function globalGreedy(c: Float64Array, n: number): number {
  const idx = new Uint32Array(n * n).map((_, k) => k);
  idx.sort((a, b) => c[a] - c[b]);
  const rowDone = new Uint8Array(n);
  const colDone = new Uint8Array(n);
  let total = 0;
  let left = n;
  for (const k of idx) {
    const i = Math.floor(k / n);
    const j = k % n;
    if (rowDone[i] || colDone[j]) continue;
    rowDone[i] = colDone[j] = 1;
    total += c[k];
    if (--left === 0) break;
  }
  return total;
}

function quality(n: number) {
  const r = rng(5);
  // Exact check first: both solvers against the bitmask optimum on 200 small instances.
  let agree = 0;
  for (let k = 0; k < 200; k++) {
    const size = 2 + (k % 9);
    const c = costMatrix(points(size, r), points(size, r));
    const exact = bitmaskOptimum(c, size);
    if (
      Math.abs(solveAssignmentFlat(c, size, size).total - exact) < 1e-6 &&
      Math.abs(hungarianReference(c, size) - exact) < 1e-6
    )
      agree++;
  }
  console.log(`exact check (2..10 × 2..10, bitmask DP): ${agree}/200 instances optimal for both solvers`);
  const ratios = { ours: [] as number[], nearest: [] as number[], global: [] as number[] };
  for (let seed = 0; seed < 5; seed++) {
    const rs = rng(100 + seed);
    const c = costMatrix(points(n, rs), points(n, rs));
    const optimum = hungarianReference(c, n);
    ratios.ours.push(solveAssignmentFlat(c, n, n).total / optimum);
    ratios.nearest.push(greedyNearestFree(c, n) / optimum);
    ratios.global.push(globalGreedy(c, n) / optimum);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${n} × ${n}, 30 × 30 km, cost = distance, 5 instances (mean total / optimum):`);
  console.log(
    `  lib/matching solver     ${mean(ratios.ours).toFixed(4)}  (max ${Math.max(...ratios.ours).toFixed(6)})`,
  );
  console.log(`  greedy nearest free     ${mean(ratios.nearest).toFixed(3)}`);
  console.log(`  global greedy           ${mean(ratios.global).toFixed(3)}`);
}

function speed() {
  const times: number[] = [];
  for (let k = 0; k < 7; k++) {
    const r = rng(1000 + k);
    const o = points(1000, r);
    const w = points(1000, r);
    const t0 = performance.now();
    const c = costMatrix(o, w);
    solveAssignmentFlat(c, 1000, 1000);
    times.push(performance.now() - t0);
  }
  // The first runs warm up the JIT; report the median of the rest.
  const warm = times.slice(2).sort((a, b) => a - b);
  console.log(
    `1000 × 1000 assignment incl. building the matrix: median ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms (min ${warm[0].toFixed(0)}, max ${warm[warm.length - 1].toFixed(0)}; target ≤ 150 ms)`,
  );
}

const DAY = 86_400_000;

async function sweep(size: number) {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
  const admin = await connectPostgres(base, 1);
  const name = `brigada_bench_matching_${process.pid}`;
  await admin.db.execute(sql.raw(`CREATE DATABASE "${name}"`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  const conn = await connectPostgres(url.toString(), 10);
  try {
    await migrate(conn);
    const db = conn.db;
    const now = new Date();
    await fill(db, size, now);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const summary = await dispatch(db, { now, trigger: 'cron' });
    const cpu = process.cpuUsage(cpu0);
    const ms = performance.now() - t0;
    // The machine may be shared: the sweep's own CPU (this process; PostgreSQL's is not counted) beside the wall time.
    console.log(
      `full sweep, ${size} pending orders × ${size} workers on PostgreSQL: ${(ms / 1000).toFixed(2)} s (target ≤ 3 s); node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, load average ${loadavg()[0].toFixed(1)}`,
    );
    console.log(`  matched ${summary.matched}, unmatched ${summary.unmatched}, conflicts ${summary.conflicts}`);
    const [{ n }] =
      (await db.execute(sql`select count(*)::int as n from orders a join orders b on a.worker_id = b.worker_id and a.id < b.id
      where a.status = 'assigned' and b.status = 'assigned' and tstzrange(a.scheduled_start, a.scheduled_end) && tstzrange(b.scheduled_start, b.scheduled_end)`)) as unknown as {
        n: number;
      }[];
    console.log(`  overlapping assignments: ${n}`);
    // Every match did the whole job, not just the status: final price, worker pay, event, explanation, both emails.
    const [done] = (await db.execute(sql`select
        (select count(*)::int from orders where status = 'assigned' and price_total is not null and pay_total is not null) as priced,
        (select count(*)::int from order_events where kind = 'match') as events,
        (select count(*)::int from match_explanations) as explanations,
        (select count(*)::int from notifications where kind in ('worker_matched', 'task_assigned')) as emails`)) as unknown as {
      priced: number;
      events: number;
      explanations: number;
      emails: number;
    }[];
    console.log(
      `  priced and paid ${done.priced}, match events ${done.events}, explanations ${done.explanations}, emails in the outbox ${done.emails}`,
    );
  } finally {
    await conn.close();
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    await admin.close();
  }
}

/** A 30 × 30 km city of 6 × 6 zones; each worker serves their zone and its neighbours, Mon–Sun 08–20. */
async function fill(db: Db, size: number, now: Date) {
  const r = rng(42);
  const grid = 6;
  const zoneRows = await db
    .insert(zones)
    .values(
      Array.from({ length: grid * grid }, (_, k) => ({
        code: `z${k}`,
        nameRu: `Зона ${k}`,
        nameEn: `Zone ${k}`,
        // 5 km cells: 0.045° of latitude and 0.08° of longitude at Moscow.
        lat: 55.6 + Math.floor(k / grid) * 0.045,
        lng: 37.4 + (k % grid) * 0.08,
        travelFee: 0,
      })),
    )
    .returning({ id: zones.id });
  const zoneIds = zoneRows.map((z) => z.id);
  const [service] = await db
    .insert(services)
    .values({
      code: 'bench',
      nameRu: 'Уборка',
      nameEn: 'Cleaning',
      skill: 'cleaning',
      pricingUnit: 'fixed',
      unitPrice: 300_000,
      minPrice: 0,
      baseMinutes: 120,
      checklist: [],
    })
    .returning({ id: services.id });
  const workers = await db
    .insert(users)
    .values(
      Array.from({ length: size }, (_, i) => ({
        email: `w${i}@bench.local`,
        name: `Worker ${i}`,
        role: 'worker' as const,
      })),
    )
    .returning({ id: users.id });
  const homes = workers.map(() => Math.floor(r() * grid * grid));
  await db.insert(workerProfiles).values(
    workers.map((w, i) => ({
      userId: w.id,
      grade: 'standard' as const,
      homeZoneId: zoneIds[homes[i]],
      weeklyHoursTarget: 30,
    })),
  );
  await db.insert(workerSkills).values(workers.map((w) => ({ workerId: w.id, skill: 'cleaning' })));
  const served = workers.flatMap((w, i) => {
    const [row, col] = [Math.floor(homes[i] / grid), homes[i] % grid];
    const out: { workerId: string; zoneId: string }[] = [];
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++)
        if (row + dr >= 0 && row + dr < grid && col + dc >= 0 && col + dc < grid)
          out.push({ workerId: w.id, zoneId: zoneIds[(row + dr) * grid + col + dc] });
    return out;
  });
  for (let k = 0; k < served.length; k += 2000) await db.insert(workerZones).values(served.slice(k, k + 2000));
  const schedules = workers.flatMap((w) =>
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ workerId: w.id, weekday, fromTime: '08:00', toTime: '20:00' })),
  );
  for (let k = 0; k < schedules.length; k += 2000)
    await db.insert(workerSchedules).values(schedules.slice(k, k + 2000));
  const clients = await db
    .insert(users)
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        email: `c${i}@bench.local`,
        name: `Client ${i}`,
        role: 'client' as const,
      })),
    )
    .returning({ id: users.id });
  await db.insert(clientProfiles).values(clients.map((c) => ({ userId: c.id })));
  // Orders over the next 7 days at 09:00–16:00 Moscow (06–13 UTC), two hours each.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const rows = Array.from({ length: size }, (_, i) => {
    const start = new Date(today + (1 + Math.floor(r() * 7)) * DAY + (6 + Math.floor(r() * 8)) * 3_600_000);
    return {
      number: `B-${i}-${randomUUID().slice(0, 4)}`,
      clientId: clients[i % clients.length].id,
      serviceId: service.id,
      zoneId: zoneIds[Math.floor(r() * zoneIds.length)],
      address: 'bench',
      contactPhone: '+7',
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 2 * 3_600_000),
      estimateTotal: 300_000,
      currency: 'RUB',
      bookedAt: new Date(now.getTime() - DAY),
    };
  });
  await db.insert(orders).values(rows);
}

export async function benchMatching(args: string[]): Promise<void> {
  quality(arg(args, 'n', 500));
  speed();
  await sweep(arg(args, 'sweep', 1000));
}
