import { describe, expect, it } from 'vitest';
import { expandPlan, type PlanRule } from '@/lib/plans/recurrence';

const weekly: PlanRule = {
  firstDate: '2026-03-23',
  time: '10:00',
  frequencyWeeks: 1,
  untilDate: null,
  holidayRule: 'skip',
};
const visits = (occ: ReturnType<typeof expandPlan>) =>
  occ.flatMap((o) => (o.skipped ? [] : [[o.date, o.start.toISOString()]]));

describe('a plan’s dates', () => {
  it('keeps 10:00 on the wall clock across the Berlin DST change (UTC+1 → UTC+2 on 29 March 2026)', () => {
    const occ = expandPlan(weekly, '2026-03-23', '2026-04-06', { timeZone: 'Europe/Berlin', holidays: [] });
    expect(visits(occ)).toEqual([
      ['2026-03-23', '2026-03-23T09:00:00.000Z'],
      ['2026-03-30', '2026-03-30T08:00:00.000Z'],
      ['2026-04-06', '2026-04-06T08:00:00.000Z'],
    ]);
  });

  it('in Moscow (UTC+3, no DST) every other week, from the first visit’s weekday, up to the end date', () => {
    const rule = { ...weekly, firstDate: '2026-12-07', frequencyWeeks: 2, untilDate: '2027-01-18' };
    const occ = expandPlan(rule, '2026-12-01', '2027-03-01', { timeZone: 'Europe/Moscow', holidays: [] });
    // Mondays 14 days apart; 1 Feb would be next, but the plan ends on 18 January.
    expect(visits(occ).map(([d]) => d)).toEqual(['2026-12-07', '2026-12-21', '2027-01-04', '2027-01-18']);
    expect(visits(occ)[0][1]).toBe('2026-12-07T07:00:00.000Z');
  });

  it('every 4 weeks across month ends and a year end', () => {
    const rule = { ...weekly, firstDate: '2026-11-30', frequencyWeeks: 4 };
    const occ = expandPlan(rule, '2026-11-30', '2027-03-01', { timeZone: 'Europe/Moscow', holidays: [] });
    expect(visits(occ).map(([d]) => d)).toEqual(['2026-11-30', '2026-12-28', '2027-01-25', '2027-02-22']);
  });

  it('a holiday skips the visit or moves it to the next non-holiday; the plan date stays its key', () => {
    const holidays = ['2027-01-04', '2027-01-05'];
    const range = ['2026-12-28', '2027-01-11'] as const;
    const skip = expandPlan({ ...weekly, firstDate: '2026-12-28' }, ...range, { timeZone: 'Europe/Moscow', holidays });
    expect(skip).toContainEqual({ planDate: '2027-01-04', skipped: 'holiday' });
    const move = expandPlan({ ...weekly, firstDate: '2026-12-28', holidayRule: 'move' }, ...range, {
      timeZone: 'Europe/Moscow',
      holidays,
    });
    expect(move.find((o) => o.planDate === '2027-01-04')).toMatchObject({ date: '2027-01-06' });
    expect(visits(move).map(([d]) => d)).toEqual(['2026-12-28', '2027-01-06', '2027-01-11']);
  });

  it('dates in a pause are skipped as paused, and the plan goes on after it', () => {
    const rule = { ...weekly, firstDate: '2026-12-07', pausedFrom: '2026-12-14', pausedUntil: '2026-12-27' };
    const occ = expandPlan(rule, '2026-12-07', '2027-01-04', { timeZone: 'Europe/Moscow', holidays: [] });
    expect(occ.filter((o) => o.skipped).map((o) => o.planDate)).toEqual(['2026-12-14', '2026-12-21']);
    expect(visits(occ).map(([d]) => d)).toEqual(['2026-12-07', '2026-12-28', '2027-01-04']);
  });

  it('nothing before the first visit, nothing after the end', () => {
    expect(
      expandPlan({ ...weekly, untilDate: '2026-03-01' }, '2026-01-01', '2026-12-31', { timeZone: 'UTC', holidays: [] }),
    ).toEqual([]);
    expect(expandPlan(weekly, '2026-01-01', '2026-03-22', { timeZone: 'UTC', holidays: [] })).toEqual([]);
  });
  it('a plan booked years ago: the same dates as expanding from its first visit, across both Berlin DST changes', () => {
    // Every 2 weeks since Monday 7 January 2019: 2026-03-23 is 7 years 10 weeks on (2,632 days = 188 × 14).
    const old = { ...weekly, firstDate: '2019-01-07', frequencyWeeks: 2 };
    const berlin = { timeZone: 'Europe/Berlin', holidays: [] };
    // Spring: UTC+1 until 29 March 2026, UTC+2 after; autumn: back to UTC+1 on 25 October 2026.
    expect(visits(expandPlan(old, '2026-03-16', '2026-04-06', berlin))).toEqual([
      ['2026-03-23', '2026-03-23T09:00:00.000Z'],
      ['2026-04-06', '2026-04-06T08:00:00.000Z'],
    ]);
    expect(visits(expandPlan(old, '2026-10-12', '2026-11-05', berlin))).toEqual([
      ['2026-10-19', '2026-10-19T08:00:00.000Z'],
      ['2026-11-02', '2026-11-02T09:00:00.000Z'],
    ]);
    // A window starting between two visits (the day after the last generated date) and one on a visit.
    for (const [from, to] of [
      ['2026-03-24', '2026-05-31'],
      ['2026-04-06', '2026-04-06'],
      ['2026-10-20', '2027-01-10'],
    ]) {
      const whole = expandPlan(old, '2019-01-07', to, berlin).filter((o) => o.planDate >= from);
      expect(expandPlan(old, from, to, berlin)).toEqual(whole);
    }
  });
});
