import 'server-only';
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { payments, refunds } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { personMatches, personName } from '@/lib/auth';
import { csvMoney, type CsvCell } from '@/lib/csv';
import { invoiceNumber, invoiceNumberMatches } from '@/lib/finance';
import { afterCursorDesc, decodeCursor, keysetPage, exportRows, PAGE_SIZE, type Page } from '@/lib/paging';

/** How a payment came in; 'credit' is the client's credit applied, 'write_off' a debt written off. */
export const paymentProviders = ['stripe', 'yookassa', 'bank_transfer', 'credit', 'write_off'] as const;

export type PaymentFilter = {
  /** Part of the client's name or email, the invoice number, or the provider's reference. */
  q?: string;
  provider?: string;
  /** Received within [from, to). */
  from?: Date;
  to?: Date;
  cursor?: string;
};

const qb = new QueryBuilder({ casing: 'snake_case' });

export type PaymentRow = {
  id: string;
  provider: string;
  reference: string;
  clientId: string;
  clientName: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  /** A card tip's payment (no invoice; refundable until a payslip pays the tip out). */
  tip: boolean;
  amount: number;
  appliedAmount: number;
  creditAmount: number;
  /** Given back of it so far: its refunds that succeeded (full or partial, asked here or made at the provider). */
  refundedAmount: number;
  currency: string;
  receivedAt: Date;
};

function whereOf(f: PaymentFilter): SQL | undefined {
  const q = f.q?.trim().slice(0, 100);
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    like
      ? or(
          personMatches(payments.clientId, like),
          invoiceNumberMatches(payments.invoiceId, like),
          ilike(payments.providerRef, like),
        )
      : undefined,
    f.provider ? eq(payments.provider, f.provider) : undefined,
    f.from ? gte(payments.receivedAt, f.from) : undefined,
    f.to ? lt(payments.receivedAt, f.to) : undefined,
  );
}

/** Payments after a cursor, newest received first: keyset on (received_at, id) (payments_received_idx). */
async function paymentsPage(db: Db, f: PaymentFilter, limit: number, counted: boolean): Promise<Page<PaymentRow>> {
  const where = whereOf(f);
  const key = decodeCursor(f.cursor, 2);
  return keysetPage(
    db,
    db
      .select({
        id: payments.id,
        provider: payments.provider,
        reference: payments.providerRef,
        clientId: payments.clientId,
        clientName: personName(payments.clientId),
        invoiceId: payments.invoiceId,
        invoiceNumber: invoiceNumber(payments.invoiceId),
        tip: sql<boolean>`${payments.invoiceId} is null and ${payments.note} is not distinct from 'tip'`,
        amount: payments.amount,
        appliedAmount: payments.appliedAmount,
        creditAmount: payments.creditAmount,
        // Its own refunds only (refunds_payment_number_uq leads with payment_id): one index probe per row shown.
        // Built as a subquery of its own: in this one-table select a raw column would lose its table's name.
        refundedAmount: sql<number>`${qb
          .select({ sum: sql`coalesce(sum(${refunds.amount}), 0)` })
          .from(refunds)
          .where(and(eq(refunds.paymentId, payments.id), eq(refunds.status, 'succeeded')))}`.mapWith(Number),
        currency: payments.currency,
        receivedAt: payments.receivedAt,
      })
      .from(payments)
      .where(and(where, afterCursorDesc(payments.receivedAt, payments.id, key, 'timestamptz')))
      .orderBy(desc(payments.receivedAt), desc(payments.id))
      .limit(limit + 1),
    {
      limit,
      keyOf: (r) => [r.receivedAt.toISOString(), r.id],
      count: counted
        ? db
            .select({ one: sql`1` })
            .from(payments)
            .where(where)
        : null,
    },
  );
}

/** Every payment received (online, bank transfer, credit applied, written off), for staff, filtered and paged. */
export async function listPayments(db: Db, actor: Actor, filter: PaymentFilter = {}): Promise<Page<PaymentRow>> {
  assertStaff(actor);
  return paymentsPage(db, filter, PAGE_SIZE, true);
}

export const PAYMENTS_CSV_HEADER = [
  'received_at',
  'provider',
  'reference',
  'client',
  'client_id',
  'invoice',
  'amount',
  'applied',
  'to_credit',
  'refunded',
  'currency',
];

/** Every payment the list's filters match, as CSV rows batch by batch (a keyset walk). Staff only. */
export function exportPayments(db: Db, actor: Actor, filter: PaymentFilter): AsyncIterable<CsvCell[][]> {
  assertStaff(actor);
  const f = { ...filter, cursor: undefined };
  return exportRows(
    (cursor, limit) => paymentsPage(db, { ...f, cursor }, limit, false),
    (p) => [
      p.receivedAt.toISOString(),
      p.provider,
      p.reference,
      p.clientName,
      p.clientId,
      p.invoiceNumber,
      csvMoney(p.amount),
      csvMoney(p.appliedAmount),
      csvMoney(p.creditAmount),
      csvMoney(p.refundedAmount),
      p.currency,
    ],
  );
}
