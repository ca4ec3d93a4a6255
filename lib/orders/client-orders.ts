import 'server-only';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderFeedback, orders, services, zones, type OrderStatus, type PriceLine } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { notFound } from '@/lib/errors';
import { cancellationFee, cancellationTier, type CancellationTier } from '@/lib/finance/shared';
import { getSettings } from '@/lib/settings';
import { addDays, fromWallTime, parseDateString } from '@/lib/time';
import type { HistoryFilter, HistoryTab } from './schemas';
import { checkTransition } from './transitions';
import { orderTimeline, orderVisitColumns, orderWorker, selectOrders } from './queries';

const tabStatuses: Record<HistoryTab, OrderStatus[]> = {
  active: ['pending', 'assigned', 'in_progress'],
  completed: ['completed'],
  cancelled: ['cancelled', 'failed'],
};

export const HISTORY_PAGE_SIZE = 10;

export type OrderListItem = {
  id: string;
  number: string;
  status: OrderStatus;
  serviceNameRu: string;
  serviceNameEn: string;
  address: string;
  scheduledStart: Date;
  total: number;
  currency: string;
};

/** A client's order history: one tab, newest first (by creation), paged, filtered by service and start date. */
export async function listOrdersForClient(
  db: Db,
  actor: Actor,
  filter: HistoryFilter,
): Promise<{ items: OrderListItem[]; total: number; pageSize: number }> {
  assertRole(actor, 'client');
  const { timeZone } = await getSettings(db);
  const where: SQL[] = [eq(orders.clientId, actor.id), inArray(orders.status, tabStatuses[filter.tab])];
  if (filter.service) where.push(eq(orders.serviceId, filter.service));
  // from / to are inclusive calendar days in the company zone.
  if (filter.from)
    where.push(
      gte(orders.scheduledStart, fromWallTime({ ...parseDateString(filter.from), hour: 0, minute: 0 }, timeZone)),
    );
  if (filter.to)
    where.push(
      lt(
        orders.scheduledStart,
        fromWallTime({ ...parseDateString(addDays(filter.to, 1)), hour: 0, minute: 0 }, timeZone),
      ),
    );
  const [{ n }] = await db
    .select({ n: count() })
    .from(orders)
    .where(and(...where));
  const items = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      serviceNameRu: services.nameRu,
      serviceNameEn: services.nameEn,
      address: orders.address,
      scheduledStart: orders.scheduledStart,
      estimateTotal: orders.estimateTotal,
      priceTotal: orders.priceTotal,
      currency: orders.currency,
    })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.number))
    .limit(HISTORY_PAGE_SIZE)
    .offset((filter.page - 1) * HISTORY_PAGE_SIZE);
  return {
    items: items.map(({ estimateTotal, priceTotal, ...r }) => ({ ...r, total: priceTotal ?? estimateTotal })),
    total: n,
    pageSize: HISTORY_PAGE_SIZE,
  };
}

export type TimelineEntry = {
  id: number;
  kind: string;
  toStatus: OrderStatus;
  at: Date;
  reason: string | null;
  byClient: boolean;
};

export type ClientOrderDto = {
  id: string;
  number: string;
  status: OrderStatus;
  version: number;
  service: { id: string; nameRu: string; nameEn: string };
  zone: { nameRu: string; nameEn: string };
  address: string;
  accessNotes: string;
  contactPhone: string;
  options: { areaM2?: number; rooms?: number; bathrooms?: number; hours?: number; extras: string[] };
  scheduledStart: Date;
  scheduledEnd: Date;
  currency: string;
  estimate: { lines: PriceLine[]; total: number };
  final: { lines: PriceLine[]; total: number } | null;
  cancellationFee: number;
  /** The worker's first name only, once matched. */
  workerFirstName: string | null;
  timeline: TimelineEntry[];
  feedback: { rating: number; comment: string } | null;
  can: { cancel: boolean; reschedule: boolean; rate: boolean; acceptPrice: boolean };
  /** "Never more than the estimate": the most the client agreed to pay, and whether a higher price awaits their yes. */
  priceCap: number | null;
  priceConsent: 'pending' | 'accepted' | null;
  /** The recurring plan this visit belongs to, if any. */
  planId: string | null;
  /** What cancelling now would cost (shown before the client confirms). */
  cancellation: { tier: CancellationTier; fee: number; freeUntil: Date; fullFrom: Date };
};

const H = 3_600_000;

/** One of the client's orders with its timeline; another client's order is NotFound. */
export async function getOrderForClient(
  db: Db,
  actor: Actor,
  orderId: string,
  now = new Date(),
): Promise<ClientOrderDto> {
  assertRole(actor, 'client');
  const [o] = await selectOrders(db, {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    version: orders.version,
    clientId: orders.clientId,
    workerId: orders.workerId,
    serviceId: orders.serviceId,
    serviceNameRu: services.nameRu,
    serviceNameEn: services.nameEn,
    zoneNameRu: zones.nameRu,
    zoneNameEn: zones.nameEn,
    ...orderVisitColumns,
    bookedAt: orders.bookedAt,
    currency: orders.currency,
    estimateLines: orders.estimateLines,
    estimateTotal: orders.estimateTotal,
    priceLines: orders.priceLines,
    priceTotal: orders.priceTotal,
    cancellationFee: orders.cancellationFee,
    priceCap: orders.priceCap,
    priceConsent: orders.priceConsent,
    planId: orders.planId,
    workerName: orderWorker.name,
  }).where(and(eq(orders.id, orderId), eq(orders.clientId, actor.id)));
  if (!o) throw notFound('errors.orderNotFound');

  const events = await orderTimeline(db, o.id);
  const [fb] = await db
    .select({ rating: orderFeedback.rating, comment: orderFeedback.comment })
    .from(orderFeedback)
    .where(eq(orderFeedback.orderId, o.id));
  const settings = await getSettings(db);
  const policy = settings.cancellationPolicy;
  const priceForFee = o.priceTotal ?? o.estimateTotal;
  const who = { id: actor.id, role: actor.role };
  const parties = { clientId: o.clientId, workerId: o.workerId, status: o.status };
  // A reschedule is offered only while cancelling would be free (see rescheduleOrder).
  const freeNow = cancellationTier(policy, o.scheduledStart, now, o.bookedAt) === 'free';
  const graceEnds = new Date(o.bookedAt.getTime() + (policy.graceMinutes ?? 0) * 60_000);
  const freeByPolicyUntil = new Date(o.scheduledStart.getTime() - policy.freeHours * H);
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    version: o.version,
    service: { id: o.serviceId, nameRu: o.serviceNameRu, nameEn: o.serviceNameEn },
    zone: { nameRu: o.zoneNameRu, nameEn: o.zoneNameEn },
    address: o.address,
    accessNotes: o.accessNotes,
    contactPhone: o.contactPhone,
    options: { extras: [], ...(o.options as object) },
    scheduledStart: o.scheduledStart,
    scheduledEnd: o.scheduledEnd,
    currency: o.currency,
    estimate: { lines: o.estimateLines, total: o.estimateTotal },
    final: o.priceLines && o.priceTotal !== null ? { lines: o.priceLines, total: o.priceTotal } : null,
    cancellationFee: o.cancellationFee,
    workerFirstName: o.workerId && o.workerName ? o.workerName.trim().split(/\s+/)[0] : null,
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      toStatus: e.toStatus,
      at: e.at,
      reason: e.actorId === actor.id ? e.reason : null,
      byClient: e.actorId === actor.id,
    })),
    feedback: fb ? { rating: fb.rating, comment: fb.comment } : null,
    can: {
      cancel: checkTransition('cancel', who, parties).ok,
      reschedule: checkTransition('reschedule', who, parties).ok && freeNow,
      rate: o.status === 'completed' && !fb,
      acceptPrice: o.status === 'assigned' && o.priceConsent === 'pending',
    },
    priceCap: o.priceCap,
    priceConsent: o.priceConsent,
    planId: o.planId,
    // While a price above the client's cap awaits their yes, saying no (cancelling) is free.
    cancellation:
      o.priceConsent === 'pending'
        ? { tier: 'free', fee: 0, freeUntil: o.scheduledStart, fullFrom: o.scheduledStart }
        : {
            tier: cancellationTier(policy, o.scheduledStart, now, o.bookedAt),
            fee: cancellationFee(policy, o.scheduledStart, now, priceForFee, o.bookedAt),
            // Free until the later of the policy's limit and the end of the grace period after booking.
            freeUntil: graceEnds > freeByPolicyUntil ? graceEnds : freeByPolicyUntil,
            fullFrom: new Date(o.scheduledStart.getTime() - policy.fullPriceHours * H),
          },
  };
}

/** What the order page polls: enough to know whether anything changed. */
export async function getOrderStatusForClient(
  db: Db,
  actor: Actor,
  orderId: string,
): Promise<{ status: OrderStatus; version: number }> {
  assertRole(actor, 'client');
  const [o] = await db
    .select({ status: orders.status, version: orders.version })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.clientId, actor.id)));
  if (!o) throw notFound('errors.orderNotFound');
  return o;
}
