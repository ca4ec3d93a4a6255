import type { Grade } from '@/db/schema/workers';
import type { MatchingRules, MatchOrder, MatchWorker } from './types';

/** Why a worker may not take an order. The first group can be overridden by a manager with a reason. */
export const overridableReasons = [
  'skill',
  'zone',
  'grade',
  'availability',
  'time_off',
  'declined',
  'blocked',
  'travel_buffer',
] as const;
export const hardReasons = ['inactive', 'overlap'] as const;
export type IneligibleReason = (typeof overridableReasons)[number] | (typeof hardReasons)[number];

export type EligibilityFacts = {
  /** This worker declined this order before (an order_events 'decline' row by them). */
  declined: boolean;
  /** The order's client blocked this worker. */
  blocked: boolean;
};

export type Eligibility = { ok: true; reasons: [] } | { ok: false; reasons: IneligibleReason[] };

const gradeRank: Record<Grade, number> = { junior: 0, standard: 1, senior: 2 };
export const gradeGap = (worker: Grade, wanted: Grade) => gradeRank[worker] - gradeRank[wanted];

export function bufferMinutes(rules: MatchingRules, fromZone: string, toZone: string): number {
  return fromZone === toZone ? rules.bufferSameZoneMinutes : rules.bufferOtherZoneMinutes;
}

/**
 * Pure eligibility of one worker for one order, listing every reason that fails (the dispatch page shows
 * them). Decisions where the issue was silent:
 * - The order's own range must lie inside one free interval: a schedule's edges are exact (a 09:00 job fits
 *   a 09:00–18:00 day), because getting to the first job of the day is the worker's own time.
 * - The travel buffer is the gap needed between this order and the worker's other jobs (larger when the
 *   zones differ); a neighbour closer than that makes the worker ineligible ('travel_buffer'), an actual
 *   overlap is 'overlap' (which the database's exclusion constraint forbids anyway, so it cannot be
 *   overridden).
 */
export function checkEligibility(
  order: MatchOrder,
  worker: MatchWorker,
  facts: EligibilityFacts,
  rules: MatchingRules,
): Eligibility {
  const reasons: IneligibleReason[] = [];
  if (!worker.active) reasons.push('inactive');
  if (!worker.skills.has(order.skill)) reasons.push('skill');
  if (!worker.zoneIds.has(order.zoneId)) reasons.push('zone');
  if (
    gradeGap(worker.grade, order.minGrade) < 0 ||
    (order.held?.grades && worker.id !== order.held.workerId && !order.held.grades.has(worker.grade))
  )
    reasons.push('grade');
  // Instants as numbers: this runs for every (order, worker) pair of a sweep, and comparing Dates converts them each time.
  const start = order.start.getTime();
  const end = order.end.getTime();
  let inside = false;
  for (const free of worker.availability) {
    if (free.start.getTime() <= start && end <= free.end.getTime()) {
      inside = true;
      break;
    }
  }
  if (!inside) reasons.push('availability');
  if (worker.timeOff.some((off) => off.start.getTime() < end && start < off.end.getTime())) reasons.push('time_off');
  let overlap = false;
  let tooClose = false;
  for (const job of worker.busy) {
    if (job.orderId === order.id) continue;
    const jobStart = job.start.getTime();
    const jobEnd = job.end.getTime();
    if (jobStart < end && start < jobEnd) {
      overlap = true;
      continue;
    }
    const gapMs = jobEnd <= start ? start - jobEnd : jobStart - end;
    const needMs = bufferMinutes(rules, job.zoneId, order.zoneId) * 60_000;
    if (gapMs < needMs) tooClose = true;
  }
  if (overlap) reasons.push('overlap');
  if (tooClose) reasons.push('travel_buffer');
  if (facts.declined) reasons.push('declined');
  if (facts.blocked) reasons.push('blocked');
  return reasons.length ? { ok: false, reasons } : { ok: true, reasons: [] };
}

/** True when a manager may assign despite these reasons (with a recorded reason of their own). */
export function canOverride(reasons: readonly IneligibleReason[]): boolean {
  return reasons.every((r) => (overridableReasons as readonly string[]).includes(r));
}
