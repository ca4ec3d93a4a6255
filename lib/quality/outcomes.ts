import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderReviews } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { conflict, notFound, validationFailed } from '@/lib/errors';
import { recordAudit, recordAudits } from '@/lib/audit';
import {
  insertRedoOrder,
  lockOrderRow,
  lockOrderRows,
  recordReviewsConfirmed,
  requestMatching,
  transitionOrder,
} from '@/lib/orders';
import { findFreeSlots, type FreeSlot } from '@/lib/matching';
import { confirmInput, failInput, redoInput, type FailInput, type RedoInput } from './schemas';

/** A manager confirms a completed order: it stays completed, is billed and paid as it is, and leaves the queue. */
export async function confirmOrder(
  db: Db,
  actor: Actor,
  raw: { orderId: string; note?: string },
  now = new Date(),
): Promise<void> {
  await confirmOrders(db, actor, [{ ...raw, at: now }]);
}

/**
 * A manager confirms several completed orders at once (each at its own time), all or nothing, each checked
 * as `confirmOrder` checks it: completed and not yet reviewed. One read, one write per table. `confirmOrder`
 * is the one-item case.
 */
export async function confirmOrders(
  db: Db,
  actor: Actor,
  raw: readonly { orderId: string; note?: string; at?: Date }[],
): Promise<void> {
  assertStaff(actor);
  if (raw.length === 0) return;
  const now = new Date();
  const inputs = raw.map((r) => ({ ...confirmInput.parse(r), at: r.at ?? now }));
  const ids = inputs.map((i) => i.orderId);
  if (new Set(ids).size !== ids.length) throw new RangeError('confirmOrders: an order appears twice');
  await db.transaction(async (tx) => {
    const locked = new Map((await lockOrderRows(tx, ids)).map((o) => [o.id, o]));
    const reviewed = new Set(
      (
        await tx
          .select({ orderId: orderReviews.orderId })
          .from(orderReviews)
          .where(ids.length === 1 ? eq(orderReviews.orderId, ids[0]) : inArray(orderReviews.orderId, ids))
      ).map((r) => r.orderId),
    );
    const checked = inputs.map((input) => {
      const order = locked.get(input.orderId);
      if (!order) throw notFound('errors.orderNotFound');
      if (order.status !== 'completed') throw conflict('quality.errors.notCompleted');
      if (reviewed.has(order.id)) throw conflict('quality.errors.alreadyReviewed');
      return { input, order };
    });
    await tx.insert(orderReviews).values(
      checked.map(({ input, order }) => ({
        orderId: order.id,
        outcome: 'confirmed' as const,
        note: input.note,
        chargeClient: true,
        reviewerId: actor.id,
        at: input.at,
      })),
    );
    await recordReviewsConfirmed(
      tx,
      actor,
      checked.map(({ input, order }) => ({ orderId: order.id, note: input.note || null, at: input.at })),
    );
    await recordAudits(
      tx,
      actor,
      checked.map(({ input, order }) => ({
        action: 'order.review_confirm',
        entity: 'order',
        entityId: order.id,
        after: { number: order.number, outcome: 'confirmed', note: input.note },
      })),
    );
  });
}

/**
 * A manager marks an order failed with a reason. A completed order goes through 'review_fail', an assigned
 * or started one through 'fail'. The event data tells the finance subscriber what to do with money:
 * `chargeClient` (true = the price, false = nothing) and `penalty` (false = no fine, a number = that fine in
 * minor units, absent = the penalty rule for the reason).
 */
export async function failOrder(db: Db, actor: Actor, raw: FailInput, now = new Date()): Promise<void> {
  assertStaff(actor);
  const input = failInput.parse(raw);
  await db.transaction(async (tx) => {
    const order = await lockOrderRow(tx, input.orderId);
    const name = order.status === 'completed' ? 'review_fail' : 'fail';
    if (!['completed', 'assigned', 'in_progress'].includes(order.status)) throw conflict('quality.errors.cannotFail');
    if (!order.workerId && input.penaltyAmount !== undefined)
      throw validationFailed({ penaltyAmount: 'quality.errors.noWorker' });
    const penalty = !input.fineWorker ? false : input.penaltyAmount;
    const data: Record<string, unknown> = {
      reasonCode: input.reasonCode,
      chargeClient: input.chargeClient,
      ...(penalty === undefined ? {} : { penalty }),
      note: input.note || undefined,
    };
    await transitionOrder(tx, actor, order.id, name, { reason: input.reasonCode, data, at: now });
    const review = {
      outcome: 'failed' as const,
      reasonCode: input.reasonCode,
      note: input.note,
      chargeClient: input.chargeClient,
      reviewerId: actor.id,
      at: now,
    };
    await tx
      .insert(orderReviews)
      .values({ orderId: order.id, ...review })
      .onConflictDoUpdate({ target: orderReviews.orderId, set: review });
    await recordAudit(tx, actor, {
      action: `order.${name}`,
      entity: 'order',
      entityId: order.id,
      before: { number: order.number, status: order.status },
      after: {
        number: order.number,
        status: 'failed',
        reasonCode: input.reasonCode,
        chargeClient: input.chargeClient,
        fineWorker: input.fineWorker,
        penaltyAmount: input.penaltyAmount ?? null,
        note: input.note,
      },
    });
  });
}

/**
 * Where a re-do of this failed order can go: the soonest slots (12 hours from now at the earliest) in
 * which at least one eligible worker is free, the order's own time of day first. The manager picks one or
 * types another.
 */
export async function proposeRedoSlots(db: Db, actor: Actor, orderId: string, now = new Date()): Promise<FreeSlot[]> {
  assertStaff(actor);
  return findFreeSlots(db, actor, orderId, { now, leadHours: 12, days: 14, limit: 3 });
}

/**
 * A free re-do of a failed order for the same client, service, address and options, at the date and time
 * the manager confirmed (by default the first proposed slot with a free worker), pending for matching;
 * lib/orders writes the order and emails the client. The review links the two orders.
 */
export async function createRedoOrder(
  db: Db,
  actor: Actor,
  raw: RedoInput,
  opts: { now?: Date; match?: boolean } = {},
): Promise<{ id: string; number: string }> {
  assertStaff(actor);
  const input = redoInput.parse(raw);
  const now = opts.now ?? new Date();
  let wanted = input.date && input.time ? { date: input.date, time: input.time } : null;
  if (!wanted) {
    const [slot] = await proposeRedoSlots(db, actor, input.orderId, now);
    if (!slot) throw conflict('quality.errors.noFreeSlot');
    wanted = { date: slot.date, time: slot.time };
  }
  const created = await db.transaction(async (tx) => {
    const o = await lockOrderRow(tx, input.orderId);
    if (o.status !== 'failed') throw conflict('quality.errors.redoNotFailed');
    const [review] = await tx
      .select({ redoOrderId: orderReviews.redoOrderId })
      .from(orderReviews)
      .where(eq(orderReviews.orderId, o.id));
    if (review?.redoOrderId) throw conflict('quality.errors.redoExists');
    const redo = await insertRedoOrder(tx, actor, o, wanted, now);
    if (review) await tx.update(orderReviews).set({ redoOrderId: redo.id }).where(eq(orderReviews.orderId, o.id));
    else
      await tx.insert(orderReviews).values({
        orderId: o.id,
        outcome: 'failed',
        reasonCode: null,
        note: '',
        chargeClient: false,
        redoOrderId: redo.id,
        reviewerId: actor.id,
        at: now,
      });
    await recordAudit(tx, actor, {
      action: 'order.redo',
      entity: 'order',
      entityId: o.id,
      after: { number: o.number, redoOrderId: redo.id, redoNumber: redo.number, date: wanted.date, time: wanted.time },
    });
    return redo;
  });
  if (opts.match ?? true) requestMatching([created.id]);
  return created;
}
