import { describe, expect, it } from 'vitest';
import {
  cancellationFee,
  cancellationTier,
  estimateDuration,
  isUrgent,
  priceOrder,
  type CancellationPolicy,
  type PricingInput,
} from '@/lib/finance/pricing';
import { defaultSettings } from '@/lib/settings/schema';

const H = 3_600_000;
const now = new Date('2026-12-01T09:00:00Z');
const nextWeek = new Date(now.getTime() + 7 * 24 * H);

// The demo "deep cleaning" service.
const deep = {
  pricingUnit: 'per_m2' as const,
  unitPrice: 12000,
  minPrice: 500000,
  bathroomPrice: 100000,
  baseMinutes: 120,
  minutesPerUnitX100: 300,
  extras: [
    { code: 'windows', nameRu: 'Мытьё окон', nameEn: 'Windows', price: 150000, minutes: 60 },
    { code: 'fridge', nameRu: 'Холодильник', nameEn: 'Fridge', price: 80000, minutes: 30 },
  ],
};

function input(over: Partial<PricingInput> = {}): PricingInput {
  return {
    service: deep,
    options: { areaM2: 60, bathrooms: 1, extras: [] },
    grade: null,
    zone: { travelFee: 0 },
    startsAt: nextWeek,
    now,
    discountBp: 0,
    gradeCoefficientsBp: defaultSettings.gradeCoefficientsBp,
    urgency: defaultSettings.urgency,
    ...over,
  };
}

const sum = (lines: { amount: number }[]) => lines.reduce((a, l) => a + l.amount, 0);

describe('priceOrder', () => {
  it('estimates a plain order at the standard grade: one base line', () => {
    const r = priceOrder(input());
    // 60 m² × 120.00 ₽ = 7 200.00 ₽ = 720 000 kopecks ≥ min 500 000; standard grade is ×1.0 → no grade line.
    expect(r.lines).toEqual([
      { code: 'base', labelRu: 'Площадь, м²', labelEn: 'Area, m²', quantity: 60, unitPrice: 12000, amount: 720000 },
    ]);
    expect(r.total).toBe(720000);
  });

  it('raises a small order to the minimum price', () => {
    const r = priceOrder(input({ options: { areaM2: 20, extras: [] } }));
    // 20 × 12 000 = 240 000 < 500 000 minimum → one base_min line of 500 000.
    expect(r.lines.map((l) => [l.code, l.amount])).toEqual([['base_min', 500000]]);
    expect(r.total).toBe(500000);
  });

  it('itemises bathrooms beyond the first, extras, grade, urgency, travel and discount; lines sum to the total', () => {
    const r = priceOrder(
      input({
        options: { areaM2: 75, bathrooms: 3, extras: ['windows', 'fridge', 'windows'] },
        grade: 'senior',
        zone: { travelFee: 25000 },
        startsAt: new Date(now.getTime() + 5 * H),
        discountBp: 500,
      }),
    );
    // base 75 × 12 000 = 900 000; bathrooms (3 − 1) × 100 000 = 200 000; windows 150 000 (once); fridge 80 000
    // work = 1 330 000; senior +20 % = 266 000 → 1 596 000; urgent (5 h < 24 h) +20 % = 319 200;
    // travel 25 000 → 1 940 200; discount 5 % = 97 010 → total 1 843 190.
    expect(r.lines.map((l) => [l.code, l.amount])).toEqual([
      ['base', 900000],
      ['bathrooms', 200000],
      ['extra:windows', 150000],
      ['extra:fridge', 80000],
      ['grade', 266000],
      ['urgency', 319200],
      ['travel', 25000],
      ['discount', -97010],
    ]);
    expect(r.total).toBe(1843190);
    expect(sum(r.lines)).toBe(r.total);
  });

  it('prices a junior below the estimate', () => {
    const r = priceOrder(input({ grade: 'junior' }));
    // 720 000 × (9 000 − 10 000) / 10 000 = −72 000 → 648 000.
    expect(r.lines.map((l) => [l.code, l.amount])).toEqual([
      ['base', 720000],
      ['grade', -72000],
    ]);
    expect(r.total).toBe(648000);
  });

  it('rounds each percentage once, half away from zero, and still sums', () => {
    const r = priceOrder(
      input({
        service: { ...deep, unitPrice: 12345, minPrice: 0 },
        options: { areaM2: 7, extras: [] },
        grade: 'junior',
        discountBp: 333,
      }),
    );
    // base 7 × 12 345 = 86 415; junior −10 % = −8 641.5 → −8 642 → 77 773; discount 3.33 % of 77 773 = 2 589.84 → −2 590.
    expect(r.lines.map((l) => l.amount)).toEqual([86415, -8642, -2590]);
    expect(r.total).toBe(75183);
    expect(sum(r.lines)).toBe(r.total);
  });

  it('prices per room, per hour and fixed services', () => {
    const perRoom = { ...deep, pricingUnit: 'per_room' as const, unitPrice: 90000, minPrice: 0, bathroomPrice: 0 };
    // 3 rooms × 90 000 = 270 000.
    expect(priceOrder(input({ service: perRoom, options: { rooms: 3, extras: [] } })).total).toBe(270000);
    const perHour = { ...perRoom, pricingUnit: 'per_hour' as const, unitPrice: 70000 };
    // 4 h × 70 000 = 280 000.
    expect(priceOrder(input({ service: perHour, options: { hours: 4, extras: [] } })).total).toBe(280000);
    const fixed = { ...perRoom, pricingUnit: 'fixed' as const, unitPrice: 300000 };
    expect(priceOrder(input({ service: fixed, options: { extras: [] } })).total).toBe(300000);
  });

  it('refuses a missing quantity or an unknown extra', () => {
    expect(() => priceOrder(input({ options: { extras: [] } }))).toThrow(RangeError);
    expect(() => priceOrder(input({ options: { areaM2: 50, extras: ['sauna'] } }))).toThrow(/unknown extra/);
  });

  it('applies urgency strictly under the window', () => {
    const u = defaultSettings.urgency;
    expect(isUrgent(new Date(now.getTime() + 24 * H), now, u)).toBe(false);
    expect(isUrgent(new Date(now.getTime() + 24 * H - 1), now, u)).toBe(true);
  });
});

describe('cancellationFee', () => {
  const policy: CancellationPolicy = { freeHours: 24, fullPriceHours: 2, lateFeeBp: 3000 };
  const start = new Date('2026-12-10T07:00:00Z');
  const before = (ms: number) => new Date(start.getTime() - ms);
  const price = 720000;

  it('is free at exactly 24 h and more', () => {
    expect(cancellationTier(policy, start, before(24 * H))).toBe('free');
    expect(cancellationFee(policy, start, before(24 * H), price)).toBe(0);
    expect(cancellationFee(policy, start, before(72 * H), price)).toBe(0);
  });

  it('charges the late fee just under 24 h and at exactly 2 h', () => {
    // 30 % of 720 000 = 216 000.
    expect(cancellationFee(policy, start, before(24 * H - 1), price)).toBe(216000);
    expect(cancellationTier(policy, start, before(2 * H))).toBe('late');
    expect(cancellationFee(policy, start, before(2 * H), price)).toBe(216000);
  });

  it('charges the full price under 2 h and after the start', () => {
    expect(cancellationFee(policy, start, before(2 * H - 1), price)).toBe(720000);
    expect(cancellationFee(policy, start, new Date(start.getTime() + H), price)).toBe(720000);
  });

  it('rounds the late fee once', () => {
    // 30 % of 12 345 = 3 703.5 → 3 704.
    expect(cancellationFee(policy, start, before(10 * H), 12345)).toBe(3704);
  });

  it('is free within the grace period after booking, whatever the start time, and only then', () => {
    const graced: CancellationPolicy = { ...policy, graceMinutes: 10 };
    // An urgent job booked 3 h before its start, cancelled 1 min later: free (would be 30 % without grace).
    const bookedAt = before(3 * H);
    const oneMinuteLater = new Date(bookedAt.getTime() + 60_000);
    expect(cancellationTier(graced, start, oneMinuteLater, bookedAt)).toBe('free');
    expect(cancellationFee(graced, start, oneMinuteLater, price, bookedAt)).toBe(0);
    // Exactly 10 min after booking is still inside; a millisecond later the policy applies: 30 % of 720 000.
    const tenMinutes = new Date(bookedAt.getTime() + 10 * 60_000);
    expect(cancellationFee(graced, start, tenMinutes, price, bookedAt)).toBe(0);
    expect(cancellationFee(graced, start, new Date(tenMinutes.getTime() + 1), price, bookedAt)).toBe(216000);
    // Without a grace period (0 or unset) the policy applies at once.
    expect(cancellationFee({ ...policy, graceMinutes: 0 }, start, oneMinuteLater, price, bookedAt)).toBe(216000);
    expect(cancellationFee(policy, start, oneMinuteLater, price, bookedAt)).toBe(216000);
  });
});

describe('estimateDuration', () => {
  it('adds minutes per m² and extras, rounded up to a quarter hour', () => {
    // 120 + 60 × 3 = 300 min; + windows 60 = 360 → 6 h.
    expect(estimateDuration(deep, { areaM2: 60, extras: ['windows'] })).toBe(360);
    // 120 + 47 × 3 = 261 → 270 (next quarter hour).
    expect(estimateDuration(deep, { areaM2: 47, extras: [] })).toBe(270);
    // 1.5 min/m²: 60 + ceil(33 × 1.5 = 49.5) = 110 → 120.
    expect(estimateDuration({ ...deep, baseMinutes: 60, minutesPerUnitX100: 150 }, { areaM2: 33, extras: [] })).toBe(
      120,
    );
  });
  it('uses booked hours for per-hour services and baseMinutes for fixed ones', () => {
    expect(estimateDuration({ ...deep, pricingUnit: 'per_hour' }, { hours: 3, extras: ['fridge'] })).toBe(210);
    expect(estimateDuration({ ...deep, pricingUnit: 'fixed' }, { extras: [] })).toBe(120);
  });
});
