import 'server-only';
import { getDb, type Db } from '@/db';
import { httpErrorResponse } from '@/lib/errors';
import { observeRoute } from '@/lib/log';
import { isCronRequest } from './cron-auth';
import { runJob } from './run-job';

/**
 * The one wrapper of every job route: `GET /api/cron/<job>` with `Authorization: Bearer $CRON_SECRET`
 * (anything else: 401 before any work), an optional `?period=` (default: the last closed period),
 * and a JSON summary of the run. A partial run (time budget) answers 202; the next call resumes it.
 */
export function cronRoute(jobName: string) {
  return cronHandler(jobName, getDb);
}

const unauthenticated = () =>
  Response.json({ error: { code: 'unauthenticated', message: 'Bad or missing cron secret' } }, { status: 401 });

/**
 * A sweep route: work that runs again on every call and keeps no (job, period) run, e.g. matching's sweep and
 * sending the outbox. The same cron secret guard and error mapping as cronRoute; the answer is the summary.
 */
export function sweepRoute(job: string, sweep: (db: Db) => Promise<object>) {
  return observeRoute(`/api/cron/${job}`, async function GET(request: Request): Promise<Response> {
    if (!isCronRequest(request)) return unauthenticated();
    try {
      return Response.json({ job, ...(await sweep(await getDb())) });
    } catch (error) {
      return httpErrorResponse(error);
    }
  });
}

/** cronRoute over a given database (tests pass their own). */
export function cronHandler(jobName: string, database: () => Promise<Db>) {
  return observeRoute(`/api/cron/${jobName}`, async function GET(request: Request): Promise<Response> {
    if (!isCronRequest(request)) return unauthenticated();
    try {
      const period = new URL(request.url).searchParams.get('period') ?? undefined;
      const { outcome, run } = await runJob(await database(), jobName, { period, source: 'cron' });
      const status = outcome === 'failed' ? 500 : outcome === 'partial' || outcome === 'in_progress' ? 202 : 200;
      return Response.json(
        {
          job: run.job,
          period: run.period,
          outcome,
          status: run.status,
          counts: run.counts,
          chunks: run.chunks,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          error: run.error,
        },
        { status },
      );
    } catch (error) {
      return httpErrorResponse(error);
    }
  });
}
