// Shared by the workers-* and supplies-* integration tests: an order row straight in the database.
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db';
import { orders, type OrderStatus } from '@/db/schema';

export async function insertOrder(
  db: Db,
  o: {
    clientId: string;
    serviceId: string;
    zoneId: string;
    workerId?: string | null;
    status?: OrderStatus;
    start: Date;
    minutes?: number;
    payTotal?: number | null;
  },
) {
  const [row] = await db
    .insert(orders)
    .values({
      number: `T-${randomUUID().slice(0, 8)}`,
      clientId: o.clientId,
      serviceId: o.serviceId,
      zoneId: o.zoneId,
      status: o.status ?? 'assigned',
      address: 'Москва, ул. Тестовая, 1',
      accessNotes: 'Домофон 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: o.start,
      scheduledEnd: new Date(o.start.getTime() + (o.minutes ?? 120) * 60_000),
      workerId: o.workerId ?? null,
      estimateTotal: 300000,
      priceTotal: o.workerId ? 300000 : null,
      payTotal: o.payTotal ?? null,
      currency: 'RUB',
    })
    .returning();
  return row;
}
