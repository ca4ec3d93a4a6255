import { getDb } from '@/db';
import { calendarFeed } from '@/lib/workers';
import { observeRoute } from '@/lib/log';

// A calendar app polls this URL; the secret token in the path is the only credential (no session). The feed is
// streamed batch by batch, so a worker's long history is sent whole without being held in memory.
export const GET = observeRoute(
  '/api/workers/calendar/[token]',
  async function GET(_req: Request, { params }: RouteContext<'/api/workers/calendar/[token]'>) {
    const { token } = await params;
    const feed = await calendarFeed(await getDb(), token.replace(/\.ics$/, ''));
    if (feed === null) return new Response('Not found', { status: 404 });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await feed.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await feed.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'private, no-store',
        'content-disposition': 'inline; filename="brigada.ics"',
      },
    });
  },
);
