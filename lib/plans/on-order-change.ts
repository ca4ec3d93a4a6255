import 'server-only';
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, plans } from '@/db/schema';
import { eachChange, requestMatching, systemActor, transitionOrders, type OrderChangeHandler } from '@/lib/orders';

/** Visits further ahead than this go back to matching when a plan gets its regular worker. */
const REOFFER_AFTER_MS = 48 * 3_600_000;

/**
 * The plan's visits assigned to someone other than its (new) regular worker and more than 48 hours away go
 * back to matching, which now prefers the regular; nearer ones keep their worker. Returns the ids to match
 * after the commit.
 */
export async function reofferToRegular(tx: Db, planId: string, regularId: string, at: Date): Promise<string[]> {
  const others = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.planId, planId),
        inArray(orders.status, ['assigned']),
        ne(orders.workerId, regularId),
        gt(orders.scheduledStart, new Date(at.getTime() + REOFFER_AFTER_MS)),
      ),
    );
  if (others.length === 0) return [];
  await transitionOrders(
    tx,
    systemActor,
    'unassign',
    // As every unassignment does (lib/workers releaseFutureOrders): the worker and the final price go with it.
    others.map((o) => ({
      orderId: o.id,
      reason: 'regular_worker',
      set: { workerId: null, priceLines: null, priceTotal: null },
    })),
    { at },
  );
  return others.map((o) => o.id);
}

/**
 * The first completed visit of a plan makes its worker the plan's regular worker. The plan's later visits
 * were matched before there was a regular (visits are placed weeks ahead); those assigned to someone else
 * and more than 48 hours away go back to matching. A substitute on a later visit (matched automatically or
 * assigned by a manager) does not become the regular; staff change it with setRegularWorker.
 */
export const plansOnOrderChange: OrderChangeHandler = eachChange(async (tx, change) => {
  if (change.name !== 'finish' || !change.after.planId || !change.after.workerId) return;
  const regular = change.after.workerId;
  const set = await tx
    .update(plans)
    .set({ regularWorkerId: regular, updatedAt: change.at })
    .where(and(eq(plans.id, change.after.planId), isNull(plans.regularWorkerId)))
    .returning({ id: plans.id });
  if (set.length === 0) return;
  requestMatching(await reofferToRegular(tx, change.after.planId, regular, change.at));
});
