'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { recordAudit } from '@/lib/audit';
import { recordManualAdjustment, waiveFine } from '@/lib/finance/adjustments';
import { reverseEntry } from '@/lib/finance/ledger';
import { addPayRate, updatePenaltyRule } from '@/lib/finance/rules-admin';
import { adjustmentInput, payRateInput, penaltyRuleInput, reversalInput, waiveInput } from '@/lib/finance/schemas';

export const adjustmentAction = roleAction(['manager', 'admin'], adjustmentInput, async (input, actor) => {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const posted = await recordManualAdjustment(tx, actor, input);
    if (posted.created)
      await recordAudit(tx, actor, {
        action: `finance.${input.kind}`,
        entity: 'journal_entry',
        entityId: posted.entryId,
        after: { subjectId: input.subjectId, amount: input.amount, reason: input.reason },
      });
    return posted;
  });
  revalidatePath('/admin/finance', 'layout');
  return { entryId: result.entryId };
});

export const reverseAction = roleAction(['admin'], reversalInput, async (input, actor) => {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const posted = await reverseEntry(tx, actor, input.entryId, input.reason);
    if (posted.created)
      await recordAudit(tx, actor, {
        action: 'finance.reverse',
        entity: 'journal_entry',
        entityId: input.entryId,
        after: { reversalId: posted.entryId, reason: input.reason },
      });
  });
  revalidatePath('/admin/finance', 'layout');
});

export const waiveAction = roleAction(['manager', 'admin'], waiveInput, async (input, actor) => {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const posted = await waiveFine(tx, actor, input.adjustmentId, input.reason);
    if (posted.created)
      await recordAudit(tx, actor, {
        action: 'finance.waive',
        entity: 'adjustment',
        entityId: input.adjustmentId,
        after: { reversalId: posted.entryId, reason: input.reason },
      });
  });
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
