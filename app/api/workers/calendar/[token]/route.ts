import { getDb } from '@/db';
import { calendarForToken } from '@/lib/workers';
import { observeRoute } from '@/lib/log';

// A calendar app polls this URL; the secret token in the path is the only credential (no session).
export const GET = observeRoute(
  '/api/workers/calendar/[token]',
  async function GET(_req: Request, { params }: RouteContext<'/api/workers/calendar/[token]'>) {
    const { token } = await params;
    const body = await calendarForToken(await getDb(), token.replace(/\.ics$/, ''));
    if (body === null) return new Response('Not found', { status: 404 });
    return new Response(body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'private, no-store',
        'content-disposition': 'inline; filename="brigada.ics"',
      },
    });
  },
);
