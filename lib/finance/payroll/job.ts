import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { payrollRuns } from '@/db/schema';
import type { ChunkResult, JobDef } from '@/lib/scheduler/shared';
import { lastClosedMonth, monthBounds, monthPeriod } from '@/lib/scheduler/shared';
import { getSettings } from '@/lib/settings';
import { payrollBatch, refreshRunTotals } from './generate';

const WORKERS_PER_CHUNK = 10_000;

/** The run of a month, created as a draft on first use. */
export async function ensureRun(
  tx: Db,
  period: string,
): Promise<{ id: string; status: 'draft' | 'approved' | 'paid' }> {
  const { currency } = await getSettings(tx);
  await tx.insert(payrollRuns).values({ period, currency }).onConflictDoNothing({ target: payrollRuns.period });
  const [run] = await tx
    .select({ id: payrollRuns.id, status: payrollRuns.status })
    .from(payrollRuns)
    .where(eq(payrollRuns.period, period));
  return run;
}

/**
 * Monthly payroll, period 'YYYY-MM' (the closed month). Fills the month's draft run with one payslip per
 * worker, the next block of workers per chunk (cursor: the last worker id). A run already approved or
 * paid is left alone.
 */
export const payrollJob: JobDef = {
  name: 'payroll',
  periodKind: 'month',
  defaultPeriod: lastClosedMonth,
  validPeriod: (p) => monthPeriod.test(p),
  periodEnd: (period, timeZone) => monthBounds(period, timeZone).end,
  chunk: async (tx, ctx): Promise<ChunkResult> => {
    const run = await ensureRun(tx, ctx.period);
    if (run.status !== 'draft') return { done: true, cursor: {}, counts: {} };
    // The month has closed (runJob refuses an open one).
    const { end: until } = monthBounds(ctx.period, ctx.timeZone);
    const result = await payrollBatch(tx, {
      runId: run.id,
      period: ctx.period,
      until,
      afterWorkerId: typeof ctx.cursor.after === 'string' ? ctx.cursor.after : null,
      limit: ctx.chunkSize ?? WORKERS_PER_CHUNK,
    });
    await refreshRunTotals(tx, run.id);
    const limit = ctx.chunkSize ?? WORKERS_PER_CHUNK;
    const counts: Record<string, number> = result.payslips
      ? { payslips: result.payslips, lines: result.lines, net: result.net }
      : {};
    return { done: result.payslips < limit, cursor: { after: result.lastWorkerId }, counts };
  },
};
