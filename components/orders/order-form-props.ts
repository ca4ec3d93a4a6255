import 'server-only';
import type { ComponentProps } from 'react';
import type { Db } from '@/db';
import type { Actor } from '@/lib/actor';
import { clientDiscountBp, listCatalogue, listSavedAddresses } from '@/lib/orders';
import { getSettings, listZones } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import type { OrderForm } from './order-form';

export type OrderFormData = Omit<ComponentProps<typeof OrderForm>, 'submit' | 'destination'>;

/**
 * What the booking form needs for one client: the catalogue, zones, the client's saved addresses, phone and
 * discount, and the company's booking and pricing rules. The client's own /orders/new and staff's phone
 * booking build the form from the same data, so both book, estimate and check alike.
 */
export async function orderFormData(
  db: Db,
  actor: Actor,
  client: { id: string; phone: string },
  locale: 'ru' | 'en',
  serviceId?: string,
): Promise<OrderFormData> {
  const [settings, catalogue, zones, addresses, discountBp] = await Promise.all([
    getSettings(db),
    listCatalogue(db),
    listZones(db, locale),
    listSavedAddresses(db, actor, client.id),
    clientDiscountBp(db, client.id),
  ]);
  // Tomorrow by default: most bookings are for another day, and it avoids today's urgency surcharge.
  const tomorrow = addDays(toDateString(new Date(), settings.timeZone), 1);
  return {
    services: catalogue.services.map((s) => ({
      id: s.id,
      nameRu: s.nameRu,
      nameEn: s.nameEn,
      pricingUnit: s.pricingUnit,
      unitPrice: s.unitPrice,
      minPrice: s.minPrice,
      bathroomPrice: s.bathroomPrice,
      baseMinutes: s.baseMinutes,
      minutesPerUnitX100: s.minutesPerUnitX100,
      extras: s.extras,
    })),
    zones: zones.map((z) => ({ id: z.id, name: z.name, travelFee: z.travelFee })),
    addresses: addresses.map((a) => ({
      id: a.id,
      label: a.label,
      address: a.address,
      zoneId: a.zoneId,
      accessNotes: a.accessNotes,
    })),
    defaults: {
      serviceId: catalogue.services.some((s) => s.id === serviceId) ? serviceId : undefined,
      phone: client.phone,
      date: tomorrow,
    },
    booking: {
      timeZone: settings.timeZone,
      bookableHours: settings.bookableHours,
      bookingHorizonDays: settings.bookingHorizonDays,
    },
    pricing: { gradeCoefficientsBp: settings.gradeCoefficientsBp, urgency: settings.urgency, discountBp },
    priceCapPolicy: settings.priceCapPolicy,
    planDiscountsBp: settings.planDiscountsBp,
    cancellation: settings.cancellationPolicy,
    currency: settings.currency,
    locale,
  };
}
