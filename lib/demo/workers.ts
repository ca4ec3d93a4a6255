import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderEvents, orders, services, users, workerProfiles, workerSchedules, workerZones } from '@/db/schema';
import { fromWallTime, toWallTime } from '@/lib/time';
import { nextOrderNumber } from '@/lib/orders';
import { bookedEvent } from './cast';

/**
 * Demo data for the workers module, run at the end of the seed transaction: every demo worker works
 * Monday to Saturday 08:00-20:00 (company time), and Anna has one task today so the worker portal has
 * something to start and finish on a fresh install (the Playwright journey relies on it).
 */
export async function seedWorkersDemo(tx: Db, timeZone: string, now = new Date()): Promise<void> {
  const workers = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(workerProfiles, eq(workerProfiles.userId, users.id));
  const rows = workers.flatMap((w) =>
    [1, 2, 3, 4, 5, 6].map((weekday) => ({ workerId: w.id, weekday, fromTime: '08:00', toTime: '20:00' })),
  );
  if (rows.length) await tx.insert(workerSchedules).values(rows);

  const anna = workers.find((w) => w.email === 'anna@brigada.local');
  const [client] = await tx
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(eq(users.email, 'client@brigada.local'));
  const [service] = await tx
    .select({ id: services.id, baseMinutes: services.baseMinutes })
    .from(services)
    .where(eq(services.code, 'regular'));
  if (!anna || !client || !service) return;
  const [zone] = await tx
    .select({ zoneId: workerZones.zoneId })
    .from(workerZones)
    .where(inArray(workerZones.workerId, [anna.id]))
    .limit(1);
  // Starts at the next quarter hour after seeding (inside the 30-minute start window), for two hours.
  const w = toWallTime(new Date(now.getTime() + 15 * 60_000), timeZone);
  const start = fromWallTime(
    { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute - (w.minute % 15) },
    timeZone,
  );
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const priceLines = [
    {
      code: 'base',
      labelRu: 'Поддерживающая уборка, 50 м²',
      labelEn: 'Regular cleaning, 50 m²',
      quantity: 50,
      unitPrice: 6000,
      amount: 300000,
    },
  ];
  const payLines = [{ code: 'base', labelRu: 'Оплата за заказ', labelEn: 'Pay for the order', amount: 120000 }];
  const [order] = await tx
    .insert(orders)
    .values({
      number: await nextOrderNumber(tx, now, timeZone),
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.zoneId,
      status: 'assigned',
      address: 'Москва, ул. Тверская, д. 7, кв. 12',
      accessNotes: 'Код домофона 12К, 4 этаж, консьерж предупреждён',
      contactPhone: client.phone ?? '+7 916 555-12-34',
      options: { areaM2: 50, rooms: 2, bathrooms: 1, extras: [] },
      scheduledStart: start,
      scheduledEnd: end,
      workerId: anna.id,
      estimateLines: priceLines,
      estimateTotal: 300000,
      priceLines,
      priceTotal: 300000,
      payLines,
      payTotal: 120000,
      currency: 'RUB',
    })
    .returning({ id: orders.id });
  await tx.insert(orderEvents).values([
    bookedEvent(order.id, client.id, new Date(now.getTime() - 24 * 3_600_000)),
    {
      orderId: order.id,
      fromStatus: 'pending',
      toStatus: 'assigned',
      kind: 'match',
      reason: 'demo',
      data: {},
      at: now,
    },
  ]);
}
