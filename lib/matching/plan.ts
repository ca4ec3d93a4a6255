import { checkEligibility, type EligibilityFacts } from './eligibility';
import { pairCost, type CostTerms } from './cost';
import { solveAssignmentFlat } from './solver';
import type { CostWeights, MatchingRules, MatchOrder, MatchWorker, WorkerStats, ZonePoint } from './types';

export type RunnerUp = { workerId: string; terms: CostTerms };
export type PlannedAssignment = { orderId: string; workerId: string; terms: CostTerms; runnersUp: RunnerUp[] };
export type Plan = { assignments: PlannedAssignment[]; unmatched: string[] };

export type PlanInput = {
  orders: readonly MatchOrder[];
  /** Their `busy` lists are extended in place as the plan gives them orders. */
  workers: MatchWorker[];
  facts: (orderId: string, workerId: string) => EligibilityFacts;
  stats: (workerId: string) => WorkerStats;
  clientRating: (clientId: string, workerId: string) => number | null;
  /** Whether the worker is one of the client's preferred workers; null when the client has none. */
  preferred?: (clientId: string, workerId: string) => boolean | null;
  /** Hours the worker already has in the company week that contains the instant. */
  weekHours: (workerId: string, at: Date) => number;
  /** Key of the company week containing the instant ('2026-11-23'). */
  weekOf: (at: Date) => string;
  zones: ReadonlyMap<string, ZonePoint>;
  rules: MatchingRules;
  weights: CostWeights;
};

const RUNNERS_UP = 3;

/**
 * Plans a batch of pending orders. One worker may take several orders of the batch as long as they do
 * not overlap (with the travel buffer), so a single assignment problem over all orders is not enough:
 *
 * 1. Orders are sorted by start and cut into time slots: a slot opens with the earliest order left and
 *    takes every order starting before that order ends plus the largest travel buffer, so the orders of a
 *    slot all clash with its first one and mostly with each other.
 * 2. Slots are solved in time order. Within a slot, one assignment problem gives each worker at most one
 *    order at the minimum total cost (orders × eligible workers, Hungarian / Jonker-Volgenant).
 * 3. The orders of the slot still without a worker are solved again against the updated calendars (a worker
 *    who took the 09:00 order may still fit the 11:30 one of the same slot), until a round assigns nothing.
 *    Later slots see every earlier assignment.
 * 4. Improvement passes (local search, `improvePlan`) then move or swap orders between workers while that
 *    lowers the plan's cost, and any order left without a worker is tried once more. `improve: false` skips
 *    them (tests compare the two).
 *
 * Each order's eligibility is checked against everything the worker holds at that moment, including
 * orders given to them earlier in this plan, so the plan never double-books.
 */
export function planAssignments(input: PlanInput, opts: { improve?: boolean } = {}): Plan {
  const { rules } = input;
  const pad = Math.max(rules.bufferSameZoneMinutes, rules.bufferOtherZoneMinutes) * 60_000;
  const sorted = [...input.orders].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  const slots: MatchOrder[][] = [];
  let slotEnd = -Infinity;
  for (const order of sorted) {
    if (order.start.getTime() >= slotEnd) {
      slots.push([]);
      slotEnd = order.end.getTime() + pad;
    }
    slots[slots.length - 1].push(order);
  }

  // Hours this plan added, per worker and week, on top of what was already booked.
  const added = new Map<string, Map<string, number>>();
  const weekHours = (workerId: string, at: Date) =>
    input.weekHours(workerId, at) + (added.get(workerId)?.get(input.weekOf(at)) ?? 0);

  const orderById = new Map(input.orders.map((o) => [o.id, o]));
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  // Most workers fail on skill or zone: each order scans only the workers with both (in input order, so the
  // result is the same as scanning them all).
  const bySkillZone = new Map<string, MatchWorker[]>();
  const candidates = (order: MatchOrder) => {
    const key = `${order.skill}|${order.zoneId}`;
    let list = bySkillZone.get(key);
    if (!list)
      bySkillZone.set(
        key,
        (list = input.workers.filter((w) => w.skills.has(order.skill) && w.zoneIds.has(order.zoneId))),
      );
    return list;
  };
  const assignments: PlannedAssignment[] = [];
  /** Solves rounds over these orders until one assigns nothing; returns the orders left without a worker. */
  const place = (orders: readonly MatchOrder[]): MatchOrder[] => {
    let remaining = [...orders];
    while (remaining.length) {
      const round = solveRound(input, remaining, weekHours, candidates);
      for (const a of round) {
        const order = orderById.get(a.orderId)!;
        const worker = workerById.get(a.workerId)!;
        worker.busy.push({ orderId: order.id, start: order.start, end: order.end, zoneId: order.zoneId });
        const week = input.weekOf(order.start);
        let perWeek = added.get(worker.id);
        if (!perWeek) added.set(worker.id, (perWeek = new Map()));
        perWeek.set(week, (perWeek.get(week) ?? 0) + (order.end.getTime() - order.start.getTime()) / 3_600_000);
        assignments.push(a);
      }
      const done = new Set(round.map((a) => a.orderId));
      remaining = remaining.filter((o) => !done.has(o.id));
      if (round.length === 0) break;
    }
    return remaining;
  };
  let left = slots.flatMap(place);
  // The improvement passes may free room for an order no worker could take before (a swap that moves a long job).
  if (
    opts.improve !== false &&
    improvePlan(input, assignments, { orderById, workerById, added, candidates }) &&
    left.length
  )
    left = place(left);
  return { assignments, unmatched: left.map((o) => o.id) };
}

/** Improvement passes over a plan at most; each tries every order of the batch once, and they stop once one changes nothing. */
const IMPROVE_PASSES = 4;
/** A change must save at least this many cost points (so rounding never makes two changes undo each other). */
const MIN_GAIN = 1e-6;

type PlanState = {
  orderById: ReadonlyMap<string, MatchOrder>;
  workerById: ReadonlyMap<string, MatchWorker>;
  /** Hours the plan added per worker and week; kept up to date as orders move. */
  added: Map<string, Map<string, number>>;
  candidates: (order: MatchOrder) => readonly MatchWorker[];
};

const hoursOf = (o: MatchOrder) => (o.end.getTime() - o.start.getTime()) / 3_600_000;

/**
 * Local search over the batch once every slot is solved. The slots are solved in time order, so the 09:00
 * order was given its worker before the 14:00 orders of the same day were: its travel counted the worker's
 * day as it stood then, not the route the plan ends up building. Each pass takes every order of the batch
 * and tries to move it to another eligible worker, or to swap it with an order of that worker's that clashes
 * with it, and keeps a change when it lowers the batch's cost: the weighted route kilometres of both workers
 * (each order's travel term is exactly the detour it adds to its worker's route, so a change's effect on the
 * routes is the difference of those detours) plus the changed orders' other terms. Orders kept with their
 * plan's regular worker never move. Jobs assigned before this run are fixed route points, as in the slots.
 * The chosen terms and runners-up of every order on a changed worker's calendar are recomputed on the final
 * routes, so the stored explanation describes the match as made.
 */
function improvePlan(input: PlanInput, assignments: PlannedAssignment[], state: PlanState): boolean {
  if (assignments.length < 2) return false;
  const { orderById, workerById, added, candidates } = state;
  const week = (o: MatchOrder) => input.weekOf(o.start);
  const addHours = (workerId: string, o: MatchOrder, sign: 1 | -1) => {
    let perWeek = added.get(workerId);
    if (!perWeek) added.set(workerId, (perWeek = new Map()));
    perWeek.set(week(o), (perWeek.get(week(o)) ?? 0) + sign * hoursOf(o));
  };
  const byWorker = new Map<string, Set<PlannedAssignment>>();
  for (const a of assignments) {
    let set = byWorker.get(a.workerId);
    if (!set) byWorker.set(a.workerId, (set = new Set()));
    set.add(a);
  }
  const holds = (worker: MatchWorker, o: MatchOrder) => worker.busy.some((j) => j.orderId === o.id);
  /**
   * The pair's cost with the worker's calendar as it stands, leaving out `without` (an order about to leave
   * it) and the order itself: the worker's hours that week count neither.
   */
  const cost = (o: MatchOrder, worker: MatchWorker, without: MatchOrder | null) => {
    let hours = input.weekHours(worker.id, o.start) + (added.get(worker.id)?.get(week(o)) ?? 0);
    if (holds(worker, o)) hours -= hoursOf(o);
    if (without && holds(worker, without) && week(without) === week(o)) hours -= hoursOf(without);
    const busy = without ? worker.busy.filter((j) => j.orderId !== without.id) : worker.busy;
    return pairCost({
      order: o,
      worker: { ...worker, busy },
      weekHours: hours,
      stats: input.stats(worker.id),
      clientRating: input.clientRating(o.clientId, worker.id),
      preferred: input.preferred?.(o.clientId, worker.id) ?? null,
      zones: input.zones,
      weights: input.weights,
    });
  };
  const eligible = (o: MatchOrder, worker: MatchWorker, without: MatchOrder | null) =>
    checkEligibility(
      o,
      without ? { ...worker, busy: worker.busy.filter((j) => j.orderId !== without.id) } : worker,
      input.facts(o.id, worker.id),
      input.rules,
    ).ok;
  const pad = Math.max(input.rules.bufferSameZoneMinutes, input.rules.bufferOtherZoneMinutes) * 60_000;
  const clash = (x: MatchOrder, y: MatchOrder) =>
    x.start.getTime() < y.end.getTime() + pad && y.start.getTime() < x.end.getTime() + pad;
  const move = (a: PlannedAssignment, to: MatchWorker) => {
    const o = orderById.get(a.orderId)!;
    const from = workerById.get(a.workerId)!;
    const i = from.busy.findIndex((j) => j.orderId === o.id);
    const [job] = from.busy.splice(i, 1);
    to.busy.push(job);
    addHours(from.id, o, -1);
    addHours(to.id, o, 1);
    byWorker.get(from.id)!.delete(a);
    let set = byWorker.get(to.id);
    if (!set) byWorker.set(to.id, (set = new Set()));
    set.add(a);
    a.workerId = to.id;
  };
  const touched = new Set<string>();
  for (let pass = 0; pass < IMPROVE_PASSES; pass++) {
    let changed = false;
    for (const a of assignments) {
      const o = orderById.get(a.orderId)!;
      const from = workerById.get(a.workerId)!;
      if (o.regularWorkerId === from.id) continue;
      const now = cost(o, from, null).total;
      let best: { gain: number; to: MatchWorker; swap: PlannedAssignment | null } | null = null;
      for (const to of candidates(o)) {
        if (to.id === from.id) continue;
        const gain = now - cost(o, to, null).total;
        if (gain > MIN_GAIN && (!best || gain > best.gain) && eligible(o, to, null)) best = { gain, to, swap: null };
        // A swap with an order of `to`'s that stands in the way.
        for (const b of byWorker.get(to.id) ?? []) {
          const p = orderById.get(b.orderId)!;
          if (p.regularWorkerId === to.id || !clash(o, p)) continue;
          const swapGain = now + cost(p, to, null).total - cost(o, to, p).total - cost(p, from, o).total;
          if (swapGain <= MIN_GAIN || (best && swapGain <= best.gain)) continue;
          if (!from.skills.has(p.skill) || !from.zoneIds.has(p.zoneId)) continue;
          if (eligible(o, to, p) && eligible(p, from, o)) best = { gain: swapGain, to, swap: b };
        }
      }
      if (!best) continue;
      if (best.swap) {
        // Out of the way first, so neither calendar ever holds both.
        const fromId = from.id;
        move(best.swap, from);
        move(a, best.to);
        touched.add(fromId);
      } else {
        touched.add(from.id);
        move(a, best.to);
      }
      touched.add(best.to.id);
      changed = true;
    }
    if (!changed) break;
  }
  if (touched.size === 0) return false;
  for (const a of assignments) {
    if (!touched.has(a.workerId)) continue;
    const o = orderById.get(a.orderId)!;
    a.terms = cost(o, workerById.get(a.workerId)!, null);
    a.runnersUp = candidates(o)
      .filter((w) => w.id !== a.workerId && eligible(o, w, null))
      .map((w) => ({ workerId: w.id, terms: cost(o, w, null) }))
      .sort((x, y) => x.terms.total - y.terms.total)
      .slice(0, RUNNERS_UP);
  }
  return true;
}

function solveRound(
  input: PlanInput,
  orders: readonly MatchOrder[],
  weekHours: (workerId: string, at: Date) => number,
  candidates: (order: MatchOrder) => readonly MatchWorker[],
): PlannedAssignment[] {
  type Cell = { col: number; terms: CostTerms };
  const cols = new Map<string, number>();
  const workers: MatchWorker[] = [];
  const rows: Cell[][] = orders.map((order) => {
    const cells: Cell[] = [];
    for (const worker of candidates(order)) {
      if (!checkEligibility(order, worker, input.facts(order.id, worker.id), input.rules).ok) continue;
      let col = cols.get(worker.id);
      if (col === undefined) {
        col = workers.length;
        cols.set(worker.id, col);
        workers.push(worker);
      }
      const terms = pairCost({
        order,
        worker,
        weekHours: weekHours(worker.id, order.start),
        stats: input.stats(worker.id),
        clientRating: input.clientRating(order.clientId, worker.id),
        preferred: input.preferred?.(order.clientId, worker.id) ?? null,
        zones: input.zones,
        weights: input.weights,
      });
      cells.push({ col, terms });
    }
    return cells;
  });
  const n = orders.length;
  const m = workers.length;
  if (m === 0) return [];
  const matrix = new Float64Array(n * m).fill(Infinity);
  rows.forEach((cells, i) => {
    for (const c of cells) matrix[i * m + c.col] = c.terms.total;
  });
  const { rowToCol } = solveAssignmentFlat(matrix, n, m);
  const result: PlannedAssignment[] = [];
  rowToCol.forEach((col, i) => {
    if (col < 0) return;
    const cells = rows[i];
    const chosen = cells.find((c) => c.col === col)!;
    const runnersUp = cells
      .filter((c) => c.col !== col)
      .sort((a, b) => a.terms.total - b.terms.total)
      .slice(0, RUNNERS_UP)
      .map((c) => ({ workerId: workers[c.col].id, terms: c.terms }));
    result.push({ orderId: orders[i].id, workerId: workers[col].id, terms: chosen.terms, runnersUp });
  });
  return result;
}
