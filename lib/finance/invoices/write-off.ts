import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoices, payments } from '@/db/schema';
import { validationFailed } from '@/lib/errors';
import { amountDue } from './due';
import { invoiceMoneyColumns } from './money-columns';
import { payInvoice } from './settle';

/** The provider of a payment row that records a written-off part of an invoice (payments.provider). */
export const WRITE_OFF_PROVIDER = 'write_off';

/** What the client's open invoices ask for in all (a write-off may not exceed it). */
export async function openInvoicesDue(tx: Db, clientId: string): Promise<number> {
  const [row] = await tx
    .select({
      due: sql<string>`coalesce(sum(greatest(0, ${invoices.total} - ${invoices.creditedAmount} - ${invoices.paidAmount})), 0)`,
    })
    .from(invoices)
    .where(and(eq(invoices.clientId, clientId), eq(invoices.status, 'open')));
  return Number(row.due);
}

/**
 * A client's debt written off as bad debt (the ledger entry Dr bad_debt / Cr receivable is already posted,
 * `entryId`) settles their open invoices, oldest due first, as payment rows of provider 'write_off' — so
 * an invoice stops asking for money the company has given up on, and every reader of paid and due amounts
 * sees it like any other settlement. The caller has checked the amount against openInvoicesDue.
 */
export async function applyWriteOff(
  tx: Db,
  input: { clientId: string; amount: number; entryId: string; at: Date; actorId: string | null; reason: string },
): Promise<void> {
  const open = await tx
    .select(invoiceMoneyColumns)
    .from(invoices)
    .where(and(eq(invoices.clientId, input.clientId), eq(invoices.status, 'open')))
    .orderBy(asc(invoices.dueDate), asc(invoices.issuedAt), asc(invoices.id))
    .for('update');
  let left = input.amount;
  for (const inv of open) {
    if (left <= 0) break;
    const part = Math.min(left, amountDue(inv));
    if (part <= 0) continue;
    await tx.insert(payments).values({
      provider: WRITE_OFF_PROVIDER,
      providerRef: `${input.entryId}:${inv.id}`,
      invoiceId: inv.id,
      clientId: input.clientId,
      amount: part,
      appliedAmount: part,
      creditAmount: 0,
      currency: inv.currency,
      receivedAt: input.at,
      recordedBy: input.actorId,
      note: input.reason,
      entryId: input.entryId,
    });
    await payInvoice(tx, inv, part, input.at);
    left -= part;
  }
  if (left > 0)
    throw validationFailed({ amount: 'finance.errors.writeOffTooLarge' }, 'finance.errors.writeOffTooLarge');
}
