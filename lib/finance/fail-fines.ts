import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { notFound } from '@/lib/errors';
import { payForOrder } from './on-order-change';
import { failPenalty } from './penalties';
import { loadPenaltyBands } from './rates';

/**
 * What failing this order would fine its worker under the penalty rules, per failure reason (minor units;
 * null: no rule applies, so no fine). The outcome form shows it before the manager submits, so a ticked
 * "fine the worker" never silently does nothing.
 */
export async function failFinesByReason(
  db: Db,
  actor: Actor,
  orderId: string,
  reasons: readonly string[],
  at = new Date(),
): Promise<{ hasWorker: boolean; fines: Record<string, number | null> }> {
  assertStaff(actor);
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound('finance.errors.notFound');
  const bands = await loadPenaltyBands(db);
  const pay = order.payTotal ?? (order.workerId ? (await payForOrder(db, order, order.workerId, at)).total : 0);
  const fines: Record<string, number | null> = {};
  for (const reason of reasons)
    fines[reason] = order.workerId ? (failPenalty(bands, reason, pay)?.amount ?? null) : null;
  return { hasWorker: order.workerId !== null, fines };
}
