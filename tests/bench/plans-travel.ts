// A simulated day's jobs seen with hindsight: the kilometres of the routes the dispatcher made, of greedy
// "nearest free worker" dispatch, and of the offline optimum. Pure, so a unit test checks the optimum
// against brute force. Every figure is the same measure: each worker drives from home to their first job,
// then from job to job in time order (no way back home); one zone is one point.
import { haversineKm } from '@/lib/matching/cost';
import loadHighs from 'highs';
import { textbookHungarian } from '../support/hungarian';

export type DayJob = { id: string; zoneId: string; start: number; end: number; bookedAt: number };
export type DayWorker = { id: string; homeZoneId: string };
export type ZonePoints = ReadonlyMap<string, { lat: number; lng: number }>;
/** The travel buffer between two jobs of one worker, in minutes (settings matchingTravelBuffer…). */
export type Buffers = { sameZone: number; otherZone: number };

export const km = (zones: ZonePoints, a: string, b: string) =>
  a === b ? 0 : haversineKm(zones.get(a)!, zones.get(b)!);

/** Whether one worker can do `b` after `a`: it starts once `a` ends plus the travel buffer. */
export function canFollow(a: DayJob, b: DayJob, buffers: Buffers): boolean {
  const buffer = (a.zoneId === b.zoneId ? buffers.sameZone : buffers.otherZone) * 60_000;
  return b.start >= a.end + buffer;
}

/** Total route km of an assignment (job id → worker id). */
export function routeKm(
  jobs: readonly DayJob[],
  assignment: ReadonlyMap<string, string>,
  workers: readonly DayWorker[],
  zones: ZonePoints,
): number {
  const home = new Map(workers.map((w) => [w.id, w.homeZoneId]));
  const byWorker = new Map<string, DayJob[]>();
  for (const job of jobs) {
    const w = assignment.get(job.id);
    if (!w) continue;
    byWorker.set(w, [...(byWorker.get(w) ?? []), job]);
  }
  let total = 0;
  for (const [w, list] of byWorker) {
    list.sort((a, b) => a.start - b.start);
    let at = home.get(w) ?? list[0].zoneId;
    for (const job of list) {
      total += km(zones, at, job.zoneId);
      at = job.zoneId;
    }
  }
  return total;
}

/**
 * Greedy nearest-free dispatch: jobs in the order they were booked (after the `fixed` ones, held by the
 * worker given there: plan visits kept with their regular worker), each to the free worker (no overlap and
 * the travel buffer kept on both sides) whose route grows the least. Returns the assignment; a job nobody
 * is free for stays out of it.
 */
export function greedyDay(
  jobs: readonly DayJob[],
  workers: readonly DayWorker[],
  zones: ZonePoints,
  buffers: Buffers,
  fixed: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const held = new Map<string, DayJob[]>(workers.map((w) => [w.id, []]));
  const assignment = new Map<string, string>();
  for (const job of jobs) {
    const w = fixed.get(job.id);
    if (!w || !held.has(w)) continue;
    held.get(w)!.push(job);
    assignment.set(job.id, w);
  }
  for (const job of [...jobs].sort((a, b) => a.bookedAt - b.bookedAt || a.start - b.start)) {
    if (assignment.has(job.id)) continue;
    let best: { id: string; extra: number } | null = null;
    for (const w of workers) {
      const list = held.get(w.id)!;
      if (!list.every((other) => canFollow(other, job, buffers) || canFollow(job, other, buffers))) continue;
      const prev = list.filter((o) => o.end <= job.start).sort((a, b) => b.end - a.end)[0];
      const next = list.filter((o) => o.start >= job.end).sort((a, b) => a.start - b.start)[0];
      const from = prev?.zoneId ?? w.homeZoneId;
      // Without an earlier job the worker's first leg moves: home → job → next instead of home → next.
      const extra =
        km(zones, from, job.zoneId) + (next ? km(zones, job.zoneId, next.zoneId) - km(zones, from, next.zoneId) : 0);
      if (!best || extra < best.extra) best = { id: w.id, extra };
    }
    if (!best) continue;
    held.get(best.id)!.push(job);
    assignment.set(job.id, best.id);
  }
  return assignment;
}

/**
 * The least total route km over every way of doing all the jobs with these workers, known in advance. Each
 * job gets exactly one predecessor, another job it can follow or a worker's home (each used at most once);
 * since "can follow" goes forward in time, those choices are exactly the sets of routes, so the minimum is
 * an assignment problem (rows: jobs, columns: jobs as predecessors and workers), solved by the textbook
 * Hungarian method (tests/support) padded to a square with free dummy rows. Returns the assignment, or null
 * when the jobs cannot all be done.
 */
export function optimumDay(
  jobs: readonly DayJob[],
  workers: readonly DayWorker[],
  zones: ZonePoints,
  buffers: Buffers,
): Map<string, string> | null {
  const n = jobs.length;
  const s = n + workers.length;
  if (n === 0) return new Map();
  const FORBIDDEN = 1e9;
  const cost = (row: number, col: number): number => {
    if (row >= n) return 0;
    const job = jobs[row];
    if (col < n) return canFollow(jobs[col], job, buffers) ? km(zones, jobs[col].zoneId, job.zoneId) : FORBIDDEN;
    return km(zones, workers[col - n].homeZoneId, job.zoneId);
  };
  const rowOf = textbookHungarian(cost, s);
  const pred = new Int32Array(n).fill(-1);
  for (let col = 0; col < s; col++) {
    const row = rowOf[col];
    if (row < n) {
      if (cost(row, col) >= FORBIDDEN) return null;
      pred[row] = col;
    }
  }
  // Walk each job back to the worker its route starts from.
  const assignment = new Map<string, string>();
  const workerOf = (row: number): string => {
    const p = pred[row];
    return p >= n ? workers[p - n].id : workerOf(p);
  };
  jobs.forEach((job, i) => assignment.set(job.id, workerOf(i)));
  return assignment;
}

/**
 * Which of a day's plan visits the regular worker keeps, by the rule the dispatcher applies: a visit stays with
 * its regular whenever the regular is working that day and free at that time. Among a regular's clashing visits,
 * the first to start keeps them (the dispatcher matches in start order, so it gives the regular the earlier one).
 */
export function keptVisits(
  visits: readonly (DayJob & { regular: string | null })[],
  working: ReadonlySet<string>,
  buffers: Buffers,
): Map<string, string> {
  const held = new Map<string, DayJob[]>();
  const kept = new Map<string, string>();
  for (const v of [...visits].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))) {
    if (!v.regular || !working.has(v.regular)) continue;
    const list = held.get(v.regular) ?? [];
    if (!list.every((o) => canFollow(o, v, buffers) || canFollow(v, o, buffers))) continue;
    list.push(v);
    held.set(v.regular, list);
    kept.set(v.id, v.regular);
  }
  return kept;
}

let solverOnce: ReturnType<typeof loadHighs> | undefined;

/**
 * The least total route km doing every job while the `fixed` jobs stay with their worker: the offline optimum
 * under the continuity rule, or null when no routes keep them all. Unlike `optimumDay` this is no longer an
 * assignment problem (which worker a route belongs to is not a local choice), so it is a mixed-integer program
 * solved exactly by HiGHS:
 *  - binary links: job i → job j (j can follow i) and a route start → job j; every job has exactly one
 *    predecessor, every job at most one successor (the routes of optimumDay). The starts are the home of each
 *    worker with fixed jobs, and the other workers pooled by home zone (interchangeable; a pool starts as many
 *    routes as it has workers);
 *  - for each worker w with fixed jobs, a share a[j][w] (0…1) saying job j is on w's route: 1 on w's fixed jobs,
 *    0 on other workers' fixed jobs and on jobs that clash with one of w's; a link carries it unchanged
 *    (|a[i][w] − a[j][w]| ≤ 1 − link), w's home sets it to 1, any other start to 0. So a route is w's exactly
 *    when it starts at w's home, and every fixed job lies on its worker's route. The shares come out whole by
 *    themselves, since every route has one start.
 * Links a kept route can never use are left out beforehand: a fixed job follows only its worker's home, their
 * previous fixed job, or a free job between the two.
 */
export async function optimumKeptDay(
  jobs: readonly DayJob[],
  workers: readonly DayWorker[],
  zones: ZonePoints,
  buffers: Buffers,
  fixed: ReadonlyMap<string, string>,
): Promise<Map<string, string> | null> {
  const n = jobs.length;
  if (n === 0) return new Map();
  const workerIndex = new Map(workers.map((w, k) => [w.id, k]));
  const ownerOf = new Int32Array(n).fill(-1);
  const fixedOf = new Map<number, number[]>();
  jobs.forEach((job, i) => {
    const w = fixed.get(job.id);
    const k = w === undefined ? undefined : workerIndex.get(w);
    if (k === undefined) return;
    ownerOf[i] = k;
    fixedOf.set(k, [...(fixedOf.get(k) ?? []), i]);
  });
  const follows = (a: number, b: number) => canFollow(jobs[a], jobs[b], buffers);
  const apart = (a: number, b: number) => follows(a, b) || follows(b, a);
  const prevFixed = new Int32Array(n).fill(-1);
  const firstFixed = new Int32Array(workers.length).fill(-1);
  for (const [k, list] of fixedOf) {
    list.sort((a, b) => jobs[a].start - jobs[b].start);
    firstFixed[k] = list[0];
    list.forEach((i, t) => (prevFixed[i] = t > 0 ? list[t - 1] : -1));
  }
  const owners = [...fixedOf.keys()];
  const starts: { k: number; zoneId: string; workerIds: string[] }[] = owners.map((k) => ({
    k,
    zoneId: workers[k].homeZoneId,
    workerIds: [workers[k].id],
  }));
  const pools = new Map<string, number>();
  workers.forEach((w, k) => {
    if (fixedOf.has(k)) return;
    const t = pools.get(w.homeZoneId);
    if (t === undefined) {
      pools.set(w.homeZoneId, starts.length);
      starts.push({ k: -1, zoneId: w.homeZoneId, workerIds: [w.id] });
    } else starts[t].workerIds.push(w.id);
  });
  // a[j][w] as a constant (0 or 1) or the name of a variable.
  const share = (j: number, k: number): 0 | 1 | string => {
    if (ownerOf[j] >= 0) return ownerOf[j] === k ? 1 : 0;
    return fixedOf.get(k)!.every((f) => apart(f, j)) ? `a_${j}_${k}` : 0;
  };
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const shares = new Set<string>();
  const predOf: string[][] = Array.from({ length: n }, () => []);
  const succOf: string[][] = Array.from({ length: n }, () => []);
  const startOf: string[][] = starts.map(() => []);
  const term = (coef: number, v: string) => `+ ${coef} ${v}`;
  for (let j = 0; j < n; j++) {
    const own = ownerOf[j];
    const freeShares = own >= 0 ? [] : owners.map((o) => share(j, o)).filter((a): a is string => typeof a === 'string');
    for (let i = 0; i < n; i++) {
      if (i === j || !follows(i, j)) continue;
      if (own >= 0 && (ownerOf[i] >= 0 ? i !== prevFixed[j] : prevFixed[j] >= 0 && !follows(prevFixed[j], i))) continue;
      // Both ends' shares must agree; two constants that differ rule the link out.
      const links: [string, string][] = [];
      let possible = true;
      for (const k of owners) {
        const si = share(i, k);
        const sj = share(j, k);
        if (typeof si === 'number' && typeof sj === 'number') {
          if (si !== sj) possible = false;
        } else links.push([String(si), String(sj)]);
      }
      if (!possible) continue;
      const y = `y_${i}_${j}`;
      binaries.push(y);
      objective.push(term(km(zones, jobs[i].zoneId, jobs[j].zoneId), y));
      predOf[j].push(y);
      succOf[i].push(y);
      for (const [si, sj] of links)
        for (const [p, q] of [
          [si, sj],
          [sj, si],
        ]) {
          // p − q ≤ 1 − y, with the constants moved to the right-hand side.
          const lhs = [`+ 1 ${y}`];
          let rhs = 1;
          if (p === '1') rhs -= 1;
          else if (p !== '0') lhs.push(`+ 1 ${p}`);
          if (q === '1') rhs += 1;
          else if (q !== '0') lhs.push(`- 1 ${q}`);
          rows.push(`${lhs.join(' ')} <= ${rhs}`);
        }
    }
    starts.forEach(({ k, zoneId }, t) => {
      if (k >= 0) {
        const first = firstFixed[k];
        if (own >= 0 ? first !== j : !follows(j, first) || share(j, k) === 0) return;
      } else if (own >= 0) return;
      const h = `h_${t}_${j}`;
      binaries.push(h);
      objective.push(term(km(zones, zoneId, jobs[j].zoneId), h));
      predOf[j].push(h);
      startOf[t].push(h);
      if (own >= 0) return;
      // w's home starts w's route (share 1); a pool's start a route of no worker with fixed jobs (shares 0).
      if (k >= 0) rows.push(`+ 1 ${h} - 1 ${share(j, k)} <= 0`);
      else rows.push(`${[`+ 1 ${h}`, ...freeShares.map((a) => `+ 1 ${a}`)].join(' ')} <= 1`);
    });
    if (!predOf[j].length) return null;
    rows.push(`${predOf[j].map((v) => `+ 1 ${v}`).join(' ')} = 1`);
    for (const a of freeShares) shares.add(a);
    if (freeShares.length > 1) rows.push(`${freeShares.map((a) => `+ 1 ${a}`).join(' ')} <= 1`);
  }
  for (const list of succOf) if (list.length > 1) rows.push(`${list.map((v) => `+ 1 ${v}`).join(' ')} <= 1`);
  startOf.forEach((list, t) => {
    const count = starts[t].workerIds.length;
    if (list.length > count) rows.push(`${list.map((v) => `+ 1 ${v}`).join(' ')} <= ${count}`);
  });
  const lp = [
    'Minimize',
    ` obj: ${objective.join(' ')}`,
    'Subject To',
    ...rows.map((r, t) => ` c${t}: ${r}`),
    'Bounds',
    ...[...shares].map((a) => ` 0 <= ${a} <= 1`),
    'Binary',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
  const highs = await (solverOnce ??= loadHighs());
  const result = highs.solve(lp, { output_flag: false, mip_rel_gap: 0 });
  if (result.Status === 'Infeasible') return null;
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  const chosen = (v: string) => {
    const col = result.Columns[v];
    return Boolean(col && 'Primal' in col && col.Primal > 0.5);
  };
  // Walk each route from its start; a pool's routes go to its workers in turn.
  const next = new Int32Array(n).fill(-1);
  const firsts: [number, number][] = [];
  for (let j = 0; j < n; j++)
    for (const v of predOf[j])
      if (chosen(v)) {
        const [kind, from] = v.split('_');
        if (kind === 'h') firsts.push([Number(from), j]);
        else next[Number(from)] = j;
      }
  const assignment = new Map<string, string>();
  for (const [t, first] of firsts) {
    const id = starts[t].workerIds.shift()!;
    for (let j = first; j >= 0; j = next[j]) assignment.set(jobs[j].id, id);
  }
  return assignment;
}

/**
 * The most of these jobs any schedule of the working workers could do, known in advance (each job after another
 * it can follow, or first from a home, each used once; the rest dropped): the jobs beyond it were not feasible
 * that day, whatever the dispatcher did. The assignment problem of `optimumDay` with a dropping column per job.
 */
export function mostJobsDay(jobs: readonly DayJob[], workers: readonly DayWorker[], buffers: Buffers): number {
  const n = jobs.length;
  const s = 2 * n + workers.length;
  if (n === 0) return 0;
  const FORBIDDEN = 1e9;
  const cost = (row: number, col: number): number => {
    if (row >= n) return 0;
    if (col < n) return col !== row && canFollow(jobs[col], jobs[row], buffers) ? 0 : FORBIDDEN;
    if (col < n + workers.length) return 0;
    return col - n - workers.length === row ? 1 : FORBIDDEN;
  };
  const rowOf = textbookHungarian(cost, s);
  let dropped = 0;
  for (let col = n + workers.length; col < s; col++) if (rowOf[col] < n) dropped++;
  return n - dropped;
}
