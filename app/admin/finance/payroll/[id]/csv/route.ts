import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse } from '@/lib/errors';
import { payrollBankCsv } from '@/lib/finance';
import { observeRoute } from '@/lib/log';

// The bank transfer file of an approved (or paid) payroll run.
export const GET = observeRoute(
  '/admin/finance/payroll/[id]/csv',
  async function GET(_request: Request, ctx: RouteContext<'/admin/finance/payroll/[id]/csv'>): Promise<Response> {
    try {
      const actor = await requireApiRole('admin');
      const { id } = await ctx.params;
      const { filename, csv } = await payrollBankCsv(await getDb(), actor, z.uuid().parse(id));
      return new Response(csv, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          // Personal data: never kept by the browser or a shared cache.
          'cache-control': 'no-store',
          'content-disposition': `attachment; filename="${filename}"`,
        },
      });
    } catch (error) {
      return httpErrorResponse(error);
    }
  },
);
