import type { Db } from '@/db';

export type JobCursor = Record<string, unknown>;

export type JobContext = {
  period: string;
  /** Where the previous chunk stopped ({} on the first chunk). */
  cursor: JobCursor;
  /** The company time zone. */
  timeZone: string;
  now: Date;
  /** Items per chunk when the caller chose one (tests, the admin panel); the job's default otherwise. */
  chunkSize?: number;
};

/** One chunk's work, committed in the same transaction as the run's progress. */
export type ChunkResult = { done: boolean; cursor: JobCursor; counts: Record<string, number> };

/**
 * A scheduled job. `chunk` must be safe to repeat: it works on what is still to do (selected by state,
 * not only by the cursor), so a chunk rolled back by a crash simply runs again.
 */
export type JobDef = {
  name: string;
  /** The period a scheduled call at `now` works on (the last closed one). */
  defaultPeriod: (now: Date, timeZone: string) => string;
  validPeriod: (period: string) => boolean;
  /** How the admin panel asks for a period. */
  periodKind: 'week' | 'month' | 'day';
  /**
   * The instant the period ends in the company time zone, for jobs that may only run on a closed period
   * (invoices, payroll): a run before it is refused and writes nothing.
   */
  periodEnd?: (period: string, timeZone: string) => Date;
  chunk: (tx: Db, ctx: JobContext) => Promise<ChunkResult>;
};
