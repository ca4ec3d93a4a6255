import { describe, expect, it } from 'vitest';
import {
  isMonday,
  lastClosedMonth,
  lastClosedWeek,
  monthBounds,
  previousMonth,
  weekBounds,
} from '@/lib/scheduler/periods';

const MSK = 'Europe/Moscow';

describe('scheduler periods (company time zone)', () => {
  it('the last closed week is the Monday of the week before, by the zone’s calendar', () => {
    // Monday 2026-11-23 00:30 Moscow is still Sunday 21:30 UTC.
    expect(lastClosedWeek(new Date('2026-11-22T21:30:00Z'), MSK)).toBe('2026-11-16');
    // Sunday 23:59 Moscow: the current week has not closed yet.
    expect(lastClosedWeek(new Date('2026-11-22T20:59:00Z'), MSK)).toBe('2026-11-09');
    expect(lastClosedWeek(new Date('2026-11-22T21:30:00Z'), 'UTC')).toBe('2026-11-09');
  });

  it('week bounds are local midnights, DST included', () => {
    expect(weekBounds('2026-11-16', MSK)).toEqual({
      start: new Date('2026-11-15T21:00:00Z'),
      end: new Date('2026-11-22T21:00:00Z'),
    });
    // Berlin leaves summer time on Sunday 2026-10-25: that week is 169 hours long.
    const { start, end } = weekBounds('2026-10-19', 'Europe/Berlin');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(169);
  });

  it('months: last closed, bounds and the one before', () => {
    expect(lastClosedMonth(new Date('2026-11-30T21:30:00Z'), MSK)).toBe('2026-11'); // 1 Dec 00:30 Moscow
    expect(lastClosedMonth(new Date('2026-01-01T03:00:00Z'), MSK)).toBe('2025-12');
    expect(monthBounds('2026-12', MSK)).toEqual({
      start: new Date('2026-11-30T21:00:00Z'),
      end: new Date('2026-12-31T21:00:00Z'),
    });
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('a week period must be a Monday', () => {
    expect(isMonday('2026-11-16')).toBe(true);
    expect(isMonday('2026-11-17')).toBe(false);
    expect(isMonday('nonsense')).toBe(false);
  });
});
