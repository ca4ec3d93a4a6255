import { bufferMinutes, checkEligibility, type EligibilityFacts } from './eligibility';
import { haversineKm, pairCost, type CostInput, type CostTerms } from './cost';
import { solveAssignmentFlat } from './solver';
import type { BusyJob, CostWeights, MatchingRules, MatchOrder, MatchWorker, WorkerStats, ZonePoint } from './types';

export type RunnerUp = { workerId: string; terms: CostTerms };
export type PlannedAssignment = { orderId: string; workerId: string; terms: CostTerms; runnersUp: RunnerUp[] };
/**
 * `moves`: orders of `held` the plan gives to another worker than the one holding them (with the cost terms of
 * their new worker); the held orders that stay are not listed.
 */
export type Plan = { assignments: PlannedAssignment[]; unmatched: string[]; moves: PlannedAssignment[] };

export type PlanInput = {
  orders: readonly MatchOrder[];
  /**
   * Orders already assigned that the plan may move to another worker (each with `held`, and in its worker's
   * `busy` list): the improvement step treats them as part of the plan, and a move costs the `held` points.
   */
  held?: readonly MatchOrder[];
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
  /** Key of the company day containing the instant ('2026-11-25'); the UTC date when not given. */
  dayOf?: (at: Date) => string;
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
 * 5. On the days being re-planned (orders in `held`: the day's re-plan, lib/matching/dispatch), two workers'
 *    routes of the day are divided again exactly (`exchangeRoutes`), and rounds of ruin and recreate try a few
 *    neighbouring workers' orders at once (`reshuffle`). The held orders are planned both where they stand and
 *    afresh, and the plan that costs less wins; a held order that moves costs its re-plan points.
 *
 * Each order's eligibility is checked against everything the worker holds at that moment, including
 * orders given to them earlier in this plan, so the plan never double-books.
 */
export function planAssignments(input: PlanInput): Plan {
  // The held orders a re-plan may move: those whose worker could still take them as things are (a schedule
  // changed under one is not the plan's to move).
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  const held = (input.held ?? []).filter((order) => {
    const worker = order.held && workerById.get(order.held.workerId);
    return worker && costWith(input, order, worker, input.weekHours);
  });
  if (!held.length) return planWith(input, held, 'keep').plan;
  // Two ways to re-plan: the held orders stay where they are while the new ones are placed and then everything
  // is improved; or the day is planned afresh with the held orders among the new ones (their workers cheaper
  // by the re-plan's points). Local moves cannot undo a day built job by job; a fresh plan sees every slot's
  // workers at once. The cheaper plan (the same measure for both: route kilometres and the other terms) wins.
  const before: [MatchWorker, BusyJob[]][] = input.workers.map((w) => [w, [...w.busy]]);
  const keep = planWith(input, held, 'keep');
  const kept: [MatchWorker, BusyJob[]][] = input.workers.map((w) => [w, [...w.busy]]);
  for (const [w, busy] of before) w.busy = busy;
  const fresh = planWith(input, held, 'fresh');
  if (fresh.cost < keep.cost - MIN_GAIN) return fresh.plan;
  for (const [w, busy] of kept) w.busy = busy;
  return keep.plan;
}

/** Points for an order of the plan left without a worker, when two plans are compared (any match beats none). */
const UNMATCHED_POINTS = 1_000;

function planWith(
  input: PlanInput,
  heldOrders: readonly MatchOrder[],
  mode: 'keep' | 'fresh',
): { plan: Plan; cost: number } {
  const { rules } = input;
  const pad = Math.max(rules.bufferSameZoneMinutes, rules.bufferOtherZoneMinutes) * 60_000;
  const toPlace = mode === 'fresh' ? [...input.orders, ...heldOrders] : input.orders;
  const sorted = [...toPlace].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
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
  const shift = (workerId: string, order: MatchOrder, hours: number) => {
    const week = input.weekOf(order.start);
    let perWeek = added.get(workerId);
    if (!perWeek) added.set(workerId, (perWeek = new Map()));
    perWeek.set(week, (perWeek.get(week) ?? 0) + hours);
  };

  const orderById = new Map<string, MatchOrder>([...input.orders, ...heldOrders].map((o) => [o.id, o]));
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  const heldIds = new Set(heldOrders.map((o) => o.id));
  if (mode === 'fresh')
    // Planned afresh: the held orders leave their workers' calendars and hours first.
    for (const order of heldOrders) {
      const worker = workerById.get(order.held!.workerId)!;
      worker.busy = worker.busy.filter((j) => j.orderId !== order.id);
      shift(worker.id, order, -hoursOf(order));
    }
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
  const state: PlanState = { input, orderById, workerById, weekHours, added, shift, candidates };
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
        shift(worker.id, order, hoursOf(order));
        assignments.push(a);
      }
      const done = new Set(round.map((a) => a.orderId));
      remaining = remaining.filter((o) => !done.has(o.id));
      if (round.length === 0 || remaining.length === 0) return [...remaining];
    }
  };
  let left = slots.flatMap((slot) => assignRounds(slot));
  // Kept: the held orders join the plan where they stand, each with the terms of the worker holding it.
  const all =
    mode === 'keep'
      ? [
          ...assignments,
          ...heldOrders.map((order) => {
            const worker = workerById.get(order.held!.workerId)!;
            return {
              orderId: order.id,
              workerId: worker.id,
              terms: costWith(input, order, worker, weekHours)!,
              runnersUp: [],
            };
          }),
        ]
      : assignments;
  const placed = assignments.length;
  // The route exchange and ruin-and-recreate run on the days being re-planned only: on the others the plan's
  // new orders are few and the local moves suffice (measured: the same kilometres at the day's end, for twice the
  // CPU; a 1,000 × 1,000 sweep pays 0.9 s more with the exchange on every day).
  const dayOf = input.dayOf ?? ((at: Date) => at.toISOString().slice(0, 10));
  const days = new Set(heldOrders.map((o) => dayOf(o.start)));
  let improved = improveAll(state, all, days);
  if (heldOrders.length) {
    const more = reshuffle(state, all, days);
    if (more) improved = merge(improved, more);
  }
  // The moves may have made room for an order no one could take before.
  if (improved && left.length) left = assignRounds(left);
  // In a fresh plan `all` is `assignments` itself, which now holds those late ones too.
  const everything = all === assignments ? assignments : [...all, ...assignments.slice(placed)];
  const final = improved ? explainFinal(state, everything, improved) : everything;
  const plan = {
    assignments: final.filter((a) => !heldIds.has(a.orderId)),
    unmatched: left.filter((o) => !heldIds.has(o.id)).map((o) => o.id),
    moves: final.filter((a) => heldIds.has(a.orderId) && a.workerId !== orderById.get(a.orderId)!.held!.workerId),
  };
  // A fresh plan that leaves a held order without a worker is no plan: that order had one.
  if (left.some((o) => heldIds.has(o.id))) return { plan, cost: Infinity };
  return {
    plan,
    cost: heldOrders.length
      ? planCost(input, final, orderById, workerById, weekHours) + UNMATCHED_POINTS * plan.unmatched.length
      : 0,
  };
}

/**
 * What a plan costs, to compare two: the routes' kilometres (home → first job → next …) of every worker on the
 * days the plan's orders fall on, and each order's other terms with its worker as the plan stands.
 */
function planCost(
  input: PlanInput,
  final: readonly PlannedAssignment[],
  orderById: ReadonlyMap<string, MatchOrder>,
  workerById: ReadonlyMap<string, MatchWorker>,
  weekHours: (workerId: string, at: Date) => number,
): number {
  const dayOf = input.dayOf ?? ((at: Date) => at.toISOString().slice(0, 10));
  const days = new Set(final.map((a) => dayOf(orderById.get(a.orderId)!.start)));
  let cost = 0;
  for (const worker of input.workers) {
    const jobs = worker.busy
      .filter((j) => days.has(dayOf(j.start)))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    let at: string | null = worker.homeZoneId;
    let day = '';
    for (const job of jobs) {
      const d = dayOf(job.start);
      if (d !== day) {
        at = worker.homeZoneId;
        day = d;
      }
      const p = at ? input.zones.get(at) : undefined;
      const q = input.zones.get(job.zoneId);
      if (p && q && at !== job.zoneId) cost += input.weights.travelPerKm * haversineKm(p, q);
      at = job.zoneId;
    }
  }
  for (const a of final) {
    const terms = costWith(input, orderById.get(a.orderId)!, workerById.get(a.workerId)!, weekHours);
    if (terms) cost += terms.total - terms.points.travel;
  }
  return cost;
}

/** What the plan's steps share: the input, its lookups, and the hours the plan added per worker and week. */
type PlanState = {
  input: PlanInput;
  orderById: ReadonlyMap<string, MatchOrder>;
  workerById: ReadonlyMap<string, MatchWorker>;
  /** The worker's hours in the week of the instant, with what this plan gave or took. */
  weekHours: (workerId: string, at: Date) => number;
  added: Map<string, Map<string, number>>;
  /** Adds (or with negative hours takes) an order's hours to the worker's week. */
  shift: (workerId: string, order: MatchOrder, hours: number) => void;
  candidates: (order: MatchOrder) => readonly MatchWorker[];
};

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
  return termsOf(input, order, worker, weekHours(worker.id, order.start) - (holds ? hoursOf(order) : 0));
}

/** The pair's cost terms with the worker's calendar as given and `weekHours` besides the order, eligibility aside. */
function termsOf(
  input: PlanInput,
  order: MatchOrder,
  worker: CostInput['worker'] & { id: string },
  weekHours: number,
): CostTerms {
  return pairCost({
    order,
    worker,
    weekHours,
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
function improve(state: PlanState, assignments: PlannedAssignment[]): Improved | null {
  const { input, orderById, workerById, weekHours, candidates, shift: shiftHours } = state;
  if (assignments.length === 0) return null;
  // An order taken out of a worker's calendar and hours, and put into another's.
  const shift = (worker: MatchWorker, order: MatchOrder, hours: number) => shiftHours(worker.id, order, hours);
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

/**
 * The improvement moves (`improve`) and the route exchange (`exchangeRoutes`) in turn, until neither finds
 * anything (three rounds at most).
 */
function improveAll(state: PlanState, assignments: PlannedAssignment[], days: ReadonlySet<string>): Improved | null {
  const movedOrders = new Set<string>();
  const touched = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const a = improve(state, assignments);
    const b = days.size ? exchangeRoutes(state, assignments, days) : null;
    for (const x of [a, b]) {
      x?.movedOrders.forEach((id) => movedOrders.add(id));
      x?.touched.forEach((id) => touched.add(id));
    }
    if (!b || (round > 0 && !a)) break;
  }
  return movedOrders.size ? { movedOrders, touched } : null;
}

/** Jobs two workers' routes of a day may hold together to be divided again (the states grow with its square). */
const MAX_EXCHANGE_JOBS = 14;

/**
 * 5. Route exchange. The moves of `improve` change one or two orders at a time; here the routes of two workers on
 *    one company day being re-planned are divided between them again, exactly: every way of giving the plan's orders of both (and
 *    the held ones) to one or the other, their other jobs staying where they are, by dynamic programming over the
 *    day's jobs in start order (the state: the last job of each worker). Its cost is the two routes' kilometres
 *    (home → first job → next …, as the company drives them) and each order's other terms with its worker
 *    (workload, quality, regular, the re-plan's points, …); a division that costs less replaces the old one.
 *    The pairs are the workers holding one of the plan's orders that day, with each other worker of that day.
 *    Returns what moved, or null.
 */
function exchangeRoutes(
  state: PlanState,
  assignments: PlannedAssignment[],
  onDays: ReadonlySet<string>,
): Improved | null {
  const { input, orderById, weekHours, shift } = state;
  const dayOf = input.dayOf ?? ((at: Date) => at.toISOString().slice(0, 10));
  const { rules, zones, weights } = input;
  const byOrder = new Map(assignments.map((a) => [a.orderId, a]));
  const movedOrders = new Set<string>();
  const touched = new Set<string>();
  // Days with plan orders, and each worker's jobs on those days.
  const days = new Set(assignments.map((a) => dayOf(orderById.get(a.orderId)!.start)).filter((d) => onDays.has(d)));
  const dayJobs = (worker: MatchWorker, day: string) =>
    worker.busy.filter((j) => dayOf(j.start) === day).sort((x, y) => x.start.getTime() - y.start.getTime());
  const kmBetween = (a: string | null, b: string) => {
    const p = a ? zones.get(a) : undefined;
    const q = zones.get(b);
    return p && q && a !== b ? haversineKm(p, q) : 0;
  };
  for (const day of days) {
    const working = input.workers.filter((w) => w.busy.some((j) => dayOf(j.start) === day));
    const holding = working.filter((w) => w.busy.some((j) => dayOf(j.start) === day && byOrder.has(j.orderId)));
    for (const a of holding)
      for (const b of working) {
        if (a === b || (holding.includes(b) && b.id < a.id)) continue;
        const jobs = [...dayJobs(a, day), ...dayJobs(b, day)].sort((x, y) => x.start.getTime() - y.start.getTime());
        if (jobs.length > MAX_EXCHANGE_JOBS) continue;
        const pair = [a, b];
        const inPair = new Set(jobs.map((j) => j.orderId));
        // For each job: the cost of each worker taking it besides travel (Infinity: may not), or its fixed owner.
        const others = pair.map((w) => ({ ...w, busy: w.busy.filter((j) => !inPair.has(j.orderId)) }));
        const owner = jobs.map((j) => (byOrder.has(j.orderId) ? -1 : a.busy.includes(j) ? 0 : 1));
        const extra = jobs.map((j, k) =>
          pair.map((w, side) => {
            if (owner[k] >= 0) return owner[k] === side ? 0 : Infinity;
            const order = orderById.get(j.orderId)!;
            if (!checkEligibility(order, others[side], input.facts(order.id, w.id), rules).ok) return Infinity;
            const holds = w.busy.some((x) => x.orderId === order.id);
            const terms = termsOf(
              input,
              order,
              others[side],
              weekHours(w.id, order.start) - (holds ? hoursOf(order) : 0),
            );
            return terms.total - terms.points.travel;
          }),
        );
        const side0 = jobs.map((j) => (a.busy.includes(j) ? 0 : 1));
        // Whether job k may follow job l on one worker's route (the travel buffer between them).
        const follows = (l: number, k: number) =>
          l < 0 ||
          jobs[k].start.getTime() >=
            jobs[l].end.getTime() + bufferMinutes(rules, jobs[l].zoneId, jobs[k].zoneId) * 60_000;
        const leg = (side: number, l: number, k: number) =>
          weights.travelPerKm * kmBetween(l < 0 ? pair[side].homeZoneId : jobs[l].zoneId, jobs[k].zoneId);
        // Cost of the current division, the same measure.
        let current = 0;
        const last = [-1, -1];
        jobs.forEach((_, k) => {
          const side = side0[k];
          current += leg(side, last[side], k) + extra[k][side];
          last[side] = k;
        });
        // best[k][o][s]: least cost with jobs 0..k placed, job k on side s and the other side's last job o − 1.
        const n = jobs.length;
        let layer = new Map<string, { cost: number; sides: number[] }>();
        layer.set('-1|-1', { cost: 0, sides: [] });
        for (let k = 0; k < n; k++) {
          const next = new Map<string, { cost: number; sides: number[] }>();
          for (const [key, state] of layer) {
            const [l0, l1] = key.split('|').map(Number);
            for (const side of [0, 1]) {
              const c = extra[k][side];
              if (c === Infinity) continue;
              const l = side === 0 ? l0 : l1;
              if (!follows(l, k)) continue;
              const cost = state.cost + leg(side, l, k) + c;
              const nk = side === 0 ? `${k}|${l1}` : `${l0}|${k}`;
              const seen = next.get(nk);
              if (!seen || cost < seen.cost) next.set(nk, { cost, sides: [...state.sides, side] });
            }
          }
          layer = next;
          if (!layer.size) break;
        }
        let best: { cost: number; sides: number[] } | null = null;
        for (const state of layer.values())
          if (state.sides.length === n && (!best || state.cost < best.cost)) best = state;
        if (!best || current - best.cost <= MIN_GAIN) continue;
        best.sides.forEach((side, k) => {
          if (side === side0[k]) return;
          const job = jobs[k];
          const from = pair[side0[k]];
          const to = pair[side];
          from.busy.splice(from.busy.indexOf(job), 1);
          to.busy.push(job);
          const order = orderById.get(job.orderId)!;
          shift(from.id, order, -hoursOf(order));
          shift(to.id, order, hoursOf(order));
          byOrder.get(job.orderId)!.workerId = to.id;
          movedOrders.add(job.orderId);
          touched.add(from.id).add(to.id);
        });
      }
  }
  return movedOrders.size ? { movedOrders, touched } : null;
}

const merge = (a: Improved | null, b: Improved): Improved => ({
  movedOrders: new Set([...(a?.movedOrders ?? []), ...b.movedOrders]),
  touched: new Set([...(a?.touched ?? []), ...b.touched]),
});

/** Ruin-and-recreate rounds per order of the re-planned days (and at most this many in all). */
const RESHUFFLES_PER_ORDER = 20;
const MAX_RESHUFFLES = 2000;
/** Workers whose orders of the day one ruin takes out together: the seed order's and its nearest neighbours'. */
const RUIN_WORKERS = 4;

/**
 * 6. Ruin and recreate, on the days being re-planned. Local moves stop at the first plan no single change
 *    improves, yet a day's routes often get shorter only when several workers trade jobs at once. Each round
 *    takes out the plan's orders of a few workers whose jobs lie near one another that day (a seed order, drawn
 *    from a fixed sequence so the same input gives the same plan, and the workers of the orders nearest it), puts
 *    them back slot by slot with one assignment problem per slot over every worker, and keeps the result only when
 *    the day costs less (route kilometres and the other terms, as `planCost`); otherwise it is undone.
 */
function reshuffle(state: PlanState, assignments: PlannedAssignment[], days: ReadonlySet<string>): Improved | null {
  const { input, orderById, workerById, weekHours, added, candidates, shift } = state;
  const dayOf = input.dayOf ?? ((at: Date) => at.toISOString().slice(0, 10));
  const pad = Math.max(input.rules.bufferSameZoneMinutes, input.rules.bufferOtherZoneMinutes) * 60_000;
  const onDay = new Map<string, PlannedAssignment[]>();
  for (const a of assignments) {
    const day = dayOf(orderById.get(a.orderId)!.start);
    if (days.has(day)) onDay.set(day, [...(onDay.get(day) ?? []), a]);
  }
  const pool = [...onDay.values()].flat();
  if (pool.length < 2) return null;
  const zoneKm = (a: string, b: string) => {
    const p = input.zones.get(a);
    const q = input.zones.get(b);
    return p && q && a !== b ? haversineKm(p, q) : 0;
  };
  const inPlan = new Map(assignments.map((a) => [a.orderId, a]));
  // A worker's cost on a day, for a calendar and hours: their route that day, and the other terms of the plan's
  // orders among their jobs (their fixed jobs' terms do not change).
  const workerDayCost = (
    worker: MatchWorker,
    day: string,
    busy: readonly BusyJob[],
    hours: (workerId: string, at: Date) => number,
  ) => {
    let cost = 0;
    let at = worker.homeZoneId;
    for (const job of busy
      .filter((j) => dayOf(j.start) === day)
      .sort((x, y) => x.start.getTime() - y.start.getTime())) {
      if (at) cost += input.weights.travelPerKm * zoneKm(at, job.zoneId);
      at = job.zoneId;
      if (!inPlan.has(job.orderId)) continue;
      const order = orderById.get(job.orderId)!;
      const terms = termsOf(input, order, { ...worker, busy }, hours(worker.id, order.start) - hoursOf(order));
      cost += terms.total - terms.points.travel;
    }
    return cost;
  };
  // A fixed sequence (a linear congruential generator): the same plan for the same input.
  let seed = 0x2545f491;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed % n;
  };
  const movedOrders = new Set<string>();
  const touched = new Set<string>();
  const rounds = Math.min(MAX_RESHUFFLES, RESHUFFLES_PER_ORDER * pool.length);
  for (let round = 0; round < rounds; round++) {
    const seedOrder = pool[next(pool.length)];
    const order = orderById.get(seedOrder.orderId)!;
    const day = dayOf(order.start);
    const list = onDay.get(day)!;
    if (list.length < 2) continue;
    // The seed's worker and the workers of the day's orders nearest to it (in place, then in time).
    const near = list
      .filter((a) => a.workerId !== seedOrder.workerId)
      .map((a) => {
        const o = orderById.get(a.orderId)!;
        return {
          a,
          d: zoneKm(order.zoneId, o.zoneId) + Math.abs(o.start.getTime() - order.start.getTime()) / 3_600_000,
        };
      })
      .sort((x, y) => x.d - y.d);
    const ruined = new Set([seedOrder.workerId]);
    for (const { a } of near) {
      if (ruined.size >= RUIN_WORKERS) break;
      // Now and then a worker further down the list, so the same neighbours are not tried every time.
      if (next(4) === 0) continue;
      ruined.add(a.workerId);
    }
    const out = list.filter((a) => ruined.has(a.workerId));
    // What a worker had before this round, kept when the round first changes them (calendars are replaced, never
    // changed in place), so undoing a round costs the workers it touched, not the company's.
    const saved = new Map<MatchWorker, { busy: BusyJob[]; added: Map<string, number> | undefined }>();
    const change = (w: MatchWorker, o: MatchOrder, busy: BusyJob[], hours: number) => {
      if (!saved.has(w)) {
        const perWeek = added.get(w.id);
        saved.set(w, { busy: w.busy, added: perWeek && new Map(perWeek) });
      }
      w.busy = busy;
      shift(w.id, o, hours);
    };
    const savedHours = (workerId: string, at: Date) => {
      const was = saved.get(workerById.get(workerId)!);
      const perWeek = was ? was.added : added.get(workerId);
      return input.weekHours(workerId, at) + (perWeek?.get(input.weekOf(at)) ?? 0);
    };
    const savedWorkers = out.map((a) => a.workerId);
    for (const a of out) {
      const o = orderById.get(a.orderId)!;
      const w = workerById.get(a.workerId)!;
      change(
        w,
        o,
        w.busy.filter((j) => j.orderId !== a.orderId),
        -hoursOf(o),
      );
    }
    // Recreate: slot by slot, rounds of one assignment problem over every worker.
    const byId = new Map(out.map((a) => [a.orderId, a]));
    const sorted = out.map((a) => orderById.get(a.orderId)!).sort((x, y) => x.start.getTime() - y.start.getTime());
    let remaining: MatchOrder[] = [];
    let slot: MatchOrder[] = [];
    let slotEnd = -Infinity;
    const place = (orders: MatchOrder[]) => {
      let rest = orders;
      for (;;) {
        const got = solveRound(input, rest, weekHours, candidates);
        for (const g of got) {
          const o = orderById.get(g.orderId)!;
          const w = workerById.get(g.workerId)!;
          change(w, o, [...w.busy, { orderId: o.id, start: o.start, end: o.end, zoneId: o.zoneId }], hoursOf(o));
          byId.get(g.orderId)!.workerId = w.id;
        }
        const done = new Set(got.map((g) => g.orderId));
        rest = rest.filter((o) => !done.has(o.id));
        if (!got.length || !rest.length) return rest;
      }
    };
    for (const o of sorted) {
      if (o.start.getTime() >= slotEnd && slot.length) {
        remaining = [...remaining, ...place(slot)];
        slot = [];
      }
      if (!slot.length) slotEnd = o.end.getTime() + pad;
      slot.push(o);
    }
    remaining = [...remaining, ...place(slot)];
    // Only the workers who lost or gained an order have another day now.
    let before = 0;
    let after = remaining.length ? Infinity : 0;
    for (const [w, was] of saved) {
      before += workerDayCost(w, day, was.busy, savedHours);
      after += workerDayCost(w, day, w.busy, weekHours);
    }
    if (after < before - MIN_GAIN) {
      out.forEach((a, k) => {
        if (a.workerId === savedWorkers[k]) return;
        movedOrders.add(a.orderId);
        touched.add(a.workerId).add(savedWorkers[k]);
      });
      continue;
    }
    for (const [w, was] of saved) {
      w.busy = was.busy;
      if (was.added) added.set(w.id, was.added);
      else added.delete(w.id);
    }
    out.forEach((a, k) => (a.workerId = savedWorkers[k]));
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
  state: PlanState,
  assignments: readonly PlannedAssignment[],
  improved: Improved,
): PlannedAssignment[] {
  const { input, orderById, workerById, weekHours, candidates } = state;
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
      const terms = termsOf(input, order, worker, weekHours(worker.id, order.start));
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
