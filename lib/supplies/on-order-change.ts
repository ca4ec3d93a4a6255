import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db';
import { serviceSupplies, supplies, supplyMovements } from '@/db/schema';
import { eachChange, type OrderChangeHandler } from '@/lib/orders';
import { changeHolding, insertMovement, lockHolding } from './stock';

/**
 * On completion the order consumes its service's bill of materials from the worker's holdings, inside the
 * finish transaction. A holding that does not cover the usage still records it — the holding goes below
 * zero and the movement carries the uncovered `shortfall` — so managers see it on the supplies page
 * instead of the stock going wrong silently. Idempotent per order (a re-run finds the usage recorded).
 */
export const suppliesOnOrderChange: OrderChangeHandler = eachChange(async (tx, change) => {
  if (change.name !== 'finish' || !change.after.workerId) return;
  const workerId = change.after.workerId;
  const orderId = change.after.id;
  const already = await tx
    .select({ id: supplyMovements.id })
    .from(supplyMovements)
    .where(and(eq(supplyMovements.orderId, orderId), eq(supplyMovements.kind, 'used')))
    .limit(1);
  if (already.length) return;
  const bom = await tx
    .select({ supplyId: serviceSupplies.supplyId, quantity: serviceSupplies.quantity })
    .from(serviceSupplies)
    .where(eq(serviceSupplies.serviceId, change.after.serviceId));
  for (const line of bom.sort((a, b) => a.supplyId.localeCompare(b.supplyId))) {
    const held = await lockHolding(tx, workerId, line.supplyId);
    const shortfall = Math.max(0, line.quantity - Math.max(held, 0));
    await changeHolding(tx, workerId, line.supplyId, -line.quantity);
    await insertMovement(tx, {
      supplyId: line.supplyId,
      kind: 'used',
      quantity: line.quantity,
      workerId,
      orderId,
      note: change.after.number,
      shortfall,
      at: change.at,
    });
  }
});

export type OrderShortfall = { supplyId: string; quantity: number; unitCost: number; amount: number };

/**
 * Per order: the supplies used beyond what the worker held (the uncovered part of the bill of materials),
 * with their cost at today's unit cost. Finance may charge these to the worker.
 */
export async function supplyShortfallsForOrder(db: Db, orderId: string): Promise<OrderShortfall[]> {
  const rows = await db
    .select({ supplyId: supplyMovements.supplyId, quantity: supplyMovements.shortfall, unitCost: supplies.unitCost })
    .from(supplyMovements)
    .innerJoin(supplies, eq(supplies.id, supplyMovements.supplyId))
    .where(
      and(eq(supplyMovements.orderId, orderId), eq(supplyMovements.kind, 'used'), gt(supplyMovements.shortfall, 0)),
    );
  return rows.map((r) => ({ ...r, amount: r.quantity * r.unitCost }));
}
