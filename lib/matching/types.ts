import type { Grade } from '@/db/schema/workers';

// Plain data the pure parts of matching work on; lib/matching/load.ts fills them from the database.

export type Interval = { start: Date; end: Date };

export type MatchOrder = {
  id: string;
  clientId: string;
  zoneId: string;
  skill: string;
  minGrade: Grade;
  start: Date;
  end: Date;
  /** Grades whose final price would be above the client's price cap ("never more than the estimate"). */
  overCapGrades?: ReadonlySet<Grade>;
  /** A plan visit's regular worker, kept whenever eligible (lib/plans). */
  regularWorkerId?: string | null;
  /**
   * An order already assigned that this plan may re-plan (the day's re-plan, lib/matching/dispatch): the worker
   * who holds it (it is in their `busy` list) and the cost points any other worker pays for taking it over, so it
   * moves only when that saves more than the disturbance of telling the client and both workers. `grades`: the
   * grades another worker must have to take it over (those that keep the price the client was told).
   */
  held?: { workerId: string; points: number; grades?: ReadonlySet<Grade> };
};

/** A job the worker already holds (assigned or in progress), or one given to them earlier in this run. */
export type BusyJob = { orderId: string; start: Date; end: Date; zoneId: string };

export type MatchWorker = {
  id: string;
  name: string;
  active: boolean;
  grade: Grade;
  skills: ReadonlySet<string>;
  zoneIds: ReadonlySet<string>;
  homeZoneId: string | null;
  weeklyHoursTarget: number;
  /** Free intervals from the weekly schedule, time off already removed (lib/workers getAvailability). */
  availability: readonly Interval[];
  /** Extra time off to exclude (kept separate so callers with raw schedules can pass it). */
  timeOff: readonly Interval[];
  busy: BusyJob[];
};

/** What the worker's history says about them (the clients' order_feedback and the orders' outcomes). */
export type WorkerStats = {
  ratingSum: number;
  ratingCount: number;
  completed: number;
  failed: number;
};

export type ZonePoint = { lat: number; lng: number };

export type MatchingRules = {
  bufferSameZoneMinutes: number;
  bufferOtherZoneMinutes: number;
};

export type CostWeights = {
  travelPerKm: number;
  workload: number;
  quality: number;
  continuity: number;
  seniority: number;
};
