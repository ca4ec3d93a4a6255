import { describe, expect, it } from 'vitest';
import {
  covers,
  freeIntervals,
  mergeIntervals,
  scheduleProblems,
  slotMinutes,
  subtractIntervals,
} from '@/lib/workers/availability';

const iso = (xs: { start: Date; end: Date }[]) => xs.map((x) => [x.start.toISOString(), x.end.toISOString()]);
const d = (s: string) => new Date(s);

describe('freeIntervals', () => {
  it('lays a weekly slot on Moscow days (UTC+3, no DST)', () => {
    // 2026-11-30 is a Monday. 08:00-20:00 MSK = 05:00-17:00 UTC.
    const r = freeIntervals(
      [{ weekday: 1, from: '08:00', to: '20:00' }],
      [],
      d('2026-11-30T00:00:00Z'),
      d('2026-12-07T00:00:00Z'),
      'Europe/Moscow',
    );
    expect(iso(r)).toEqual([['2026-11-30T05:00:00.000Z', '2026-11-30T17:00:00.000Z']]);
  });

  it('runs a slot across midnight (20:00-02:00) into the next day', () => {
    // Tuesday 2026-12-01 20:00 MSK (17:00Z) to Wednesday 02:00 MSK (23:00Z): six hours.
    const r = freeIntervals(
      [{ weekday: 2, from: '20:00', to: '02:00' }],
      [],
      d('2026-11-30T00:00:00Z'),
      d('2026-12-07T00:00:00Z'),
      'Europe/Moscow',
    );
    expect(iso(r)).toEqual([['2026-12-01T17:00:00.000Z', '2026-12-01T23:00:00.000Z']]);
    expect(slotMinutes({ from: '20:00', to: '02:00' })).toBe(360);
  });

  it('includes the tail of a slot that started the day before the range', () => {
    // Sunday 2026-11-29 22:00 MSK runs to Monday 03:00 MSK; the range starts Monday 00:00 MSK (Sunday 21:00Z).
    const r = freeIntervals(
      [{ weekday: 7, from: '22:00', to: '03:00' }],
      [],
      d('2026-11-29T21:00:00Z'),
      d('2026-11-30T21:00:00Z'),
      'Europe/Moscow',
    );
    expect(iso(r)).toEqual([['2026-11-29T21:00:00.000Z', '2026-11-30T00:00:00.000Z']]);
  });

  it('is one hour shorter on the spring DST change (Berlin, Sunday 29 March 2026)', () => {
    // 01:00 CET = 00:00Z; 05:00 CEST = 03:00Z: three real hours for a four-hour wall slot.
    const r = freeIntervals(
      [{ weekday: 7, from: '01:00', to: '05:00' }],
      [],
      d('2026-03-28T00:00:00Z'),
      d('2026-03-30T00:00:00Z'),
      'Europe/Berlin',
    );
    expect(iso(r)).toEqual([['2026-03-29T00:00:00.000Z', '2026-03-29T03:00:00.000Z']]);
    // The same slot a week earlier is the full four hours in CET (01:00 CET = 00:00Z … 05:00 CET = 04:00Z).
    const before = freeIntervals(
      [{ weekday: 7, from: '01:00', to: '05:00' }],
      [],
      d('2026-03-21T00:00:00Z'),
      d('2026-03-23T00:00:00Z'),
      'Europe/Berlin',
    );
    expect(iso(before)).toEqual([['2026-03-22T00:00:00.000Z', '2026-03-22T04:00:00.000Z']]);
  });

  it('is one hour longer on the autumn DST change (Berlin, Sunday 25 October 2026)', () => {
    // 01:00 CEST = 23:00Z the day before; 05:00 CET = 04:00Z: five real hours.
    const r = freeIntervals(
      [{ weekday: 7, from: '01:00', to: '05:00' }],
      [],
      d('2026-10-24T00:00:00Z'),
      d('2026-10-26T00:00:00Z'),
      'Europe/Berlin',
    );
    expect(iso(r)).toEqual([['2026-10-24T23:00:00.000Z', '2026-10-25T04:00:00.000Z']]);
  });

  it('keeps wall times across the DST change for an overnight slot (Saturday 22:00-06:00, Berlin, 28-29 March 2026)', () => {
    // 22:00 CET Saturday = 21:00Z; 06:00 CEST Sunday = 04:00Z: seven real hours for eight wall hours.
    const r = freeIntervals(
      [{ weekday: 6, from: '22:00', to: '06:00' }],
      [],
      d('2026-03-28T00:00:00Z'),
      d('2026-03-30T00:00:00Z'),
      'Europe/Berlin',
    );
    expect(iso(r)).toEqual([['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z']]);
  });

  it('daytime slots stay at the same wall time after the change (09:00 CET vs 09:00 CEST)', () => {
    const slots = [
      { weekday: 6, from: '09:00', to: '17:00' },
      { weekday: 1, from: '09:00', to: '17:00' },
    ];
    const r = freeIntervals(slots, [], d('2026-03-28T00:00:00Z'), d('2026-03-31T00:00:00Z'), 'Europe/Berlin');
    expect(iso(r)).toEqual([
      ['2026-03-28T08:00:00.000Z', '2026-03-28T16:00:00.000Z'],
      ['2026-03-30T07:00:00.000Z', '2026-03-30T15:00:00.000Z'],
    ]);
  });

  it('removes whole days off and cuts an overnight slot at the midnight the day off starts', () => {
    const slots = [1, 2, 3].map((weekday) => ({ weekday, from: '20:00', to: '02:00' }));
    // Tuesday 2026-12-01 off (its 24 hours, 2026-11-30T21:00Z … 2026-12-01T21:00Z): Monday's slot ends at
    // Tuesday 00:00 MSK; Tuesday's slot keeps only its Wednesday part 00:00-02:00 MSK (21:00Z-23:00Z).
    const r = freeIntervals(
      slots,
      [{ fromDate: '2026-12-01', toDate: '2026-12-01' }],
      d('2026-11-30T00:00:00Z'),
      d('2026-12-03T21:00:00Z'),
      'Europe/Moscow',
    );
    expect(iso(r)).toEqual([
      ['2026-11-30T17:00:00.000Z', '2026-11-30T21:00:00.000Z'],
      ['2026-12-01T21:00:00.000Z', '2026-12-01T23:00:00.000Z'],
      ['2026-12-02T17:00:00.000Z', '2026-12-02T23:00:00.000Z'],
    ]);
  });

  it('clips to the asked range and merges touching slots', () => {
    const slots = [
      { weekday: 1, from: '08:00', to: '12:00' },
      { weekday: 1, from: '12:00', to: '20:00' },
    ];
    const r = freeIntervals(slots, [], d('2026-11-30T06:00:00Z'), d('2026-11-30T10:00:00Z'), 'Europe/Moscow');
    expect(iso(r)).toEqual([['2026-11-30T06:00:00.000Z', '2026-11-30T10:00:00.000Z']]);
  });

  it('00:00-00:00 is a whole day', () => {
    const r = freeIntervals(
      [{ weekday: 1, from: '00:00', to: '00:00' }],
      [],
      d('2026-11-29T00:00:00Z'),
      d('2026-12-02T00:00:00Z'),
      'Europe/Moscow',
    );
    expect(iso(r)).toEqual([['2026-11-29T21:00:00.000Z', '2026-11-30T21:00:00.000Z']]);
  });
});

describe('interval helpers', () => {
  it('covers only when one interval holds the whole range', () => {
    const free = [{ start: d('2026-01-01T08:00:00Z'), end: d('2026-01-01T12:00:00Z') }];
    expect(covers(free, d('2026-01-01T08:00:00Z'), d('2026-01-01T12:00:00Z'))).toBe(true);
    expect(covers(free, d('2026-01-01T11:00:00Z'), d('2026-01-01T12:01:00Z'))).toBe(false);
  });
  it('subtracts and merges', () => {
    const a = [{ start: d('2026-01-01T00:00:00Z'), end: d('2026-01-01T10:00:00Z') }];
    const cut = [{ start: d('2026-01-01T02:00:00Z'), end: d('2026-01-01T03:00:00Z') }];
    expect(iso(subtractIntervals(a, cut))).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-01-01T02:00:00.000Z'],
      ['2026-01-01T03:00:00.000Z', '2026-01-01T10:00:00.000Z'],
    ]);
    expect(mergeIntervals([...subtractIntervals(a, cut), ...cut]).length).toBe(1);
  });
  it('rejects overlapping or malformed weekly slots, including Sunday night into Monday', () => {
    expect(scheduleProblems([{ weekday: 1, from: '08:00', to: '20:00' }])).toEqual([]);
    expect(scheduleProblems([{ weekday: 1, from: '25:00', to: '20:00' }])).toEqual(['0:time']);
    expect(scheduleProblems([{ weekday: 8, from: '08:00', to: '20:00' }])).toEqual(['0:weekday']);
    expect(
      scheduleProblems([
        { weekday: 7, from: '22:00', to: '03:00' },
        { weekday: 1, from: '02:00', to: '10:00' },
      ]),
    ).toEqual(['overlap']);
    expect(
      scheduleProblems([
        { weekday: 7, from: '22:00', to: '03:00' },
        { weekday: 1, from: '03:00', to: '10:00' },
      ]),
    ).toEqual([]);
  });
});
