import { describe, expect, it } from 'vitest';
import {
  dimensions,
  groupBy,
  performanceMetrics,
  sortPerformance,
  teamMetrics,
  toCsv,
  totals,
  type CubeRow,
  type PerformanceRaw,
} from '@/lib/quality/analytics';
import { periodParam, withParams } from '@/lib/quality/period';

// A hand-made month: 20 closed orders over two weeks, two services (S1, S2), two zones (Z1, Z2), workers W1, W2 and one never assigned.
const cube: CubeRow[] = [
  { status: 'completed', reasonCode: null, serviceId: 'S1', zoneId: 'Z1', workerId: 'W1', week: '2030-01-07', n: 6 },
  { status: 'completed', reasonCode: null, serviceId: 'S2', zoneId: 'Z2', workerId: 'W2', week: '2030-01-14', n: 5 },
  { status: 'failed', reasonCode: 'no_show', serviceId: 'S1', zoneId: 'Z1', workerId: 'W2', week: '2030-01-07', n: 2 },
  {
    status: 'failed',
    reasonCode: 'poor_quality',
    serviceId: 'S2',
    zoneId: 'Z1',
    workerId: 'W1',
    week: '2030-01-14',
    n: 1,
  },
  {
    status: 'cancelled',
    reasonCode: 'plans_changed',
    serviceId: 'S1',
    zoneId: 'Z2',
    workerId: null,
    week: '2030-01-07',
    n: 3,
  },
  {
    status: 'cancelled',
    reasonCode: 'plans_changed',
    serviceId: 'S2',
    zoneId: 'Z2',
    workerId: 'W2',
    week: '2030-01-14',
    n: 1,
  },
  { status: 'cancelled', reasonCode: null, serviceId: 'S2', zoneId: 'Z1', workerId: null, week: '2030-01-14', n: 2 },
];

describe('failure analysis post-processing', () => {
  it('totals: 20 orders, 11 completed, 3 failed (15 %), 6 cancelled (30 %)', () => {
    expect(totals(cube)).toEqual({
      key: 'total',
      total: 20,
      completed: 11,
      cancelled: 6,
      failed: 3,
      cancelRateBp: 3000,
      failRateBp: 1500,
    });
  });

  it('by reason: shares of all 20 orders that add up to the totals', () => {
    const g = groupBy(cube, 'reason');
    // plans_changed 3+1 = 4 cancelled → 4/20 = 20 %; no reason 2 → 10 %; no_show 2 → 10 %; poor_quality 1 → 5 %.
    expect(g.map((x) => [x.key, x.total, x.cancelRateBp, x.failRateBp])).toEqual([
      ['cancelled:plans_changed', 4, 2000, 0],
      ['cancelled:—', 2, 1000, 0],
      ['failed:no_show', 2, 0, 1000],
      ['failed:poor_quality', 1, 0, 500],
    ]);
    expect(g.reduce((s, x) => s + x.cancelRateBp, 0)).toBe(totals(cube).cancelRateBp);
    expect(g.reduce((s, x) => s + x.failRateBp, 0)).toBe(totals(cube).failRateBp);
  });

  it('by service: S1 has 11 orders (2 failed, 3 cancelled), S2 has 9 (1 failed, 3 cancelled)', () => {
    const g = groupBy(cube, 'service');
    // S1: 6+2+3 = 11; failed 2/11 = 18.18 % → 1818 bp; cancelled 3/11 = 27.27 % → 2727 bp.
    // S2: 5+1+1+2 = 9; failed 1/9 = 11.11 % → 1111 bp; cancelled 3/9 = 33.33 % → 3333 bp.
    expect(g.map((x) => [x.key, x.total, x.failed, x.failRateBp, x.cancelled, x.cancelRateBp])).toEqual([
      ['S1', 11, 2, 1818, 3, 2727],
      ['S2', 9, 1, 1111, 3, 3333],
    ]);
  });

  it('by zone, worker and week', () => {
    // Z1: 6 + 2 + 1 + 2 = 11 orders; failed no_show 2 + poor_quality 1 = 3; cancelled 2. Z2: 5 + 3 + 1 = 9; cancelled 4.
    expect(groupBy(cube, 'zone').map((x) => [x.key, x.total, x.failed, x.cancelled])).toEqual([
      ['Z1', 11, 3, 2],
      ['Z2', 9, 0, 4],
    ]);
    // Unassigned orders are their own row: 3 + 2 = 5 cancelled.
    expect(groupBy(cube, 'worker').map((x) => [x.key, x.total, x.failed, x.cancelled])).toEqual([
      ['—', 5, 0, 5],
      ['W2', 8, 2, 1],
      ['W1', 7, 1, 0],
    ]);
    // Weeks in time order: 6+2+3 = 11 and 5+1+1+2 = 9.
    expect(groupBy(cube, 'week').map((x) => [x.key, x.total, x.completed])).toEqual([
      ['2030-01-07', 11, 6],
      ['2030-01-14', 9, 5],
    ]);
  });

  it('gives the same groups from GROUPING SETS rows (one set per dimension) as from the full cells', () => {
    // What the SQL returns: for each dimension, the orders summed by (status, that dimension) only.
    const sets: CubeRow[] = dimensions.flatMap((dim) => {
      const sums = new Map<string, CubeRow>();
      for (const r of cube) {
        const value = { reason: r.reasonCode, service: r.serviceId, zone: r.zoneId, worker: r.workerId, week: r.week }[
          dim
        ];
        const k = `${r.status}|${value}`;
        const row = sums.get(k) ?? {
          set: dim,
          status: r.status,
          reasonCode: dim === 'reason' ? r.reasonCode : null,
          serviceId: dim === 'service' ? r.serviceId : '',
          zoneId: dim === 'zone' ? r.zoneId : '',
          workerId: dim === 'worker' ? r.workerId : null,
          week: dim === 'week' ? r.week : '',
          n: 0,
        };
        row.n += r.n;
        sums.set(k, row);
      }
      return [...sums.values()];
    });
    for (const dim of dimensions) expect(groupBy(sets, dim)).toEqual(groupBy(cube, dim));
    expect(totals(sets)).toEqual(totals(cube));
  });

  it('an empty period has zero rates, not a division by zero', () => {
    expect(totals([])).toMatchObject({ total: 0, cancelRateBp: 0, failRateBp: 0 });
    expect(groupBy([], 'reason')).toEqual([]);
  });
});

describe('worker performance post-processing', () => {
  const w1: PerformanceRaw = {
    workerId: 'W1',
    completed: 9,
    failed: 1,
    cancelled: 2,
    declined: 3,
    starts: 10,
    onTimeStarts: 8,
    ratingSum: 42,
    ratingCount: 9,
    scoreSum: 16_000,
    scoreCount: 2,
    fines: 50_000,
  };
  const w2: PerformanceRaw = {
    workerId: 'W2',
    completed: 1,
    failed: 1,
    cancelled: 0,
    declined: 0,
    starts: 2,
    onTimeStarts: 1,
    ratingSum: 0,
    ratingCount: 0,
    scoreSum: 0,
    scoreCount: 0,
    fines: 0,
  };

  it('computes the rates of one worker', () => {
    expect(performanceMetrics(w1)).toMatchObject({
      completionRateBp: 9000, // 9 / (9 + 1)
      failureRateBp: 1000, // 1 / 10
      declineRateBp: 2000, // 3 / (3 + 9 + 1 + 2) = 3 / 15
      onTimeRateBp: 8000, // 8 / 10
      avgRatingX100: 467, // 42 / 9 = 4.666… → 4.67
      avgScoreBp: 8000, // 16 000 / 2
    });
    expect(performanceMetrics(w2)).toMatchObject({
      completionRateBp: 5000,
      declineRateBp: 0,
      avgRatingX100: null,
      avgScoreBp: null,
    });
  });

  it('team rates come from summed counts, not averaged rates', () => {
    // Completed 10 of 12 closed → 8333 bp (the mean of 90 % and 50 % would be 70 %).
    expect(teamMetrics([w1, w2])).toMatchObject({
      completed: 10,
      failed: 2,
      completionRateBp: 8333,
      onTimeRateBp: 7500,
      fines: 50_000,
      avgRatingX100: 467,
    });
  });

  it('sorts with missing values last in both directions', () => {
    const rows = [
      { ...performanceMetrics(w1), name: 'Анна' },
      { ...performanceMetrics(w2), name: 'Борис' },
    ];
    expect(sortPerformance(rows, 'avgRatingX100', 'asc').map((r) => r.name)).toEqual(['Анна', 'Борис']);
    expect(sortPerformance(rows, 'avgRatingX100', 'desc').map((r) => r.name)).toEqual(['Анна', 'Борис']);
    expect(sortPerformance(rows, 'failureRateBp', 'desc').map((r) => r.name)).toEqual(['Борис', 'Анна']);
  });
});

describe('URL and CSV helpers', () => {
  it('reads the period from the URL with a default and a swap', () => {
    expect(periodParam({}, '2030-01-31', 30)).toEqual({ from: '2030-01-02', to: '2030-01-31' });
    expect(periodParam({ from: '2030-02-10', to: '2030-02-01' }, '2030-01-31')).toEqual({
      from: '2030-02-01',
      to: '2030-02-10',
    });
    expect(withParams({ a: '1', key: 'x' }, { key: undefined, dim: 'week' })).toBe('?a=1&dim=week');
  });

  it('quotes CSV cells and neutralises formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=SUM(A1)'],
          [null, 3],
        ],
      ),
    ).toBe('a,b\r\n"x,y",\'=SUM(A1)\r\n,3\r\n');
  });
});
