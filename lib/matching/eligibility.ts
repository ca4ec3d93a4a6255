import type { Grade } from '@/db/schema/workers';
import type { Interval, MatchingRules, MatchOrder, MatchWorker } from './types';

/** Why a worker may not take an order. The first group can be overridden by a manager with a reason. */
export const overridableReasons = ['skill', 'zone', 'grade', 'availability', 'time_off', 'declined', 'blocked', 'travel_buffer'] as const;
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

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;
const within = (inner: Interval, outer: Interval) => outer.start <= inner.start && inner.end <= outer.end;

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
export function checkEligibility(order: MatchOrder, worker: MatchWorker, facts: EligibilityFacts, rules: MatchingRules): Eligibility {
  const reasons: IneligibleReason[] = [];
  if (!worker.active) reasons.push('inactive');
  if (!worker.skills.has(order.skill)) reasons.push('skill');
  if (!worker.zoneIds.has(order.zoneId)) reasons.push('zone');
  if (gradeGap(worker.grade, order.minGrade) < 0) reasons.push('grade');
  const range: Interval = { start: order.start, end: order.end };
  if (!worker.availability.some((free) => within(range, free))) reasons.push('availability');
  if (worker.timeOff.some((off) => overlaps(range, off))) reasons.push('time_off');
  let overlap = false;
  let tooClose = false;
  for (const job of worker.busy) {
    if (job.orderId === order.id) continue;
    if (overlaps(range, job)) {
      overlap = true;
      continue;
    }
    const gapMs = job.end <= order.start ? order.start.getTime() - job.end.getTime() : job.start.getTime() - order.end.getTime();
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
