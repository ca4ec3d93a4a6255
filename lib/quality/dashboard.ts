import 'server-only';
import type { Db } from '@/db';
import type { OrderStatus } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { accountBalance } from '@/lib/finance';
import { orderCounts } from '@/lib/orders';
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

  const [counts, revenueWeek, revenueMonth] = await Promise.all([
    orderCounts(db, {
      day: { from: dayStart, to: dayEnd },
      unmatchedBefore: new Date(now.getTime() + settings.matchingUnmatchedAlertHours * 3_600_000),
      failed: { from: weekStart, to: weekEnd },
    }),
    revenueBetween(db, weekStart, weekEnd),
    revenueBetween(db, monthStart, monthEnd),
  ]);
  return {
    today,
    todayByStatus: counts.byStatus,
    unmatchedNearStart: counts.unmatched,
    failedThisWeek: counts.failed,
    revenueWeek,
    revenueMonth,
    currency: settings.currency,
  };
}
