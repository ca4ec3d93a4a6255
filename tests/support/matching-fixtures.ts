// Shared set-up of the matching integration tests: a small company with zones, a service, workers with
// weekly schedules, and pending orders inserted directly (the order form is A's; here only rows matter).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, workerProfiles, workerSchedules, type Grade } from '@/db/schema';
import { createService, createUser, createWorker, createZone } from '@/tests/support/factories';

export const HOUR = 3_600_000;

/** Next Monday 00:00 UTC at least a week ahead of `from`, so every test time is in the future. */
export function nextMonday(from = new Date()): Date {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + 7));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export async function company(db: Db) {
  // Two zones about 9 km apart (Moscow centre and north, as in the demo data).
  const center = await createZone(db, { lat: 55.7558, lng: 37.6173 });
  const north = await createZone(db, { lat: 55.8357, lng: 37.5291, travelFee: 20000 });
  const service = await createService(db, { skill: 'cleaning', pricingUnit: 'fixed', unitPrice: 300000, minPrice: 0 });
  const client = await createUser(db, 'client');
  return { center, north, service, client };
}

/** A worker available every day 00:00-24:00 (company time zone) unless other slots are given. */
export async function worker(
  db: Db,
  opts: {
    zoneIds: string[];
    homeZoneId?: string;
    grade?: Grade;
    name?: string;
    skills?: string[];
    slots?: { weekday: number; from: string; to: string }[];
  },
) {
  const w = await createWorker(db, {
    grade: opts.grade ?? 'standard',
    skills: opts.skills ?? ['cleaning'],
    zoneIds: opts.zoneIds,
    name: opts.name,
  });
  await db
    .update(workerProfiles)
    .set({ homeZoneId: opts.homeZoneId ?? opts.zoneIds[0] })
    .where(eq(workerProfiles.userId, w.id));
  const slots = opts.slots ?? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '00:00' }));
  if (slots.length)
    await db
      .insert(workerSchedules)
      .values(slots.map((s) => ({ workerId: w.id, weekday: s.weekday, fromTime: s.from, toTime: s.to })));
  return w;
}

export async function pendingOrder(
  db: Db,
  opts: {
    clientId: string;
    serviceId: string;
    zoneId: string;
    start: Date;
    hours?: number;
    status?: 'pending' | 'assigned';
    workerId?: string;
  },
) {
  const [row] = await db
    .insert(orders)
    .values({
      number: `T-${randomUUID().slice(0, 8)}`,
      clientId: opts.clientId,
      serviceId: opts.serviceId,
      zoneId: opts.zoneId,
      status: opts.status ?? 'pending',
      workerId: opts.workerId ?? null,
      address: 'ул. Тестовая, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: opts.start,
      scheduledEnd: new Date(opts.start.getTime() + (opts.hours ?? 2) * HOUR),
      estimateTotal: 300000,
      currency: 'RUB',
      bookedAt: new Date(opts.start.getTime() - 7 * 24 * HOUR),
    })
    .returning({ id: orders.id });
  return row.id;
}
