import 'server-only';
import type { Db } from '@/db';
import type { MoneyApprovalKind } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict, notFound, validationFailed } from '@/lib/errors';
import { postApprovedAdjustmentTx } from './adjustments';
import { lockApprovalTx, markDecidedTx, type LockedApproval } from './approvals';

/**
 * Posts an approved request in the caller's transaction, re-checking what the direct path checks; returns what it
 * posted. Bonuses and write-offs are posted here; a bank transfer by lib/payments, which the composition root
 * installs (lib/payments depends on lib/finance, not the other way round).
 */
export type ApprovalPoster = (
  tx: Db,
  approver: Actor,
  approval: LockedApproval,
) => Promise<{ entryId: string; paymentId?: string | null }>;

const posters: Partial<Record<MoneyApprovalKind, ApprovalPoster>> = {
  bonus: postApprovedAdjustmentTx,
  write_off: postApprovedAdjustmentTx,
};

export function installApprovalPoster(kind: MoneyApprovalKind, poster: ApprovalPoster): void {
  posters[kind] = poster;
}

async function lockPending(tx: Db, approvalId: string): Promise<LockedApproval> {
  const approval = await lockApprovalTx(tx, approvalId);
  if (!approval) throw notFound('finance.errors.approvalNotFound');
  // The second of two admins deciding at once waits for the first's lock, then finds it decided.
  if (approval.status !== 'pending') throw conflict('finance.errors.approvalDecided');
  return approval;
}

/**
 * An admin approves a manager's request: it posts through the use case that would have posted it directly, the
 * request is marked approved with what it posted, and the approval is audited, all in one transaction. If a check
 * fails now (a write-off larger than what is still due, a transfer reference recorded meanwhile) nothing changes
 * and the request stays pending, for the admin to reject.
 */
export async function approveMoneyRequest(
  db: Db,
  actor: Actor,
  approvalId: string,
): Promise<{ entryId: string; paymentId: string | null }> {
  assertRole(actor, 'admin');
  return db.transaction(async (tx) => {
    const approval = await lockPending(tx, approvalId);
    const poster = posters[approval.kind];
    if (!poster) throw new Error(`no poster installed for ${approval.kind} approvals`);
    const posted = await poster(tx, actor, approval);
    const paymentId = posted.paymentId ?? null;
    await markDecidedTx(tx, approvalId, {
      status: 'approved',
      by: actor.id,
      entryId: posted.entryId,
      paymentId,
      note: null,
    });
    await recordAudit(tx, actor, {
      action: 'money_approval.approve',
      entity: 'money_approval',
      entityId: approvalId,
      before: { status: 'pending' },
      after: {
        status: 'approved',
        kind: approval.kind,
        amount: approval.amount,
        requestedBy: approval.requestedBy,
        entryId: posted.entryId,
        paymentId,
      },
    });
    return { entryId: posted.entryId, paymentId };
  });
}

/** An admin rejects a manager's request with a note the manager sees; nothing is posted. Audited. */
export async function rejectMoneyRequest(db: Db, actor: Actor, approvalId: string, note: string): Promise<void> {
  assertRole(actor, 'admin');
  if (note.trim().length < 3) throw validationFailed({ note: 'finance.errors.noteRequired' });
  await db.transaction(async (tx) => {
    const approval = await lockPending(tx, approvalId);
    await markDecidedTx(tx, approvalId, { status: 'rejected', by: actor.id, note: note.trim() });
    await recordAudit(tx, actor, {
      action: 'money_approval.reject',
      entity: 'money_approval',
      entityId: approvalId,
      before: { status: 'pending' },
      after: {
        status: 'rejected',
        kind: approval.kind,
        amount: approval.amount,
        requestedBy: approval.requestedBy,
        note: note.trim(),
      },
    });
  });
}
