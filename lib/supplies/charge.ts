import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db';
import { supplies, supplyMovements } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { DomainError, notFound } from '@/lib/errors';
import { findEntryByKey, recordAdjustmentTx } from '@/lib/finance';
import { recordAudit } from '@/lib/audit';
import { orderNumbers } from '@/lib/orders';

/** The ledger key of a shortfall's charge: one charge per 'used' movement, however often it is clicked. */
export const shortfallChargeKey = (movementId: number) => `supply_shortfall:${movementId}`;

export type ShortfallCharge = { entryId: string; created: boolean; amount: number };

/**
 * A manager charges the worker for supplies an order used beyond their holding: a 'supply_charge' of
 * shortfall × today's unit cost, keyed by the movement so a double click posts once; the shortfall is
 * marked resolved in the same transaction. A shortfall resolved otherwise (restocked, count corrected)
 * is not charged afterwards.
 */
export async function chargeShortfall(db: Db, actor: Actor, movementId: number): Promise<ShortfallCharge> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({
        id: supplyMovements.id,
        supplyId: supplyMovements.supplyId,
        workerId: supplyMovements.workerId,
        orderId: supplyMovements.orderId,
        shortfall: supplyMovements.shortfall,
        resolvedAt: supplyMovements.resolvedAt,
      })
      .from(supplyMovements)
      .where(
        and(eq(supplyMovements.id, movementId), eq(supplyMovements.kind, 'used'), gt(supplyMovements.shortfall, 0)),
      )
      .for('update');
    if (!m || !m.workerId) throw notFound('errors.notFound');
    const key = shortfallChargeKey(m.id);
    if (m.resolvedAt) {
      const charged = await findEntryByKey(tx, key);
      if (!charged) throw new DomainError('conflict', 'supplies.errors.alreadyResolved');
      const [row] = await tx.select({ unitCost: supplies.unitCost }).from(supplies).where(eq(supplies.id, m.supplyId));
      return { entryId: charged.id, created: false, amount: m.shortfall * row.unitCost };
    }
    const [item] = await tx
      .select({ nameRu: supplies.nameRu, unit: supplies.unit, unitCost: supplies.unitCost })
      .from(supplies)
      .where(eq(supplies.id, m.supplyId));
    const amount = m.shortfall * item.unitCost;
    if (amount <= 0) throw new DomainError('conflict', 'supplies.errors.noUnitCost');
    const number = m.orderId ? (await orderNumbers(tx, [m.orderId])).get(m.orderId) : undefined;
    const reason = `Материалы сверх выданного: заказ ${number ?? '—'}, ${item.nameRu} — ${m.shortfall} ${item.unit}`;
    const posted = await recordAdjustmentTx(tx, {
      kind: 'supply_charge',
      subjectId: m.workerId,
      amount,
      reason,
      key,
      orderId: m.orderId ?? undefined,
      actorId: actor.id,
    });
    await tx.update(supplyMovements).set({ resolvedAt: new Date() }).where(eq(supplyMovements.id, m.id));
    if (posted.created) {
      await recordAudit(tx, actor, {
        action: 'supply.charge_shortfall',
        entity: 'supply_movement',
        entityId: String(m.id),
        after: {
          workerId: m.workerId,
          orderId: m.orderId,
          supplyId: m.supplyId,
          quantity: m.shortfall,
          unitCost: item.unitCost,
          amount,
          entryId: posted.entryId,
        },
      });
    }
    return { ...posted, amount };
  });
}
