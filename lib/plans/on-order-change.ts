import 'server-only';
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { orders, plans } from '@/db/schema';
import { eachChange, requestMatching, systemActor, transitionOrders, type OrderChangeHandler } from '@/lib/orders';

/** Visits further ahead than this go back to matching when a plan gets its regular worker. */
const REOFFER_AFTER_MS = 48 * 3_600_000;

/**
 * The first completed visit of a plan makes its worker the plan's regular worker. The plan's later visits
 * were matched before there was a regular (visits are placed weeks ahead); those assigned to someone else
 * and more than 48 hours away go back to matching, which now prefers the regular. A substitute on a later
 * visit does not become the regular; a manager can change it.
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
  const others = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.planId, change.after.planId),
        inArray(orders.status, ['assigned']),
        ne(orders.workerId, regular),
        gt(orders.scheduledStart, new Date(change.at.getTime() + REOFFER_AFTER_MS)),
      ),
    );
  if (others.length === 0) return;
  await transitionOrders(
    tx,
    systemActor,
    'unassign',
    others.map((o) => ({ orderId: o.id, reason: 'regular_worker' })),
    { at: change.at },
  );
  requestMatching(others.map((o) => o.id));
});
