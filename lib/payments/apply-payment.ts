import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { payments } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { amountDue, applyClientCredit, invoiceMoney, payInvoice, postEntry, type EntryLine } from '@/lib/finance';
import { enqueue } from '@/lib/notifications';

export type IncomingPayment = {
  provider: string;
  /** The provider's reference: unique per provider, so the same payment is applied once. */
  providerRef: string;
  invoiceId: string;
  amount: number;
  currency: string;
  receivedAt: Date;
  recordedBy?: string | null;
  note?: string;
};

export type AppliedPayment = {
  paymentId: string;
  /** The payment's journal entry. */
  entryId: string;
  created: boolean;
  appliedAmount: number;
  creditAmount: number;
  invoiceStatus: string;
};

/** The payment already recorded for this (provider, reference), as the first delivery's result; null if none. */
async function alreadyRecorded(
  tx: Db,
  p: Pick<IncomingPayment, 'provider' | 'providerRef'>,
  invoiceStatus: AppliedPayment['invoiceStatus'],
): Promise<AppliedPayment | null> {
  const [existing] = await tx
    .select({
      id: payments.id,
      entryId: payments.entryId,
      appliedAmount: payments.appliedAmount,
      creditAmount: payments.creditAmount,
    })
    .from(payments)
    .where(and(eq(payments.provider, p.provider), eq(payments.providerRef, p.providerRef)));
  if (!existing) return null;
  const { id: paymentId, entryId, appliedAmount, creditAmount } = existing;
  return { paymentId, entryId, created: false, appliedAmount, creditAmount, invoiceStatus };
}

/**
 * Applies money received against an invoice, once per (provider, reference), in the caller's transaction:
 * the invoice row is locked first, so concurrent deliveries of the same payment serialise and the second
 * finds the first. The part up to the invoice's outstanding amount pays it (a partial payment leaves it
 * open); anything beyond is an overpayment, kept as client credit. Ledger: Dr cash (all of it),
 * Cr the client's receivable (the applied part), Cr that client's own credit account
 * (`client_credit:<clientId>`, the overpayment). New credit goes at once to the client's other open
 * invoices (applyClientCredit, same transaction; it never creates credit, so this does not recurse).
 */
export async function applyPayment(tx: Db, p: IncomingPayment): Promise<AppliedPayment> {
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw conflict('billing.errors.badPaymentAmount');
  const inv = await invoiceMoney(tx, p.invoiceId, { lock: true });
  if (!inv) throw notFound('billing.errors.invoiceNotFound');
  const existing = await alreadyRecorded(tx, p, inv.status);
  if (existing) return existing;
  if (p.currency.toUpperCase() !== inv.currency.toUpperCase()) throw conflict('billing.errors.paymentCurrency');

  const outstanding = amountDue(inv);
  const applied = Math.min(p.amount, outstanding);
  const credit = p.amount - applied;
  const lines: EntryLine[] = [
    { account: { type: 'cash' }, amount: p.amount },
    { account: { type: 'receivable', clientId: inv.clientId }, amount: -applied },
    { account: { type: 'client_credit', clientId: inv.clientId }, amount: -credit },
  ];
  const entry = await postEntry(tx, {
    key: `payment:${p.provider}:${p.providerRef}`,
    kind: 'payment',
    memo: inv.number,
    invoiceId: inv.id,
    at: p.receivedAt,
    actorId: p.recordedBy ?? null,
    reason: p.note,
    lines,
  });
  const [payment] = await tx
    .insert(payments)
    .values({
      provider: p.provider,
      providerRef: p.providerRef,
      invoiceId: inv.id,
      clientId: inv.clientId,
      amount: p.amount,
      appliedAmount: applied,
      creditAmount: credit,
      currency: inv.currency,
      receivedAt: p.receivedAt,
      recordedBy: p.recordedBy ?? null,
      note: p.note ?? null,
      entryId: entry.entryId,
    })
    .returning({ id: payments.id });
  const nowPaid = await payInvoice(tx, inv, applied, p.receivedAt);
  if (credit > 0) await applyClientCredit(tx, inv.clientId, p.receivedAt);
  await enqueue(
    tx,
    { userId: inv.clientId },
    'payment_received',
    { amount: p.amount, currency: inv.currency, invoiceId: inv.id, invoiceNumber: inv.number },
    { idempotencyKey: `payment_received:${payment.id}` },
  );
  return {
    paymentId: payment.id,
    entryId: entry.entryId,
    created: true,
    appliedAmount: applied,
    creditAmount: credit,
    invoiceStatus: nowPaid ? 'paid' : inv.status,
  };
}

/**
 * Money received for the client before any open invoice asks for it (a visit charged before its weekly invoice is
 * issued), once per (provider, reference), in the caller's transaction: all of it is held as the client's credit
 * (Dr cash, Cr `client_credit:<clientId>`), recorded as a payment with no invoice. The weekly invoice run applies
 * that credit to the client's open invoices when it issues them (invoiceBatch → applyClientCredit), each
 * application a payment of that invoice, so an invoice's paid amount stays the sum of its own payments.
 */
export async function receiveUnappliedPayment(
  tx: Db,
  p: Omit<IncomingPayment, 'invoiceId'> & { clientId: string },
): Promise<AppliedPayment> {
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw conflict('billing.errors.badPaymentAmount');
  const existing = await alreadyRecorded(tx, p, 'none');
  if (existing) return existing;
  const entry = await postEntry(tx, {
    key: `payment:${p.provider}:${p.providerRef}`,
    kind: 'payment',
    memo: p.note ?? p.providerRef,
    at: p.receivedAt,
    actorId: p.recordedBy ?? null,
    reason: p.note,
    lines: [
      { account: { type: 'cash' }, amount: p.amount },
      { account: { type: 'client_credit', clientId: p.clientId }, amount: -p.amount },
    ],
  });
  const [payment] = await tx
    .insert(payments)
    .values({
      provider: p.provider,
      providerRef: p.providerRef,
      invoiceId: null,
      clientId: p.clientId,
      amount: p.amount,
      appliedAmount: 0,
      creditAmount: p.amount,
      currency: p.currency.toUpperCase(),
      receivedAt: p.receivedAt,
      recordedBy: p.recordedBy ?? null,
      note: p.note ?? null,
      entryId: entry.entryId,
    })
    .returning({ id: payments.id });
  await enqueue(
    tx,
    { userId: p.clientId },
    'payment_received',
    { amount: p.amount, currency: p.currency.toUpperCase(), invoiceId: null, invoiceNumber: null },
    { idempotencyKey: `payment_received:${payment.id}` },
  );
  return {
    paymentId: payment.id,
    entryId: entry.entryId,
    created: true,
    appliedAmount: 0,
    creditAmount: p.amount,
    invoiceStatus: 'none',
  };
}
