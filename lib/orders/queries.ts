import 'server-only';
import { and, asc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias, type PgSelectBase, type SelectedFields } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import {
  MAX_ORDER_HOURS,
  orderEvents,
  orders,
  services,
  users,
  zones,
  type OrderRow,
  type OrderStatus,
} from '@/db/schema';
import { notFound } from '@/lib/errors';

/** The order's client and worker, as aliases of users; pick their columns for `selectOrders`. */
export const orderClient = alias(users, 'client');
export const orderWorker = alias(users, 'worker');

/** Where, when and what the visit is: the columns both the client's and the staff's order page show. */
export const orderVisitColumns = {
  address: orders.address,
  accessNotes: orders.accessNotes,
  contactPhone: orders.contactPhone,
  options: orders.options,
  scheduledStart: orders.scheduledStart,
  scheduledEnd: orders.scheduledEnd,
};

/** Which tables `selectOrders` joins, and whether their columns may be null (the worker's, before matching). */
type OrderJoins = {
  orders: 'not-null';
  services: 'not-null';
  zones: 'not-null';
  client: 'not-null';
  worker: 'nullable';
};
export type OrderSelect<T extends SelectedFields> = PgSelectBase<'orders', T, 'partial', OrderJoins>;

/**
 * Orders with their service, zone and client (inner joins: every order has them) and worker (left join: only once
 * matched). Every module that reads orders with their names starts here; the caller names the columns (from
 * `orders`, `services`, `zones`, `orderClient`, `orderWorker`) and adds its own WHERE, further joins and ORDER BY.
 */
export function selectOrders<T extends SelectedFields>(db: Db, fields: T): OrderSelect<T> {
  // drizzle cannot type a chain of joins over a generic selection; the cast states the result of the chain below.
  const joined = db
    .select(fields as SelectedFields)
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .innerJoin(zones, eq(zones.id, orders.zoneId))
    .innerJoin(orderClient, eq(orderClient.id, orders.clientId))
    .leftJoin(orderWorker, eq(orderWorker.id, orders.workerId));
  return joined as unknown as OrderSelect<T>;
}

export type OrderEvent = {
  id: number;
  kind: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
};

/** One order's events, oldest first, with the name of whoever caused each. Callers choose what their reader sees. */
export async function orderTimeline(db: Db, orderId: string): Promise<OrderEvent[]> {
  const actorUser = alias(users, 'actor_user');
  return db
    .select({
      id: orderEvents.id,
      kind: orderEvents.kind,
      fromStatus: orderEvents.fromStatus,
      toStatus: orderEvents.toStatus,
      actorId: orderEvents.actorId,
      actorName: actorUser.name,
      actorRole: orderEvents.actorRole,
      reason: orderEvents.reason,
      data: orderEvents.data,
      at: orderEvents.at,
    })
    .from(orderEvents)
    .leftJoin(actorUser, eq(actorUser.id, orderEvents.actorId))
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
}

/** Orders' numbers by id, for the modules that name an order (a ledger entry's text, a list); unknown ids are absent. */
export async function orderNumbers(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(inArray(orders.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/**
 * Orders whose time overlaps [from, to): starting before `to` and ending after `from`. No order lasts longer than
 * MAX_ORDER_HOURS (a CHECK on the table), so the start is bounded from below too, and the read walks an index on
 * the start (alone, or after the worker) over the period and one day more, whatever lies before or after it.
 */
export function overlapping(from: Date, to: Date): SQL {
  return and(
    gte(orders.scheduledStart, new Date(from.getTime() - MAX_ORDER_HOURS * 3_600_000)),
    lt(orders.scheduledStart, to),
    gt(orders.scheduledEnd, from),
  ) as SQL;
}

/**
 * A token that changes whenever an order overlapping [from, to) changes: every write of an order bumps its
 * updated_at, and an order moving out of the period changes the count. An index-only scan of the period's
 * (scheduled_start) range, cheap enough for a screen to poll every few seconds.
 */
export async function periodVersion(db: Db, from: Date, to: Date): Promise<string> {
  const [row] = await db
    .select({
      at: sql<string>`coalesce(max(${orders.updatedAt})::text, '')`,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(orders)
    .where(overlapping(from, to));
  return `${row.at}|${row.n}`;
}

/**
 * The order row, locked for the caller's transaction (FOR UPDATE): a module that decides on an order (a review,
 * a re-do) holds it against a concurrent transition while it does. NotFound when there is no such order.
 */
export async function lockOrderRow(tx: Db, orderId: string): Promise<OrderRow> {
  const [order] = await lockOrderRows(tx, [orderId]);
  if (!order) throw notFound('errors.orderNotFound');
  return order;
}

/**
 * Several order rows locked for the caller's transaction, in id order (two batches never wait on each other in a
 * cycle). Missing ids are simply absent: the caller says which one it missed.
 */
export async function lockOrderRows(tx: Db, ids: readonly string[]): Promise<OrderRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(orders)
    .where(ids.length === 1 ? eq(orders.id, ids[0]) : inArray(orders.id, [...ids]))
    .orderBy(asc(orders.id))
    .for('update');
}

/**
 * Moves the check that no worker holds two overlapping orders to the end of the transaction (the constraint is
 * deferrable, checked at once unless a transaction asks): workers swapping jobs at the same hour pass through a
 * moment where one holds both. The commit still refuses any overlap left.
 */
export async function deferOverlapCheck(tx: Db): Promise<void> {
  await tx.execute(sql`set constraints orders_worker_no_overlap deferred`);
}

/** What another module checks an order by: its number, status, client, worker and service. Null: no such order. */
export type OrderFacts = {
  id: string;
  number: string;
  status: OrderStatus;
  clientId: string;
  workerId: string | null;
  serviceId: string;
};

export async function orderFacts(db: Db, orderId: string): Promise<OrderFacts | null> {
  const [order] = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      clientId: orders.clientId,
      workerId: orders.workerId,
      serviceId: orders.serviceId,
    })
    .from(orders)
    .where(eq(orders.id, orderId));
  return order ?? null;
}
