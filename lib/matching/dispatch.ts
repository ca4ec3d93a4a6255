import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  clientBlockedWorkers,
  clientProfiles,
  matchExplanations,
  matchLocks,
  matchRuns,
  orders,
  plans,
  services,
  unmatchedFlags,
  users,
  workerProfiles,
  zones,
  type PriceLine,
} from '@/db/schema';
import type { Grade } from '@/db/schema/workers';
import { DomainError } from '@/lib/errors';
import { capPrice, matchPrice, priceOrder, type PricingOptions } from '@/lib/finance/shared';
import { enqueueToRole } from '@/lib/notifications';
import { deferOverlapCheck, lockOrderRows, selectOrders, systemActor, transitionOrders } from '@/lib/orders';
import { getSettings, type Settings } from '@/lib/settings';
import { getAvailability } from '@/lib/workers';
import { addDays, fromWallTime, parseDateString, toDateString } from '@/lib/time';
import { substituteMark } from './cost';
import { isDoubleBooking, isRetryable } from './errors';
import { loadMatchingData } from './load';
import { planAssignments, type PlannedAssignment } from './plan';
import type { MatchOrder } from './types';

export type DispatchOptions = {
  /** Only these orders (an order's own after-commit match); without it, the sweep over the horizon. */
  orderIds?: string[];
  now?: Date;
  trigger?: 'cron' | 'order' | 'manual';
};

export type DispatchSummary = {
  runId: string | null;
  /** Another sweep held the lock: this one did nothing. */
  skipped: boolean;
  considered: number;
  matched: number;
  unmatched: number;
  /** Assignments lost to a concurrent change (double booking refused, order no longer pending); left for the next run. */
  conflicts: number;
  /** Orders newly flagged for managers as unmatched close to their start. */
  flagged: number;
  /** Orders already assigned that the day's re-plan gave to another worker. */
  moved: number;
  durationMs: number;
};

const SWEEP_LOCK = 'sweep';
const DAY_MS = 86_400_000;
/** A crashed sweep's lease expires after this long. */
const LOCK_LEASE_MS = 10 * 60_000;
const MAX_ATTEMPTS = 3;
/**
 * A sweep commits its plan in chunks: the assignments of a chunk in one transaction, through one batch
 * transition, so the ledger and outbox subscribers read and write set-wise. If the chunk loses a race
 * (a worker booked meanwhile, an order no longer pending), it is rolled back whole and its assignments
 * are committed one by one instead, so one conflict never costs the others their match. Chunks of 50 keep
 * a transaction to a few dozen milliseconds of locks.
 */
const CHUNK = 50;
/**
 * Chunks committed at once on PostgreSQL (each its own transaction on its own pooled connection); the plan
 * never gives one worker overlapping orders, and the worker row locks (taken in id order) queue two
 * chunks that share a worker. Measured on the 1,000-order sweep (commit phase, with another process busy on
 * the second core): 1 at a time 2.50 s in all, 2 at a time 2.31 s, 4 at a time 2.49 s; 2 also leaves most of
 * the default pool of 10 to requests.
 */
const COMMIT_CONCURRENCY = 2;

/** postgres.js hands drizzle its `sql` function as the client; PGlite (one connection) an object. */
function commitConcurrency(db: Db): number {
  return typeof (db as unknown as { $client?: unknown }).$client === 'function' ? COMMIT_CONCURRENCY : 1;
}

/** A pending order with what matching and pricing read. */
type PendingOrder = MatchOrder & {
  workerId: string | null;
  priceTotal: number | null;
  number: string;
  address: string;
  currency: string;
  serviceNameRu: string;
  serviceNameEn: string;
  options: PricingOptions;
  estimateLines: PriceLine[];
  bookedAt: Date;
  pricing: {
    pricingUnit: 'fixed' | 'per_m2' | 'per_room' | 'per_hour';
    unitPrice: number;
    minPrice: number;
    bathroomPrice: number;
    extras: { code: string; nameRu: string; nameEn: string; price: number; minutes: number }[];
  };
  travelFee: number;
  discountBp: number;
  priceCap: number | null;
};

const grades: Grade[] = ['junior', 'standard', 'senior'];

/** Orders matching reads (pending ones to match, or assigned ones the day's re-plan may move), by start. */
async function loadMatchable(db: Db, settings: Settings, where: SQL | undefined): Promise<PendingOrder[]> {
  const rows = await selectOrders(db, {
    id: orders.id,
    number: orders.number,
    clientId: orders.clientId,
    workerId: orders.workerId,
    zoneId: orders.zoneId,
    start: orders.scheduledStart,
    end: orders.scheduledEnd,
    address: orders.address,
    currency: orders.currency,
    options: orders.options,
    estimateLines: orders.estimateLines,
    priceTotal: orders.priceTotal,
    bookedAt: orders.bookedAt,
    priceCap: orders.priceCap,
    regularWorkerId: plans.regularWorkerId,
    skill: services.skill,
    minGrade: services.minGrade,
    serviceNameRu: services.nameRu,
    serviceNameEn: services.nameEn,
    pricingUnit: services.pricingUnit,
    unitPrice: services.unitPrice,
    minPrice: services.minPrice,
    bathroomPrice: services.bathroomPrice,
    extras: services.extras,
    travelFee: zones.travelFee,
    discountBp: clientProfiles.discountBp,
  })
    .leftJoin(clientProfiles, eq(clientProfiles.userId, orders.clientId))
    .leftJoin(plans, eq(plans.id, orders.planId))
    .where(where)
    .orderBy(asc(orders.scheduledStart));
  const list = rows.map((r) => ({
    ...r,
    options: r.options as PricingOptions,
    pricing: {
      pricingUnit: r.pricingUnit,
      unitPrice: r.unitPrice,
      minPrice: r.minPrice,
      bathroomPrice: r.bathroomPrice,
      extras: r.extras,
    },
    discountBp: r.discountBp ?? 0,
  }));
  // A client's price cap: the grades whose final price would exceed it are the planner's last resort.
  return list.map((o) =>
    o.priceCap === null
      ? o
      : { ...o, overCapGrades: new Set(grades.filter((g) => finalPrice(o, g, settings).total > o.priceCap!)) },
  );
}

function loadPending(
  db: Db,
  now: Date,
  horizon: Date,
  settings: Settings,
  orderIds?: string[],
): Promise<PendingOrder[]> {
  return loadMatchable(
    db,
    settings,
    and(
      eq(orders.status, 'pending'),
      gt(orders.scheduledStart, now),
      orderIds ? inArray(orders.id, orderIds) : lte(orders.scheduledStart, horizon),
    ),
  );
}

/**
 * The orders the day's re-plan may move (settings matchingReplan): assigned by matching itself (the order's latest
 * explanation is automatic: a manager's choice stays), starting at least `leadHours` from now and within the
 * company day (or the next `days` − 1 days too), and not a plan visit held by its regular worker. Each is held by
 * its worker; another worker may take it over only at the same grade, so the client's price never changes, and
 * for the re-plan's points.
 */
async function loadHeld(db: Db, now: Date, settings: Settings): Promise<PendingOrder[]> {
  const replan = settings.matchingReplan;
  if (!replan.enabled) return [];
  const from = new Date(now.getTime() + replan.leadHours * 3_600_000);
  const today = toDateString(now, settings.timeZone);
  const until = fromWallTime(
    { ...parseDateString(addDays(today, replan.days)), hour: 0, minute: 0 },
    settings.timeZone,
  );
  if (from >= until) return [];
  const list = await loadMatchable(
    db,
    settings,
    and(
      eq(orders.status, 'assigned'),
      gte(orders.scheduledStart, from),
      lt(orders.scheduledStart, until),
      sql`${plans.regularWorkerId} is distinct from ${orders.workerId}`,
      sql`(select e.kind from ${matchExplanations} e where e.order_id = ${orders.id} order by e.created_at desc limit 1) = 'auto'`,
    ),
  );
  return list.flatMap((o) => {
    if (!o.workerId || o.priceTotal === null) return [];
    const keeps = grades.filter((g) => pricedFor(o, g, settings).total === o.priceTotal);
    return [{ ...o, held: { workerId: o.workerId, points: replan.minSaving, grades: new Set(keeps) } }];
  });
}

/** The final price for the chosen worker's grade: the one pricing function (finance), the same inputs as the estimate. */
export function finalPrice(
  order: PendingOrder,
  grade: Grade,
  settings: Settings,
): { lines: PriceLine[]; total: number } {
  return priceOrder({
    service: order.pricing,
    options: order.options,
    grade,
    zone: { travelFee: order.travelFee },
    startsAt: order.start,
    now: order.bookedAt,
    discountBp: order.discountBp,
    gradeCoefficientsBp: settings.gradeCoefficientsBp,
    urgency: settings.urgency,
  });
}

/** What the order costs the client with a worker of this grade: the final price, capped, and a re-do's zero price. */
function pricedFor(order: PendingOrder, grade: Grade, settings: Settings) {
  return matchPrice(capPrice(finalPrice(order, grade, settings), order.priceCap, settings.priceCapPolicy), order);
}

async function acquireSweepLock(db: Db, holder: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(matchLocks)
    .values({ name: SWEEP_LOCK, holder, expiresAt: new Date(now.getTime() + LOCK_LEASE_MS) })
    .onConflictDoUpdate({
      target: matchLocks.name,
      set: { holder, expiresAt: new Date(now.getTime() + LOCK_LEASE_MS) },
      setWhere: lt(matchLocks.expiresAt, sql`now()`),
    })
    .returning({ holder: matchLocks.holder });
  return rows[0]?.holder === holder;
}

async function releaseSweepLock(db: Db, holder: string): Promise<void> {
  await db.delete(matchLocks).where(and(eq(matchLocks.name, SWEEP_LOCK), eq(matchLocks.holder, holder)));
}

type CommitOutcome = 'matched' | 'conflict';

/**
 * Takes the workers' profile row locks (in id order) before touching their orders. Two transactions booking
 * one worker then queue instead of both inserting into the exclusion index and deadlocking (which PostgreSQL
 * only detects after deadlock_timeout); the second one gets a clean 23P01. lib/workers takes the same lock
 * for schedule edits and deactivation, always worker first, then orders.
 */
export async function lockWorkers(tx: Db, workerIds: readonly string[]): Promise<{ id: string; active: boolean }[]> {
  const ids = [...new Set(workerIds)].sort();
  if (ids.length === 0) return [];
  return tx
    .select({ id: workerProfiles.userId, active: workerProfiles.active })
    .from(workerProfiles)
    .where(ids.length === 1 ? eq(workerProfiles.userId, ids[0]) : inArray(workerProfiles.userId, ids))
    .orderBy(asc(workerProfiles.userId))
    .for('update');
}

export const lockWorker = async (tx: Db, workerId: string): Promise<void> => {
  await lockWorkers(tx, [workerId]);
};

type Commit = { order: PendingOrder; assignment: PlannedAssignment; grade: Grade };

/** The plan was made on data a commit since has changed (a worker deactivated, disabled, blocked for the client or no longer available). */
class StalePlan extends Error {}

/** The worker booked by a concurrent dispatch or a manager, or the order changed (matched, cancelled, rescheduled) since we read it. */
const lostRace = (error: unknown) =>
  error instanceof StalePlan ||
  isDoubleBooking(error) ||
  isRetryable(error) ||
  (error instanceof DomainError && (error.code === 'invalid_transition' || error.code === 'not_found'));

/**
 * Under the workers' locks, what may have changed since the plan was read and is not guarded by a constraint:
 * deactivation, a disabled account, client blocks and schedule or time-off edits take the same worker lock
 * first, so they are either seen here or wait.
 */
async function assertStillEligible(
  tx: Db,
  commits: readonly Commit[],
  locked: readonly { id: string; active: boolean }[],
): Promise<void> {
  if (locked.some((w) => !w.active)) throw new StalePlan('a worker was deactivated');
  const workerIds = [...new Set(commits.map((c) => c.assignment.workerId))];
  const clientIds = [...new Set(commits.map((c) => c.order.clientId))];
  // Statements of their own, after the lock: a row read in the locking statement's join would be its old version.
  const disabled = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, workerIds), isNotNull(users.disabledAt)));
  if (disabled.length) throw new StalePlan('a worker account was disabled');
  const blocks = await tx
    .select({ clientId: clientBlockedWorkers.clientId, workerId: clientBlockedWorkers.workerId })
    .from(clientBlockedWorkers)
    .where(and(inArray(clientBlockedWorkers.workerId, workerIds), inArray(clientBlockedWorkers.clientId, clientIds)));
  const blocked = new Set(blocks.map((b) => `${b.clientId}|${b.workerId}`));
  if (commits.some((c) => blocked.has(`${c.order.clientId}|${c.assignment.workerId}`)))
    throw new StalePlan('a worker was blocked for a client');
  // A schedule edit or time off refuses to strand an order already assigned, but not one a plan is about to assign.
  const first = Math.min(...commits.map((c) => c.order.start.getTime()));
  const last = Math.max(...commits.map((c) => c.order.end.getTime()));
  const availability = await getAvailability(tx, workerIds, new Date(first - DAY_MS), new Date(last + DAY_MS));
  const covered = (c: Commit) =>
    (availability.get(c.assignment.workerId) ?? []).some(
      (free) => free.start <= c.order.start && c.order.end <= free.end,
    );
  if (!commits.every(covered)) throw new StalePlan('a worker is no longer available');
}

/** The run's explanations of these assignments (the chosen worker's terms and the runners-up), by order id. */
async function storeExplanations(tx: Db, commits: readonly Commit[], runId: string): Promise<Map<string, string>> {
  const explanations = await tx
    .insert(matchExplanations)
    .values(
      commits.map(({ order, assignment: a }) => ({
        orderId: order.id,
        runId,
        kind: 'auto' as const,
        workerId: a.workerId,
        cost: a.terms.total,
        terms: a.terms,
        runnersUp: a.runnersUp,
      })),
    )
    .returning({ id: matchExplanations.id, orderId: matchExplanations.orderId });
  return new Map(explanations.map((e) => [e.orderId, e.id]));
}

/** Stores the explanations and runs the 'match' transitions with the final prices, all in one transaction. */
async function commitTogether(
  db: Db,
  commits: readonly Commit[],
  settings: Settings,
  runId: string,
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await lockWorkers(
      tx,
      commits.map((c) => c.assignment.workerId),
    );
    await assertStillEligible(tx, commits, locked);
    const explanationOf = await storeExplanations(tx, commits, runId);
    await transitionOrders(
      tx,
      systemActor,
      'match',
      commits.map(({ order, assignment: a, grade }) => {
        const price = pricedFor(order, grade, settings);
        return {
          orderId: order.id,
          payBasis: price.payBasis,
          set: {
            workerId: a.workerId,
            priceLines: price.lines,
            priceTotal: price.total,
            ...(price.consent ? { priceConsent: price.consent } : {}),
          },
          data: {
            explanationId: explanationOf.get(order.id),
            cost: Math.round(a.terms.total * 100) / 100,
            ...substituteMark(order, a.workerId),
          },
        };
      }),
      // The sweep's clock: a dispatch run for a given `now` (a replay, the demo's history) stamps its events then.
      { at },
    );
  });
}

/** One assignment on its own, retried on serialization failures and deadlocks; a lost race is a conflict, not an error. */
async function commitOne(db: Db, commit: Commit, settings: Settings, runId: string, at: Date): Promise<CommitOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await commitTogether(db, [commit], settings, runId, at);
      return 'matched';
    } catch (error) {
      if (isRetryable(error) && attempt < MAX_ATTEMPTS) continue;
      if (lostRace(error)) return 'conflict';
      throw error;
    }
  }
}

/** A chunk together; after a lost race, each of its assignments on its own. */
async function commitChunk(
  db: Db,
  chunk: readonly Commit[],
  settings: Settings,
  runId: string,
  at: Date,
): Promise<CommitOutcome[]> {
  if (chunk.length > 1) {
    try {
      await commitTogether(db, chunk, settings, runId, at);
      return chunk.map(() => 'matched');
    } catch (error) {
      if (!lostRace(error)) throw error;
    }
  }
  const outcomes: CommitOutcome[] = [];
  for (const commit of chunk) outcomes.push(await commitOne(db, commit, settings, runId, at));
  return outcomes;
}

/**
 * The day's re-plan moves, all in one transaction ('reassign': the client and both workers get their email).
 * Under the workers' locks each order must still be assigned to the worker the plan saw (a manager's change or a
 * decline since wins; the re-plan tries again at the next sweep), and the overlap check waits for the commit,
 * since two workers may swap jobs at the same hour. A lost race moves nothing.
 */
async function commitMoves(
  db: Db,
  moves: readonly Commit[],
  settings: Settings,
  runId: string,
  at: Date,
): Promise<CommitOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        const heldBy = new Map(moves.map((c) => [c.order.id, c.order.held!.workerId]));
        const locked = await lockWorkers(tx, [...moves.map((c) => c.assignment.workerId), ...heldBy.values()]);
        await assertStillEligible(tx, moves, locked);
        const rows = await lockOrderRows(tx, [...heldBy.keys()]);
        if (
          rows.length !== moves.length ||
          rows.some((r) => r.status !== 'assigned' || r.workerId !== heldBy.get(r.id))
        )
          throw new StalePlan('an order changed since the re-plan read it');
        await deferOverlapCheck(tx);
        const explanationOf = await storeExplanations(tx, moves, runId);
        await transitionOrders(
          tx,
          systemActor,
          'reassign',
          moves.map(({ order, assignment: a, grade }) => {
            // The new worker's grade keeps the price (loadHeld): only the worker, and their pay, change.
            const price = pricedFor(order, grade, settings);
            if (price.total !== order.priceTotal) throw new StalePlan('the price would change');
            return {
              orderId: order.id,
              payBasis: price.payBasis,
              set: { workerId: a.workerId },
              data: {
                explanationId: explanationOf.get(order.id),
                cost: Math.round(a.terms.total * 100) / 100,
                replan: true,
                ...substituteMark(order, a.workerId),
              },
            };
          }),
          { at },
        );
      });
      return 'matched';
    } catch (error) {
      if (isRetryable(error) && attempt < MAX_ATTEMPTS) continue;
      if (lostRace(error)) return 'conflict';
      throw error;
    }
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Plans and commits one batch; returns the ids that lost to a concurrent change. */
async function runBatch(
  db: Db,
  batch: PendingOrder[],
  now: Date,
  runId: string,
  summary: DispatchSummary,
  held: readonly PendingOrder[] = [],
): Promise<{ conflicted: string[]; unmatched: PendingOrder[]; unskilled: Set<string> }> {
  const data = await loadMatchingData(db, [...batch, ...held], now);
  // Orders whose skill no active worker has at all: waiting will not help, so managers hear at once.
  const unskilled = new Set(batch.filter((o) => !data.workers.some((w) => w.skills.has(o.skill))).map((o) => o.id));
  const plan = planAssignments({ ...data, orders: batch, held });
  const byId = new Map([...batch, ...held].map((o) => [o.id, o]));
  const grades = new Map(data.workers.map((w) => [w.id, w.grade]));
  const commits = plan.assignments.map((a) => ({
    order: byId.get(a.orderId)!,
    assignment: a,
    grade: grades.get(a.workerId)!,
  }));
  // The re-plan's moves first: they may free the hour a new assignment takes (a sick worker's job given to the
  // worker whose own job moves on); committed after it, that assignment would lose a race to its own plan.
  if (plan.moves.length) {
    const moves = plan.moves.map((a) => ({
      order: byId.get(a.orderId)!,
      assignment: a,
      grade: grades.get(a.workerId)!,
    }));
    if ((await commitMoves(db, moves, data.settings, runId, now)) === 'matched') summary.moved += moves.length;
    else summary.conflicts += moves.length;
  }
  const chunks: Commit[][] = [];
  for (let k = 0; k < commits.length; k += CHUNK) chunks.push(commits.slice(k, k + CHUNK));
  const outcomes = (
    await mapLimit(chunks, commitConcurrency(db), (chunk) => commitChunk(db, chunk, data.settings, runId, now))
  ).flat();
  const conflicted: string[] = [];
  outcomes.forEach((o, i) => {
    if (o === 'matched') summary.matched++;
    else conflicted.push(plan.assignments[i].orderId);
  });
  return { conflicted, unmatched: plan.unmatched.map((id) => byId.get(id)!), unskilled };
}

/**
 * Flags pending orders that found no worker and tells the managers once per order: those starting soon,
 * and at once those whose skill no active worker has (no later sweep would find anyone).
 */
async function flagUnmatched(
  db: Db,
  unmatched: PendingOrder[],
  unskilled: ReadonlySet<string>,
  now: Date,
  settings: Settings,
): Promise<number> {
  const alertMs = settings.matchingUnmatchedAlertHours * 3_600_000;
  let flagged = 0;
  for (const order of unmatched) {
    const msToStart = order.start.getTime() - now.getTime();
    if (msToStart > alertMs && !unskilled.has(order.id)) continue;
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(unmatchedFlags)
        .values({ orderId: order.id, flaggedAt: now })
        .onConflictDoNothing()
        .returning({ orderId: unmatchedFlags.orderId });
      if (!inserted.length) return;
      flagged++;
      await enqueueToRole(
        tx,
        'manager',
        'order_unmatched',
        {
          order: {
            id: order.id,
            number: order.number,
            service: { ru: order.serviceNameRu, en: order.serviceNameEn },
            startsAt: order.start.toISOString(),
            address: order.address,
            currency: order.currency,
          },
          hoursToStart: Math.round((msToStart / 3_600_000) * 10) / 10,
          noSkilledWorker: unskilled.has(order.id),
        },
        { idempotencyKey: `order_unmatched:${order.id}` },
      );
    });
  }
  return flagged;
}

/**
 * Matches pending orders to workers: the given orders, or (the sweep) every pending order starting within
 * the horizon. Only one sweep runs at a time (a lease row; a second one returns `skipped`); order-scoped
 * runs need no lock, because the database's exclusion constraint and the state machine make a lost race
 * harmless: it comes back as a conflict, is re-planned once on fresh data, and is otherwise left pending
 * for the next sweep.
 */
export async function dispatch(db: Db, opts: DispatchOptions = {}): Promise<DispatchSummary> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const sweep = !opts.orderIds;
  const summary: DispatchSummary = {
    runId: null,
    skipped: false,
    considered: 0,
    matched: 0,
    unmatched: 0,
    conflicts: 0,
    flagged: 0,
    moved: 0,
    durationMs: 0,
  };
  if (opts.orderIds && opts.orderIds.length === 0) return summary;
  const holder = randomUUID();
  if (sweep && !(await acquireSweepLock(db, holder, now))) return { ...summary, skipped: true };
  try {
    const [run] = await db
      .insert(matchRuns)
      .values({ trigger: opts.trigger ?? (sweep ? 'cron' : 'order'), startedAt: now })
      .returning({ id: matchRuns.id });
    summary.runId = run.id;
    const settings = await getSettings(db);
    const horizon = new Date(now.getTime() + settings.matchingHorizonDays * 86_400_000);
    const pending = await loadPending(db, now, horizon, settings, opts.orderIds);
    // Only the sweep re-plans the day: an order's own match after its booking takes the others as they are.
    const held = sweep ? await loadHeld(db, now, settings) : [];
    summary.considered = pending.length;
    const first = await runBatch(db, pending, now, run.id, summary, held);
    let { conflicted, unmatched } = first;
    const unskilled = new Set(first.unskilled);
    if (conflicted.length) {
      // One more try on fresh data for the orders that lost a race.
      const again = await loadPending(db, now, horizon, settings, conflicted);
      const retry = await runBatch(db, again, now, run.id, summary);
      conflicted = retry.conflicted;
      unmatched = [...unmatched, ...retry.unmatched];
      for (const id of retry.unskilled) unskilled.add(id);
    }
    summary.conflicts += conflicted.length;
    summary.unmatched = unmatched.length;
    summary.flagged = await flagUnmatched(db, unmatched, unskilled, now, settings);
    summary.durationMs = Math.round(performance.now() - started);
    await db
      .update(matchRuns)
      .set({
        finishedAt: new Date(),
        considered: summary.considered,
        matched: summary.matched,
        unmatched: summary.unmatched,
        conflicts: summary.conflicts,
        flagged: summary.flagged,
        moved: summary.moved,
        durationMs: summary.durationMs,
      })
      .where(eq(matchRuns.id, run.id));
    return summary;
  } finally {
    if (sweep) await releaseSweepLock(db, holder);
  }
}
