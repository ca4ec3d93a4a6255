import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePay, defaultPayRates } from '@/lib/finance/pay';
import { priceOrder } from '@/lib/finance/pricing';
import type { PriceLine } from '@/db/schema/orders';

const line = (code: string, amount: number): PriceLine => ({ code, labelRu: code, labelEn: code, amount });

describe('worker pay', () => {
  it('takes the share of the work lines, passes the travel fee, and ignores the discount', () => {
    const price = [
      line('base', 300_000),
      line('extra:windows', 150_000),
      line('grade', 45_000),
      line('urgency', 74_250),
      line('travel', 20_000),
      line('discount', -29_463),
    ];
    const pay = computePay(price, defaultPayRates.senior);
    // work = 300 000 + 150 000 + 45 000 + 74 250 = 569 250; 60 % = 341 550; travel 100 % = 20 000; total 361 550.
    expect(pay.lines.map((l) => [l.code, l.amount])).toEqual([
      ['work', 341_550],
      ['travel', 20_000],
    ]);
    expect(pay.total).toBe(361_550);
  });

  it('rounds the share once, half away from zero', () => {
    // 55 % × 123 457 = 67 901.35 → 67 901; travel 50 % × 333 = 166.5 → 167; total 68 068 (above the floor of 0).
    const pay = computePay([line('base', 123_457), line('travel', 333)], {
      shareBp: 5_500,
      travelShareBp: 5_000,
      minPay: 0,
    });
    expect(pay.lines.map((l) => l.amount)).toEqual([67_901, 167]);
    expect(pay.total).toBe(68_068);
  });

  it('tops up to the minimum pay', () => {
    // 50 % × 100 000 = 50 000 < 100 000: a 50 000 top-up line.
    const pay = computePay([line('base_min', 100_000)], defaultPayRates.junior);
    expect(pay.lines.map((l) => [l.code, l.amount])).toEqual([
      ['work', 50_000],
      ['minimum', 50_000],
    ]);
    expect(pay.total).toBe(100_000);
  });

  it('prices pay from the real pricing function output; lines always add up to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.constantFrom('junior' as const, 'standard' as const, 'senior' as const),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (area, travelFee, grade, discountBp, shareBp) => {
          const now = new Date('2026-03-01T09:00:00Z');
          const price = priceOrder({
            service: { pricingUnit: 'per_m2', unitPrice: 6_000, minPrice: 150_000, bathroomPrice: 0, extras: [] },
            options: { areaM2: area, extras: [] },
            grade,
            zone: { travelFee: travelFee * 100 },
            startsAt: new Date(now.getTime() + 48 * 3_600_000),
            now,
            discountBp,
            gradeCoefficientsBp: { junior: 9_000, standard: 10_000, senior: 11_500 },
            urgency: { windowHours: 24, surchargeBp: 1_500 },
          });
          const pay = computePay(price.lines, { shareBp, travelShareBp: 10_000, minPay: 100_000 });
          expect(pay.lines.reduce((s, l) => s + l.amount, 0)).toBe(pay.total);
          expect(Number.isSafeInteger(pay.total)).toBe(true);
          expect(pay.total).toBeGreaterThanOrEqual(100_000);
        },
      ),
    );
  });
});
