import { describe, expect, it } from 'vitest';
import { applyBasisPoints, mulDiv, roundMinor } from '@/lib/money';
import { addDays, fromWallTime, mondayOf, toDateString, toWallTime } from '@/lib/time';

describe('money', () => {
  it('rounds half away from zero', () => {
    expect(roundMinor(2.5)).toBe(3);
    expect(roundMinor(-2.5)).toBe(-3);
    expect(roundMinor(2.4999)).toBe(2);
  });
  it('applies basis points once', () => {
    // 15% of 333.33 RUB = 33333 × 1500 / 10000 = 4999.95 → 5000 kopecks
    expect(applyBasisPoints(33333, 1500)).toBe(5000);
    // 1/3 of 100 kopecks = 33.33 → 33
    expect(mulDiv(100, 1, 3)).toBe(33);
  });
});

describe('company time zone', () => {
  it('Moscow wall time maps to UTC+3', () => {
    expect(fromWallTime({ year: 2026, month: 11, day: 30, hour: 9, minute: 0 }, 'Europe/Moscow').toISOString()).toBe(
      '2026-11-30T06:00:00.000Z',
    );
  });
  it('crosses a daylight-saving change (Berlin, 29 March 2026)', () => {
    // 01:30 is CET (UTC+1); 03:30 the same day is CEST (UTC+2); 02:30 does not exist and moves forward.
    expect(fromWallTime({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(fromWallTime({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(fromWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });
  it('reads wall time and weekday', () => {
    const w = toWallTime(new Date('2026-11-29T20:59:00Z'), 'Europe/Moscow');
    expect([w.day, w.hour, w.minute, w.weekday]).toEqual([29, 23, 59, 7]);
    expect(toDateString(new Date('2026-11-29T21:00:00Z'), 'Europe/Moscow')).toBe('2026-11-30');
  });
  it('date arithmetic', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });
});
