import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderEvents, orders, services, users, workerZones } from '@/db/schema';
import { nextOrderNumber } from '@/lib/orders';
import { priceOrder } from '@/lib/finance';
import type { PricingOptions } from '@/lib/finance/shared';
import { defaultSettings } from '@/lib/settings';

export type DemoService = typeof services.$inferSelect;

/**
 * The demo's regular pair, whose history the billing and finance demos write: Anna (a worker), the demo client,
 * the regular-cleaning service and Anna's first zone; null until the people and the catalogue are seeded.
 */
export async function demoRegulars(tx: Db) {
  const [anna] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'anna@brigada.local'));
  const [client] = await tx
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(eq(users.email, 'client@brigada.local'));
  const [service] = await tx.select().from(services).where(eq(services.code, 'regular'));
  if (!anna || !client || !service) return null;
  const [zone] = await tx
    .select({ zoneId: workerZones.zoneId })
    .from(workerZones)
    .where(eq(workerZones.workerId, anna.id))
    .limit(1);
  if (!zone) return null;
  return { anna, client, service, zoneId: zone.zoneId };
}

/** A demo order's price as the product computes it: the default settings, no travel fee, no client discount. */
export function demoPrice(
  service: DemoService,
  options: PricingOptions,
  grade: 'senior' | null,
  startsAt: Date,
  bookedAt: Date,
) {
  return priceOrder({
    service,
    options,
    grade,
    zone: { travelFee: 0 },
    startsAt,
    now: bookedAt,
    discountBp: 0,
    gradeCoefficientsBp: defaultSettings.gradeCoefficientsBp,
    urgency: defaultSettings.urgency,
  });
}

/** The 'created' event of an order a demo client booked at `at` (the first row of every order's timeline). */
export function bookedEvent(orderId: string, clientId: string, at: Date): typeof orderEvents.$inferInsert {
  return {
    orderId,
    fromStatus: null,
    toStatus: 'pending',
    kind: 'created',
    actorId: clientId,
    actorRole: 'client',
    at,
  };
}

export type DemoRegulars = NonNullable<Awaited<ReturnType<typeof demoRegulars>>>;

/**
 * A three-hour order of the demo client for the regular service in Anna's zone, booked at `bookedAt` with the
 * estimate priced then (no worker yet); its id. What happens to it next is the caller's (transitions, events).
 */
export async function insertDemoOrder(
  tx: Db,
  r: DemoRegulars,
  o: { address: string; options: PricingOptions; startsAt: Date; bookedAt: Date },
): Promise<string> {
  const estimate = demoPrice(r.service, o.options, null, o.startsAt, o.bookedAt);
  const [row] = await tx
    .insert(orders)
    .values({
      number: await nextOrderNumber(tx, o.bookedAt, defaultSettings.timeZone),
      clientId: r.client.id,
      serviceId: r.service.id,
      zoneId: r.zoneId,
      address: o.address,
      contactPhone: r.client.phone ?? '+7 916 555-12-34',
      options: o.options,
      scheduledStart: o.startsAt,
      scheduledEnd: new Date(o.startsAt.getTime() + 3 * 3_600_000),
      estimateLines: estimate.lines,
      estimateTotal: estimate.total,
      currency: defaultSettings.currency,
      bookedAt: o.bookedAt,
      createdAt: o.bookedAt,
    })
    .returning({ id: orders.id });
  return row.id;
}
