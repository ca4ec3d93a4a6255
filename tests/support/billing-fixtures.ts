import { randomUUID } from 'node:crypto';
import type { Db } from '@/db';
import { orders, type OrderStatus } from '@/db/schema';
import { createService, createZone } from './factories';

// Orders written straight into their final state: billing reads orders, not how they got there.
export type BillingWorld = { serviceId: string; zoneId: string };

export async function billingWorld(db: Db): Promise<BillingWorld> {
  const zone = await createZone(db);
  const service = await createService(db);
  return { serviceId: service.id, zoneId: zone.id };
}

export async function makeOrder(
  db: Db,
  w: BillingWorld,
  o: {
    clientId: string;
    status?: OrderStatus;
    finishedAt?: Date;
    price?: number;
    pay?: number;
    workerId?: string;
    cancellationFee?: number;
    updatedAt?: Date;
  },
): Promise<{ id: string; number: string }> {
  const number = `BR-T-${randomUUID().slice(0, 8)}`;
  const at = o.finishedAt ?? o.updatedAt ?? new Date('2026-11-18T10:00:00Z');
  const [row] = await db
    .insert(orders)
    .values({
      number,
      clientId: o.clientId,
      serviceId: w.serviceId,
      zoneId: w.zoneId,
      status: o.status ?? 'completed',
      address: 'ул. Тестовая, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: new Date(at.getTime() - 3 * 3_600_000),
      scheduledEnd: new Date(at.getTime() - 3_600_000),
      estimateTotal: o.price ?? 100_000,
      priceTotal: o.status === 'cancelled' ? null : (o.price ?? 100_000),
      priceLines:
        o.status === 'cancelled'
          ? null
          : [{ code: 'base', labelRu: 'Уборка', labelEn: 'Cleaning', amount: o.price ?? 100_000 }],
      payTotal: o.pay ?? null,
      workerId: o.workerId ?? null,
      cancellationFee: o.cancellationFee ?? 0,
      finishedAt: o.status === undefined || o.status === 'completed' ? at : null,
      currency: 'RUB',
      updatedAt: o.updatedAt ?? at,
    })
    .returning({ id: orders.id, number: orders.number });
  return row;
}
