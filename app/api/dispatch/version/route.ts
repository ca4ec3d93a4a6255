import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse } from '@/lib/errors';
import { boardVersion } from '@/lib/board';
import { observeRoute } from '@/lib/log';

const period = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

/** Polled by the schedule board every few seconds: a token that changes when an order of the period changes. */
export const GET = observeRoute('/api/dispatch/version', async function GET(req: Request) {
  try {
    const actor = await requireApiRole('manager', 'admin');
    const url = new URL(req.url);
    const { from, to } = period.parse({ from: url.searchParams.get('from'), to: url.searchParams.get('to') });
    const version = await boardVersion(await getDb(), actor, new Date(from), new Date(to));
    return Response.json({ version }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return httpErrorResponse(error);
  }
});
