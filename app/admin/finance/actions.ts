'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import {
  addPayRate,
  approveMoneyRequest,
  recordManualAdjustment,
  rejectMoneyRequest,
  reverseEntryByAdmin,
  searchPeople,
  updatePenaltyRule,
  waiveFine,
} from '@/lib/finance';
import {
  adjustmentInput,
  approveInput,
  payRateInput,
  peopleSearchInput,
  penaltyRuleInput,
  rejectInput,
  reversalInput,
  waiveInput,
} from '@/lib/finance/shared';

// Each use case audits itself, in its own transaction (lib/finance/adjustments.ts).
export const adjustmentAction = roleAction(['manager', 'admin'], adjustmentInput, async (input, actor) => {
  const result = await recordManualAdjustment(await getDb(), actor, input);
  revalidatePath('/admin/finance', 'layout');
  // Above the approval threshold a manager's bonus or write-off waits for an admin: the form says so.
  return result.status === 'pending' ? { pending: true as const } : { pending: false as const };
});

// The adjustment form's picker: a page of the people matching what the manager typed (nothing is written).
export const searchPeopleAction = roleAction(['manager', 'admin'], peopleSearchInput, async (input, actor) =>
  searchPeople(await getDb(), actor, input),
);

export const approveMoneyAction = roleAction(['admin'], approveInput, async (input, actor) => {
  await approveMoneyRequest(await getDb(), actor, input.approvalId);
  revalidatePath('/admin/finance', 'layout');
});

export const rejectMoneyAction = roleAction(['admin'], rejectInput, async (input, actor) => {
  await rejectMoneyRequest(await getDb(), actor, input.approvalId, input.note);
  revalidatePath('/admin/finance', 'layout');
});

export const reverseAction = roleAction(['admin'], reversalInput, async (input, actor) => {
  await reverseEntryByAdmin(await getDb(), actor, input.entryId, input.reason);
  revalidatePath('/admin/finance', 'layout');
});

export const waiveAction = roleAction(['manager', 'admin'], waiveInput, async (input, actor) => {
  await waiveFine(await getDb(), actor, input.adjustmentId, input.reason);
  revalidatePath('/admin/finance', 'layout');
});

export const payRateAction = roleAction(['admin'], payRateInput, async (input, actor) => {
  await addPayRate(await getDb(), actor, input);
  revalidatePath('/admin/finance/rates');
});

export const penaltyRuleAction = roleAction(['admin'], penaltyRuleInput, async (input, actor) => {
  await updatePenaltyRule(await getDb(), actor, input);
  revalidatePath('/admin/finance/penalties');
});
