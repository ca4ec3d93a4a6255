// Test fixtures for the finance tests: an order inserted directly (the orders module's booking flow is
// not what these tests are about) and moved through the real transitionOrder.
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db';
import { orders, type PriceLine } from '@/db/schema';
import { createService, createUser, createWorker, createZone } from './factories';

/** 50 m² at 60 ₽/m² = 3 000 ₽ base + 200 ₽ travel = 3 200 ₽ (320 000 kopecks). */
export const demoPriceLines: PriceLine[] = [
  { code: 'base', labelRu: 'Площадь', labelEn: 'Area', quantity: 50, unitPrice: 6_000, amount: 300_000 },
  { code: 'travel', labelRu: 'Выезд', labelEn: 'Travel', amount: 20_000 },
];
export const demoPriceTotal = 320_000;

export async function orderFixture(
  db: Db,
  opts: { startsInHours?: number; grade?: 'junior' | 'standard' | 'senior' } = {},
) {
  const zone = await createZone(db, { travelFee: 20_000 });
  const service = await createService(db);
  const client = await createUser(db, 'client');
  const worker = await createWorker(db, { grade: opts.grade ?? 'standard', skills: ['cleaning'], zoneIds: [zone.id] });
  const start = new Date(Date.now() + (opts.startsInHours ?? 48) * 3_600_000);
  const [order] = await db
    .insert(orders)
    .values({
      number: `T-${randomUUID().slice(0, 8)}`,
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      address: 'ул. Тестовая, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 3 * 3_600_000),
      estimateLines: demoPriceLines,
      estimateTotal: demoPriceTotal,
      currency: 'RUB',
    })
    .returning({ id: orders.id, scheduledStart: orders.scheduledStart });
  return { order, client, worker, service, zone };
}
