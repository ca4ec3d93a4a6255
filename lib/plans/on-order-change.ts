import 'server-only';
import { and, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, plans } from '@/db/schema';
import {
  requestMatching,
  systemActor,
  transitionOrders,
  type OrderChange,
  type OrderChangeHandler,
} from '@/lib/orders';

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
 * assigned by a manager) does not become the regular; staff change it with setRegularWorker. Set-wise: a
 * batch of finishes is one update of the plans that had no regular yet (the batch's first finish of a plan
 * wins, as one by one).
 */
export const plansOnOrderChange: OrderChangeHandler = async (tx, changes) => {
  const first = new Map<string, OrderChange>();
  for (const c of changes)
    if (c.name === 'finish' && c.after.planId && c.after.workerId && !first.has(c.after.planId))
      first.set(c.after.planId, c);
  if (first.size === 0) return;
  const candidates = JSON.stringify(
    [...first.values()].map((c) => ({ id: c.after.planId, worker: c.after.workerId, at: c.at })),
  );
  const set = await tx
    .update(plans)
    .set({ regularWorkerId: sql`v.worker`, updatedAt: sql`v.at` })
    .from(sql`jsonb_to_recordset(${candidates}::jsonb) as v(id uuid, worker uuid, at timestamptz)`)
    .where(and(eq(plans.id, sql`v.id`), isNull(plans.regularWorkerId)))
    .returning({ id: plans.id });
  for (const { id } of set) {
    const change = first.get(id)!;
    requestMatching(await reofferToRegular(tx, id, change.after.workerId!, change.at));
  }
};
