import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoices, ledgerAccounts, payments } from '@/db/schema';
import { accountBalance, accountCode, postEntry } from '../ledger';
import { amountDue } from './due';
import { invoiceMoneyColumns } from './money-columns';
import { payInvoice } from './settle';

/** The provider of a payment that moved the client's own credit onto an invoice (payments.provider). */
export const CREDIT_PROVIDER = 'credit';

export type AppliedCredit = { paymentId: string; invoiceId: string; amount: number; invoiceStatus: 'open' | 'paid' };

/**
 * Pays the client's open invoices, oldest due first, from the credit held for them
 * (`client_credit:<clientId>`), in the caller's transaction. Each application is a payment
 * (provider 'credit', all of it applied, none to credit) with its entry Dr client_credit / Cr receivable,
 * so every reader of paid/due amounts sees it like any other payment.
 *
 * Locks: the client's credit account row first (FOR NO KEY UPDATE: it serialises appliers of the same
 * credit but not the postings that reference the account), then the open invoices with SKIP LOCKED — an
 * invoice held by a concurrent payment is left for the next run instead of risking a deadlock with that
 * payment, which locks its invoice before it gets here. The balance is read after the lock, so two
 * appliers never spend the same credit; repeating the call with nothing new applies nothing.
 */
export async function applyClientCredit(tx: Db, clientId: string, at: Date): Promise<AppliedCredit[]> {
  const creditAccount = { type: 'client_credit', clientId } as const;
  const [account] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.code, accountCode(creditAccount)))
    .for('no key update');
  if (!account) return [];
  // Credit-normal: money held for the client is a negative (credit) balance.
  let credit = 0 - (await accountBalance(tx, { accountId: account.id }));
  if (credit <= 0) return [];

  const open = await tx
    .select(invoiceMoneyColumns)
    .from(invoices)
    .where(
      and(
        eq(invoices.clientId, clientId),
        eq(invoices.status, 'open'),
        sql`${invoices.paidAmount} + ${invoices.creditedAmount} < ${invoices.total}`,
      ),
    )
    .orderBy(asc(invoices.dueDate), asc(invoices.issuedAt), asc(invoices.id))
    .for('update', { skipLocked: true });

  const applied: AppliedCredit[] = [];
  for (const inv of open) {
    if (credit <= 0) break;
    const amount = Math.min(credit, amountDue(inv));
    if (amount <= 0) continue;
    const paymentId = randomUUID();
    const entry = await postEntry(tx, {
      key: `credit_applied:${paymentId}`,
      kind: 'credit_applied',
      memo: inv.number,
      invoiceId: inv.id,
      at,
      lines: [
        { account: creditAccount, amount },
        { account: { type: 'receivable', clientId }, amount: -amount },
      ],
    });
    await tx.insert(payments).values({
      id: paymentId,
      provider: CREDIT_PROVIDER,
      providerRef: paymentId,
      invoiceId: inv.id,
      clientId,
      amount,
      appliedAmount: amount,
      creditAmount: 0,
      currency: inv.currency,
      receivedAt: at,
      entryId: entry.entryId,
    });
    // Same rule as applyPayment: paid once nothing is due.
    const nowPaid = await payInvoice(tx, inv, amount, at);
    credit -= amount;
    applied.push({ paymentId, invoiceId: inv.id, amount, invoiceStatus: nowPaid ? 'paid' : 'open' });
  }
  return applied;
}
