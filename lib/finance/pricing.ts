// The ONE pricing function of the product: the estimate at booking (grade null) and the final price when a
// worker is matched (their grade) both come from priceOrder. Pure: no database, no clock — callers pass
// `now`. Every rounding goes through lib/money.ts, and the lines always sum to the total by construction.
import { applyBasisPoints, assertMinor } from '@/lib/money';
import type { PriceLine } from '@/db/schema/orders';
import type { Grade } from '@/db/schema/workers';

export type { PriceLine } from '@/db/schema/orders';

export type PricingUnit = 'fixed' | 'per_m2' | 'per_room' | 'per_hour';

export type PricingExtra = { code: string; nameRu: string; nameEn: string; price: number; minutes: number };

/** The service fields pricing reads (a services row satisfies it). */
export type PricingService = {
  pricingUnit: PricingUnit;
  unitPrice: number;
  minPrice: number;
  bathroomPrice: number;
  extras: PricingExtra[];
};

/** What the client chose. Which quantity applies depends on the service's pricing unit. */
export type PricingOptions = {
  areaM2?: number;
  rooms?: number;
  bathrooms?: number;
  /** Booked hours, for per-hour services. */
  hours?: number;
  extras: string[];
  /** A visit of a recurring plan: the plan's frequency discount, basis points (lib/plans sets it). */
  planDiscountBp?: number;
};

export type GradeCoefficientsBp = Record<Grade, number>;
/** A surcharge when the job starts less than `windowHours` after booking. */
export type UrgencySettings = { windowHours: number; surchargeBp: number };

export type PricingInput = {
  service: PricingService;
  options: PricingOptions;
  /** The matched worker's grade; null for the estimate (no worker yet), priced as 'standard'. */
  grade: Grade | null;
  zone: { travelFee: number };
  startsAt: Date;
  /**
   * When the client booked (the order's bookedAt: creation, or the last reschedule) — not the moment of
   * matching, so a late match never makes the client's final price urgent.
   */
  now: Date;
  /** The client's standing discount, basis points (500 = 5 %). */
  discountBp: number;
  gradeCoefficientsBp: GradeCoefficientsBp;
  urgency: UrgencySettings;
};

export type PriceResult = { lines: PriceLine[]; total: number };

const HOUR_MS = 3_600_000;

function positiveInt(value: number | undefined, what: string): number {
  if (value === undefined || !Number.isInteger(value) || value < 1)
    throw new RangeError(`pricing: ${what} must be a positive integer, got ${value}`);
  return value;
}

/** The quantity the base line multiplies (1 for a fixed price). */
export function baseQuantity(unit: PricingUnit, options: PricingOptions): number {
  switch (unit) {
    case 'fixed':
      return 1;
    case 'per_m2':
      return positiveInt(options.areaM2, 'areaM2');
    case 'per_room':
      return positiveInt(options.rooms, 'rooms');
    case 'per_hour':
      return positiveInt(options.hours, 'hours');
  }
}

const unitLabel: Record<PricingUnit, { ru: string; en: string }> = {
  fixed: { ru: 'Услуга', en: 'Service' },
  per_m2: { ru: 'Площадь, м²', en: 'Area, m²' },
  per_room: { ru: 'Комнаты', en: 'Rooms' },
  per_hour: { ru: 'Часы работы', en: 'Hours of work' },
};

/**
 * Prices an order. Lines, in order (a zero line is left out):
 *  - base: quantity × unit price, raised to the service's minimum price (code 'base_min' when it is);
 *  - bathrooms: every bathroom beyond the first (the first is part of the base checklist) × bathroomPrice;
 *  - extra:<code>: each chosen extra at its price;
 *  - grade: (coefficient − 100 %) of the work subtotal (base + bathrooms + extras); the estimate uses
 *    'standard', so a junior's final price can be lower and a senior's higher than the estimate;
 *  - urgency: surcharge on the work subtotal after grade when the start is less than windowHours after
 *    `now` (exactly windowHours is not urgent);
 *  - travel: the zone's travel fee;
 *  - discount: minus the client's discount on everything above (travel included).
 */
export function priceOrder(input: PricingInput): PriceResult {
  const { service, options } = input;
  const lines: PriceLine[] = [];
  const push = (line: PriceLine) => {
    assertMinor(line.amount);
    if (line.amount !== 0) lines.push(line);
  };

  const qty = baseQuantity(service.pricingUnit, options);
  const raw = qty * service.unitPrice;
  const label = unitLabel[service.pricingUnit];
  if (raw < service.minPrice) {
    push({ code: 'base_min', labelRu: 'Минимальная стоимость', labelEn: 'Minimum price', amount: service.minPrice });
  } else {
    push({
      code: 'base',
      labelRu: label.ru,
      labelEn: label.en,
      quantity: qty,
      unitPrice: service.unitPrice,
      amount: raw,
    });
  }

  const extraBathrooms = Math.max(0, (options.bathrooms ?? 1) - 1);
  if (extraBathrooms > 0 && service.bathroomPrice > 0) {
    push({
      code: 'bathrooms',
      labelRu: 'Дополнительные санузлы',
      labelEn: 'Additional bathrooms',
      quantity: extraBathrooms,
      unitPrice: service.bathroomPrice,
      amount: extraBathrooms * service.bathroomPrice,
    });
  }

  for (const code of new Set(options.extras)) {
    const extra = service.extras.find((e) => e.code === code);
    if (!extra) throw new RangeError(`pricing: unknown extra ${code}`);
    push({
      code: `extra:${code}`,
      labelRu: extra.nameRu,
      labelEn: extra.nameEn,
      quantity: 1,
      unitPrice: extra.price,
      amount: extra.price,
    });
  }

  const work = sum(lines);
  const coefficient = input.gradeCoefficientsBp[input.grade ?? 'standard'];
  const gradeName = gradeLabels[input.grade ?? 'standard'];
  push({
    code: 'grade',
    labelRu: `Квалификация: ${gradeName.ru}`,
    labelEn: `Grade: ${gradeName.en}`,
    amount: applyBasisPoints(work, coefficient - 10_000),
  });

  const workAfterGrade = sum(lines);
  if (isUrgent(input.startsAt, input.now, input.urgency)) {
    push({
      code: 'urgency',
      labelRu: 'Срочный заказ',
      labelEn: 'Urgent booking',
      amount: applyBasisPoints(workAfterGrade, input.urgency.surchargeBp),
    });
  }

  push({ code: 'travel', labelRu: 'Выезд в район', labelEn: 'Travel to the area', amount: input.zone.travelFee });

  if (options.planDiscountBp && options.planDiscountBp > 0) {
    push({
      code: 'discount:plan',
      labelRu: 'Скидка за регулярную уборку',
      labelEn: 'Recurring plan discount',
      amount: -applyBasisPoints(sum(lines), options.planDiscountBp),
    });
  }
  if (input.discountBp > 0) {
    push({
      code: 'discount',
      labelRu: 'Скидка клиента',
      labelEn: 'Client discount',
      amount: -applyBasisPoints(sum(lines), input.discountBp),
    });
  }

  return { lines, total: sum(lines) };
}

const gradeLabels: Record<Grade, { ru: string; en: string }> = {
  junior: { ru: 'младший', en: 'junior' },
  standard: { ru: 'стандарт', en: 'standard' },
  senior: { ru: 'старший', en: 'senior' },
};

function sum(lines: PriceLine[]): number {
  return lines.reduce((acc, l) => acc + l.amount, 0);
}

/** Urgent when the start is strictly less than windowHours away (exactly 24 h is not urgent). */
export function isUrgent(startsAt: Date, now: Date, urgency: UrgencySettings): boolean {
  return startsAt.getTime() - now.getTime() < urgency.windowHours * HOUR_MS;
}

// ---------------------------------------------------------------------------------------------------
// The client's price cap ("never more than the estimate")

/** What the company does when only a worker whose grade costs more than the client's cap can take the job. */
export type PriceCapPolicy = 'absorb' | 'ask';

export const PRICE_CAP_LINE = 'discount:price_cap';

/**
 * The final price held to the client's cap. Within it (or with no cap) nothing changes. Above it, 'absorb'
 * adds a discount line for the difference, so the client pays exactly the cap and the worker's pay (which
 * ignores discounts) is untouched; 'ask' keeps the price and marks the client's consent as pending.
 */
export function capPrice(
  price: PriceResult,
  cap: number | null,
  policy: PriceCapPolicy,
): PriceResult & { consent: 'pending' | null } {
  if (cap === null || price.total <= cap) return { ...price, consent: null };
  if (policy === 'ask') return { ...price, consent: 'pending' };
  const line: PriceLine = {
    code: PRICE_CAP_LINE,
    labelRu: 'Цена не выше предварительной: разницу оплачивает компания',
    labelEn: 'Held to the estimate: the company pays the difference',
    amount: cap - price.total,
  };
  return { lines: [...price.lines, line], total: cap, consent: null };
}

/**
 * A matched order's price for the client, and the lines its worker's pay is priced from when they differ. A
 * free re-do of a failed order (`redoOf` in its options) costs the client nothing: its estimate's lines at
 * zero (one "re-do" line if it has none). Its worker is still paid for the work, priced from the lines the
 * order would have cost (`payBasis`); the company absorbs it.
 */
export function matchPrice<P extends PriceResult>(
  price: P,
  order: { options: unknown; estimateLines: PriceLine[] },
): P & { payBasis?: PriceLine[] } {
  const options = order.options as { redoOf?: unknown } | null;
  if (typeof options?.redoOf !== 'string') return price;
  const base: PriceLine[] = order.estimateLines.length
    ? order.estimateLines
    : [{ code: 'redo', labelRu: 'Повтор заказа', labelEn: 'Re-do', amount: 0 }];
  return { ...price, lines: base.map((l) => ({ ...l, amount: 0 })), total: 0, payBasis: price.lines };
}

// ---------------------------------------------------------------------------------------------------
// Cancellation

/** Free at least `freeHours` before start; `lateFeeBp` of the price until `fullPriceHours`; the full price after. */
export type CancellationPolicy = {
  freeHours: number;
  fullPriceHours: number;
  lateFeeBp: number;
  /** Minutes after booking in which cancelling is free whatever the start time (0: no grace). */
  graceMinutes?: number;
};

export type CancellationTier = 'free' | 'late' | 'full';

/**
 * Which tier a cancellation at `now` falls in. Boundaries: exactly freeHours (24 h) before start is still
 * free (the policy says "free until 24 h before"); exactly fullPriceHours (2 h) before start is still the
 * late fee — the full price applies only strictly under 2 h (and after the start).
 */
export function cancellationTier(
  policy: CancellationPolicy,
  startsAt: Date,
  now: Date,
  bookedAt?: Date,
): CancellationTier {
  // Changing one's mind right after booking is free, even for an urgent job (up to graceMinutes after).
  if (bookedAt && now.getTime() - bookedAt.getTime() <= (policy.graceMinutes ?? 0) * 60_000) return 'free';
  const ms = startsAt.getTime() - now.getTime();
  if (ms >= policy.freeHours * HOUR_MS) return 'free';
  if (ms >= policy.fullPriceHours * HOUR_MS) return 'late';
  return 'full';
}

/** The fee, in minor units, for cancelling an order of `priceTotal` (final price, else the estimate) at `now`. */
export function cancellationFee(
  policy: CancellationPolicy,
  startsAt: Date,
  now: Date,
  priceTotal: number,
  bookedAt?: Date,
): number {
  assertMinor(priceTotal);
  switch (cancellationTier(policy, startsAt, now, bookedAt)) {
    case 'free':
      return 0;
    case 'late':
      return applyBasisPoints(priceTotal, policy.lateFeeBp);
    case 'full':
      return priceTotal;
  }
}

// ---------------------------------------------------------------------------------------------------
// Duration

export type DurationService = {
  pricingUnit: PricingUnit;
  baseMinutes: number;
  /** Minutes per unit ×100 (150 = 1.5 min per m²). */
  minutesPerUnitX100: number;
  extras: { code: string; minutes: number }[];
};

/** Scheduling granularity: jobs occupy whole quarter hours. */
export const DURATION_STEP_MINUTES = 15;

/**
 * How long the job takes, in minutes, rounded up to a quarter hour: per-hour services take the booked
 * hours; others take baseMinutes plus minutes per unit (m² or room; none for fixed); chosen extras add
 * their minutes.
 */
export function estimateDuration(service: DurationService, options: PricingOptions): number {
  let minutes: number;
  if (service.pricingUnit === 'per_hour') {
    minutes = positiveInt(options.hours, 'hours') * 60;
  } else {
    const units = service.pricingUnit === 'fixed' ? 0 : baseQuantity(service.pricingUnit, options);
    minutes = service.baseMinutes + Math.ceil((units * service.minutesPerUnitX100) / 100);
  }
  for (const code of new Set(options.extras)) {
    const extra = service.extras.find((e) => e.code === code);
    if (!extra) throw new RangeError(`pricing: unknown extra ${code}`);
    minutes += extra.minutes;
  }
  return Math.ceil(minutes / DURATION_STEP_MINUTES) * DURATION_STEP_MINUTES;
}
