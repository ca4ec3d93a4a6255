import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { jobRuns, type JobRunStatus } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { assertRole, type Actor } from '@/lib/actor';
import { DomainError, notFound, validationFailed } from '@/lib/errors';
import { errorKind, log } from '@/lib/log';
import { withSpan } from '@/lib/trace';
import { afterCursor, countUpTo, decodeCursor, exactTime, PAGE_SIZE, toPage, type Page } from '@/lib/paging';
import { getJob } from './registry';
import type { JobDef } from './types';

export type JobRunDto = {
  id: string;
  job: string;
  period: string;
  status: JobRunStatus;
  counts: Record<string, number>;
  chunks: number;
  attempts: number;
  error: string | null;
  source: string;
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
};

/**
 * completed: this call finished the run; already_done: an earlier call did (its summary is returned);
 * in_progress: another caller holds the run right now; partial: stopped on the time budget, the next
 * call resumes; failed: a chunk threw (recorded; the next call retries from the last committed chunk).
 */
export type RunOutcome = 'completed' | 'already_done' | 'in_progress' | 'partial' | 'failed';

export type RunJobOptions = {
  period?: string;
  now?: Date;
  actor?: Actor;
  source?: 'cron' | 'admin';
  /** Stop starting new chunks after this many ms (a serverless invocation's limit, with margin). 0: one chunk. */
  budgetMs?: number;
  /** A 'running' run whose heartbeat is older than this is taken to have crashed and may be resumed. */
  staleMs?: number;
  /** Passed to the job's chunks (how many clients, workers … per chunk). */
  chunkSize?: number;
};

const DEFAULT_BUDGET_MS = 45_000;
const DEFAULT_STALE_MS = 120_000;

class LeaseLost extends Error {}

const runColumns = {
  id: jobRuns.id,
  job: jobRuns.job,
  period: jobRuns.period,
  status: jobRuns.status,
  counts: jobRuns.counts,
  chunks: jobRuns.chunks,
  attempts: jobRuns.attempts,
  error: jobRuns.error,
  source: jobRuns.source,
  startedAt: jobRuns.startedAt,
  finishedAt: jobRuns.finishedAt,
  heartbeatAt: jobRuns.heartbeatAt,
};

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * Claims (job, period) and runs its chunks. The unique (job, period) row is inserted first, so of two
 * simultaneous callers exactly one gets it; a crashed, cut-off or failed run is taken over through a
 * conditional UPDATE that hands out a new lease, and every chunk commits only while its lease still holds.
 */
export async function runJob(
  db: Db,
  jobName: string,
  opts: RunJobOptions = {},
): Promise<{ outcome: RunOutcome; run: JobRunDto }> {
  const job = getJob(jobName);
  if (!job) throw notFound('billing.errors.jobNotFound');
  if (opts.actor) assertRole(opts.actor, 'admin');
  const settings = await getSettings(db);
  const now = opts.now ?? new Date();
  const period = opts.period ?? job.defaultPeriod(now, settings.timeZone);
  if (!job.validPeriod(period)) throw validationFailed({ period: 'billing.errors.badPeriod' });
  if (job.periodEnd && now.getTime() < job.periodEnd(period, settings.timeZone).getTime())
    throw validationFailed({ period: 'billing.errors.periodNotClosed' }, 'billing.errors.periodNotClosed');
  const lease = randomUUID();
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;

  const [inserted] = await db
    .insert(jobRuns)
    .values({
      job: job.name,
      period,
      lease,
      source: opts.source ?? (opts.actor ? 'admin' : 'cron'),
      triggeredBy: opts.actor?.id ?? null,
    })
    .onConflictDoNothing({ target: [jobRuns.job, jobRuns.period] })
    .returning({ id: jobRuns.id, cursor: jobRuns.cursor, counts: jobRuns.counts });
  let claimed = inserted;
  if (!claimed) {
    const [taken] = await db
      .update(jobRuns)
      .set({ lease, status: 'running', heartbeatAt: sql`now()`, attempts: sql`${jobRuns.attempts} + 1`, error: null })
      .where(
        and(
          eq(jobRuns.job, job.name),
          eq(jobRuns.period, period),
          sql`(${jobRuns.status} in ('partial', 'failed') or (${jobRuns.status} = 'running' and ${jobRuns.heartbeatAt} < now() - make_interval(secs => ${staleMs / 1000})))`,
        ),
      )
      .returning({ id: jobRuns.id, cursor: jobRuns.cursor, counts: jobRuns.counts });
    claimed = taken;
  }
  if (!claimed) {
    const run = await getRun(db, job.name, period);
    return { outcome: run.status === 'succeeded' ? 'already_done' : 'in_progress', run };
  }
  const outcome = await runChunks(db, job, {
    runId: claimed.id,
    lease,
    period,
    cursor: claimed.cursor,
    counts: claimed.counts,
    timeZone: settings.timeZone,
    now,
    budgetMs: opts.budgetMs ?? DEFAULT_BUDGET_MS,
    chunkSize: opts.chunkSize,
  });
  return { outcome, run: await getRun(db, job.name, period) };
}

async function runChunks(
  db: Db,
  job: JobDef,
  s: {
    runId: string;
    lease: string;
    period: string;
    cursor: Record<string, unknown>;
    counts: Record<string, number>;
    timeZone: string;
    now: Date;
    budgetMs: number;
    chunkSize?: number;
  },
): Promise<RunOutcome> {
  const began = Date.now();
  let { cursor, counts } = s;
  const held = and(eq(jobRuns.id, s.runId), eq(jobRuns.lease, s.lease));
  try {
    for (let n = 1; ; n++) {
      const chunkStarted = performance.now();
      const attributes = { 'brigada.job': job.name, 'brigada.period': s.period, 'brigada.chunk': n };
      const done = await withSpan('job chunk', attributes, () =>
        db.transaction(async (tx) => {
          // Locks our row for the chunk: a takeover waits for the commit and then sees a fresh heartbeat.
          const [mine] = await tx
            .update(jobRuns)
            .set({ heartbeatAt: sql`now()` })
            .where(held)
            .returning({ id: jobRuns.id });
          if (!mine) throw new LeaseLost();
          const result = await job.chunk(tx, {
            period: s.period,
            cursor,
            timeZone: s.timeZone,
            now: s.now,
            chunkSize: s.chunkSize,
          });
          const nextCounts = addCounts(counts, result.counts);
          await tx
            .update(jobRuns)
            .set({
              cursor: result.cursor,
              counts: nextCounts,
              chunks: sql`${jobRuns.chunks} + 1`,
              ...(result.done ? { status: 'succeeded' as const, finishedAt: sql`now()` } : {}),
            })
            .where(held);
          cursor = result.cursor;
          counts = nextCounts;
          // One line per committed chunk: the job, its period, the chunk's counts and how long it took.
          log().info(
            {
              job: job.name,
              period: s.period,
              chunk: n,
              counts: result.counts,
              done: result.done,
              durationMs: Math.round(performance.now() - chunkStarted),
            },
            'job chunk',
          );
          return result.done;
        }),
      );
      if (done) return 'completed';
      if (Date.now() - began >= s.budgetMs) {
        await db.update(jobRuns).set({ status: 'partial' }).where(held);
        return 'partial';
      }
    }
  } catch (error) {
    if (error instanceof LeaseLost) return 'in_progress';
    const message = error instanceof Error ? error.message : String(error);
    log().error({ job: job.name, period: s.period, err: errorKind(error) }, 'job failed');
    await db
      .update(jobRuns)
      .set({ status: 'failed', error: message.slice(0, 2000), finishedAt: sql`now()` })
      .where(held);
    return 'failed';
  }
}

export async function getRun(db: Db, job: string, period: string): Promise<JobRunDto> {
  const [run] = await db
    .select(runColumns)
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)));
  if (!run) throw notFound('billing.errors.jobRunNotFound');
  return run;
}

export type JobRunFilter = {
  job?: string;
  status?: JobRunStatus;
  cursor?: string;
  /** Rows per page (default PAGE_SIZE); the dashboard asks for its few latest. */
  limit?: number;
};

/**
 * Job runs, newest started first, for admins: keyset-paged on (started_at, id) with the count of the filtered
 * set. The cursor keeps started_at to the microsecond (exactTime), so runs started within one millisecond
 * are neither skipped nor repeated.
 */
export async function listJobRuns(db: Db, actor: Actor, filter: JobRunFilter = {}): Promise<Page<JobRunDto>> {
  assertRole(actor, 'admin');
  const limit = Math.max(1, Math.min(filter.limit ?? PAGE_SIZE, 100));
  const where = and(
    filter.job ? eq(jobRuns.job, filter.job) : undefined,
    filter.status ? eq(jobRuns.status, filter.status) : undefined,
  );
  const key = decodeCursor(filter.cursor, 2);
  const [found, n] = await Promise.all([
    db
      .select({ ...runColumns, startedKey: exactTime(jobRuns.startedAt) })
      .from(jobRuns)
      .where(and(where, afterCursor([jobRuns.startedAt, jobRuns.id], key, ['timestamptz', 'uuid'], 'desc')))
      .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
      .limit(limit + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(jobRuns)
        .where(where),
    ),
  ]);
  return toPage(
    found,
    limit,
    (r) => [r.startedKey, r.id],
    ({ startedKey: _key, ...r }) => r,
    n,
  );
}

/** Admin "run now" for a chosen period: one budgeted slice; the panel calls again while it reports partial. */
export async function runJobAsAdmin(db: Db, actor: Actor, input: { job: string; period: string; budgetMs?: number }) {
  assertRole(actor, 'admin');
  if (!getJob(input.job)) throw new DomainError('not_found', 'billing.errors.jobNotFound');
  return runJob(db, input.job, { period: input.period, actor, source: 'admin', budgetMs: input.budgetMs ?? 3_000 });
}
