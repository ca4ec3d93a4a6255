'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { assignManually, blockWorkerForClient, dispatch, unblockWorkerForClient } from '@/lib/matching';
import { blockWorkerInput, manualAssignInput, runDispatchInput, unblockWorkerInput } from '@/lib/matching/shared';

export const runDispatchAction = roleAction(['manager', 'admin'], runDispatchInput, async () => {
  const summary = await dispatch(await getDb(), { trigger: 'manual' });
  revalidatePath('/admin/dispatch');
  return {
    skipped: summary.skipped,
    considered: summary.considered,
    matched: summary.matched,
    unmatched: summary.unmatched,
    conflicts: summary.conflicts,
  };
});

export const manualAssignAction = roleAction(['manager', 'admin'], manualAssignInput, async (input, actor) => {
  const result = await assignManually(await getDb(), actor, input);
  revalidatePath('/admin/dispatch');
  revalidatePath(`/admin/dispatch/${input.orderId}`);
  revalidatePath(`/admin/orders/${input.orderId}`);
  return result;
});

/** Blocks are per client, so every order page (each shows its client's blocks) and the dispatch pages may change. */
function refreshAfterBlock() {
  revalidatePath('/admin/orders/[id]', 'page');
  revalidatePath('/admin/dispatch', 'layout');
}

export const blockWorkerAction = roleAction(['manager', 'admin'], blockWorkerInput, async (input, actor) => {
  const { created, unassigned } = await blockWorkerForClient(await getDb(), actor, input);
  refreshAfterBlock();
  return { created, unassigned: unassigned.length };
});

export const unblockWorkerAction = roleAction(['manager', 'admin'], unblockWorkerInput, async (input, actor) => {
  await unblockWorkerForClient(await getDb(), actor, input);
  refreshAfterBlock();
});
