'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { runJobAsAdmin } from '@/lib/scheduler';
import { runJobInput } from '@/lib/scheduler/shared';

/** One budgeted slice of a job run; the panel calls again while the outcome is 'partial'. */
export const runJobAction = roleAction(['admin'], runJobInput, async (input, actor) => {
  const { outcome, run } = await runJobAsAdmin(await getDb(), actor, input);
  revalidatePath('/admin/jobs');
  return { outcome, status: run.status, chunks: run.chunks, counts: run.counts, error: run.error };
});
