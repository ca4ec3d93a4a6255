import 'server-only';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  orderEvents,
  orderReviews,
  orders,
  services,
  users,
  zones,
  type OrderStatus,
  type PriceLine,
} from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { orderClient, orderTimeline, orderVisitColumns, orderWorker, selectOrders } from '@/lib/orders';
import { getSettings } from '@/lib/settings';
import {
  afterCursor,
  containing,
  countUpTo,
  decodeCursor,
  exactTime,
  PAGE_SIZE,
  toPage,
  type Page,
} from '@/lib/paging';
import { queueKinds, type QueueKind } from './schemas';

export type QueueFilter = {
  kind?: QueueKind;
  serviceId?: string;
  zoneId?: string;
  workerId?: string;
  /** Scheduled start in [from, to). Unmatched orders ignore it (they are always "from now"). */
  from?: Date;
  to?: Date;
  /** Order number fragment or client name/email. */
  q?: string;
  /** Rows per page (default PAGE_SIZE, at most 100). */
  limit?: number;
  /** The cursor of the page after the first (from the URL). */
  cursor?: string;
};

/** A queue's size, counted up to COUNT_CAP: `capped` means "more than `total`". */
export type QueueCount = { total: number; capped: boolean };

export type QueueItem = {
  id: string;
  number: string;
  status: OrderStatus;
  scheduledStart: Date;
  serviceNameRu: string;
  serviceNameEn: string;
  zoneNameRu: string;
  zoneNameEn: string;
  clientName: string;
  workerName: string | null;
  total: number;
  reasonCode: string | null;
  reviewed: boolean;
};

/** The WHERE for one queue: which orders wait for a manager in it. */
function kindCondition(kind: QueueKind, now: Date, alertHours: number): SQL {
  switch (kind) {
    case 'to_review':
      return and(eq(orders.status, 'completed'), isNull(orderReviews.orderId))!;
    case 'failed':
      return eq(orders.status, 'failed');
    case 'cancelled':
      return eq(orders.status, 'cancelled');
    case 'unmatched':
      // Pending and starting within the alert lead time (or already late to start).
      return and(
        eq(orders.status, 'pending'),
        lt(orders.scheduledStart, new Date(now.getTime() + alertHours * 3_600_000)),
      )!;
  }
}

function commonConditions(f: QueueFilter, kind: QueueKind): SQL[] {
  const where: SQL[] = [];
  if (f.serviceId) where.push(eq(orders.serviceId, f.serviceId));
  if (f.zoneId) where.push(eq(orders.zoneId, f.zoneId));
  if (f.workerId) where.push(eq(orders.workerId, f.workerId));
  if (kind !== 'unmatched') {
    if (f.from) where.push(gte(orders.scheduledStart, f.from));
    if (f.to) where.push(lt(orders.scheduledStart, f.to));
  }
  if (f.q) {
    const like = containing(f.q);
    where.push(or(ilike(orders.number, like), ilike(orderClient.name, like), ilike(orderClient.email, like))!);
  }
  return where;
}

/** The reason code of the event that closed the order (fail/review_fail/cancel), for the list. */
const closingReason = sql<string | null>`(
  select coalesce(${orderEvents.data}->>'reasonCode', ${orderEvents.reason}) from ${orderEvents}
  where ${orderEvents.orderId} = ${orders.id} and ${orderEvents.toStatus} = ${orders.status}
  order by ${orderEvents.at} desc, ${orderEvents.id} desc limit 1)`;

/** Review queue for managers: one list of the chosen kind and the counts of every kind under the same filters. */
export async function reviewQueue(
  db: Db,
  actor: Actor,
  f: QueueFilter = {},
  now = new Date(),
): Promise<Page<QueueItem> & { counts: Record<QueueKind, QueueCount> }> {
  assertStaff(actor);
  const kind = f.kind ?? 'to_review';
  const settings = await getSettings(db);
  const alertHours = settings.matchingUnmatchedAlertHours;
  // The counts join the client only for a text search, the one filter that reads the client (every order has
  // one): otherwise each count would hash every user to count a month of orders. Each count stops at COUNT_CAP
  // ("more than N"): a month of a big company has tens of thousands of completed orders to review.
  const base = () => {
    const q = db
      .select({ one: sql`1` })
      .from(orders)
      .leftJoin(orderReviews, eq(orderReviews.orderId, orders.id))
      .$dynamic();
    return f.q ? q.innerJoin(orderClient, eq(orderClient.id, orders.clientId)) : q;
  };
  const countsList = await Promise.all(
    queueKinds.map(async (k) => {
      const n = await countUpTo(db, base().where(and(kindCondition(k, now, alertHours), ...commonConditions(f, k))));
      return [k, n] as const;
    }),
  );
  // Keyset on (scheduled start, id): soonest first for the unmatched (they are about to start), newest first
  // for the rest. The cursor keeps the start to the microsecond so no order is skipped or repeated.
  const limit = Math.max(1, Math.min(f.limit ?? PAGE_SIZE, 100));
  const direction = kind === 'unmatched' ? 'asc' : 'desc';
  const sortBy = direction === 'asc' ? asc : desc;
  const after = afterCursor(
    [orders.scheduledStart, orders.id],
    decodeCursor(f.cursor, 2),
    ['timestamptz', 'uuid'],
    direction,
  );
  const found = await selectOrders(db, {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    scheduledStart: orders.scheduledStart,
    startKey: exactTime(orders.scheduledStart),
    serviceNameRu: services.nameRu,
    serviceNameEn: services.nameEn,
    zoneNameRu: zones.nameRu,
    zoneNameEn: zones.nameEn,
    clientName: orderClient.name,
    workerName: orderWorker.name,
    total: sql<number>`coalesce(${orders.priceTotal}, ${orders.estimateTotal})::bigint`.mapWith(Number),
    reasonCode: closingReason,
    reviewed: sql<boolean>`${orderReviews.orderId} is not null`,
  })
    .leftJoin(orderReviews, eq(orderReviews.orderId, orders.id))
    .where(and(kindCondition(kind, now, alertHours), ...commonConditions(f, kind), after))
    .orderBy(sortBy(orders.scheduledStart), sortBy(orders.id))
    .limit(limit + 1);
  const counts = Object.fromEntries(countsList) as Record<QueueKind, QueueCount>;
  // The tabs' counts stop at the lists' cap; the chosen queue's is its total ("more than N" when capped).
  const page = toPage(
    found,
    limit,
    (r) => [r.startKey, r.id],
    ({ startKey: _key, ...r }) => r,
    counts[kind],
  );
  return { ...page, counts };
}

export type TimelineItem = {
  id: number;
  kind: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actorName: string | null;
  actorRole: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
};

export type ManagerOrderDto = {
  id: string;
  number: string;
  status: OrderStatus;
  version: number;
  service: { id: string; nameRu: string; nameEn: string; code: string };
  zone: { id: string; nameRu: string; nameEn: string };
  client: { id: string; name: string; email: string; emailVerified: boolean; phone: string | null };
  worker: { id: string; name: string; email: string } | null;
  address: string;
  accessNotes: string;
  contactPhone: string;
  options: Record<string, unknown>;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  estimateLines: PriceLine[];
  estimateTotal: number;
  priceLines: PriceLine[] | null;
  priceTotal: number | null;
  payLines: PriceLine[] | null;
  payTotal: number | null;
  cancellationFee: number;
  /** When it was booked (the free-cancellation grace counts from here). */
  bookedAt: Date;
  currency: string;
  timeline: TimelineItem[];
  review: {
    outcome: 'confirmed' | 'failed';
    reasonCode: string | null;
    note: string;
    chargeClient: boolean;
    redoOrderId: string | null;
    redoNumber: string | null;
    reviewerName: string;
    at: Date;
  } | null;
  /** The order this one re-does, when it is a free re-do. */
  redoOf: { id: string; number: string } | null;
  clientHistory: {
    counts: Record<OrderStatus, number>;
    recent: { id: string; number: string; status: OrderStatus; scheduledStart: Date; total: number }[];
  };
};

/** The manager's review of one order, with the re-do it booked. */
async function reviewOf(db: Db, orderId: string) {
  const reviewer = alias(users, 'reviewer');
  const redo = alias(orders, 'redo');
  const [review] = await db
    .select({
      outcome: orderReviews.outcome,
      reasonCode: orderReviews.reasonCode,
      note: orderReviews.note,
      chargeClient: orderReviews.chargeClient,
      redoOrderId: orderReviews.redoOrderId,
      redoNumber: redo.number,
      reviewerName: reviewer.name,
      at: orderReviews.at,
    })
    .from(orderReviews)
    .innerJoin(reviewer, eq(reviewer.id, orderReviews.reviewerId))
    .leftJoin(redo, eq(redo.id, orderReviews.redoOrderId))
    .where(eq(orderReviews.orderId, orderId));
  return review ?? null;
}

/** The order this one re-does, when it is a free re-do. */
async function redoOfOrder(db: Db, orderId: string) {
  const original = alias(orders, 'original');
  const [redoOf] = await db
    .select({ id: original.id, number: original.number })
    .from(orderReviews)
    .innerJoin(original, eq(original.id, orderReviews.orderId))
    .where(eq(orderReviews.redoOrderId, orderId));
  return redoOf ?? null;
}

/** The client's orders by status, and their latest orders other than this one. */
async function clientHistoryOf(db: Db, clientId: string, orderId: string): Promise<ManagerOrderDto['clientHistory']> {
  const countRows = await db
    .select({ status: orders.status, n: sql<number>`count(*)::int` })
    .from(orders)
    .where(eq(orders.clientId, clientId))
    .groupBy(orders.status);
  const counts = { pending: 0, assigned: 0, in_progress: 0, completed: 0, failed: 0, cancelled: 0 } as Record<
    OrderStatus,
    number
  >;
  for (const r of countRows) counts[r.status] = r.n;
  const recent = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      scheduledStart: orders.scheduledStart,
      total: sql<number>`coalesce(${orders.priceTotal}, ${orders.estimateTotal})`.mapWith(Number),
    })
    .from(orders)
    .where(and(eq(orders.clientId, clientId), sql`${orders.id} <> ${orderId}`))
    .orderBy(desc(orders.scheduledStart))
    .limit(8);
  return { counts, recent };
}

/** Everything a manager needs about one order. NotFound for anyone else is impossible: staff only. */
export async function getOrderForManager(db: Db, actor: Actor, orderId: string): Promise<ManagerOrderDto | null> {
  assertStaff(actor);
  const [o] = await selectOrders(db, {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    version: orders.version,
    serviceId: services.id,
    serviceNameRu: services.nameRu,
    serviceNameEn: services.nameEn,
    serviceCode: services.code,
    zoneId: zones.id,
    zoneNameRu: zones.nameRu,
    zoneNameEn: zones.nameEn,
    clientId: orderClient.id,
    clientName: orderClient.name,
    clientEmail: orderClient.email,
    clientEmailVerifiedAt: orderClient.emailVerifiedAt,
    clientPhone: orderClient.phone,
    workerId: orderWorker.id,
    workerName: orderWorker.name,
    workerEmail: orderWorker.email,
    ...orderVisitColumns,
    startedAt: orders.startedAt,
    finishedAt: orders.finishedAt,
    estimateLines: orders.estimateLines,
    estimateTotal: orders.estimateTotal,
    priceLines: orders.priceLines,
    priceTotal: orders.priceTotal,
    payLines: orders.payLines,
    payTotal: orders.payTotal,
    cancellationFee: orders.cancellationFee,
    bookedAt: orders.bookedAt,
    currency: orders.currency,
  }).where(eq(orders.id, orderId));
  if (!o) return null;

  // Everything below needs only the order's id and client: one round of queries at once.
  const [events, review, redoOf, clientHistory] = await Promise.all([
    orderTimeline(db, orderId),
    reviewOf(db, orderId),
    redoOfOrder(db, orderId),
    clientHistoryOf(db, o.clientId, orderId),
  ]);
  const timeline = events.map(({ actorId: _actorId, ...e }) => e);

  return {
    id: o.id,
    number: o.number,
    status: o.status,
    version: o.version,
    service: { id: o.serviceId, nameRu: o.serviceNameRu, nameEn: o.serviceNameEn, code: o.serviceCode },
    zone: { id: o.zoneId, nameRu: o.zoneNameRu, nameEn: o.zoneNameEn },
    client: {
      id: o.clientId,
      name: o.clientName,
      email: o.clientEmail,
      emailVerified: o.clientEmailVerifiedAt !== null,
      phone: o.clientPhone,
    },
    worker:
      o.workerId && o.workerName && o.workerEmail ? { id: o.workerId, name: o.workerName, email: o.workerEmail } : null,
    address: o.address,
    accessNotes: o.accessNotes,
    contactPhone: o.contactPhone,
    options: o.options,
    scheduledStart: o.scheduledStart,
    scheduledEnd: o.scheduledEnd,
    startedAt: o.startedAt,
    finishedAt: o.finishedAt,
    estimateLines: o.estimateLines,
    estimateTotal: o.estimateTotal,
    priceLines: o.priceLines,
    priceTotal: o.priceTotal,
    payLines: o.payLines,
    payTotal: o.payTotal,
    cancellationFee: o.cancellationFee,
    bookedAt: o.bookedAt,
    currency: o.currency,
    timeline,
    review,
    redoOf,
    clientHistory,
  };
}
