import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderEvents, orders, payRates, services, users, workerZones } from '@/db/schema';
import { nextOrderNumber, systemActor, transitionOrder } from '@/lib/orders';
import { defaultSettings } from '@/lib/settings';
import { cancellationFee, defaultPayRates, ensureDefaultPenaltyRules, priceOrder } from '@/lib/finance';

const HOUR = 3_600_000;

/**
 * Finance demo data, run at the end of the seed transaction:
 *  - the fallback pay rates (no service): junior 50 %, standard 55 %, senior 60 % of the work, the whole
 *    travel fee, at least 1 000 ₽ an order, valid since 2025-01-01; and the default penalty rules;
 *  - Anna's order done today, started 12 minutes late: her earnings page shows the pay and a 10 % lateness fine;
 *  - a booking of the demo client cancelled 10 h before its start: their balance shows the 30 % late fee.
 * Both go through transitionOrder, so the ledger entries are the ones the product itself posts.
 */
export async function seedFinanceDemo(tx: Db, now = new Date()): Promise<void> {
  await tx
    .insert(payRates)
    .values(
      (['junior', 'standard', 'senior'] as const).map((grade) => ({
        serviceId: null,
        grade,
        ...defaultPayRates[grade],
        validFrom: new Date('2025-01-01T00:00:00+03:00'),
      })),
    )
    .onConflictDoNothing();
  await ensureDefaultPenaltyRules(tx);

  const [anna] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'anna@brigada.local'));
  const [client] = await tx
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(eq(users.email, 'client@brigada.local'));
  const [service] = await tx.select().from(services).where(eq(services.code, 'regular'));
  if (!anna || !client || !service) return;
  const [zone] = await tx
    .select({ zoneId: workerZones.zoneId })
    .from(workerZones)
    .where(eq(workerZones.workerId, anna.id))
    .limit(1);
  const settings = defaultSettings;
  const options = { areaM2: 60, rooms: 2, bathrooms: 1, extras: [] as string[] };
  const price = (grade: 'senior' | null, startsAt: Date, bookedAt: Date) =>
    priceOrder({
      service,
      options,
      grade,
      zone: { travelFee: 0 },
      startsAt,
      now: bookedAt,
      discountBp: 0,
      gradeCoefficientsBp: settings.gradeCoefficientsBp,
      urgency: settings.urgency,
    });

  const insertOrder = async (startsAt: Date, bookedAt: Date) => {
    const estimate = price(null, startsAt, bookedAt);
    const [row] = await tx
      .insert(orders)
      .values({
        number: await nextOrderNumber(tx, bookedAt, settings.timeZone),
        clientId: client.id,
        serviceId: service.id,
        zoneId: zone.zoneId,
        address: 'Москва, Кутузовский пр-т, д. 30, кв. 5',
        contactPhone: client.phone ?? '+7 916 555-12-34',
        options,
        scheduledStart: startsAt,
        scheduledEnd: new Date(startsAt.getTime() + 3 * HOUR),
        estimateLines: estimate.lines,
        estimateTotal: estimate.total,
        currency: settings.currency,
        bookedAt,
        createdAt: bookedAt,
      })
      .returning({ id: orders.id });
    await tx.insert(orderEvents).values({
      orderId: row.id,
      fromStatus: null,
      toStatus: 'pending',
      kind: 'created',
      actorId: client.id,
      actorRole: 'client',
      at: bookedAt,
    });
    return row.id;
  };
  const annaActor = { id: anna.id, role: 'worker' as const };

  // Done today: booked three days ago, started 12 min late, finished an hour ago. Kept within today
  // (company time) when the seed runs after 05:00, so it lands in the current month's earnings.
  const start = new Date(now.getTime() - 5 * HOUR);
  const doneId = await insertOrder(start, new Date(now.getTime() - 72 * HOUR));
  const final = price('senior', start, new Date(now.getTime() - 72 * HOUR));
  await transitionOrder(tx, systemActor, doneId, 'match', {
    set: { workerId: anna.id, priceLines: final.lines, priceTotal: final.total },
    at: new Date(now.getTime() - 48 * HOUR),
  });
  const startedAt = new Date(start.getTime() + 12 * 60_000);
  await transitionOrder(tx, annaActor, doneId, 'start', {
    set: { startedAt },
    data: { late: true, lateMinutes: 12 },
    at: startedAt,
  });
  const finishedAt = new Date(now.getTime() - HOUR);
  await transitionOrder(tx, annaActor, doneId, 'finish', { set: { finishedAt }, at: finishedAt });

  // Cancelled by the client 10 h before the start: inside the late tier of the cancellation policy.
  const later = new Date(now.getTime() + 10 * HOUR);
  const cancelledId = await insertOrder(later, new Date(now.getTime() - 24 * HOUR));
  const estimate = price(null, later, new Date(now.getTime() - 24 * HOUR));
  const fee = cancellationFee(settings.cancellationPolicy, later, now, estimate.total);
  await transitionOrder(tx, { id: client.id, role: 'client' }, cancelledId, 'cancel', {
    reason: 'plans_changed',
    data: { reasonCode: 'plans_changed', demo: true },
    set: { cancellationFee: fee },
    at: now,
  });
}
