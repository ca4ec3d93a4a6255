import 'server-only';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  matchExplanations,
  orders,
  plans,
  services,
  unmatchedFlags,
  zones,
  type OrderStatus,
  type StoredCostTerms,
} from '@/db/schema';
import type { Grade } from '@/db/schema/workers';
import { recordAudit } from '@/lib/audit';
import { account, accounts, personName } from '@/lib/auth';
import { assertStaff, type Actor } from '@/lib/actor';
import { conflict, invalidTransition, notFound, validationFailed } from '@/lib/errors';
import { matchPrice } from '@/lib/finance/shared';
import { finalPriceFor, orderWorker, pricesByGrade, selectOrders, transitionOrder } from '@/lib/orders';
import { pairCost, substituteMark, type CostTerms } from './cost';
import { canOverride, checkEligibility, type IneligibleReason } from './eligibility';
import { lockWorkers } from './dispatch';
import { isDoubleBooking, isRetryable } from './errors';
import { loadMatchingData } from './load';
import { recentMatchRuns } from './runs';
import type { MatchRunSummary } from './shared';
import type { MatchOrder } from './types';

export type CandidateDto = {
  workerId: string;
  name: string;
  grade: Grade;
  eligible: boolean;
  reasons: IneligibleReason[];
  /** A manager may assign despite the reasons, giving a reason of their own. */
  overridable: boolean;
  terms: CostTerms;
  current: boolean;
  /** The order's price with this worker (their grade, held to the client's cap by the company's policy). */
  price: number;
  /** This worker's grade costs more than the client agreed to ("never more than the estimate"). */
  overCap: boolean;
};

export type OrderMatchDto = {
  id: string;
  number: string;
  status: OrderStatus;
  start: Date;
  end: Date;
  serviceRu: string;
  serviceEn: string;
  zoneRu: string;
  zoneEn: string;
  workerId: string | null;
  workerName: string | null;
  /** The price now (final, else the estimate), to compare with each candidate's. */
  price: number;
  currency: string;
};

export async function loadOrder(db: Db, orderId: string) {
  const [row] = await selectOrders(db, {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    clientId: orders.clientId,
    zoneId: orders.zoneId,
    start: orders.scheduledStart,
    end: orders.scheduledEnd,
    skill: services.skill,
    minGrade: services.minGrade,
    serviceRu: services.nameRu,
    serviceEn: services.nameEn,
    zoneRu: zones.nameRu,
    zoneEn: zones.nameEn,
    workerId: orders.workerId,
    workerName: orderWorker.name,
    priceTotal: orders.priceTotal,
    estimateTotal: orders.estimateTotal,
    estimateLines: orders.estimateLines,
    options: orders.options,
    currency: orders.currency,
    // A plan visit's regular worker: the manual ranking weighs continuity as automatic dispatch does.
    regularWorkerId: plans.regularWorkerId,
  })
    .leftJoin(plans, eq(plans.id, orders.planId))
    .where(eq(orders.id, orderId));
  if (!row) throw notFound('errors.orderNotFound');
  return row;
}

export const toMatchOrder = (o: Awaited<ReturnType<typeof loadOrder>>): MatchOrder => ({
  id: o.id,
  clientId: o.clientId,
  zoneId: o.zoneId,
  skill: o.skill,
  minGrade: o.minGrade,
  start: o.start,
  end: o.end,
  regularWorkerId: o.regularWorkerId,
});

/**
 * Every active worker for one order, eligible ones first by cost, each with the reasons they fail. With
 * `start`, the ranking is for the order moved to that start (same length): the board's "move to" menu.
 */
export async function rankWorkersForOrder(
  db: Db,
  actor: Actor,
  orderId: string,
  now = new Date(),
  opts: { start?: Date } = {},
): Promise<{ order: OrderMatchDto; candidates: CandidateDto[] }> {
  assertStaff(actor);
  const row = await loadOrder(db, orderId);
  const prices = await pricesByGrade(db, orderId);
  const overCapGrades = new Set((Object.keys(prices) as Grade[]).filter((g) => prices[g].overCap));
  const shift = opts.start ? opts.start.getTime() - row.start.getTime() : 0;
  const order = {
    ...toMatchOrder(row),
    start: new Date(row.start.getTime() + shift),
    end: new Date(row.end.getTime() + shift),
    overCapGrades,
  };
  const data = await loadMatchingData(db, [order], now);
  const candidates = data.workers.map((w): CandidateDto => {
    const eligibility = checkEligibility(order, w, data.facts(order.id, w.id), data.rules);
    const terms = pairCost({
      order,
      worker: w,
      weekHours: data.weekHours(w.id, order.start),
      stats: data.stats(w.id),
      clientRating: data.clientRating(order.clientId, w.id),
      preferred: data.preferred?.(order.clientId, w.id) ?? null,
      zones: data.zones,
      weights: data.weights,
    });
    return {
      workerId: w.id,
      name: w.name,
      grade: w.grade,
      eligible: eligibility.ok,
      reasons: eligibility.reasons,
      overridable: canOverride(eligibility.reasons),
      terms,
      current: w.id === row.workerId,
      price: prices[w.grade].total,
      overCap: prices[w.grade].overCap,
    };
  });
  const rank = (c: CandidateDto) => (c.eligible ? 0 : c.overridable ? 1 : 2);
  candidates.sort((a, b) => rank(a) - rank(b) || a.terms.total - b.terms.total || a.name.localeCompare(b.name));
  const dto: OrderMatchDto = {
    id: row.id,
    number: row.number,
    status: row.status,
    start: row.start,
    end: row.end,
    serviceRu: row.serviceRu,
    serviceEn: row.serviceEn,
    zoneRu: row.zoneRu,
    zoneEn: row.zoneEn,
    workerId: row.workerId,
    workerName: row.workerName,
    price: row.priceTotal ?? row.estimateTotal,
    currency: row.currency,
  };
  return { order: dto, candidates };
}

export type ManualAssignInput = { orderId: string; workerId: string; overrideReason?: string };

/**
 * A manager assigns (pending order) or reassigns (assigned order) by hand. A worker who fails an
 * eligibility rule needs a written reason, recorded with the rules set aside; an overlap with the
 * worker's other jobs or an inactive worker can never be overridden.
 */
export async function assignManually(
  db: Db,
  actor: Actor,
  input: ManualAssignInput,
  now = new Date(),
): Promise<{ status: OrderStatus }> {
  assertStaff(actor);
  const row = await loadOrder(db, input.orderId);
  if (row.status !== 'pending' && row.status !== 'assigned') throw invalidTransition('matching.errors.notAssignable');
  if (row.workerId === input.workerId) throw conflict('matching.errors.sameWorker');
  const order = toMatchOrder(row);
  const data = await loadMatchingData(db, [order], now, { workerIds: [input.workerId] });
  const worker = data.workers[0];
  if (!worker) throw notFound('matching.errors.workerNotFound');
  const eligibility = checkEligibility(order, worker, data.facts(order.id, worker.id), data.rules);
  const reason = input.overrideReason?.trim() ?? '';
  if (!eligibility.ok) {
    if (!canOverride(eligibility.reasons)) throw conflict('matching.errors.notOverridable');
    if (reason.length < 3)
      throw validationFailed({ overrideReason: 'matching.errors.reasonRequired' }, 'matching.errors.reasonRequired');
  }
  const terms = pairCost({
    order,
    worker,
    weekHours: data.weekHours(worker.id, order.start),
    stats: data.stats(worker.id),
    clientRating: data.clientRating(order.clientId, worker.id),
    preferred: data.preferred?.(order.clientId, worker.id) ?? null,
    zones: data.zones,
    weights: data.weights,
  });
  const price = matchPrice(await finalPriceFor(db, order.id, worker.grade), row);
  const name = row.status === 'pending' ? 'match' : 'reassign';
  for (let attempt = 1; ; attempt++) {
    try {
      const change = await db.transaction(async (tx) => {
        // Under the worker's lock, re-check what the eligibility check read before it: a worker deactivated
        // or an account disabled meanwhile is never assigned, even by hand (as the dispatch commit does).
        const [locked] = await lockWorkers(tx, [worker.id]);
        const person = await account(tx, worker.id);
        if (!locked?.active || !person || person.disabled) throw conflict('matching.errors.workerUnavailable');
        const [explanation] = await tx
          .insert(matchExplanations)
          .values({
            orderId: order.id,
            kind: 'manual',
            workerId: worker.id,
            cost: terms.total,
            terms,
            actorId: actor.id,
            overrideReason: reason || null,
            overriddenRules: eligibility.reasons,
          })
          .returning({ id: matchExplanations.id });
        const result = await transitionOrder(tx, actor, order.id, name, {
          reason: reason || undefined,
          payBasis: price.payBasis,
          set: {
            workerId: worker.id,
            priceLines: price.lines,
            priceTotal: price.total,
            priceConsent: price.consent,
          },
          data: {
            explanationId: explanation.id,
            manual: true,
            overridden: eligibility.reasons,
            ...substituteMark(order, worker.id),
            // The manager saw the price change on the board; the client's email states the new price.
            ...(row.priceTotal !== null && row.priceTotal !== price.total
              ? { priceChange: { from: row.priceTotal, to: price.total } }
              : {}),
          },
        });
        await recordAudit(tx, actor, {
          action: `order.${name}`,
          entity: 'order',
          entityId: order.id,
          before: { workerId: row.workerId },
          after: { workerId: worker.id, overrideReason: reason || null, overridden: eligibility.reasons },
        });
        return result;
      });
      return { status: change.after.status };
    } catch (error) {
      if (isRetryable(error) && attempt < 3) continue;
      if (isDoubleBooking(error) || isRetryable(error)) {
        throw conflict('matching.errors.doubleBooked', `order ${order.id}, worker ${worker.id}`);
      }
      throw error;
    }
  }
}

export type ExplanationDto = {
  id: string;
  kind: 'auto' | 'manual';
  at: Date;
  workerId: string;
  workerName: string;
  terms: StoredCostTerms | null;
  runnersUp: { workerId: string; workerName: string; terms: StoredCostTerms }[];
  actorName: string | null;
  overrideReason: string | null;
  overriddenRules: string[];
};

/** The history of why this order got its workers, newest first. */
export async function listExplanations(db: Db, actor: Actor, orderId: string): Promise<ExplanationDto[]> {
  assertStaff(actor);
  const list = await db
    .select({
      id: matchExplanations.id,
      kind: matchExplanations.kind,
      at: matchExplanations.createdAt,
      workerId: matchExplanations.workerId,
      workerName: personName(matchExplanations.workerId),
      terms: matchExplanations.terms,
      runnersUp: matchExplanations.runnersUp,
      actorName: personName(matchExplanations.actorId),
      overrideReason: matchExplanations.overrideReason,
      overriddenRules: matchExplanations.overriddenRules,
    })
    .from(matchExplanations)
    .where(eq(matchExplanations.orderId, orderId))
    .orderBy(desc(matchExplanations.createdAt));
  const ids = [...new Set(list.flatMap((e) => e.runnersUp.map((r) => r.workerId)))];
  const people = await accounts(db, ids);
  return list.map((e) => ({
    ...e,
    runnersUp: e.runnersUp.map((r) => ({ ...r, workerName: people.get(r.workerId)?.name ?? '—' })),
  }));
}

export type BoardOrderDto = {
  id: string;
  number: string;
  start: Date;
  serviceRu: string;
  serviceEn: string;
  zoneRu: string;
  zoneEn: string;
  flagged: boolean;
};
export type BoardAssignmentDto = {
  orderId: string;
  number: string;
  at: Date;
  kind: 'auto' | 'manual';
  workerName: string;
  cost: number | null;
};
export type DispatchBoardDto = {
  pending: BoardOrderDto[];
  flagged: BoardOrderDto[];
  recent: BoardAssignmentDto[];
  runs: MatchRunSummary[];
  alertHours: number;
};

/** The dispatch board: pending orders, the ones close to start without a worker, recent assignments and runs. */
export async function getDispatchBoard(
  db: Db,
  actor: Actor,
  alertHours: number,
  now = new Date(),
): Promise<DispatchBoardDto> {
  assertStaff(actor);
  const pendingRows = await selectOrders(db, {
    id: orders.id,
    number: orders.number,
    start: orders.scheduledStart,
    serviceRu: services.nameRu,
    serviceEn: services.nameEn,
    zoneRu: zones.nameRu,
    zoneEn: zones.nameEn,
    flaggedAt: unmatchedFlags.flaggedAt,
  })
    .leftJoin(unmatchedFlags, eq(unmatchedFlags.orderId, orders.id))
    .where(and(eq(orders.status, 'pending'), gt(orders.scheduledStart, now)))
    .orderBy(asc(orders.scheduledStart))
    .limit(200);
  const alertAt = now.getTime() + alertHours * 3_600_000;
  const pending = pendingRows.map(({ flaggedAt, ...o }) => ({
    ...o,
    flagged: flaggedAt !== null || o.start.getTime() <= alertAt,
  }));
  const recent = await db
    .select({
      orderId: matchExplanations.orderId,
      number: orders.number,
      at: matchExplanations.createdAt,
      kind: matchExplanations.kind,
      workerName: personName(matchExplanations.workerId),
      cost: matchExplanations.cost,
    })
    .from(matchExplanations)
    .innerJoin(orders, eq(orders.id, matchExplanations.orderId))
    .orderBy(desc(matchExplanations.createdAt))
    .limit(20);
  const runs = await recentMatchRuns(db, 5, new Date(now.getTime() + 60_000));
  return { pending, flagged: pending.filter((p) => p.flagged), recent, runs, alertHours };
}
