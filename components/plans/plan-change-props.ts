import 'server-only';
import type { Db } from '@/db';
import { clientDiscountBp, loadService } from '@/lib/orders';
import type { PlanDto } from '@/lib/plans';
import { getSettings, listZones } from '@/lib/settings';
import type { PlanChangeData } from './plan-change-form';

/**
 * What the plan change form needs to check and price the new options as a booking would: the plan's service
 * (archived or not), its zone, the client's discount and the company's booking and pricing rules. Null when
 * the service or zone is gone (the form then offers time and frequency only).
 */
export async function planChangeData(db: Db, plan: PlanDto, locale: 'ru' | 'en'): Promise<PlanChangeData | null> {
  const [settings, service, zones, discountBp] = await Promise.all([
    getSettings(db),
    loadService(db, plan.serviceId, { activeOnly: false }),
    listZones(db, locale),
    clientDiscountBp(db, plan.clientId),
  ]);
  const zone = zones.find((z) => z.id === plan.zoneId);
  if (!service || !zone) return null;
  return {
    service: {
      id: service.id,
      nameRu: service.nameRu,
      nameEn: service.nameEn,
      pricingUnit: service.pricingUnit,
      unitPrice: service.unitPrice,
      minPrice: service.minPrice,
      bathroomPrice: service.bathroomPrice,
      baseMinutes: service.baseMinutes,
      minutesPerUnitX100: service.minutesPerUnitX100,
      extras: service.extras,
    },
    zone: { id: zone.id, name: zone.name, travelFee: zone.travelFee },
    options: plan.options,
    booking: {
      timeZone: settings.timeZone,
      bookableHours: settings.bookableHours,
      bookingHorizonDays: settings.bookingHorizonDays,
    },
    pricing: { gradeCoefficientsBp: settings.gradeCoefficientsBp, urgency: settings.urgency, discountBp },
    planDiscountsBp: settings.planDiscountsBp,
    currency: settings.currency,
    locale,
  };
}
