import 'server-only';
import { and, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderEvents, orderFeedback, orders, zones } from '@/db/schema';
import { assertRole, assertStaff, isStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict, DomainError, forbidden, notFound, validationFailed } from '@/lib/errors';
import { cancellationFee, cancellationTier, estimateDuration, type PricingOptions } from '@/lib/finance/shared';
import { notifyLowRating } from './emails';
import { requestMatching } from './effects';
import { getSettings } from '@/lib/settings';
import { checkEnd, checkStart } from './booking-rules';
import { clientDiscountBp, estimateBooking, loadService } from './pricing-context';
import {
  cancelInput,
  feedbackInput,
  rescheduleInput,
  type CancelInput,
  type FeedbackInput,
  type RescheduleInput,
} from './schemas';
import { transitionOrder, transitionOrders } from './transition-order';

/**
 * Locks the order for the rest of the transaction: a client's own (another client's is NotFound), or any
 * order for staff acting on the client's behalf.
 */
async function lockOwnOrder(tx: Db, actor: Actor, orderId: string) {
  const [o] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      clientId: orders.clientId,
      estimateLines: orders.estimateLines,
      status: orders.status,
      serviceId: orders.serviceId,
      zoneId: orders.zoneId,
      options: orders.options,
      scheduledStart: orders.scheduledStart,
      bookedAt: orders.bookedAt,
      estimateTotal: orders.estimateTotal,
      priceTotal: orders.priceTotal,
      workerId: orders.workerId,
      priceConsent: orders.priceConsent,
    })
    .from(orders)
    .where(and(eq(orders.id, orderId), isStaff(actor) ? undefined : eq(orders.clientId, actor.id)))
    .for('update');
  if (!o) throw notFound('errors.orderNotFound');
  return o;
}

/**
 * The client cancels before the work starts. The fee follows the cancellation policy at this moment, on the
 * final price when there is one, else the estimate; it is stored on the order and in the event, and the
 * finance subscriber posts it. The row lock makes two concurrent cancels serialise: the second one finds the
 * order cancelled and gets a 409.
 */
export async function cancelOrder(db: Db, actor: Actor, raw: CancelInput, now = new Date()): Promise<{ fee: number }> {
  if (actor.role !== 'client') assertStaff(actor);
  const input = cancelInput.parse(raw);
  // Only staff may waive the fee, and only with a reason, which the audit log keeps.
  if (input.waiveFee && actor.role === 'client') throw forbidden();
  if (input.waiveFee && !input.waiveReason)
    throw validationFailed({ waiveReason: 'orders.errors.waiveReasonRequired' }, 'errors.invalidInput');
  const { cancellationPolicy } = await getSettings(db);
  return db.transaction(async (tx) => {
    const o = await lockOwnOrder(tx, actor, input.orderId);
    const price = o.priceTotal ?? o.estimateTotal;
    // Saying no to a price above the client's cap is free, whenever it is said.
    const policyFee =
      o.priceConsent !== 'pending' && (o.status === 'pending' || o.status === 'assigned')
        ? cancellationFee(cancellationPolicy, o.scheduledStart, now, price, o.bookedAt)
        : 0;
    const fee = input.waiveFee ? 0 : policyFee;
    const tier = cancellationTier(cancellationPolicy, o.scheduledStart, now, o.bookedAt);
    await transitionOrder(tx, actor, o.id, 'cancel', {
      reason: input.comment || input.reasonCode,
      set: { cancellationFee: fee },
      data: {
        reasonCode: input.reasonCode,
        comment: input.comment,
        fee,
        tier,
        price,
        ...(input.waiveFee ? { waivedFee: policyFee, waiveReason: input.waiveReason } : {}),
      },
      at: now,
    });
    if (isStaff(actor))
      await recordAudit(tx, actor, {
        action: 'order.cancel_for_client',
        entity: 'order',
        entityId: o.id,
        before: { number: o.number, status: o.status },
        after: {
          status: 'cancelled',
          reasonCode: input.reasonCode,
          fee,
          ...(input.waiveFee ? { waivedFee: policyFee, waiveReason: input.waiveReason } : {}),
        },
      });
    return { fee };
  });
}

export type RescheduleOptions = { now?: Date; match?: boolean };

/**
 * A new time for an order that has not started. It goes back to pending (the worker, if any, is released and
 * the final price dropped), the estimate is recomputed as of now (urgency may change), and matching is asked
 * again after the commit. Decision: rescheduling is offered only while a cancellation would be free, so a
 * late reschedule can't be used to dodge the cancellation fee; after that the client cancels instead.
 */
export async function rescheduleOrder(
  db: Db,
  actor: Actor,
  raw: RescheduleInput,
  opts: RescheduleOptions = {},
): Promise<void> {
  if (actor.role !== 'client') assertStaff(actor);
  const input = rescheduleInput.parse(raw);
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);
  const { start, fields } = checkStart(input, settings, now);
  if (Object.keys(fields).length > 0) throw validationFailed(fields, 'errors.invalidInput');
  await db.transaction(async (tx) => {
    const o = await lockOwnOrder(tx, actor, input.orderId);
    // A client moves a job only while cancelling would be free; staff (who agreed it with the client) any time.
    if (
      actor.role === 'client' &&
      (o.status === 'pending' || o.status === 'assigned') &&
      cancellationTier(settings.cancellationPolicy, o.scheduledStart, now, o.bookedAt) !== 'free'
    ) {
      throw new DomainError('conflict', 'orders.errors.rescheduleTooLate');
    }
    if (start.getTime() === o.scheduledStart.getTime())
      throw validationFailed({ time: 'orders.errors.sameTime' }, 'errors.invalidInput');
    const service = await loadService(tx, o.serviceId, { activeOnly: false });
    const [zone] = await tx.select({ travelFee: zones.travelFee }).from(zones).where(eq(zones.id, o.zoneId));
    if (!service || !zone) throw notFound('errors.orderNotFound');
    const options = o.options as PricingOptions;
    const minutes = estimateDuration(service, options);
    const endErrors = checkEnd(input, minutes, settings);
    if (endErrors.time) throw validationFailed(endErrors, 'errors.invalidInput');
    const end = new Date(start.getTime() + minutes * 60_000);
    // A free re-do stays free; anything else is estimated again as of now (urgency may change).
    const estimate =
      typeof o.options?.redoOf === 'string'
        ? { lines: o.estimateLines, total: 0 }
        : estimateBooking(
            { service, options, zone, startsAt: start, now },
            await clientDiscountBp(tx, o.clientId),
            settings,
          );
    await transitionOrder(tx, actor, o.id, 'reschedule', {
      set: {
        scheduledStart: start,
        scheduledEnd: end,
        workerId: null,
        priceLines: null,
        priceTotal: null,
        payLines: null,
        payTotal: null,
        priceConsent: null,
        estimateLines: estimate.lines,
        estimateTotal: estimate.total,
        bookedAt: now,
      },
      data: {
        fromStart: o.scheduledStart.toISOString(),
        toStart: start.toISOString(),
        previousWorkerId: o.workerId,
        estimateTotal: estimate.total,
      },
      at: now,
    });
    if (isStaff(actor))
      await recordAudit(tx, actor, {
        action: 'order.reschedule_for_client',
        entity: 'order',
        entityId: o.id,
        before: { number: o.number, scheduledStart: o.scheduledStart.toISOString() },
        after: { scheduledStart: start.toISOString() },
      });
  });
  if (opts.match ?? true) requestMatching([input.orderId]);
}

/**
 * The client accepts a price above their cap ("never more than the estimate") that matching could only
 * find with a higher grade (settings priceCapPolicy 'ask'). Recorded on the order and in its timeline.
 */
export async function acceptPrice(db: Db, actor: Actor, orderId: string, now = new Date()): Promise<void> {
  assertRole(actor, 'client');
  await db.transaction(async (tx) => {
    const o = await lockOwnOrder(tx, actor, orderId);
    if (o.priceConsent !== 'pending' || o.status !== 'assigned') throw conflict('orders.errors.nothingToAccept');
    await tx.update(orders).set({ priceConsent: 'accepted', updatedAt: now }).where(eq(orders.id, o.id));
    await tx.insert(orderEvents).values({
      orderId: o.id,
      fromStatus: o.status,
      toStatus: o.status,
      kind: 'price_accepted',
      actorId: actor.id,
      actorRole: actor.role,
      at: now,
      data: { priceTotal: o.priceTotal },
    });
  });
}

/** Rates a completed order, once (the primary key on order_id settles races). */
export async function rateOrder(db: Db, actor: Actor, raw: FeedbackInput, now = new Date()): Promise<void> {
  assertRole(actor, 'client');
  const input = feedbackInput.parse(raw);
  await db.transaction(async (tx) => {
    const o = await lockOwnOrder(tx, actor, input.orderId);
    if (o.status !== 'completed') throw new DomainError('invalid_transition', 'orders.errors.rateNotCompleted');
    const inserted = await tx
      .insert(orderFeedback)
      .values({
        orderId: o.id,
        clientId: actor.id,
        workerId: o.workerId,
        rating: input.rating,
        comment: input.comment,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ orderId: orderFeedback.orderId });
    if (inserted.length === 0) throw conflict('orders.errors.alreadyRated');
    await notifyLowRating(tx, { orderId: o.id, rating: input.rating, comment: input.comment });
  });
}

/**
 * Cancels a plan's visits that have not started (after `from`; optionally only those whose plan date is in
 * a range or a list), in the caller's transaction and one batch: each under the normal cancellation policy, as the
 * client cancelling that visit would. lib/plans uses it to end, pause or change a plan.
 */
export async function cancelVisits(
  tx: Db,
  actor: Actor,
  opts: {
    planId: string;
    from: Date;
    planDates?: { from: string; until: string };
    /** Only the visits of these plan dates (a holiday rule change). */
    planDateIn?: readonly string[];
    reasonCode: string;
    now: Date;
  },
): Promise<{ fees: number; cancelled: number }> {
  const { cancellationPolicy } = await getSettings(tx);
  const visits = await tx
    .select({
      id: orders.id,
      scheduledStart: orders.scheduledStart,
      bookedAt: orders.bookedAt,
      price: sql<number>`coalesce(${orders.priceTotal}, ${orders.estimateTotal})`.mapWith(Number),
    })
    .from(orders)
    .where(
      and(
        eq(orders.planId, opts.planId),
        inArray(orders.status, ['pending', 'assigned']),
        gt(orders.scheduledStart, opts.from),
        opts.planDates ? gte(orders.planDate, opts.planDates.from) : undefined,
        opts.planDates ? lte(orders.planDate, opts.planDates.until) : undefined,
        opts.planDateIn ? inArray(orders.planDate, [...opts.planDateIn]) : undefined,
      ),
    );
  if (visits.length === 0) return { fees: 0, cancelled: 0 };
  const items = visits.map((v) => {
    const fee = cancellationFee(cancellationPolicy, v.scheduledStart, opts.now, v.price, v.bookedAt);
    return {
      orderId: v.id,
      reason: opts.reasonCode,
      set: { cancellationFee: fee },
      data: { reasonCode: opts.reasonCode, fee, price: v.price },
    };
  });
  await transitionOrders(tx, actor, 'cancel', items, { at: opts.now });
  return { fees: items.reduce((s, i) => s + i.set.cancellationFee, 0), cancelled: items.length };
}
