// Pure post-processing of the analytics queries (lib/quality/analytics-queries.ts): no database, unit-tested.

/**
 * Orders in the period with the same status and the same value of one dimension (`set`), as the GROUPING SETS
 * query returns them; without `set` a row is a full cell (every dimension given), as in hand-made fixtures.
 */
export type CubeRow = {
  set?: Dimension;
  status: string;
  reasonCode: string | null;
  serviceId: string;
  zoneId: string;
  workerId: string | null;
  /** Monday of the week in the company zone, 'YYYY-MM-DD'. */
  week: string;
  n: number;
};

export const dimensions = ['reason', 'service', 'zone', 'worker', 'week'] as const;
export type Dimension = (typeof dimensions)[number];

export type Group = {
  key: string;
  total: number;
  completed: number;
  cancelled: number;
  failed: number;
  /** Basis points of the group's orders (0..10 000), rounded once; 0 when the group has no orders. */
  cancelRateBp: number;
  failRateBp: number;
};

const NONE = '—';

function keyOf(row: CubeRow, dim: Exclude<Dimension, 'reason'>): string {
  switch (dim) {
    case 'service':
      return row.serviceId;
    case 'zone':
      return row.zoneId;
    case 'worker':
      return row.workerId ?? NONE;
    case 'week':
      return row.week;
  }
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 10_000) / whole));

/**
 * Counts and rates per value of a dimension. For service, zone, worker and week the rate is over all the
 * group's orders in the period (cancelled ÷ orders). For reason, a group holds only the cancelled and failed
 * orders with that reason, and its rates are shares of ALL orders in the period, so the reason rows add up
 * to the overall cancel and fail rates.
 */
export function groupBy(all: CubeRow[], dim: Dimension): Group[] {
  const cube = all.filter((r) => r.set === undefined || r.set === dim);
  const groups = new Map<string, Group>();
  const get = (key: string) => {
    let g = groups.get(key);
    if (!g)
      groups.set(key, (g = { key, total: 0, completed: 0, cancelled: 0, failed: 0, cancelRateBp: 0, failRateBp: 0 }));
    return g;
  };
  const allOrders = cube.reduce((s, r) => s + r.n, 0);
  for (const row of cube) {
    if (dim === 'reason') {
      if (row.status !== 'cancelled' && row.status !== 'failed') continue;
      const g = get(`${row.status}:${row.reasonCode ?? NONE}`);
      g.total += row.n;
      if (row.status === 'cancelled') g.cancelled += row.n;
      else g.failed += row.n;
      continue;
    }
    const g = get(keyOf(row, dim));
    g.total += row.n;
    if (row.status === 'completed') g.completed += row.n;
    if (row.status === 'cancelled') g.cancelled += row.n;
    if (row.status === 'failed') g.failed += row.n;
  }
  const list = [...groups.values()].map((g) => {
    const base = dim === 'reason' ? allOrders : g.total;
    return { ...g, cancelRateBp: rate(g.cancelled, base), failRateBp: rate(g.failed, base) };
  });
  // Weeks in time order; everything else worst first, then by key for a stable order.
  return dim === 'week'
    ? list.sort((a, b) => a.key.localeCompare(b.key))
    : list.sort((a, b) => b.cancelled + b.failed - (a.cancelled + a.failed) || a.key.localeCompare(b.key));
}

/** Every order once: the rows of one grouping set (any set covers all orders), or all rows of a full cube. */
export function totals(all: CubeRow[]): Group {
  const cube = all.some((r) => r.set !== undefined) ? all.filter((r) => r.set === 'week') : all;
  const t = { key: 'total', total: 0, completed: 0, cancelled: 0, failed: 0, cancelRateBp: 0, failRateBp: 0 };
  for (const r of cube) {
    t.total += r.n;
    if (r.status === 'completed') t.completed += r.n;
    if (r.status === 'cancelled') t.cancelled += r.n;
    if (r.status === 'failed') t.failed += r.n;
  }
  return { ...t, cancelRateBp: rate(t.cancelled, t.total), failRateBp: rate(t.failed, t.total) };
}

/** Raw per-worker (or per-worker-week) sums from SQL. */
export type PerformanceRaw = {
  workerId: string;
  week?: string;
  completed: number;
  failed: number;
  cancelled: number;
  declined: number;
  starts: number;
  onTimeStarts: number;
  ratingSum: number;
  ratingCount: number;
  scoreSum: number;
  scoreCount: number;
  fines: number;
};

export type PerformanceRow = PerformanceRaw & {
  /** completed ÷ (completed + failed), bp. */
  completionRateBp: number | null;
  failureRateBp: number | null;
  /** declined ÷ (declined + orders the worker kept: completed, failed, cancelled while assigned), bp. */
  declineRateBp: number | null;
  onTimeRateBp: number | null;
  /** Average client rating ×100 (e.g. 467 = 4.67); null with no ratings. */
  avgRatingX100: number | null;
  /** Average quality-form score, bp; null with no forms. */
  avgScoreBp: number | null;
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

export function performanceMetrics(raw: PerformanceRaw): PerformanceRow {
  const closed = raw.completed + raw.failed;
  const kept = raw.completed + raw.failed + raw.cancelled;
  return {
    ...raw,
    completionRateBp: ratio(raw.completed, closed),
    failureRateBp: ratio(raw.failed, closed),
    declineRateBp: ratio(raw.declined, raw.declined + kept),
    onTimeRateBp: ratio(raw.onTimeStarts, raw.starts),
    avgRatingX100: raw.ratingCount === 0 ? null : Math.round((raw.ratingSum * 100) / raw.ratingCount),
    avgScoreBp: raw.scoreCount === 0 ? null : Math.round(raw.scoreSum / raw.scoreCount),
  };
}

/** The team: the sums of every worker's counts, with rates recomputed from the sums (not an average of rates). */
export function teamMetrics(rows: PerformanceRaw[]): PerformanceRow {
  const sum = (k: keyof Omit<PerformanceRaw, 'workerId' | 'week'>) => rows.reduce((s, r) => s + r[k], 0);
  return performanceMetrics({
    workerId: 'team',
    completed: sum('completed'),
    failed: sum('failed'),
    cancelled: sum('cancelled'),
    declined: sum('declined'),
    starts: sum('starts'),
    onTimeStarts: sum('onTimeStarts'),
    ratingSum: sum('ratingSum'),
    ratingCount: sum('ratingCount'),
    scoreSum: sum('scoreSum'),
    scoreCount: sum('scoreCount'),
    fines: sum('fines'),
  });
}

export const performanceSortKeys = [
  'name',
  'completed',
  'completionRateBp',
  'failureRateBp',
  'declineRateBp',
  'onTimeRateBp',
  'avgRatingX100',
  'avgScoreBp',
  'fines',
] as const;
export type PerformanceSortKey = (typeof performanceSortKeys)[number];

/** Sorts with nulls (no data) always last, whatever the direction. */
export function sortPerformance<T extends PerformanceRow & { name: string }>(
  rows: T[],
  key: PerformanceSortKey,
  dir: 'asc' | 'desc',
): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
    return c === 0 ? a.name.localeCompare(b.name) : sign * c;
  });
}

export { toCsv } from '@/lib/csv';
