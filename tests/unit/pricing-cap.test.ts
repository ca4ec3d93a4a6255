import { describe, expect, it } from 'vitest';
import { capPrice, PRICE_CAP_LINE } from '@/lib/finance/shared';
import { pairCost, PRICE_CAP_POINTS } from '@/lib/matching/cost';

const price = { lines: [{ code: 'base', labelRu: 'Уборка', labelEn: 'Cleaning', amount: 360_000 }], total: 360_000 };

describe('the client’s price cap', () => {
  it('within the cap (or none), the price is untouched', () => {
    expect(capPrice(price, null, 'absorb')).toEqual({ ...price, consent: null });
    expect(capPrice(price, 360_000, 'ask')).toEqual({ ...price, consent: null });
  });

  it('absorb: a discount line of the difference brings the total to the cap', () => {
    const capped = capPrice(price, 300_000, 'absorb');
    // 3 600 ₽ − 3 000 ₽ = 600 ₽ off.
    expect(capped.total).toBe(300_000);
    expect(capped.lines.at(-1)).toMatchObject({ code: PRICE_CAP_LINE, amount: -60_000 });
    expect(capped.consent).toBeNull();
  });

  it('ask: the price stays and waits for the client’s consent', () => {
    expect(capPrice(price, 300_000, 'ask')).toEqual({ ...price, consent: 'pending' });
  });

  it('matching adds its price-cap points only to the grades above the cap', () => {
    const base = {
      order: { start: new Date(0), end: new Date(7_200_000), zoneId: 'z', minGrade: 'junior' as const },
      worker: { grade: 'senior' as const, homeZoneId: null, weeklyHoursTarget: 30, busy: [] },
      weekHours: 0,
      stats: { ratingSum: 0, ratingCount: 0, completed: 0, failed: 0 },
      clientRating: null,
      zones: new Map(),
      weights: { travelPerKm: 1, workload: 10, quality: 10, continuity: 5, seniority: 3 },
    };
    const free = pairCost(base);
    const over = pairCost({ ...base, order: { ...base.order, overCapGrades: new Set(['senior' as const]) } });
    expect(over.total - free.total).toBe(PRICE_CAP_POINTS);
    expect(over.overCap).toBe(true);
    expect(free.overCap).toBeUndefined();
  });
});
