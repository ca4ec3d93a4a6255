'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { addPayRate, recordManualAdjustment, reverseEntryByAdmin, updatePenaltyRule, waiveFine } from '@/lib/finance';
import { adjustmentInput, payRateInput, penaltyRuleInput, reversalInput, waiveInput } from '@/lib/finance/shared';

// Each use case audits itself, in its own transaction (lib/finance/adjustments.ts).
export const adjustmentAction = roleAction(['manager', 'admin'], adjustmentInput, async (input, actor) => {
  const result = await recordManualAdjustment(await getDb(), actor, input);
  revalidatePath('/admin/finance', 'layout');
  return { entryId: result.entryId };
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
