'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { approvePayrollRun, markPayrollPaid, recalculatePayrollRun } from '@/lib/finance';

const runInput = z.object({ runId: z.uuid(), step: z.enum(['recalculate', 'approve', 'pay']) });

export const payrollStepAction = roleAction(['admin'], runInput, async ({ runId, step }, actor) => {
  const db = await getDb();
  let result: { payouts: number; total: number } | undefined;
  if (step === 'recalculate') await recalculatePayrollRun(db, actor, runId);
  else if (step === 'approve') await approvePayrollRun(db, actor, runId);
  else result = await markPayrollPaid(db, actor, runId);
  revalidatePath(`/admin/finance/payroll/${runId}`);
  revalidatePath('/admin/finance/payroll');
  return result;
});
