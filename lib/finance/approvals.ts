import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { moneyApprovals, type MoneyApprovalKind, type MoneyApprovalStatus } from '@/db/schema';
import { account } from '@/lib/auth';
import type { Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { enqueueToRole } from '@/lib/notifications';

// The money_approvals rows (db/schema/approvals.ts): only this file writes them. The use cases that post money a
// manager may enter (recordManualAdjustment here, recordParsedBankTransfer in lib/payments) ask needsApproval,
// and above the threshold file a request instead of posting; decide-approval.ts posts or rejects it.

/** A manager's entry above the threshold waits for an admin; an admin's own entries are the approvals themselves. */
export function needsApproval(actor: Actor, amount: number, threshold: number): boolean {
  return actor.role !== 'admin' && amount > threshold;
}

export type MoneyApprovalRequest = {
  kind: MoneyApprovalKind;
  /** One request per key among those not rejected: a double submit finds the first. */
  requestKey: string;
  /** The use case's parsed input, posted as it is on approval. */
  input: Record<string, unknown>;
  subjectId: string;
  invoiceId?: string;
  amount: number;
  currency: string;
};

export type RequestedApproval = {
  approvalId: string;
  created: boolean;
  status: MoneyApprovalStatus;
  /** What an approved request posted (a double submit after the approval finds it). */
  entryId: string | null;
  paymentId: string | null;
};

/**
 * Files a manager's request in the caller's transaction, or finds the one already filed under its key (pending or
 * approved). When created it is audited and every admin gets an email (money_approval_requested).
 */
export async function requestApprovalTx(tx: Db, actor: Actor, req: MoneyApprovalRequest): Promise<RequestedApproval> {
  if (!Number.isSafeInteger(req.amount) || req.amount <= 0)
    throw new RangeError(`Approval amount must be a positive integer, got ${req.amount}`);
  // A concurrent double submit waits here on the partial unique index and then does nothing.
  const [created] = await tx
    .insert(moneyApprovals)
    .values({
      kind: req.kind,
      requestKey: req.requestKey,
      input: req.input,
      subjectId: req.subjectId,
      invoiceId: req.invoiceId ?? null,
      amount: req.amount,
      currency: req.currency,
      requestedBy: actor.id,
    })
    .onConflictDoNothing()
    .returning({ id: moneyApprovals.id });
  if (created) {
    await recordAudit(tx, actor, {
      action: 'money_approval.request',
      entity: 'money_approval',
      entityId: created.id,
      after: { kind: req.kind, amount: req.amount, subjectId: req.subjectId, input: req.input },
    });
    const subject = await account(tx, req.subjectId);
    const detail = req.kind === 'bank_transfer' ? req.input.reference : req.input.reason;
    await enqueueToRole(
      tx,
      'admin',
      'money_approval_requested',
      {
        approvalId: created.id,
        kind: req.kind,
        amount: req.amount,
        currency: req.currency,
        requestedByName: actor.name,
        subjectName: subject?.name ?? '',
        detail: typeof detail === 'string' ? detail : '',
      },
      { idempotencyKey: `money_approval_requested:${created.id}` },
    );
    return { approvalId: created.id, created: true, status: 'pending', entryId: null, paymentId: null };
  }
  const [existing] = await tx
    .select({
      id: moneyApprovals.id,
      status: moneyApprovals.status,
      entryId: moneyApprovals.entryId,
      paymentId: moneyApprovals.paymentId,
    })
    .from(moneyApprovals)
    .where(and(eq(moneyApprovals.requestKey, req.requestKey), ne(moneyApprovals.status, 'rejected')));
  if (!existing) throw new Error(`money approval ${req.requestKey} conflicted but was not found`);
  return {
    approvalId: existing.id,
    created: false,
    status: existing.status,
    entryId: existing.entryId,
    paymentId: existing.paymentId,
  };
}

export type LockedApproval = {
  id: string;
  kind: MoneyApprovalKind;
  input: Record<string, unknown>;
  amount: number;
  status: MoneyApprovalStatus;
  requestedBy: string;
};

/** The request, locked for this transaction: two admins deciding at once go one after the other. */
export async function lockApprovalTx(tx: Db, approvalId: string): Promise<LockedApproval | null> {
  const [row] = await tx
    .select({
      id: moneyApprovals.id,
      kind: moneyApprovals.kind,
      input: moneyApprovals.input,
      amount: moneyApprovals.amount,
      status: moneyApprovals.status,
      requestedBy: moneyApprovals.requestedBy,
    })
    .from(moneyApprovals)
    .where(eq(moneyApprovals.id, approvalId))
    .for('update');
  return row ?? null;
}

/** Marks a locked pending request decided. */
export async function markDecidedTx(
  tx: Db,
  approvalId: string,
  decision:
    | { status: 'approved'; by: string; entryId: string; paymentId: string | null; note: string | null }
    | { status: 'rejected'; by: string; note: string },
): Promise<void> {
  await tx
    .update(moneyApprovals)
    .set({
      status: decision.status,
      decidedBy: decision.by,
      decidedAt: new Date(),
      decisionNote: decision.note,
      ...(decision.status === 'approved' ? { entryId: decision.entryId, paymentId: decision.paymentId } : {}),
    })
    .where(and(eq(moneyApprovals.id, approvalId), eq(moneyApprovals.status, 'pending')));
}
