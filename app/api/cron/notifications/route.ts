import { getDb } from '@/db';
import { httpErrorResponse } from '@/lib/errors';
import { dispatchNotifications } from '@/lib/notifications';
import { isCronRequest } from '@/lib/scheduler';

// Sending can take a while with a slow mail server; stop claiming new rows well before the platform limit.
export const maxDuration = 60;

/**
 * Every minute (vercel.json): sends what is due. Not a lib/scheduler `cronRoute` job on purpose: that
 * wrapper runs period-keyed chunks inside a transaction, while sending must happen outside any transaction
 * and has no period — each call simply drains the outbox, and the outbox's attempts table is its log.
 * Several calls at once are safe (FOR UPDATE SKIP LOCKED).
 */
export async function GET(request: Request): Promise<Response> {
  if (!isCronRequest(request))
    return Response.json(
      { error: { code: 'unauthenticated', message: 'Bad or missing cron secret' } },
      { status: 401 },
    );
  try {
    const summary = await dispatchNotifications(await getDb(), { budgetMs: 45_000 });
    return Response.json({ job: 'notifications', ...summary });
  } catch (error) {
    return httpErrorResponse(error);
  }
}
