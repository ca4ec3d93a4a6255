import 'server-only';
import { and, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { lookupColumn, lookupWhere } from '@/db/lookup';
import type { Db } from '@/db';
import { invoiceLines, invoices } from '@/db/schema';
import { amountDue, settles } from './due';
import { invoiceMoneyColumns } from './money-columns';

// How money received (lib/payments: a provider's payment, a bank transfer, a refund) reaches an invoice. lib/finance
// owns `invoices`; lib/payments records the payment and then settles or reopens the invoice through these, in its
// own transaction, after locking the invoice first.

/** An invoice's money as paying and refunding read it (invoiceMoneyColumns). */
export type InvoiceMoney = {
  id: string;
  clientId: string;
  number: string;
  total: number;
  paidAmount: number;
  creditedAmount: number;
  status: 'open' | 'paid' | 'void';
  currency: string;
};

/**
 * The invoice's money, or null when there is no such invoice. `lock`: FOR UPDATE, so concurrent payments and
 * refunds of one invoice serialise (the caller's transaction holds it until it commits).
 */
export async function invoiceMoney(
  db: Db,
  invoiceId: string,
  opts: { lock?: boolean } = {},
): Promise<InvoiceMoney | null> {
  const q = db.select(invoiceMoneyColumns).from(invoices).where(eq(invoices.id, invoiceId));
  const [inv] = opts.lock ? await q.for('update') : await q;
  return inv ?? null;
}

/**
 * `amount` more paid on the invoice (a payment's applied part, credit moved onto it, a written-off part), in the
 * caller's transaction: an open invoice that then asks for nothing is paid at `at`. Returns whether it is now paid.
 * `inv` is the invoice as read (locked) before this payment.
 */
export async function payInvoice(tx: Db, inv: InvoiceMoney, amount: number, at: Date): Promise<boolean> {
  const nowPaid = settles(inv, amount);
  await tx
    .update(invoices)
    .set({
      paidAmount: sql`${invoices.paidAmount} + ${amount}`,
      ...(nowPaid ? { status: 'paid' as const, paidAt: at } : {}),
    })
    .where(eq(invoices.id, inv.id));
  return nowPaid;
}

/**
 * `amount` of what was paid on the invoice given back (a refund), in the caller's transaction: a paid invoice that
 * then owes something again is open again (overdue past its due date, as any open invoice). `inv` is the invoice
 * as read (locked) before the refund. Returns whether it reopened.
 */
export async function unpayInvoice(tx: Db, inv: InvoiceMoney, amount: number): Promise<boolean> {
  const paidAmount = inv.paidAmount - amount;
  const reopens = inv.status === 'paid' && amountDue({ ...inv, status: 'open', paidAmount }) > 0;
  await tx
    .update(invoices)
    .set({ paidAmount, ...(reopens ? { status: 'open' as const, paidAt: null } : {}) })
    .where(eq(invoices.id, inv.id));
  return reopens;
}

/** The open invoice billing this visit (order), if one does: a visit's card charge pays it. */
export async function openInvoiceOfVisit(tx: Db, orderId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: invoices.id })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(and(eq(invoiceLines.orderId, orderId), eq(invoices.status, 'open')));
  return row?.id ?? null;
}

/**
 * The number of the invoice whose id `id` holds (another table's column, never `invoices`' own), as a typed SQL
 * column for a set-based list: a correlated subquery on the primary key, null where `id` is null.
 */
export function invoiceNumber(id: AnyPgColumn): SQL<string | null> {
  return lookupColumn(invoices, invoices.id, invoices.number)(id);
}

/** Whether the invoice `id` holds has a number matching `like` (an ILIKE pattern), as a condition. */
export function invoiceNumberMatches(id: AnyPgColumn, like: string): SQL {
  return lookupWhere(invoices, invoices.id, id, ilike(invoices.number, like));
}
