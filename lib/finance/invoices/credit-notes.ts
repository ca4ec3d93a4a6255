import 'server-only';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  creditNoteCounters,
  creditNoteLines,
  creditNotes,
  invoiceLines,
  invoices,
  journalEntries,
  ledgerAccounts,
  orders,
  postings,
  type InvoiceLineKind,
} from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { personEmail, personName } from '@/lib/auth';
import { serviceNameEn, serviceNameRu } from '@/lib/catalog';
import { forbidden, notFound } from '@/lib/errors';
import { enqueue } from '@/lib/notifications';
import { getSettings } from '@/lib/settings';
import { toDateString } from '@/lib/time';
import { postEntry } from '../ledger';
import { applyClientCredit } from './apply-credit';
import { amountDue, settles } from './due';

export type CreditInvoicedChargeInput = {
  orderId: string;
  /** What the client no longer owes for this order, minor units (the ledger has already been changed). */
  amount: number;
  /** A reason code (poor_quality) or a person's words. */
  reason: string;
  at: Date;
  actorId: string | null;
};

export type IssuedCreditNote = { id: string; number: string; invoiceId: string; amount: number; toCredit: number };

/**
 * The document side of a change to an invoiced charge, in the caller's transaction (the one that changed
 * the ledger: a failed review's reversal, an admin's reversal). When the order is on a live invoice line,
 * a credit note with its own gapless number (CN-<year>-000001) takes back `amount` (capped at what of
 * that line is not yet credited) and lowers the invoice's amount due. What the client had already paid
 * beyond the new due becomes their credit (Dr receivable / Cr client_credit, so the receivable again
 * equals what the open documents ask for) and goes at once to their other open invoices. The client is
 * emailed. An order on no invoice needs no document: the next run bills what the ledger then says.
 */
export async function creditInvoicedCharge(tx: Db, input: CreditInvoicedChargeInput): Promise<IssuedCreditNote | null> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return null;
  const [line] = await tx
    .select({ invoiceId: invoiceLines.invoiceId, kind: invoiceLines.kind, amount: invoiceLines.amount })
    .from(invoiceLines)
    .where(eq(invoiceLines.orderId, input.orderId));
  if (!line) return null;
  const [inv] = await tx
    .select({
      id: invoices.id,
      number: invoices.number,
      clientId: invoices.clientId,
      currency: invoices.currency,
      status: invoices.status,
      total: invoices.total,
      paidAmount: invoices.paidAmount,
      creditedAmount: invoices.creditedAmount,
    })
    .from(invoices)
    .where(eq(invoices.id, line.invoiceId))
    .for('update');
  if (!inv || inv.status === 'void') return null;
  const [{ credited }] = await tx
    .select({ credited: sql<string>`coalesce(sum(${creditNoteLines.amount}), 0)` })
    .from(creditNoteLines)
    .innerJoin(creditNotes, eq(creditNotes.id, creditNoteLines.creditNoteId))
    .where(and(eq(creditNoteLines.orderId, input.orderId), eq(creditNotes.invoiceId, inv.id)));
  const amount = Math.min(input.amount, line.amount - Number(credited));
  if (amount <= 0) return null;

  const due = amountDue(inv);
  const toCredit = Math.max(0, amount - due);
  const { timeZone } = await getSettings(tx);
  const year = Number(toDateString(input.at, timeZone).slice(0, 4));
  const [counter] = await tx
    .insert(creditNoteCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: creditNoteCounters.year, set: { last: sql`${creditNoteCounters.last} + 1` } })
    .returning({ last: creditNoteCounters.last });
  const number = `CN-${year}-${String(counter.last).padStart(6, '0')}`;
  const [note] = await tx
    .insert(creditNotes)
    .values({
      number,
      invoiceId: inv.id,
      clientId: inv.clientId,
      currency: inv.currency,
      amount,
      toCredit,
      reason: input.reason,
      issuedAt: input.at,
      actorId: input.actorId,
    })
    .returning({ id: creditNotes.id });
  await tx.insert(creditNoteLines).values({ creditNoteId: note.id, orderId: input.orderId, kind: line.kind, amount });
  const settled = settles(inv, amount);
  await tx
    .update(invoices)
    .set({
      creditedAmount: sql`${invoices.creditedAmount} + ${amount}`,
      ...(settled ? { status: 'paid' as const, paidAt: input.at } : {}),
    })
    .where(eq(invoices.id, inv.id));
  if (toCredit > 0) {
    await postEntry(tx, {
      key: `credit_note:${note.id}`,
      kind: 'credit_note',
      memo: number,
      invoiceId: inv.id,
      orderId: input.orderId,
      at: input.at,
      actorId: input.actorId,
      lines: [
        { account: { type: 'receivable', clientId: inv.clientId }, amount: toCredit },
        { account: { type: 'client_credit', clientId: inv.clientId }, amount: -toCredit },
      ],
    });
    await applyClientCredit(tx, inv.clientId, input.at);
  }
  await enqueue(
    tx,
    { userId: inv.clientId },
    'credit_note_issued',
    {
      creditNoteId: note.id,
      number,
      invoiceId: inv.id,
      invoiceNumber: inv.number,
      amount,
      toCredit,
      due: amountDue({ ...inv, creditedAmount: inv.creditedAmount + amount }),
      currency: inv.currency,
    },
    { idempotencyKey: `credit_note_issued:${note.id}` },
  );
  return { id: note.id, number, invoiceId: inv.id, amount, toCredit };
}

export type CreditNoteLineDto = {
  orderId: string;
  orderNumber: string;
  kind: InvoiceLineKind;
  serviceRu: string;
  serviceEn: string;
  amount: number;
};

export type CreditNoteDto = {
  id: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  clientId: string;
  clientName: string;
  clientEmail: string;
  currency: string;
  amount: number;
  toCredit: number;
  reason: string;
  issuedAt: Date;
  lines: CreditNoteLineDto[];
};

async function creditNoteRows(db: Db, where: SQL): Promise<CreditNoteDto[]> {
  const notes = await db
    .select({
      id: creditNotes.id,
      number: creditNotes.number,
      invoiceId: creditNotes.invoiceId,
      invoiceNumber: invoices.number,
      clientId: creditNotes.clientId,
      clientName: personName(creditNotes.clientId),
      clientEmail: personEmail(creditNotes.clientId),
      currency: creditNotes.currency,
      amount: creditNotes.amount,
      toCredit: creditNotes.toCredit,
      reason: creditNotes.reason,
      issuedAt: creditNotes.issuedAt,
    })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(where)
    .orderBy(asc(creditNotes.issuedAt), asc(creditNotes.number));
  if (notes.length === 0) return [];
  const lines = await db
    .select({
      creditNoteId: creditNoteLines.creditNoteId,
      orderId: creditNoteLines.orderId,
      orderNumber: orders.number,
      kind: creditNoteLines.kind,
      serviceRu: serviceNameRu(orders.serviceId),
      serviceEn: serviceNameEn(orders.serviceId),
      amount: creditNoteLines.amount,
    })
    .from(creditNoteLines)
    .innerJoin(creditNotes, eq(creditNotes.id, creditNoteLines.creditNoteId))
    .innerJoin(orders, eq(orders.id, creditNoteLines.orderId))
    .where(where)
    .orderBy(asc(orders.number));
  return notes.map((n) => ({
    ...n,
    lines: lines.filter((l) => l.creditNoteId === n.id).map(({ creditNoteId: _, ...l }) => l),
  }));
}

/** An invoice's credit notes (the caller has checked who may read the invoice). */
export function creditNotesOfInvoice(db: Db, invoiceId: string): Promise<CreditNoteDto[]> {
  return creditNoteRows(db, eq(creditNotes.invoiceId, invoiceId));
}

/** One credit note: its client or staff; another client's note is NotFound, a worker is refused. */
export async function getCreditNote(db: Db, actor: Actor, id: string): Promise<CreditNoteDto> {
  if (actor.role === 'worker') throw forbidden();
  const [note] = await creditNoteRows(db, eq(creditNotes.id, id));
  if (!note || (actor.role === 'client' && note.clientId !== actor.id))
    throw notFound('billing.errors.creditNoteNotFound');
  return note;
}

/** The ledger kinds whose entries put an invoiced charge on the client's receivable. */
const chargeKinds = ['order_completed', 'cancellation_fee', 'failure_charge'];

/**
 * After an admin reverses a charge entry (a completion, a cancellation fee, a failure charge): the client
 * no longer owes its receivable amount, so an invoiced charge gets its credit note. Other entries (fines,
 * payments) are not invoice charges and issue nothing.
 */
export async function creditReversedCharge(
  tx: Db,
  entryId: string,
  reason: string,
  actorId: string | null,
): Promise<IssuedCreditNote | null> {
  const [entry] = await tx
    .select({
      orderId: journalEntries.orderId,
      kind: journalEntries.kind,
      at: journalEntries.at,
      receivable: sql<string>`(select coalesce(sum(p.amount), 0) from ${postings} p join ${ledgerAccounts} a on a.id = p.account_id
                                where p.entry_id = journal_entries.id and a.type = 'receivable')`,
    })
    .from(journalEntries)
    .where(eq(journalEntries.id, entryId));
  if (!entry?.orderId || !chargeKinds.includes(entry.kind)) return null;
  return creditInvoicedCharge(tx, {
    orderId: entry.orderId,
    amount: Number(entry.receivable),
    reason,
    at: new Date(),
    actorId,
  });
}
