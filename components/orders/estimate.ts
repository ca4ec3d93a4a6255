import {
  estimateDuration,
  priceOrder,
  type GradeCoefficientsBp,
  type PriceResult,
  type UrgencySettings,
} from '@/lib/finance/shared';
import { checkEnd, checkOptions, checkStart, orderInput, type BookingContext } from '@/lib/orders/shared';
import type { FormService, FormZone } from './order-form';

/** The fields the estimate depends on, validated as the booking will validate them. */
const estimateFields = orderInput.pick({
  areaM2: true,
  rooms: true,
  bathrooms: true,
  hours: true,
  date: true,
  time: true,
});

export type EstimateValues = {
  date?: string;
  time?: string;
  areaM2?: unknown;
  rooms?: unknown;
  bathrooms?: unknown;
  hours?: unknown;
  extras?: (string | undefined)[];
};

export type Estimate = PriceResult & {
  minutes: number;
  start: Date;
  /** The final price depends on the grade of the worker matched: the range it can take. */
  range: { min: number; max: number };
  endsAfterHours: boolean;
};

/**
 * The estimate a form shows while the client types: the pricing function itself, run in the browser, with a
 * plan's frequency discount (`planDiscountBp`) as its own line. Null for input the booking would refuse (a
 * size out of range, a past date, a time outside the hours): the client sees the field's message instead of
 * a price for something that cannot be booked.
 */
export function estimateVisit(
  service: FormService | undefined,
  zone: FormZone | undefined,
  values: EstimateValues,
  booking: BookingContext,
  pricing: { gradeCoefficientsBp: GradeCoefficientsBp; urgency: UrgencySettings; discountBp: number },
  planDiscountBp: number | null,
): Estimate | null {
  if (!service || !zone || !values.date || !values.time) return null;
  const sized = { areaM2: values.areaM2, rooms: values.rooms, bathrooms: values.bathrooms, hours: values.hours };
  if (!estimateFields.safeParse({ ...sized, date: values.date, time: values.time }).success) return null;
  const num = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : Number(v));
  const { options: booked, fields } = checkOptions(service, {
    areaM2: num(values.areaM2),
    rooms: num(values.rooms),
    bathrooms: num(values.bathrooms),
    hours: num(values.hours),
    extras: (values.extras ?? []).filter((e): e is string => typeof e === 'string'),
  });
  if (Object.keys(fields).length > 0) return null;
  const options = planDiscountBp === null ? booked : { ...booked, planDiscountBp };
  try {
    const wanted = { date: values.date, time: values.time };
    const { start, fields: startFields } = checkStart(wanted, booking, new Date());
    if (Number.isNaN(start.getTime()) || Object.keys(startFields).length > 0) return null;
    const minutes = estimateDuration(service, options);
    const at = (grade: keyof GradeCoefficientsBp | null) =>
      priceOrder({ service, options, grade, zone, startsAt: start, now: new Date(), ...pricing });
    return {
      ...at(null),
      minutes,
      start,
      range: { min: at('junior').total, max: at('senior').total },
      endsAfterHours: Boolean(checkEnd(wanted, minutes, booking).time),
    };
  } catch {
    // Out-of-range numbers while typing: no estimate until they are valid.
    return null;
  }
}
