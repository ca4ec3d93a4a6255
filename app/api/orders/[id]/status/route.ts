import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse, notFound } from '@/lib/errors';
import { getOrderStatusForClient } from '@/lib/orders';
import { observeRoute } from '@/lib/log';

/** Polled by the client's order page every few seconds: the status and the version (bumped by every transition). */
export const GET = observeRoute(
  '/api/orders/[id]/status',
  async function GET(_req: Request, ctx: RouteContext<'/api/orders/[id]/status'>) {
    try {
      const actor = await requireApiRole('client');
      const parsed = z.uuid().safeParse((await ctx.params).id);
      if (!parsed.success) throw notFound('errors.orderNotFound');
      const status = await getOrderStatusForClient(await getDb(), actor, parsed.data);
      return Response.json(status, { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      return httpErrorResponse(error);
    }
  },
);
