import 'server-only';
import type { Db } from '@/db';
import { orderEvents, payRates } from '@/db/schema';
import { systemActor, transitionOrder } from '@/lib/orders';
import { defaultSettings } from '@/lib/settings';
import { cancellationFee, defaultPayRates, ensureDefaultPenaltyRules } from '@/lib/finance';

import { bookedEvent, demoPrice, demoRegulars, insertDemoOrder } from './cast';

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

  const regulars = await demoRegulars(tx);
  if (!regulars) return;
  const { anna, client, service } = regulars;
  const settings = defaultSettings;
  const options = { areaM2: 60, rooms: 2, bathrooms: 1, extras: [] as string[] };
  const price = (grade: 'senior' | null, startsAt: Date, bookedAt: Date) =>
    demoPrice(service, options, grade, startsAt, bookedAt);

  const insertOrder = async (startsAt: Date, bookedAt: Date) => {
    const orderId = await insertDemoOrder(tx, regulars, {
      address: 'Москва, Кутузовский пр-т, д. 30, кв. 5',
      options,
      startsAt,
      bookedAt,
    });
    await tx.insert(orderEvents).values(bookedEvent(orderId, client.id, bookedAt));
    return orderId;
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
