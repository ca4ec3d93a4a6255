import type { Grade } from '@/db/schema/workers';
import type { StoredCostTerms } from '@/db/schema/matching';
import { gradeGap } from './eligibility';
import type { BusyJob, CostWeights, WorkerStats, ZonePoint } from './types';

// Each cost term is a pure function returning cost points (lower is better). The weights (settings
// matchingWeights) make one point of each term comparable: by default 1 km of travel = 1 point, a full
// week of workload = 10, a poor worker's quality = up to 20, no continuity = 5, each grade above the need = 3.

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two points, in km. */
export function haversineKm(a: ZonePoint, b: ZonePoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Jobs within this many hours before or after count as the same working day's route. */
const ROUTE_WINDOW_MS = 12 * 3_600_000;

/**
 * Extra kilometres the worker travels to take the order: from the previous job of the day (or home) to the
 * order, and on to the next job of the day instead of going there directly.
 */
export function travelKm(
  order: { start: Date; end: Date; zoneId: string },
  busy: readonly BusyJob[],
  homeZoneId: string | null,
  zones: ReadonlyMap<string, ZonePoint>,
): number {
  const here = zones.get(order.zoneId);
  if (!here) return 0;
  let prev: BusyJob | undefined;
  let next: BusyJob | undefined;
  for (const job of busy) {
    if (
      job.end <= order.start &&
      order.start.getTime() - job.end.getTime() <= ROUTE_WINDOW_MS &&
      (!prev || job.end > prev.end)
    )
      prev = job;
    if (
      job.start >= order.end &&
      job.start.getTime() - order.end.getTime() <= ROUTE_WINDOW_MS &&
      (!next || job.start < next.start)
    )
      next = job;
  }
  const from = (prev && zones.get(prev.zoneId)) ?? (homeZoneId ? zones.get(homeZoneId) : undefined) ?? here;
  const to = next ? zones.get(next.zoneId) : undefined;
  const detour = haversineKm(from, here) + (to ? haversineKm(here, to) - haversineKm(from, to) : 0);
  return Math.max(0, detour);
}

/**
 * Workload balance: the share of the weekly target the worker would reach with this order. Linear up to the
 * target (so the less loaded worker wins), three times steeper beyond it.
 */
export function workloadTerm(weekHours: number, orderHours: number, targetHours: number): number {
  const load = (weekHours + orderHours) / Math.max(1, targetHours);
  return load <= 1 ? load : 1 + 3 * (load - 1);
}

/** A new worker's rating counts as this until real ratings outweigh it (two ratings' worth). */
const PRIOR_RATING = 4.5;
const PRIOR_WEIGHT = 2;

/** Rating shrunk towards the prior, so one 5★ does not beat forty 4.9★. */
export function smoothedRating(stats: Pick<WorkerStats, 'ratingSum' | 'ratingCount'>): number {
  return (stats.ratingSum + PRIOR_RATING * PRIOR_WEIGHT) / (stats.ratingCount + PRIOR_WEIGHT);
}

export function failureRate(stats: Pick<WorkerStats, 'completed' | 'failed'>): number {
  const done = stats.completed + stats.failed;
  return done === 0 ? 0 : stats.failed / done;
}

/** Quality: distance of the rating from 5★ (0…1) plus the failure rate (0…1). */
export function qualityTerm(stats: WorkerStats): number {
  return (5 - smoothedRating(stats)) / 4 + failureRate(stats);
}

/** The client rated this worker highly before (average of their ratings ≥ 4.5). */
export const HIGH_RATING = 4.5;

/** Continuity: 0 for a worker this client rated highly, 1 otherwise. */
export function continuityTerm(clientAverageRating: number | null): number {
  return clientAverageRating !== null && clientAverageRating >= HIGH_RATING ? 0 : 1;
}

/** Seniority fit: each grade above what the service needs wastes a senior (1); below it (override only) costs 3. */
export function seniorityTerm(worker: Grade, wanted: Grade): number {
  const gap = gradeGap(worker, wanted);
  return gap >= 0 ? gap : -3 * gap;
}

/**
 * Points for a worker whose grade would price the job above the client's cap: about a hundred kilometres of
 * travel, so any worker within the cap wins, yet an over-cap worker is still matched when nobody else can
 * come (the company then absorbs the difference or asks the client, per settings).
 */
export const PRICE_CAP_POINTS = 100;

/**
 * Points for anyone but a plan visit's regular worker: a strong preference (about 40 km of travel), so the
 * regular keeps coming whenever eligible, yet a substitute is matched when they are off.
 */
export const NOT_REGULAR_POINTS = 40;

/**
 * The match event's mark of a plan visit going to someone other than its regular worker: the client's
 * "worker matched" email then says a substitute stands in this time. Automatic dispatch and a manager's
 * manual assignment mark it alike; the plan's regular worker does not change.
 */
export function substituteMark(order: { regularWorkerId?: string | null }, workerId: string): { substitute?: true } {
  return order.regularWorkerId && order.regularWorkerId !== workerId ? { substitute: true } : {};
}

/**
 * Points for anyone but one of the client's preferred workers (staff record them on the client record), when
 * the client has any: a preference about ten kilometres of travel strong, so it outweighs a small travel or
 * workload difference but gives way to a plan's regular worker (NOT_REGULAR_POINTS) and to the price cap.
 */
export const NOT_PREFERRED_POINTS = 10;

/** A pair's cost terms, weighted points and their sum: the shape stored in match_explanations. */
export type CostTerms = StoredCostTerms;

export type CostInput = {
  order: {
    start: Date;
    end: Date;
    zoneId: string;
    minGrade: Grade;
    overCapGrades?: ReadonlySet<Grade>;
    regularWorkerId?: string | null;
    held?: { workerId: string; points: number };
  };
  worker: { id?: string; grade: Grade; homeZoneId: string | null; weeklyHoursTarget: number; busy: readonly BusyJob[] };
  weekHours: number;
  stats: WorkerStats;
  clientRating: number | null;
  /** Whether the worker is one of the client's preferred workers; null when the client has none. */
  preferred?: boolean | null;
  zones: ReadonlyMap<string, ZonePoint>;
  weights: CostWeights;
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** All terms of one (order, worker) pair and the weighted total the solver minimises. */
export function pairCost(input: CostInput): CostTerms {
  const { order, worker, weights } = input;
  const orderHours = (order.end.getTime() - order.start.getTime()) / 3_600_000;
  const km = travelKm(order, worker.busy, worker.homeZoneId, input.zones);
  const points = {
    travel: weights.travelPerKm * km,
    workload: weights.workload * workloadTerm(input.weekHours, orderHours, worker.weeklyHoursTarget),
    quality: weights.quality * qualityTerm(input.stats),
    continuity: weights.continuity * continuityTerm(input.clientRating),
    seniority: weights.seniority * seniorityTerm(worker.grade, order.minGrade),
  };
  const overCap = order.overCapGrades?.has(worker.grade) ?? false;
  const capPoints = overCap ? PRICE_CAP_POINTS : 0;
  const hasRegular = Boolean(order.regularWorkerId);
  const isRegular = hasRegular && worker.id === order.regularWorkerId;
  const regularPoints = hasRegular && !isRegular ? NOT_REGULAR_POINTS : 0;
  const hasPreferred = input.preferred === true || input.preferred === false;
  const preferredPoints = input.preferred === false ? NOT_PREFERRED_POINTS : 0;
  const replanned = Boolean(order.held && worker.id !== order.held.workerId);
  const replanPoints = replanned ? order.held!.points : 0;
  const total =
    points.travel +
    points.workload +
    points.quality +
    points.continuity +
    points.seniority +
    capPoints +
    regularPoints +
    preferredPoints +
    replanPoints;
  return {
    travelKm: round2(km),
    weekHours: round2(input.weekHours),
    targetHours: worker.weeklyHoursTarget,
    rating: input.stats.ratingCount ? round2(input.stats.ratingSum / input.stats.ratingCount) : null,
    ratingCount: input.stats.ratingCount,
    failureRate: round2(failureRate(input.stats)),
    clientRating: input.clientRating === null ? null : round2(input.clientRating),
    gradeGap: gradeGap(worker.grade, order.minGrade),
    points: {
      travel: round2(points.travel),
      workload: round2(points.workload),
      quality: round2(points.quality),
      continuity: round2(points.continuity),
      seniority: round2(points.seniority),
      ...(overCap ? { priceCap: capPoints } : {}),
      ...(regularPoints ? { regular: regularPoints } : {}),
      ...(preferredPoints ? { preferred: preferredPoints } : {}),
      ...(replanPoints ? { replan: round2(replanPoints) } : {}),
    },
    ...(overCap ? { overCap } : {}),
    ...(hasRegular ? { regular: isRegular } : {}),
    ...(hasPreferred ? { preferred: input.preferred === true } : {}),
    ...(replanned ? { replanned } : {}),
    total,
  };
}
