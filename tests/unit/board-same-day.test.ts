// The board's same-day test for consecutive blocks (a buffer is due only between jobs of one company-zone day):
// by the days' midnights inside the board's period, by conversion outside it, the same answers either way.
import { describe, expect, it } from 'vitest';
import { sameZonedDay } from '@/lib/board/load-board';
import { toDateString } from '@/lib/time';

describe('sameZonedDay', () => {
  it('agrees with converting each instant, around midnights, a DST change and outside the period', () => {
    for (const tz of ['Europe/Moscow', 'America/New_York']) {
      // The week of 2 March 2026; New York moves its clocks on 8 March, the Sunday.
      const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];
      const same = sameZonedDay(days, tz);
      const start = Date.parse('2026-02-28T00:00:00Z');
      // Every 37 minutes over eleven days, each against the instants 1 minute to 26 hours later.
      for (let t = start; t < start + 11 * 86_400_000; t += 37 * 60_000)
        for (const later of [60_000, 3_600_000, 5 * 3_600_000, 26 * 3_600_000]) {
          const a = new Date(t);
          const b = new Date(t + later);
          expect(same(a, b), `${tz} ${a.toISOString()} ${b.toISOString()}`).toBe(
            toDateString(a, tz) === toDateString(b, tz),
          );
        }
    }
  });

  it('tells 23:59 and 00:01 of the company zone apart, and two hours of one day alike', () => {
    const same = sameZonedDay(['2026-03-02', '2026-03-03'], 'Europe/Moscow');
    // Moscow is UTC+3: 20:59 UTC is 23:59 there, 21:01 UTC is 00:01 the next day.
    expect(same(new Date('2026-03-02T20:59:00Z'), new Date('2026-03-02T21:01:00Z'))).toBe(false);
    expect(same(new Date('2026-03-02T06:00:00Z'), new Date('2026-03-02T08:00:00Z'))).toBe(true);
  });
});
