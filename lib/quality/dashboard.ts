import 'server-only';
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderEvents, orders, type OrderStatus } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { accountBalance } from '@/lib/finance';
import { getSettings } from '@/lib/settings';
import { addDays, fromWallTime, mondayOf, parseDateString, toDateString } from '@/lib/time';

export type Dashboard = {
  today: string;
  todayByStatus: Record<OrderStatus, number>;
  unmatchedNearStart: number;
  failedThisWeek: number;
  /** Revenue recognised in the ledger (credits to the revenue account, net of reversals), minor units. */
  revenueWeek: number;
  revenueMonth: number;
  currency: string;
};

const startOf = (date: string, timeZone: string) =>
  fromWallTime({ ...parseDateString(date), hour: 0, minute: 0 }, timeZone);

/**
 * Revenue of the period (postings after `from`, up to `to`): the revenue account is credit-normal, so its
 * balance falls as revenue is earned. Summed over the period's postings only, not the account's whole history.
 */
async function revenueBetween(db: Db, from: Date, to: Date): Promise<number> {
  return -(await accountBalance(db, { type: 'revenue' }, { after: from, until: to }));
}

/** The day at a glance for managers: today's orders by status, what needs attention, this week's and month's revenue. */
export async function dashboard(db: Db, actor: Actor, now = new Date()): Promise<Dashboard> {
  assertStaff(actor);
  const settings = await getSettings(db);
  const tz = settings.timeZone;
  const today = toDateString(now, tz);
  const dayStart = startOf(today, tz);
  const dayEnd = startOf(addDays(today, 1), tz);
  const monday = mondayOf(today);
  const weekStart = startOf(monday, tz);
  const weekEnd = startOf(addDays(monday, 7), tz);
  const monthStart = startOf(`${today.slice(0, 8)}01`, tz);
  const { year, month } = parseDateString(today);
  const nextMonth = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  const monthEnd = startOf(nextMonth, tz);

  const [byStatus, [unmatched], [failed], revenueWeek, revenueMonth] = await Promise.all([
    db
      .select({ status: orders.status, n: count() })
      .from(orders)
      .where(and(gte(orders.scheduledStart, dayStart), lt(orders.scheduledStart, dayEnd)))
      .groupBy(orders.status),
    db
      .select({ n: count() })
      .from(orders)
      .where(
        and(
          eq(orders.status, 'pending'),
          lt(orders.scheduledStart, new Date(now.getTime() + settings.matchingUnmatchedAlertHours * 3_600_000)),
        ),
      ),
    // Orders that became failed this week (by the failing event), whenever they were scheduled.
    db
      .select({ n: sql<number>`count(distinct ${orderEvents.orderId})::int` })
      .from(orderEvents)
      .innerJoin(orders, eq(orders.id, orderEvents.orderId))
      .where(
        and(
          eq(orderEvents.toStatus, 'failed'),
          eq(orders.status, 'failed'),
          gte(orderEvents.at, weekStart),
          lt(orderEvents.at, weekEnd),
        ),
      ),
    revenueBetween(db, weekStart, weekEnd),
    revenueBetween(db, monthStart, monthEnd),
  ]);
  const todayByStatus = { pending: 0, assigned: 0, in_progress: 0, completed: 0, failed: 0, cancelled: 0 } as Record<
    OrderStatus,
    number
  >;
  for (const r of byStatus) todayByStatus[r.status] = Number(r.n);
  return {
    today,
    todayByStatus,
    unmatchedNearStart: Number(unmatched.n),
    failedThisWeek: failed.n,
    revenueWeek,
    revenueMonth,
    currency: settings.currency,
  };
}
