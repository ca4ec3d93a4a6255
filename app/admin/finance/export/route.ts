import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse } from '@/lib/errors';
import { trialBalance, trialBalanceCsv } from '@/lib/finance';
import { observeRoute } from '@/lib/log';

/** The trial balance as CSV (amounts in major units with two decimals, comma-separated, UTF-8). */
export const GET = observeRoute('/admin/finance/export', async function GET(_request: Request) {
  try {
    const actor = await requireApiRole('manager', 'admin');
    const csv = trialBalanceCsv(await trialBalance(await getDb(), actor));
    const date = new Date().toISOString().slice(0, 10);
    return new Response(`\uFEFF${csv}`, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="trial-balance-${date}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return httpErrorResponse(error);
  }
});
