'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { assignManually, dispatch } from '@/lib/matching';
import { manualAssignInput, runDispatchInput } from '@/lib/matching/schemas';

export const runDispatchAction = roleAction(['manager', 'admin'], runDispatchInput, async () => {
  const summary = await dispatch(await getDb(), { trigger: 'manual' });
  revalidatePath('/admin/dispatch');
  return { skipped: summary.skipped, considered: summary.considered, matched: summary.matched, unmatched: summary.unmatched, conflicts: summary.conflicts };
});

export const manualAssignAction = roleAction(['manager', 'admin'], manualAssignInput, async (input, actor) => {
  const result = await assignManually(await getDb(), actor, input);
  revalidatePath('/admin/dispatch');
  revalidatePath(`/admin/dispatch/${input.orderId}`);
  revalidatePath(`/admin/orders/${input.orderId}`);
  return result;
});
