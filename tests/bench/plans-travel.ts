// A simulated day's jobs seen with hindsight: the kilometres of the routes the dispatcher made, of greedy
// "nearest free worker" dispatch, and of the offline optimum. Pure, so a unit test checks the optimum
// against brute force. Every figure is the same measure: each worker drives from home to their first job,
// then from job to job in time order (no way back home); one zone is one point.
import { haversineKm } from '@/lib/matching/cost';
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
