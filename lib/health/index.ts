import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rows } from '@/db/connect';
import { migrationState } from '@/db/migrate';
import { observeRoute } from '@/lib/log';
import { listJobs } from '@/lib/scheduler';

// lib/health: what a load balancer, an orchestrator or an uptime check asks. Counts and ages only: no secrets,
// no personal data, no sign-in.

export type Readiness = {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: { expected: number; applied: number; latest: string | null; upToDate: boolean } | null;
  /** Emails waiting to be sent (pending, retrying or being sent) and the age of the oldest, in seconds. */
  outbox: { waiting: number; oldestWaitingSeconds: number | null } | null;
  /** Per scheduled job (lib/scheduler), seconds since its last successful run finished; null: never. */
  jobs: Record<string, { lastSuccessSecondsAgo: number | null }> | null;
};

const TIMEOUT_MS = 5_000;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function inspect(db: Db): Promise<Omit<Readiness, 'ready' | 'database'>> {
  const migrations = await migrationState(db);
  // Before the migrations ran there is nothing else to read.
  if (!migrations.upToDate) return { migrations, outbox: null, jobs: null };
  const [outbox] = await rows<{ waiting: number; oldest: number | null }>(
    db,
    sql`SELECT count(*)::int AS waiting,
               floor(extract(epoch FROM now() - min(created_at)))::int AS oldest
        FROM notifications WHERE status IN ('pending', 'sending')`,
  );
  const runs = await rows<{ job: string; age: number }>(
    db,
    sql`SELECT job, floor(extract(epoch FROM now() - max(finished_at)))::int AS age
        FROM job_runs WHERE status = 'succeeded' GROUP BY job`,
  );
  const jobs: Record<string, { lastSuccessSecondsAgo: number | null }> = {};
  for (const job of listJobs()) jobs[job.name] = { lastSuccessSecondsAgo: null };
  for (const run of runs) jobs[run.job] = { lastSuccessSecondsAgo: run.age };
  return {
    migrations,
    outbox: { waiting: outbox?.waiting ?? 0, oldestWaitingSeconds: outbox?.oldest ?? null },
    jobs,
  };
}

/**
 * Ready: the database answers and has every committed migration. The outbox and job ages are reported for
 * alerting, not made conditions: a late job is no reason to take the web server out of rotation.
 */
export async function readiness(database: () => Promise<Db>, opts: { timeoutMs?: number } = {}): Promise<Readiness> {
  try {
    const found = await within(
      opts.timeoutMs ?? TIMEOUT_MS,
      database().then((db) => inspect(db)),
    );
    return { ready: found.migrations?.upToDate ?? false, database: 'ok', ...found };
  } catch {
    return { ready: false, database: 'unreachable', migrations: null, outbox: null, jobs: null };
  }
}

const noStore = { 'Cache-Control': 'no-store' };

/**
 * `GET /api/health`: liveness, 200 without touching the database. `GET /api/health?ready=1`: readiness, 200 or
 * 503 with the report.
 */
export function healthHandler(database: () => Promise<Db>) {
  return observeRoute('/api/health', async (request: Request): Promise<Response> => {
    if (!new URL(request.url).searchParams.has('ready')) return Response.json({ status: 'ok' }, { headers: noStore });
    const report = await readiness(database);
    return Response.json(
      { status: report.ready ? 'ready' : 'not_ready', ...report },
      { status: report.ready ? 200 : 503, headers: noStore },
    );
  });
}
