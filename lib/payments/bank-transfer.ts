import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict } from '@/lib/errors';
import { fromWallTime, parseDateString } from '@/lib/time';
import { getSettings } from '@/lib/settings';
import { applyPayment, type AppliedPayment } from './apply-payment';
import { bankTransferInput, type BankTransferInput } from './schemas';

/** The manual adapter: a manager records a bank transfer with its reference (a reference is recorded once). */
export async function recordBankTransfer(
  db: Db,
  actor: Actor,
  input: z.input<typeof bankTransferInput>,
): Promise<AppliedPayment> {
  return recordParsedBankTransfer(db, actor, bankTransferInput.parse(input));
}

/** The same, for input already parsed with bankTransferInput (a server action's). */
export async function recordParsedBankTransfer(db: Db, actor: Actor, data: BankTransferInput): Promise<AppliedPayment> {
  assertStaff(actor);
  const { timeZone } = await getSettings(db);
  const receivedAt = fromWallTime({ ...parseDateString(data.receivedOn), hour: 12, minute: 0 }, timeZone);
  return db.transaction(async (tx) => {
    const { currency } = await getSettings(tx);
    const applied = await applyPayment(tx, {
      provider: 'bank_transfer',
      providerRef: data.reference,
      invoiceId: data.invoiceId,
      amount: data.amount,
      currency,
      receivedAt,
      recordedBy: actor.id,
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
      },
    });
    return applied;
  });
}
