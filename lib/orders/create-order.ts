import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { assertOpenOrderRoom } from './open-order-cap';
import { rows, sql } from '@/db/connect';
import { clientAddresses, orderEvents, orders, zones, type OrderRow, type PriceLine } from '@/db/schema';
import { type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { validationFailed } from '@/lib/errors';
import { estimateDuration, priceOrder, type PricingOptions } from '@/lib/finance/shared';
import { bookedByData, bookingClient } from './booking-client';
import { notifyOrderCreated } from './emails';
import { requestMatching } from './effects';
import { getSettings } from '@/lib/settings';
import { toWallTime } from '@/lib/time';
import { checkEnd, checkOptions, checkStart } from './booking-rules';
import { clientDiscountBp, loadService, pricingSettings } from './pricing-context';
import { orderInput, type OrderInput } from './schemas';

export type CreatedOrder = { id: string; number: string };

export type CreateOrderOptions = {
  now?: Date;
  /**
   * Ask matching to try this order right after the commit (default true). Tests of this module pass false:
   * matching runs on the application's own database, not the one under test.
   */
  match?: boolean;
  /** Staff booking for a client who phoned in: whose order it is (lib/orders checks the actor may). */
  clientId?: string;
};

/** BR-<year>-<000123>: the year of booking in the company zone, then the sequence number. */
export function formatOrderNumber(year: number, seq: number): string {
  return `BR-${year}-${String(seq).padStart(6, '0')}`;
}

/** The next order number; the year is the company's year at `at` (not the database server's). */
export async function nextOrderNumber(tx: Db, at: Date, timeZone: string): Promise<string> {
  const [{ seq }] = await rows<{ seq: string }>(tx, sql`select nextval('order_number_seq') as seq`);
  return formatOrderNumber(toWallTime(at, timeZone).year, Number(seq));
}

/**
 * A client books a service, or staff book it for a client who phoned in (`opts.clientId`). Everything the
 * form checked is checked again here (the same zod schema and the same booking rules); the estimate comes
 * from the pricing function with no worker grade yet. The order, its 'created' event (naming who booked it)
 * and (when asked) the saved address commit together; the client gets the same email either way, and
 * matching is asked after the commit. Only a client's own bookings count against the open-order cap (it
 * guards against abuse by self-signed-up accounts); a staff booking is audited instead.
 */
export async function createOrder(
  db: Db,
  actor: Actor,
  raw: OrderInput,
  opts: CreateOrderOptions = {},
): Promise<CreatedOrder> {
  const booking = await bookingClient(db, actor, opts.clientId);
  const clientId = booking.clientId;
  const input = orderInput.parse(raw);
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);

  const service = await loadService(db, input.serviceId, { activeOnly: true });
  if (!service) throw validationFailed({ serviceId: 'orders.errors.serviceUnavailable' });
  const [zone] = await db
    .select({ id: zones.id, travelFee: zones.travelFee })
    .from(zones)
    .where(and(eq(zones.id, input.zoneId), eq(zones.active, true)));
  const { options, fields: optionErrors } = checkOptions(service, input);
  const { start, fields: timeErrors } = checkStart(input, settings, now);
  // The end is checked once the options are valid (the duration depends on them).
  const minutes = Object.keys(optionErrors).length === 0 ? estimateDuration(service, options) : 0;
  const endErrors = timeErrors.time ? {} : checkEnd(input, minutes, settings);
  const fields = {
    ...optionErrors,
    ...endErrors,
    ...timeErrors,
    ...(zone ? {} : { zoneId: 'orders.errors.zoneNotServed' as const }),
  };
  if (Object.keys(fields).length > 0 || !zone) throw validationFailed(fields, 'errors.invalidInput');

  const end = new Date(start.getTime() + minutes * 60_000);
  const estimate = priceOrder({
    service,
    options,
    grade: null,
    zone,
    startsAt: start,
    now,
    discountBp: await clientDiscountBp(db, clientId),
    ...pricingSettings(settings),
  });

  const created = await db.transaction(async (tx) => {
    if (!booking.onBehalf) await assertOpenOrderRoom(tx, clientId, settings.maxOpenOrdersPerClient);
    const number = await nextOrderNumber(tx, now, settings.timeZone);
    const [order] = await tx
      .insert(orders)
      .values({
        number,
        clientId,
        serviceId: service.id,
        zoneId: zone.id,
        status: 'pending',
        address: input.address,
        accessNotes: input.accessNotes,
        contactPhone: input.contactPhone,
        options,
        scheduledStart: start,
        scheduledEnd: end,
        estimateLines: estimate.lines,
        estimateTotal: estimate.total,
        priceCap: input.priceCap ? estimate.total : null,
        currency: settings.currency,
        bookedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: orders.id, number: orders.number });
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: null,
      toStatus: 'pending',
      kind: 'created',
      actorId: actor.id,
      actorRole: actor.role,
      at: now,
      data: {
        estimateTotal: estimate.total,
        ...(input.priceCap ? { priceCap: estimate.total } : {}),
        ...bookedByData(actor, booking),
      },
    });
    if (input.saveAddress)
      await saveAddressOnce(tx, clientId, { address: input.address, zoneId: zone.id, accessNotes: input.accessNotes });
    if (booking.onBehalf)
      await recordAudit(tx, actor, {
        action: 'order.book_for_client',
        entity: 'order',
        entityId: order.id,
        after: { number: order.number, clientId, estimateTotal: estimate.total },
      });
    // Creation is not a transition, so the notifications subscriber does not see it: ask for the email here.
    await notifyOrderCreated(tx, order);
    return order;
  });

  if (opts.match ?? true) requestMatching([created.id]);
  return created;
}

/**
 * A free re-do of a failed order, in the caller's transaction (lib/quality decides when one is due): the
 * same client, service, zone, address, options and length at the wanted date and time, checked by the same
 * booking rules as a client's booking. Its only line is a zero-priced "re-do of BR-…", `options.redoOf`
 * marks it (pricing keeps it free when matched), and the client is emailed. Kept here so that lib/orders is
 * the one writer of new orders.
 */
export async function insertRedoOrder(
  tx: Db,
  actor: Actor,
  failed: OrderRow,
  wanted: { date: string; time: string },
  now: Date,
): Promise<CreatedOrder> {
  const settings = await getSettings(tx);
  const minutes = Math.round((failed.scheduledEnd.getTime() - failed.scheduledStart.getTime()) / 60_000);
  const { start, fields } = checkStart(wanted, settings, now);
  const all = { ...(fields.time ? {} : checkEnd(wanted, minutes, settings)), ...fields };
  if (Object.keys(all).length > 0) throw validationFailed(all, 'errors.invalidInput');
  const line: PriceLine = {
    code: 'redo',
    labelRu: `Повтор заказа ${failed.number}`,
    labelEn: `Re-do of ${failed.number}`,
    amount: 0,
  };
  const [redo] = await tx
    .insert(orders)
    .values({
      number: await nextOrderNumber(tx, now, settings.timeZone),
      clientId: failed.clientId,
      serviceId: failed.serviceId,
      zoneId: failed.zoneId,
      status: 'pending',
      address: failed.address,
      accessNotes: failed.accessNotes,
      contactPhone: failed.contactPhone,
      options: { ...failed.options, redoOf: failed.id },
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + minutes * 60_000),
      estimateLines: [line],
      estimateTotal: 0,
      currency: failed.currency,
      bookedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: orders.id, number: orders.number });
  await tx.insert(orderEvents).values({
    orderId: redo.id,
    fromStatus: null,
    toStatus: 'pending',
    kind: 'created',
    actorId: actor.id,
    actorRole: actor.role,
    reason: 'redo',
    at: now,
    data: { redoOf: failed.id, redoOfNumber: failed.number, estimateTotal: 0 },
  });
  await notifyOrderCreated(tx, redo, { redoOf: failed.number });
  return redo;
}

/** Saves an address unless the client already has the same one. */
async function saveAddressOnce(
  tx: Db,
  clientId: string,
  a: { address: string; zoneId: string; accessNotes: string },
): Promise<void> {
  const [existing] = await tx
    .select({ id: clientAddresses.id })
    .from(clientAddresses)
    .where(
      and(
        eq(clientAddresses.clientId, clientId),
        eq(clientAddresses.address, a.address),
        eq(clientAddresses.zoneId, a.zoneId),
      ),
    );
  if (!existing) await tx.insert(clientAddresses).values({ clientId, ...a });
}

export type PlanForVisits = {
  id: string;
  clientId: string;
  serviceId: string;
  zoneId: string;
  address: string;
  accessNotes: string;
  contactPhone: string;
  options: Record<string, unknown>;
  time: string;
  firstDate: string;
};

/**
 * A recurring plan's visits as ordinary pending orders, in the caller's transaction (lib/plans decides the
 * dates; lib/orders alone writes orders). Each is priced like a booking, with the plan's frequency
 * discount as its own line (not on the first visit when the company says so), and keyed by (plan, plan
 * date): a date that already has a visit — even a skipped (cancelled) one — gets nothing new, so
 * repeated or concurrent runs never duplicate or resurrect a visit. A visit that would end after the
 * bookable hours is not placed; its plan date comes back in `outsideHours`. `bookedBy` is the staff member
 * who booked the plan for the client (a phone booking): the visits placed with it name them in their first event.
 */
export async function insertPlanVisits(
  tx: Db,
  plan: PlanForVisits,
  visits: readonly { planDate: string; start: Date }[],
  discountBp: number,
  now: Date,
  bookedBy?: Actor,
): Promise<{ created: (CreatedOrder & { start: Date })[]; outsideHours: string[] }> {
  if (visits.length === 0) return { created: [], outsideHours: [] };
  const settings = await getSettings(tx);
  const service = await loadService(tx, plan.serviceId, { activeOnly: false });
  const [zone] = await tx.select({ travelFee: zones.travelFee }).from(zones).where(eq(zones.id, plan.zoneId));
  if (!service || !zone) throw validationFailed({ serviceId: 'orders.errors.serviceUnavailable' });
  const baseOptions = plan.options as unknown as PricingOptions;
  const minutes = estimateDuration(service, baseOptions);
  if (Object.keys(checkEnd({ time: plan.time }, minutes, settings)).length > 0)
    return { created: [], outsideHours: visits.map((v) => v.planDate) };
  const clientDiscount = await clientDiscountBp(tx, plan.clientId);
  const created: (CreatedOrder & { start: Date })[] = [];
  for (const visit of visits) {
    const first = visit.planDate === plan.firstDate;
    const options = { ...baseOptions, planDiscountBp: first && !settings.planDiscountFirstVisit ? 0 : discountBp };
    const estimate = priceOrder({
      service,
      options,
      grade: null,
      zone,
      startsAt: visit.start,
      now,
      discountBp: clientDiscount,
      ...pricingSettings(settings),
    });
    const [order] = await tx
      .insert(orders)
      .values({
        number: await nextOrderNumber(tx, now, settings.timeZone),
        clientId: plan.clientId,
        serviceId: plan.serviceId,
        zoneId: plan.zoneId,
        status: 'pending',
        address: plan.address,
        accessNotes: plan.accessNotes,
        contactPhone: plan.contactPhone,
        options,
        scheduledStart: visit.start,
        scheduledEnd: new Date(visit.start.getTime() + minutes * 60_000),
        estimateLines: estimate.lines,
        estimateTotal: estimate.total,
        currency: settings.currency,
        planId: plan.id,
        planDate: visit.planDate,
        bookedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [orders.planId, orders.planDate], where: sql`${orders.planId} is not null` })
      .returning({ id: orders.id, number: orders.number });
    if (!order) continue;
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: null,
      toStatus: 'pending',
      kind: 'created',
      reason: 'plan',
      at: now,
      ...(bookedBy ? { actorId: bookedBy.id, actorRole: bookedBy.role } : {}),
      data: {
        planId: plan.id,
        planDate: visit.planDate,
        estimateTotal: estimate.total,
        ...(bookedBy ? { bookedBy: { name: bookedBy.name, role: bookedBy.role } } : {}),
      },
    });
    created.push({ ...order, start: visit.start });
  }
  return { created, outsideHours: [] };
}
