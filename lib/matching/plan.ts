import { checkEligibility, type EligibilityFacts } from './eligibility';
import { pairCost, type CostTerms } from './cost';
import { solveAssignmentFlat } from './solver';
import type { BusyJob, CostWeights, MatchingRules, MatchOrder, MatchWorker, WorkerStats, ZonePoint } from './types';

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
 * 4. Slot by slot, each choice saw only the orders before it. With the whole plan known, orders move between
 *    workers (one moves, two swap, or one takes the place of another that then moves on) while the total
 *    cost falls, and the orders still without a worker are tried again (see `improve`). An order's travel
 *    cost is the extra kilometres it adds to the worker's route of that day, between their previous job (or
 *    home) and their next one, which is how the company's driving is measured (tests/bench/plans-travel.ts).
 *
 * Each order's eligibility is checked against everything the worker holds at that moment, including
 * orders given to them earlier in this plan, so the plan never double-books.
 */
export function planAssignments(input: PlanInput): Plan {
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
  // Rounds of assignment problems until one assigns nothing; returns the orders left without a worker.
  const assignRounds = (orders: readonly MatchOrder[]): MatchOrder[] => {
    let remaining = orders;
    for (;;) {
      const round = solveRound(input, remaining, weekHours, candidates);
      for (const a of round) {
        const order = orderById.get(a.orderId)!;
        const worker = workerById.get(a.workerId)!;
        worker.busy.push({ orderId: order.id, start: order.start, end: order.end, zoneId: order.zoneId });
        const week = input.weekOf(order.start);
        let perWeek = added.get(worker.id);
        if (!perWeek) added.set(worker.id, (perWeek = new Map()));
        perWeek.set(week, (perWeek.get(week) ?? 0) + hoursOf(order));
        assignments.push(a);
      }
      const done = new Set(round.map((a) => a.orderId));
      remaining = remaining.filter((o) => !done.has(o.id));
      if (round.length === 0 || remaining.length === 0) return [...remaining];
    }
  };
  let left = slots.flatMap((slot) => assignRounds(slot));
  const improved = improve(input, assignments, orderById, workerById, weekHours, added, candidates);
  if (!improved) return { assignments, unmatched: left.map((o) => o.id) };
  // The moves may have made room for an order no one could take before.
  if (left.length) left = assignRounds(left);
  return {
    assignments: explainFinal(input, assignments, improved, orderById, workerById, weekHours, candidates),
    unmatched: left.map((o) => o.id),
  };
}

const hoursOf = (o: MatchOrder) => (o.end.getTime() - o.start.getTime()) / 3_600_000;
/** Orders this far apart never share a worker's day (the travel model's route window, lib/matching/cost). */
const SAME_DAY_MS = 12 * 3_600_000;
/** A move must save more than this many points (float noise, and endless swaps between equal costs). */
const MIN_GAIN = 1e-6;
/** Improvement passes over the plan at most (each pass tries every move once; most plans settle in two or three). */
const MAX_PASSES = 8;

/**
 * The order's cost with this worker as the plan now stands, its own hours and place in their day left out (the
 * worker may hold it already): the extra kilometres it adds between the worker's previous and next jobs of the
 * day, the workload with the hours they have besides it, and the other terms. Null when the worker may not take it.
 */
function costWith(
  input: PlanInput,
  order: MatchOrder,
  worker: MatchWorker,
  weekHours: (workerId: string, at: Date) => number,
): CostTerms | null {
  if (!checkEligibility(order, worker, input.facts(order.id, worker.id), input.rules).ok) return null;
  const holds = worker.busy.some((j) => j.orderId === order.id);
  return pairCost({
    order,
    worker,
    weekHours: weekHours(worker.id, order.start) - (holds ? hoursOf(order) : 0),
    stats: input.stats(worker.id),
    clientRating: input.clientRating(order.clientId, worker.id),
    preferred: input.preferred?.(order.clientId, worker.id) ?? null,
    zones: input.zones,
    weights: input.weights,
  });
}

/**
 * 4. Improvement. Slot by slot, each choice saw only the orders before it; now that the whole plan is known, an
 *    order of the plan moves to another worker, or two orders of the same day swap workers, whenever that lowers
 *    the plan's total cost. The cost of an order with a worker is the extra kilometres it adds to that worker's
 *    route between their previous and next jobs of the day, so moving it changes the routes by exactly the
 *    difference of the two detours, which is what the company drives. Jobs committed before this plan never move.
 *    Returns whether anything moved.
 */
function improve(
  input: PlanInput,
  assignments: PlannedAssignment[],
  orderById: ReadonlyMap<string, MatchOrder>,
  workerById: ReadonlyMap<string, MatchWorker>,
  weekHours: (workerId: string, at: Date) => number,
  added: Map<string, Map<string, number>>,
  candidates: (order: MatchOrder) => readonly MatchWorker[],
): Improved | null {
  if (assignments.length === 0) return null;
  // An order taken out of a worker's calendar and hours, and put into another's.
  const shift = (worker: MatchWorker, order: MatchOrder, hours: number) => {
    const week = input.weekOf(order.start);
    let perWeek = added.get(worker.id);
    if (!perWeek) added.set(worker.id, (perWeek = new Map()));
    perWeek.set(week, (perWeek.get(week) ?? 0) + hours);
  };
  const take = (order: MatchOrder, from: MatchWorker): BusyJob => {
    const [job] = from.busy.splice(
      from.busy.findIndex((j) => j.orderId === order.id),
      1,
    );
    shift(from, order, -hoursOf(order));
    return job;
  };
  const put = (order: MatchOrder, job: BusyJob, to: MatchWorker) => {
    to.busy.push(job);
    shift(to, order, hoursOf(order));
  };
  const move = (order: MatchOrder, from: MatchWorker, to: MatchWorker) => put(order, take(order, from), to);
  const pad = Math.max(input.rules.bufferSameZoneMinutes, input.rules.bufferOtherZoneMinutes) * 60_000;
  const total = (order: MatchOrder, worker: MatchWorker) =>
    costWith(input, order, worker, weekHours)?.total ?? Infinity;
  // The plan's orders by start, so a swap only looks at the orders of the same day.
  const placed = assignments
    .map((a) => ({ order: orderById.get(a.orderId)!, a }))
    .sort((x, y) => x.order.start.getTime() - y.order.start.getTime());
  const starts = placed.map((p) => p.order.start.getTime());
  // The first of the plan's orders starting at or after the instant.
  const firstFrom = (t: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const movedOrders = new Set<string>();
  const touched = new Set<string>();
  const bucket = (t: number) => Math.floor(t / SAME_DAY_MS);
  // After the first pass, only the orders near a change are tried again: a move changes nobody's costs on other days.
  let changed: Set<number> | null = null;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = false;
    const changing = new Set<number>();
    const note = (...list: { order: MatchOrder; a: PlannedAssignment }[]) => {
      for (const p of list) {
        movedOrders.add(p.order.id);
        changing.add(bucket(p.order.start.getTime()));
      }
    };
    for (let k = 0; k < placed.length; k++) {
      const { order, a } = placed[k];
      const b = bucket(starts[k]);
      if (changed && !changed.has(b) && !changed.has(b - 1) && !changed.has(b + 1)) continue;
      const from = workerById.get(a.workerId)!;
      const here = costWith(input, order, from, weekHours)!;
      // The step is there to shorten the routes: an order that adds no kilometres where it is starts no move
      // (it may still be swapped or ejected by one that does).
      if (here.points.travel <= 0) continue;
      const now = here.total;
      // Relocate: the best other worker for this order, all else as planned.
      let best: { worker: MatchWorker; gain: number } | null = null;
      for (const worker of candidates(order)) {
        if (worker === from) continue;
        const gain = now - total(order, worker);
        if (gain > MIN_GAIN && (!best || gain > best.gain)) best = { worker, gain };
      }
      if (best) {
        move(order, from, best.worker);
        touched.add(from.id).add(best.worker.id);
        a.workerId = best.worker.id;
        note(placed[k]);
        moved = true;
        continue;
      }
      // Swap with an order of the same day held by another worker.
      let swapped = false;
      for (let l = firstFrom(starts[k] - SAME_DAY_MS); l < placed.length; l++) {
        const other = placed[l];
        if (other.order.start.getTime() - order.start.getTime() > SAME_DAY_MS) break;
        if (other.a.workerId === a.workerId) continue;
        const to = workerById.get(other.a.workerId)!;
        if (!to.skills.has(order.skill) || !to.zoneIds.has(order.zoneId)) continue;
        if (!from.skills.has(other.order.skill) || !from.zoneIds.has(other.order.zoneId)) continue;
        const before = now + total(other.order, to);
        move(order, from, to);
        move(other.order, to, from);
        const after = total(order, to) + total(other.order, from);
        if (before - after > MIN_GAIN) {
          touched.add(from.id).add(to.id);
          a.workerId = to.id;
          other.a.workerId = from.id;
          note(placed[k], other);
          moved = swapped = true;
          break;
        }
        move(other.order, from, to);
        move(order, to, from);
      }
      if (swapped) continue;
      // Eject: take the place of an order of the plan that stands in the way at another worker, and send that one
      // to whoever it costs least with (a chain of two moves neither of which pays on its own).
      for (let l = firstFrom(starts[k] - SAME_DAY_MS); l < placed.length; l++) {
        const other = placed[l];
        if (other.order.start.getTime() >= order.end.getTime() + pad) break;
        if (other.order.end.getTime() + pad <= order.start.getTime() || other.a.workerId === a.workerId) continue;
        const to = workerById.get(other.a.workerId)!;
        if (!to.skills.has(order.skill) || !to.zoneIds.has(order.zoneId)) continue;
        const before = now + total(other.order, to);
        const job = take(other.order, to);
        const there = total(order, to);
        if (now - there <= MIN_GAIN) {
          put(other.order, job, to);
          continue;
        }
        move(order, from, to);
        let next: { worker: MatchWorker; cost: number } | null = null;
        for (const worker of candidates(other.order)) {
          if (worker === to) continue;
          const cost = total(other.order, worker);
          if (!next || cost < next.cost) next = { worker, cost };
        }
        if (next && before - there - next.cost > MIN_GAIN) {
          put(other.order, job, next.worker);
          touched.add(from.id).add(to.id).add(next.worker.id);
          a.workerId = to.id;
          other.a.workerId = next.worker.id;
          note(placed[k], other);
          moved = true;
          break;
        }
        move(order, to, from);
        put(other.order, job, to);
      }
    }
    if (!moved) break;
    changed = changing;
  }
  return movedOrders.size ? { movedOrders, touched } : null;
}

/** What the improvement changed: the orders that moved, and every worker who lost or gained one. */
type Improved = { movedOrders: ReadonlySet<string>; touched: ReadonlySet<string> };

/**
 * After improvement, the stored terms describe the plan as made. An order of a worker whose calendar changed gets
 * its cost with them as the plan now stands; an order that moved also gets, as runners-up, the cheapest other
 * workers who could still take it, with the rest of the plan in place. The others keep the terms of their choice.
 */
function explainFinal(
  input: PlanInput,
  assignments: readonly PlannedAssignment[],
  improved: Improved,
  orderById: ReadonlyMap<string, MatchOrder>,
  workerById: ReadonlyMap<string, MatchWorker>,
  weekHours: (workerId: string, at: Date) => number,
  candidates: (order: MatchOrder) => readonly MatchWorker[],
): PlannedAssignment[] {
  return assignments.map((a) => {
    if (!improved.touched.has(a.workerId)) return a;
    const order = orderById.get(a.orderId)!;
    const terms = costWith(input, order, workerById.get(a.workerId)!, weekHours)!;
    if (!improved.movedOrders.has(a.orderId)) return { ...a, terms };
    const runnersUp: RunnerUp[] = [];
    for (const worker of candidates(order)) {
      if (worker.id === a.workerId) continue;
      const t = costWith(input, order, worker, weekHours);
      if (t) runnersUp.push({ workerId: worker.id, terms: t });
    }
    runnersUp.sort((x, y) => x.terms.total - y.terms.total);
    return { ...a, terms, runnersUp: runnersUp.slice(0, RUNNERS_UP) };
  });
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
