import { getDb } from '@/db';
import { httpErrorResponse } from '@/lib/errors';
import { dispatch } from '@/lib/matching';
import { isCronRequest } from '@/lib/scheduler';

// The matching sweep (vercel.json: every 5 minutes). Not run through lib/scheduler's cronRoute: that runner
// does each (job, period) once and commits a chunk in one transaction, while a sweep runs again every few
// minutes and commits each assignment on its own (a lost race must not undo the others). Overlapping
// sweeps are kept apart by dispatch's own lease: the second one answers `skipped: true`.
export async function GET(request: Request): Promise<Response> {
  if (!isCronRequest(request))
    return Response.json(
      { error: { code: 'unauthenticated', message: 'Bad or missing cron secret' } },
      { status: 401 },
    );
  try {
    const summary = await dispatch(await getDb(), { trigger: 'cron' });
    return Response.json({ job: 'matching', ...summary });
  } catch (error) {
    return httpErrorResponse(error);
  }
}
