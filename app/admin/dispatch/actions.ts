'use server';
import { revalidatePath } from 'next/cache';
import { getFormatter } from 'next-intl/server';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { BoardClash, boardMoveInput, boardOptions, boardOptionsInput, moveOnBoard } from '@/lib/board';
import { DomainError } from '@/lib/errors';
import { getSettings } from '@/lib/settings';
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
    moved: summary.moved,
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

/**
 * A drop or a menu choice on the schedule board. A clash comes back as one sentence in the manager's language
 * ("Olga is already booked 10:00–12:00 (BR-2026-000123)"), in the company's time zone.
 */
export const boardMoveAction = roleAction(['manager', 'admin'], boardMoveInput, async (input, actor) => {
  const db = await getDb();
  try {
    const result = await moveOnBoard(db, actor, input);
    revalidatePath('/admin/dispatch');
    return result;
  } catch (error) {
    if (!(error instanceof BoardClash)) throw error;
    const [format, { timeZone }] = await Promise.all([getFormatter(), getSettings(db)]);
    const time = (d: Date) => format.dateTime(d, { timeStyle: 'short', timeZone });
    throw new DomainError('conflict', 'board.errors.busy', {}, `order ${input.orderId}: ${error.clash.number}`, {
      name: error.clash.workerName,
      from: time(error.clash.start),
      to: time(error.clash.end),
      number: error.clash.number,
    });
  }
});

/** The block's menu: who could take the order (at another start), ranked, with why not for the rest. */
export const boardOptionsAction = roleAction(['manager', 'admin'], boardOptionsInput, async (input, actor) =>
  boardOptions(await getDb(), actor, input),
);
