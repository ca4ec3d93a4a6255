import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { adjustments, journalEntries, type AdjustmentKind } from '@/db/schema';
import { account } from '@/lib/auth';
import { assertRole, assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { getSettings } from '@/lib/settings';
import { DomainError, notFound, validationFailed } from '@/lib/errors';
import { needsApproval, requestApprovalTx } from './approvals';
import { postEntry, reverseEntryUnchecked, type EntryLine } from './ledger';
import { creditReversedCharge } from './invoices/credit-notes';
import { applyWriteOff, openInvoicesDue } from './invoices/write-off';
import { notifyAdjustment } from './notify';

export type AdjustmentFact = {
  kind: AdjustmentKind;
  /** Worker (fine, bonus, supply_charge) or client (write_off). */
  subjectId: string;
  /** Positive minor units. */
  amount: number;
  reason: string;
  key: string;
  orderId?: string;
  ruleCode?: string;
  /** What the rule measured: minutes late, hours before the start. */
  ruleValue?: number;
  actorId?: string | null;
  at?: Date;
  memo?: string;
};

/** The ledger lines of an adjustment (debit positive). */
export function adjustmentLines(kind: AdjustmentKind, subjectId: string, amount: number): EntryLine[] {
  switch (kind) {
    case 'fine': // the worker owes us: less to pay out
      return [
        { account: { type: 'payable', workerId: subjectId }, amount },
        { account: { type: 'penalty_income' }, amount: -amount },
      ];
    case 'supply_charge':
      return [
        { account: { type: 'payable', workerId: subjectId }, amount },
        { account: { type: 'supplies' }, amount: -amount },
      ];
    case 'bonus':
      return [
        { account: { type: 'payroll_expense' }, amount },
        { account: { type: 'payable', workerId: subjectId }, amount: -amount },
      ];
    case 'write_off': // the client's debt becomes bad debt
      return [
        { account: { type: 'bad_debt' }, amount },
        { account: { type: 'receivable', clientId: subjectId }, amount: -amount },
      ];
  }
}

/**
 * Records an adjustment as a ledger entry plus its adjustments row, in the caller's transaction;
 * idempotent by key. Permission checks are the caller's (module code, or recordManualAdjustment).
 */
export async function recordAdjustmentTx(tx: Db, fact: AdjustmentFact): Promise<{ entryId: string; created: boolean }> {
  if (!Number.isSafeInteger(fact.amount) || fact.amount <= 0)
    throw new RangeError(`Adjustment amount must be a positive integer, got ${fact.amount}`);
  const result = await postEntry(tx, {
    key: fact.key,
    kind: fact.kind,
    memo: fact.memo,
    orderId: fact.orderId,
    at: fact.at,
    actorId: fact.actorId ?? null,
    reason: fact.reason,
    lines: adjustmentLines(fact.kind, fact.subjectId, fact.amount),
  });
  if (result.created) {
    await tx.insert(adjustments).values({
      kind: fact.kind,
      subjectId: fact.subjectId,
      orderId: fact.orderId ?? null,
      amount: fact.amount,
      reason: fact.reason,
      ruleCode: fact.ruleCode ?? null,
      ruleValue: fact.ruleValue ?? null,
      entryId: result.entryId,
      createdBy: fact.actorId ?? null,
    });
    if (fact.kind === 'fine' || fact.kind === 'bonus') await notifyAdjustment(tx, fact);
  }
  return result;
}

export type ManualAdjustmentInput = {
  kind: 'fine' | 'bonus' | 'supply_charge' | 'write_off';
  subjectId: string;
  amount: number;
  reason: string;
  orderId?: string;
  requestId: string;
};

/** What a manual adjustment did: posted it, or (a manager's bonus or write-off above the threshold) asked an admin. */
export type ManualAdjustmentResult =
  { status: 'posted'; entryId: string; created: boolean } | { status: 'pending'; approvalId: string; created: boolean };

/** The input as a money_approvals row keeps it, read back on approval. */
const storedAdjustment = z.object({
  kind: z.enum(['bonus', 'write_off']),
  subjectId: z.uuid(),
  amount: z.number().int().positive(),
  reason: z.string(),
  orderId: z.uuid().optional(),
  requestId: z.string(),
});

/**
 * A manager's or admin's fine, bonus, supply charge or write-off with a reason; the form's requestId makes a
 * double submit post (or request) once. A manager's bonus or write-off above the setting moneyApprovalThreshold
 * posts nothing: it waits for an admin (approveMoneyRequest), with the same checks run again then.
 */
export async function recordManualAdjustment(
  db: Db,
  actor: Actor,
  input: ManualAdjustmentInput,
  now = new Date(),
): Promise<ManualAdjustmentResult> {
  assertStaff(actor);
  if (!input.reason.trim()) throw validationFailed({ reason: 'finance.errors.reasonRequired' });
  await checkSubject(db, input);
  return db.transaction(async (tx) => {
    if (input.kind === 'bonus' || input.kind === 'write_off') {
      const { moneyApprovalThreshold, currency } = await getSettings(tx);
      if (needsApproval(actor, input.amount, moneyApprovalThreshold)) {
        // Asking for more than the open invoices are due is refused now, not only when an admin looks at it.
        await checkWriteOff(tx, input);
        const requested = await requestApprovalTx(tx, actor, {
          kind: input.kind,
          requestKey: manualKey(input.requestId),
          input: {
            kind: input.kind,
            subjectId: input.subjectId,
            amount: input.amount,
            reason: input.reason.trim(),
            requestId: input.requestId,
            ...(input.orderId ? { orderId: input.orderId } : {}),
          },
          subjectId: input.subjectId,
          amount: input.amount,
          currency,
        });
        if (requested.status === 'approved' && requested.entryId)
          return { status: 'posted', entryId: requested.entryId, created: false };
        return { status: 'pending', approvalId: requested.approvalId, created: requested.created };
      }
    }
    return { status: 'posted', ...(await postManualAdjustmentTx(tx, actor, input, { recordedBy: actor.id, at: now })) };
  });
}

/**
 * Posts an admin-approved bonus or write-off request in the caller's transaction (which holds the request's lock),
 * re-checking what recordManualAdjustment checks: the subject, and that a write-off is still no more than the
 * client's open invoices are due. The entry is the requester's; the audit row names the approving admin.
 */
export async function postApprovedAdjustmentTx(
  tx: Db,
  approver: Actor,
  approval: { id: string; input: Record<string, unknown>; requestedBy: string },
): Promise<{ entryId: string }> {
  const input = storedAdjustment.parse(approval.input);
  await checkSubject(tx, input);
  const posted = await postManualAdjustmentTx(tx, approver, input, {
    recordedBy: approval.requestedBy,
    approvalId: approval.id,
  });
  return { entryId: posted.entryId };
}

const manualKey = (requestId: string) => `manual:${requestId}`;

async function checkSubject(db: Db, input: Pick<ManualAdjustmentInput, 'kind' | 'subjectId'>): Promise<void> {
  const subject = await account(db, input.subjectId);
  const wanted = input.kind === 'write_off' ? 'client' : 'worker';
  if (!subject || subject.role !== wanted)
    throw validationFailed({ subjectId: 'finance.errors.wrongSubject' }, 'finance.errors.wrongSubject');
}

/** A write-off gives up on what the client's open invoices ask for: never more than that, and they stop asking. */
async function checkWriteOff(tx: Db, input: Pick<ManualAdjustmentInput, 'kind' | 'subjectId' | 'amount'>) {
  if (input.kind === 'write_off' && input.amount > (await openInvoicesDue(tx, input.subjectId)))
    throw validationFailed({ amount: 'finance.errors.writeOffTooLarge' }, 'finance.errors.writeOffTooLarge');
}

async function postManualAdjustmentTx(
  tx: Db,
  actor: Actor,
  input: ManualAdjustmentInput,
  opts: { recordedBy: string; approvalId?: string; at?: Date },
): Promise<{ entryId: string; created: boolean }> {
  const at = opts.at ?? new Date();
  await checkWriteOff(tx, input);
  const posted = await recordAdjustmentTx(tx, {
    kind: input.kind,
    subjectId: input.subjectId,
    amount: input.amount,
    reason: input.reason.trim(),
    key: manualKey(input.requestId),
    orderId: input.orderId,
    actorId: opts.recordedBy,
    at,
  });
  if (posted.created && input.kind === 'write_off')
    await applyWriteOff(tx, {
      clientId: input.subjectId,
      amount: input.amount,
      entryId: posted.entryId,
      at,
      actorId: opts.recordedBy,
      reason: input.reason.trim(),
    });
  if (posted.created)
    await recordAudit(tx, actor, {
      action: `finance.${input.kind}`,
      entity: 'journal_entry',
      entityId: posted.entryId,
      after: {
        subjectId: input.subjectId,
        amount: input.amount,
        reason: input.reason,
        ...(opts.approvalId ? { approvalId: opts.approvalId, requestedBy: opts.recordedBy } : {}),
      },
    });
  return posted;
}

/** A manager waives a fine (rule-based or manual) with a reason: a reversal of its entry, recorded with who and why. */
export async function waiveFine(
  db: Db,
  actor: Actor,
  adjustmentId: string,
  reason: string,
): Promise<{ entryId: string; created: boolean }> {
  assertStaff(actor);
  if (!reason.trim()) throw validationFailed({ reason: 'finance.errors.reasonRequired' });
  return db.transaction(async (tx) => {
    const [adj] = await tx
      .select({ kind: adjustments.kind, entryId: adjustments.entryId })
      .from(adjustments)
      .innerJoin(journalEntries, eq(journalEntries.id, adjustments.entryId))
      .where(eq(adjustments.id, adjustmentId));
    if (!adj) throw notFound('finance.errors.adjustmentNotFound');
    if (adj.kind !== 'fine') throw new DomainError('conflict', 'finance.errors.onlyFinesWaived');
    const posted = await reverseEntryUnchecked(tx, actor.id, adj.entryId, reason, { kind: 'waiver' });
    if (posted.created)
      await recordAudit(tx, actor, {
        action: 'finance.waive',
        entity: 'adjustment',
        entityId: adjustmentId,
        after: { reversalId: posted.entryId, reason },
      });
    return posted;
  });
}

/** An admin reverses a journal entry by hand with a reason: the reversal and its audit row commit together. */
export async function reverseEntryByAdmin(
  db: Db,
  actor: Actor,
  entryId: string,
  reason: string,
): Promise<{ entryId: string; created: boolean }> {
  assertRole(actor, 'admin');
  if (!reason.trim()) throw validationFailed({ reason: 'finance.errors.reasonRequired' });
  return db.transaction(async (tx) => {
    const posted = await reverseEntryUnchecked(tx, actor.id, entryId, reason);
    if (posted.created) await creditReversedCharge(tx, entryId, reason.trim(), actor.id);
    if (posted.created)
      await recordAudit(tx, actor, {
        action: 'finance.reverse',
        entity: 'journal_entry',
        entityId: entryId,
        after: { reversalId: posted.entryId, reason },
      });
    return posted;
  });
}
