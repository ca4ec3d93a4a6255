import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orders } from './orders';

/** One dispatch run: the sweep cron, an order's own after-commit match, or a manager's "run now". */
export const matchRuns = pgTable(
  'match_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    trigger: text().$type<'cron' | 'order' | 'manual'>().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    considered: integer().notNull().default(0),
    matched: integer().notNull().default(0),
    unmatched: integer().notNull().default(0),
    conflicts: integer().notNull().default(0),
    flagged: integer().notNull().default(0),
    /** Orders already assigned that the day's re-plan gave to another worker. */
    moved: integer().notNull().default(0),
    durationMs: integer(),
  },
  (t) => [index('match_runs_started_idx').on(t.startedAt)],
);

/** A pair's cost terms, their weighted points and the sum (lib/matching/cost.ts computes them; CostTerms is this type). */
export type StoredCostTerms = {
  travelKm: number;
  weekHours: number;
  targetHours: number;
  rating: number | null;
  ratingCount: number;
  failureRate: number;
  clientRating: number | null;
  gradeGap: number;
  points: {
    travel: number;
    workload: number;
    quality: number;
    continuity: number;
    seniority: number;
    /** Points for a grade whose price is above the client's cap (absent when within it). */
    priceCap?: number;
    /** Points for not being a plan visit's regular worker (absent when the order has none, or this is them). */
    regular?: number;
    /** Points for not being one of the client's preferred workers (absent when the client has none, or this is one). */
    preferred?: number;
    /** Points for taking over an order another worker already held, in the day's re-plan (absent otherwise). */
    replan?: number;
  };
  /** For a plan visit with a regular worker: whether this worker is that regular. */
  regular?: boolean;
  /** When the client has preferred workers: whether this worker is one of them. */
  preferred?: boolean;
  /** In the day's re-plan: whether this worker took the order over from the worker who held it. */
  replanned?: boolean;
  /** This worker's grade would cost more than the client's cap. */
  overCap?: boolean;
  total: number;
};
export type StoredRunnerUp = { workerId: string; terms: StoredCostTerms };

/**
 * Why an order got its worker: the chosen worker's cost terms and up to three runners-up, or for a manual
 * assignment the manager, their reason and the eligibility rules they overrode.
 */
export const matchExplanations = pgTable(
  'match_explanations',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    runId: uuid().references(() => matchRuns.id, { onDelete: 'set null' }),
    kind: text().$type<'auto' | 'manual'>().notNull(),
    workerId: uuid()
      .notNull()
      .references(() => users.id),
    cost: doublePrecision(),
    terms: jsonb().$type<StoredCostTerms>(),
    runnersUp: jsonb().$type<StoredRunnerUp[]>().notNull().default([]),
    actorId: uuid().references(() => users.id),
    /** Manual override of eligibility: the manager's reason and the rules it set aside. */
    overrideReason: text(),
    overriddenRules: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('match_explanations_order_idx').on(t.orderId, t.createdAt)],
);

/** Workers a client does not want again; matching never offers them to that client. */
export const clientBlockedWorkers = pgTable(
  'client_blocked_workers',
  {
    clientId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text().notNull().default(''),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.workerId] }), index('client_blocked_workers_worker_idx').on(t.workerId)],
);

/** A pending order without a worker close to its start: flagged once, managers notified once. */
export const unmatchedFlags = pgTable('unmatched_flags', {
  orderId: uuid()
    .primaryKey()
    .references(() => orders.id, { onDelete: 'cascade' }),
  flaggedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** The reasons no worker fitted, counted over the workers checked (e.g. { availability: 3, zone: 1 }). */
  reasons: jsonb().$type<Record<string, number>>().notNull().default({}),
});

/** Lease that keeps two sweeps from running at once (the second one exits). */
export const matchLocks = pgTable('match_locks', {
  name: text().primaryKey(),
  holder: uuid().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
