import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * running: a caller holds the lease (heartbeat fresh) or crashed (heartbeat stale: resumable);
 * partial: stopped on its time budget, resumes on the next call; failed: a chunk threw, the next call retries.
 */
export const jobRunStatusEnum = pgEnum('job_run_status', ['running', 'partial', 'succeeded', 'failed']);

/** One row per (job, period): inserting it is how a caller claims the run, so two callers never both run it. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    job: text().notNull(),
    /** The period the job works on, in the job's own format ('2026-11-16' week, '2026-11' month, '2026-11-25' day). */
    period: text().notNull(),
    status: jobRunStatusEnum().notNull().default('running'),
    /** Random token of the caller that holds the run; every chunk commits only while it still matches. */
    lease: uuid().notNull(),
    heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Where the next chunk starts (job-defined). */
    cursor: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    counts: jsonb().$type<Record<string, number>>().notNull().default({}),
    chunks: integer().notNull().default(0),
    attempts: integer().notNull().default(1),
    error: text(),
    triggeredBy: uuid().references(() => users.id),
    /** 'cron' or 'admin'. */
    source: text().notNull().default('cron'),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('job_runs_job_period_uq').on(t.job, t.period), index('job_runs_started_idx').on(t.startedAt)],
);

export type JobRunRow = typeof jobRuns.$inferSelect;
export type JobRunStatus = (typeof jobRunStatusEnum.enumValues)[number];
