import 'server-only';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { serviceSupplies, supplies, supplyMovements } from '@/db/schema';
import type { OrderChangeHandler } from '@/lib/orders';
import { insertMovements, lockHoldings, setHoldings } from './stock';

/**
 * On completion the order consumes its service's bill of materials from the worker's holdings, inside the
 * finish transaction. A holding that does not cover the usage still records it — the holding goes below
 * zero and the movement carries the uncovered `shortfall` — so managers see it on the supplies page
 * instead of the stock going wrong silently. Idempotent per order (a re-run finds the usage recorded).
 * Set-wise: the finishes of one batch take one read of what was already used, one of the bills of
 * materials, one lock of the holdings involved, one update of them and one insert of the movements; the
 * usage is applied in the batch's order, so the shortfalls are those the finishes one by one would give.
 */
export const suppliesOnOrderChange: OrderChangeHandler = async (tx, changes) => {
  const finished = changes.filter((c) => c.name === 'finish' && c.after.workerId);
  if (finished.length === 0) return;
  const orderIds = finished.map((c) => c.after.id);
  const already = new Set(
    (
      await tx
        .selectDistinct({ orderId: supplyMovements.orderId })
        .from(supplyMovements)
        .where(and(inArray(supplyMovements.orderId, orderIds), eq(supplyMovements.kind, 'used')))
    ).map((r) => r.orderId),
  );
  const todo = finished.filter((c) => !already.has(c.after.id));
  if (todo.length === 0) return;
  const bom = await tx
    .select({
      serviceId: serviceSupplies.serviceId,
      supplyId: serviceSupplies.supplyId,
      quantity: serviceSupplies.quantity,
    })
    .from(serviceSupplies)
    .where(inArray(serviceSupplies.serviceId, [...new Set(todo.map((c) => c.after.serviceId))]));
  const uses = todo.flatMap((change) =>
    bom
      .filter((line) => line.serviceId === change.after.serviceId)
      .sort((x, y) => x.supplyId.localeCompare(y.supplyId))
      .map((line) => ({ change, workerId: change.after.workerId!, supplyId: line.supplyId, quantity: line.quantity })),
  );
  if (uses.length === 0) return;
  const pairKey = (workerId: string, supplyId: string) => `${workerId}|${supplyId}`;
  const held = await lockHoldings(tx, [...new Map(uses.map((u) => [pairKey(u.workerId, u.supplyId), u])).values()]);
  const movements = uses.map((u) => {
    const key = pairKey(u.workerId, u.supplyId);
    const before = held.get(key) ?? 0;
    held.set(key, before - u.quantity);
    return {
      supplyId: u.supplyId,
      kind: 'used' as const,
      quantity: u.quantity,
      workerId: u.workerId,
      orderId: u.change.after.id,
      note: u.change.after.number,
      shortfall: Math.max(0, u.quantity - Math.max(before, 0)),
      at: u.change.at,
    };
  });
  await setHoldings(
    tx,
    [...held].map(([key, quantity]) => {
      const [workerId, supplyId] = key.split('|');
      return { workerId, supplyId, quantity };
    }),
  );
  await insertMovements(tx, movements);
};

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
