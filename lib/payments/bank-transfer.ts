import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { payments } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict, notFound } from '@/lib/errors';
import { invoiceMoney, needsApproval, requestApprovalTx, type LockedApproval } from '@/lib/finance';
import { fromWallTime, parseDateString } from '@/lib/time';
import { getSettings } from '@/lib/settings';
import { applyPayment, type AppliedPayment } from './apply-payment';
import { bankTransferInput, type BankTransferInput } from './schemas';

/** What recording a transfer did: applied it, or (a manager's, above the threshold) asked an admin. */
export type BankTransferResult =
  ({ status: 'posted' } & AppliedPayment) | { status: 'pending'; approvalId: string; created: boolean };

/** The manual adapter: a manager records a bank transfer with its reference (a reference is recorded once). */
export async function recordBankTransfer(
  db: Db,
  actor: Actor,
  input: z.input<typeof bankTransferInput>,
): Promise<BankTransferResult> {
  return recordParsedBankTransfer(db, actor, bankTransferInput.parse(input));
}

/**
 * The same, for input already parsed with bankTransferInput (a server action's). A manager's transfer above the
 * setting moneyApprovalThreshold posts nothing: it waits for an admin (approveMoneyRequest in lib/finance, which
 * posts it through postApprovedBankTransferTx). A repeated submit of a pending reference finds that request.
 */
export async function recordParsedBankTransfer(
  db: Db,
  actor: Actor,
  data: BankTransferInput,
): Promise<BankTransferResult> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    const { currency, moneyApprovalThreshold } = await getSettings(tx);
    if (needsApproval(actor, data.amount, moneyApprovalThreshold)) {
      const inv = await invoiceMoney(tx, data.invoiceId);
      if (!inv) throw notFound('billing.errors.invoiceNotFound');
      const [recorded] = await tx
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.provider, 'bank_transfer'), eq(payments.providerRef, data.reference)));
      if (recorded) throw conflict('billing.errors.referenceAlreadyRecorded');
      const requested = await requestApprovalTx(tx, actor, {
        kind: 'bank_transfer',
        requestKey: `bank_transfer:${data.reference}`,
        input: { ...data },
        subjectId: inv.clientId,
        invoiceId: data.invoiceId,
        amount: data.amount,
        currency,
      });
      return { status: 'pending', approvalId: requested.approvalId, created: requested.created };
    }
    return { status: 'posted', ...(await postBankTransferTx(tx, actor, data, { recordedBy: actor.id })) };
  });
}

/**
 * Posts an admin-approved transfer request in the caller's transaction (which holds the request's lock): the same
 * checks as a direct entry, so a reference recorded meanwhile refuses it. The payment is the requester's; the audit
 * row names the approving admin. Installed for 'bank_transfer' approvals by the composition root.
 */
export async function postApprovedBankTransferTx(
  tx: Db,
  approver: Actor,
  approval: LockedApproval,
): Promise<{ entryId: string; paymentId: string }> {
  const data = storedTransfer.parse(approval.input);
  const applied = await postBankTransferTx(tx, approver, data, {
    recordedBy: approval.requestedBy,
    approvalId: approval.id,
  });
  return { entryId: applied.entryId, paymentId: applied.paymentId };
}

/** The parsed input as a money_approvals row keeps it (amount in minor units), read back on approval. */
const storedTransfer = z.object({
  invoiceId: z.uuid(),
  amount: z.number().int().positive(),
  reference: z.string().min(1),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

async function postBankTransferTx(
  tx: Db,
  actor: Actor,
  data: BankTransferInput,
  opts: { recordedBy: string; approvalId?: string },
): Promise<AppliedPayment> {
  const { currency, timeZone } = await getSettings(tx);
  const receivedAt = fromWallTime({ ...parseDateString(data.receivedOn), hour: 12, minute: 0 }, timeZone);
  const applied = await applyPayment(tx, {
    provider: 'bank_transfer',
    providerRef: data.reference,
    invoiceId: data.invoiceId,
    amount: data.amount,
    currency,
    receivedAt,
    recordedBy: opts.recordedBy,
    note: `bank transfer ${data.reference}`,
  });
  if (!applied.created) throw conflict('billing.errors.referenceAlreadyRecorded');
  await recordAudit(tx, actor, {
    action: 'payment.bank_transfer',
    entity: 'invoice',
    entityId: data.invoiceId,
    after: {
      amount: data.amount,
      reference: data.reference,
      applied: applied.appliedAmount,
      credit: applied.creditAmount,
      ...(opts.approvalId ? { approvalId: opts.approvalId, requestedBy: opts.recordedBy } : {}),
    },
  });
  return applied;
}
