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
  const unmatched: string[] = [];
  for (const slot of slots) {
    let remaining = slot;
    for (;;) {
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
      if (round.length === 0 || remaining.length === 0) break;
    }
    unmatched.push(...remaining.map((o) => o.id));
  }
  return { assignments, unmatched };
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
