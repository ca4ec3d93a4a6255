import 'server-only';
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderEvents, orders, type OrderStatus } from '@/db/schema';

export type OrderCounts = {
  /** Orders scheduled to start in [day.from, day.to), by status (every status present, 0 when none). */
  byStatus: Record<OrderStatus, number>;
  /** Pending orders starting before `unmatchedBefore` (or already late to start). */
  unmatched: number;
  /** Orders that became failed in [failed.from, failed.to) (by the failing event) and are still failed. */
  failed: number;
};

/** The counts of the managers' day at a glance, three aggregates over orders and their events, run at once. */
export async function orderCounts(
  db: Db,
  opts: { day: { from: Date; to: Date }; unmatchedBefore: Date; failed: { from: Date; to: Date } },
): Promise<OrderCounts> {
  const [rows, [unmatched], [failed]] = await Promise.all([
    db
      .select({ status: orders.status, n: count() })
      .from(orders)
      .where(and(gte(orders.scheduledStart, opts.day.from), lt(orders.scheduledStart, opts.day.to)))
      .groupBy(orders.status),
    db
      .select({ n: count() })
      .from(orders)
      .where(and(eq(orders.status, 'pending'), lt(orders.scheduledStart, opts.unmatchedBefore))),
    // Orders that became failed in the period (by the failing event), whenever they were scheduled.
    db
      .select({ n: sql<number>`count(distinct ${orderEvents.orderId})::int` })
      .from(orderEvents)
      .innerJoin(orders, eq(orders.id, orderEvents.orderId))
      .where(
        and(
          eq(orderEvents.toStatus, 'failed'),
          eq(orders.status, 'failed'),
          gte(orderEvents.at, opts.failed.from),
          lt(orderEvents.at, opts.failed.to),
        ),
      ),
  ]);
  const byStatus: Record<OrderStatus, number> = {
    pending: 0,
    assigned: 0,
    in_progress: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const r of rows) byStatus[r.status] = Number(r.n);
  return { byStatus, unmatched: Number(unmatched.n), failed: failed.n };
}
