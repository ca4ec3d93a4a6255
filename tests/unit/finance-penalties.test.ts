import { describe, expect, it } from 'vitest';
import {
  defaultPenaltyBands,
  failPenalty,
  failRule,
  lateDeclinePenalty,
  latenessPenalty,
  type PenaltyBand,
} from '@/lib/finance/penalties';
import { failureReasons } from '@/lib/quality/schemas';
import { ruleText } from '@/lib/finance/rule-text';

const pay = 185_000; // 55 % of 3 000 ₽ work + 200 ₽ travel, in kopecks
const none: PenaltyBand[] = [];

describe('lateness at start (band (from, to]: up to 30 min 10 %, over 30 min 30 %)', () => {
  it.each([
    [0, null],
    [-5, null],
    [0.5, 18_500], // 10 % × 185 000
    [1, 18_500],
    [29, 18_500],
    [30, 18_500], // exactly 30 min is still "up to 30"
    [30.01, 55_500], // 30 % × 185 000
    [31, 55_500],
    [240, 55_500],
  ])('%s min late → %s', (minutes, expected) => {
    expect(latenessPenalty(none, minutes, pay)?.amount ?? null).toBe(expected);
  });
});

describe('late decline (band [from, to): ≥ 24 h none; 18–24 30 %; 12–18 50 %; 6–12 80 %; < 6 h 100 %)', () => {
  it.each([
    [48, null],
    [24, null], // exactly 24 h before: no fine
    [23.99, 55_500], // 30 % × 185 000
    [18, 55_500], // exactly 18 h: still the 24–18 band
    [17.99, 92_500], // 50 %
    [12, 92_500],
    [11.99, 148_000], // 80 %
    [6, 148_000],
    [5.99, 185_000], // 100 %
    [0, 185_000],
    [-2, 185_000], // after the start: as under 6 h
  ])('%s h before → %s', (hours, expected) => {
    expect(lateDeclinePenalty(none, hours, pay)?.amount ?? null).toBe(expected);
  });
});

describe('rules table', () => {
  it("an admin's bands replace the defaults for that rule; an inactive band fines nothing", () => {
    const table: PenaltyBand[] = [
      { rule: 'lateness', fromValue: 0, toValue: 15, rateBp: 0, fixedAmount: 0, active: true },
      { rule: 'lateness', fromValue: 15, toValue: null, rateBp: 2_000, fixedAmount: 10_000, active: true },
    ];
    expect(latenessPenalty(table, 10, pay)).toBeNull();
    // 20 % × 185 000 + 10 000 fixed = 47 000
    expect(latenessPenalty(table, 16, pay)?.amount).toBe(47_000);
    const off = defaultPenaltyBands.map((b) => ({ ...b, active: false }));
    expect(lateDeclinePenalty(off, 1, pay)).toBeNull();
    // the lateness defaults still apply when the table has only other rules
    expect(
      latenessPenalty(
        off.filter((b) => b.rule !== 'lateness'),
        5,
        pay,
      )?.amount,
    ).toBe(18_500);
  });

  it('no-show fails fine the whole pay; other reasons have no automatic fine', () => {
    expect(failPenalty(none, 'no_show', pay)?.amount).toBe(185_000);
    expect(failPenalty(none, 'quality', pay)).toBeNull();
  });

  it('rounds half away from zero once', () => {
    // 10 % × 12 345 = 1 234.5 → 1 235
    expect(latenessPenalty(none, 5, 12_345)?.amount).toBe(1_235);
  });
});

describe('rule texts', () => {
  it('reads in the reader language with one decimal', async () => {
    const { ruleText } = await import('@/lib/finance/rule-text');
    expect(ruleText('lateness', 12, 'ru')).toBe('Опоздание на 12 мин');
    expect(ruleText('late_decline', 10.5, 'ru')).toBe('Отказ за 10,5 ч до начала');
    expect(ruleText('late_decline', 10.5, 'en')).toBe('Declined 10.5 h before the start');
    expect(ruleText('fail:no_show', 0, 'en')).toBe('No-show');
  });
});

describe('a rule for every failure reason', () => {
  it('the defaults hold one rule per failure reason of lib/quality; only no-show fines out of the box', () => {
    for (const reason of failureReasons) {
      const band = defaultPenaltyBands.find((b) => b.rule === failRule(reason));
      expect(band, reason).toBeDefined();
      // 300 000 kopecks of pay: no-show fines all of it, the others nothing until an admin sets a rate.
      expect(failPenalty(defaultPenaltyBands, reason, 300_000)?.amount ?? 0).toBe(reason === 'no_show' ? 300_000 : 0);
    }
  });

  it('names every failure reason in words, never by its code', () => {
    for (const reason of failureReasons)
      for (const locale of ['ru', 'en'] as const) {
        const text = ruleText(failRule(reason), 0, locale);
        expect(text).not.toMatch(/[a-z]+_[a-z]+/);
        expect(text).not.toContain(reason);
      }
  });
});
