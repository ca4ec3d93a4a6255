import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientProfiles, orders, services, zones } from '@/db/schema';
import type { Grade } from '@/db/schema/workers';
import { capPrice, priceOrder, type PriceResult, type PricingOptions } from '@/lib/finance/shared';
import { servicePricingColumns } from '@/lib/catalog';
import { getSettings, type Settings } from '@/lib/settings';
import { notFound } from '@/lib/errors';

/** The service columns booking and pricing read. */
export const serviceColumns = { ...servicePricingColumns, archivedAt: services.archivedAt };

export async function loadService(db: Db, serviceId: string, { activeOnly }: { activeOnly: boolean }) {
  const [row] = await db
    .select(serviceColumns)
    .from(services)
    .where(and(eq(services.id, serviceId), activeOnly ? isNull(services.archivedAt) : undefined));
  return row ?? null;
}

/** Several services at once (archived ones too), for a batch of orders. */
export async function loadServices(db: Db, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return [];
  return db
    .select(serviceColumns)
    .from(services)
    .where(inArray(services.id, [...serviceIds]));
}

/** Clients' standing discounts (basis points), for a batch of orders; a client without a profile has none. */
export async function clientDiscountsBp(db: Db, clientIds: readonly string[]): Promise<Map<string, number>> {
  if (clientIds.length === 0) return new Map();
  const found = await db
    .select({ userId: clientProfiles.userId, discountBp: clientProfiles.discountBp })
    .from(clientProfiles)
    .where(inArray(clientProfiles.userId, [...clientIds]));
  return new Map(found.map((r) => [r.userId, r.discountBp]));
}

export async function clientDiscountBp(db: Db, clientId: string): Promise<number> {
  const [row] = await db
    .select({ discountBp: clientProfiles.discountBp })
    .from(clientProfiles)
    .where(eq(clientProfiles.userId, clientId));
  return row?.discountBp ?? 0;
}

export function pricingSettings(s: Settings) {
  return { gradeCoefficientsBp: s.gradeCoefficientsBp, urgency: s.urgency };
}

type EstimateInput = Omit<Parameters<typeof priceOrder>[0], 'grade' | 'discountBp' | 'gradeCoefficientsBp' | 'urgency'>;

/**
 * A booking's estimate (a new order, a moved one, a plan's visit): no worker yet, so no grade; the client's
 * standing discount and the company's grade and urgency rules.
 */
export function estimateBooking(input: EstimateInput, discountBp: number, settings: Settings): PriceResult {
  return priceOrder({ ...input, grade: null, discountBp, ...pricingSettings(settings) });
}

export type GradePrice = PriceResult & { consent: 'pending' | null; overCap: boolean };

/**
 * The final price of an existing order for a worker of each grade: the same inputs as its estimate (service,
 * options, zone, the client's discount, urgency measured from bookedAt), only the grade differs, held to
 * the client's price cap by the company's policy (capPrice). A manual assignment stores one of these as
 * the order's price lines; the dispatch board shows them per candidate.
 */
export async function pricesByGrade(db: Db, orderId: string): Promise<Record<Grade, GradePrice>> {
  const [order] = await db
    .select({
      serviceId: orders.serviceId,
      zoneId: orders.zoneId,
      clientId: orders.clientId,
      options: orders.options,
      scheduledStart: orders.scheduledStart,
      bookedAt: orders.bookedAt,
      priceCap: orders.priceCap,
    })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) throw notFound('errors.orderNotFound');
  const service = await loadService(db, order.serviceId, { activeOnly: false });
  const [zone] = await db.select({ travelFee: zones.travelFee }).from(zones).where(eq(zones.id, order.zoneId));
  if (!service || !zone) throw notFound('errors.orderNotFound');
  const settings = await getSettings(db);
  const discountBp = await clientDiscountBp(db, order.clientId);
  const at = (grade: Grade): GradePrice => {
    const raw = priceOrder({
      service,
      options: order.options as PricingOptions,
      grade,
      zone,
      startsAt: order.scheduledStart,
      now: order.bookedAt,
      discountBp,
      ...pricingSettings(settings),
    });
    const capped = capPrice(raw, order.priceCap, settings.priceCapPolicy);
    return { ...capped, overCap: order.priceCap !== null && raw.total > order.priceCap };
  };
  return { junior: at('junior'), standard: at('standard'), senior: at('senior') };
}

/** The final price of an existing order for a worker of this grade (see pricesByGrade). */
export async function finalPriceFor(db: Db, orderId: string, grade: Grade): Promise<GradePrice> {
  return (await pricesByGrade(db, orderId))[grade];
}
