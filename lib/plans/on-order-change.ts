import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { plans } from '@/db/schema';
import { eachChange, type OrderChangeHandler } from '@/lib/orders';

/**
 * The first completed visit of a plan makes its worker the plan's regular worker (matching then keeps them
 * coming). A substitute on a later visit does not become the regular; a manager can change it.
 */
export const plansOnOrderChange: OrderChangeHandler = eachChange(async (tx, change) => {
  if (change.name !== 'finish' || !change.after.planId || !change.after.workerId) return;
  await tx
    .update(plans)
    .set({ regularWorkerId: change.after.workerId, updatedAt: change.at })
    .where(and(eq(plans.id, change.after.planId), isNull(plans.regularWorkerId)));
});
