import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';

/*
 * Weekly invoices and monthly payroll (lib/finance/invoices, lib/finance/payroll).
 *
 * Lines reference orders and adjustments without foreign keys on purpose: they are written only by the
 * set-based statements of the invoicing and payroll jobs, which take those ids from the rows they select in
 * the same statement; an FK check per line is what made a million-line run take 15 s instead of a few.
 * Their primary keys (one line per order / per source item) are the "nothing billed or paid twice" rule.
 */

/** open: waiting for payment (overdue is open past its due date); paid; void: cancelled with a reason. */
export const invoiceStatusEnum = pgEnum('invoice_status', ['open', 'paid', 'void']);

/** Gapless invoice numbers per year: a chunk takes its block of numbers by updating its year's row. */
export const invoiceCounters = pgTable('invoice_counters', {
  year: integer().primaryKey(),
  last: integer().notNull().default(0),
});

export const invoices = pgTable(
  'invoices',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** INV-2026-000042 */
    number: text().notNull().unique(),
    /**
     * The client (a users id). No FK: invoices are only written by the set-based run from orders' client ids
     * (orders.client_id has the FK), and the check per invoice was half a second of a 100 000-invoice run.
     */
    clientId: uuid().notNull(),
    /** The Monday–Sunday week the invoice closes (company time zone); earlier unbilled items may be on it too. */
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    currency: text().notNull(),
    total: bigint({ mode: 'number' }).notNull(),
    /** Sum of the payments applied to it (an overpayment beyond the total becomes client credit, not this). */
    paidAmount: bigint({ mode: 'number' }).notNull().default(0),
    /** Sum of its credit notes: what is due is total − credited − paid (lib/finance/invoices amountDue). */
    creditedAmount: bigint({ mode: 'number' }).notNull().default(0),
    lineCount: integer().notNull(),
    status: invoiceStatusEnum().notNull().default('open'),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    dueDate: date({ mode: 'string' }).notNull(),
    paidAt: timestamp({ withTimezone: true }),
    /** Set by the reminders job when it first finds the invoice overdue (and reminds the client). */
    overdueNotifiedAt: timestamp({ withTimezone: true }),
    /** Set when the invoice_issued email is queued. */
    notifiedAt: timestamp({ withTimezone: true }),
    voidedAt: timestamp({ withTimezone: true }),
    /** The admin who voided it (no FK: an RI check per inserted invoice is paid on every run for a rare field). */
    voidedBy: uuid(),
    voidReason: text(),
    /** The voided invoice this one re-issues. */
    reissueOf: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invoices_client_idx').on(t.clientId, t.issuedAt),
    index('invoices_status_due_idx').on(t.status, t.dueDate),
    // Staff's list, newest issued first, keyset on (issued_at, id): without it every page sorts every invoice.
    index('invoices_issued_id_idx').on(t.issuedAt, t.id),
    index('invoices_unnotified_idx')
      .on(t.issuedAt)
      .where(sql`${t.notifiedAt} is null`),
  ],
);

export const invoiceLineKinds = ['order', 'cancellation_fee', 'failure_charge', 'tip'] as const;
export type InvoiceLineKind = (typeof invoiceLineKinds)[number];

/**
 * One line per billed order (its price when completed, its late-cancellation fee when cancelled, or the
 * charge a manager decided for a failed order — an order ends in one of these states only). The primary key on order_id IS the "never billed twice" rule;
 * it is also the only index, which keeps a million-line run cheap: an invoice's lines are found through
 * its client's orders (orders_client_idx) and this key. Voiding moves the lines to voided_invoice_lines,
 * which frees the orders for the re-issue. A tip's line (kind 'tip') holds the tip's id in order_id: tip and order
 * ids are random UUIDs from different tables, so the key still names one billed item.
 */
export const invoiceLines = pgTable('invoice_lines', {
  orderId: uuid().primaryKey(),
  invoiceId: uuid().notNull(),
  kind: text().$type<InvoiceLineKind>().notNull(),
  amount: bigint({ mode: 'number' }).notNull(),
  /** When the billed fact happened (the order's finish, the cancellation). */
  occurredAt: timestamp({ withTimezone: true }).notNull(),
});

/** The lines of voided invoices, kept as they were billed. */
export const voidedInvoiceLines = pgTable(
  'voided_invoice_lines',
  {
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id),
    orderId: uuid().notNull(),
    kind: text().$type<InvoiceLineKind>().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.orderId] })],
);

/** Gapless credit-note numbers per year (CN-2026-000001), like invoices'. */
export const creditNoteCounters = pgTable('credit_note_counters', {
  year: integer().primaryKey(),
  last: integer().notNull().default(0),
});

/**
 * A credit note: the document that takes back (part of) an invoiced charge after it changed (the order
 * failed review, an admin reversed the charge). It reduces its invoice's amount due; the part of it that
 * the client had already paid becomes their credit (toCredit), applied to their other open invoices.
 */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull().unique(),
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id),
    clientId: uuid().notNull(),
    currency: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /** The part of the amount the client had already paid, moved to their credit. */
    toCredit: bigint({ mode: 'number' }).notNull().default(0),
    /** Why (the failure reason code, or the admin's words for a reversal). */
    reason: text().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    actorId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_notes_invoice_idx').on(t.invoiceId),
    index('credit_notes_client_idx').on(t.clientId, t.issuedAt),
    check('credit_notes_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** What a credit note takes back, per invoiced order line. */
export const creditNoteLines = pgTable(
  'credit_note_lines',
  {
    creditNoteId: uuid()
      .notNull()
      .references(() => creditNotes.id),
    orderId: uuid().notNull(),
    kind: text().$type<InvoiceLineKind>().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.creditNoteId, t.orderId] }), index('credit_note_lines_order_idx').on(t.orderId)],
);

export const payrollStatusEnum = pgEnum('payroll_status', ['draft', 'approved', 'paid']);

export const payrollRuns = pgTable('payroll_runs', {
  id: uuid().primaryKey().defaultRandom(),
  /** 'YYYY-MM', the closed month (company time zone). */
  period: text().notNull().unique(),
  status: payrollStatusEnum().notNull().default('draft'),
  currency: text().notNull(),
  workerCount: integer().notNull().default(0),
  earnings: bigint({ mode: 'number' }).notNull().default(0),
  deductions: bigint({ mode: 'number' }).notNull().default(0),
  bonuses: bigint({ mode: 'number' }).notNull().default(0),
  /** Clients' tips, paid to the workers whole. */
  tips: bigint({ mode: 'number' }).notNull().default(0),
  net: bigint({ mode: 'number' }).notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  approvedAt: timestamp({ withTimezone: true }),
  approvedBy: uuid().references(() => users.id),
  paidAt: timestamp({ withTimezone: true }),
  paidBy: uuid().references(() => users.id),
});

export const payslips = pgTable(
  'payslips',
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid()
      .notNull()
      .references(() => payrollRuns.id, { onDelete: 'cascade' }),
    workerId: uuid()
      .notNull()
      .references(() => users.id),
    period: text().notNull(),
    orderCount: integer().notNull(),
    /** Pay for the orders (positive). */
    earnings: bigint({ mode: 'number' }).notNull(),
    /** Fines and supply charges (positive amounts, subtracted). */
    deductions: bigint({ mode: 'number' }).notNull(),
    bonuses: bigint({ mode: 'number' }).notNull(),
    /** Clients' tips (lib/finance/tips.ts), the whole amount each. */
    tips: bigint({ mode: 'number' }).notNull().default(0),
    /** earnings − deductions + bonuses + tips. */
    net: bigint({ mode: 'number' }).notNull(),
    /** The payout journal entry, once paid. */
    payoutEntryId: uuid(),
    notifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payslips_run_worker_uq').on(t.runId, t.workerId),
    index('payslips_worker_idx').on(t.workerId, t.period),
  ],
);

export const payslipLineKinds = ['order', 'fine', 'supply_charge', 'bonus', 'tip'] as const;
export type PayslipLineKind = (typeof payslipLineKinds)[number];

export const payslipLines = pgTable(
  'payslip_lines',
  {
    payslipId: uuid().notNull(),
    kind: text().$type<PayslipLineKind>().notNull(),
    /** The order (kind 'order'), the tip (kind 'tip') or the adjustment (the others) the line pays or deducts. */
    sourceId: uuid().notNull(),
    orderId: uuid(),
    /** Signed: + earnings, bonuses and tips, − fines and supply charges. */
    amount: bigint({ mode: 'number' }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    label: text().notNull().default(''),
  },
  // Order and adjustment ids are random UUIDs from different tables: the source alone identifies the item.
  (t) => [primaryKey({ columns: [t.sourceId] }), index('payslip_lines_payslip_idx').on(t.payslipId)],
);

export type InvoiceRow = typeof invoices.$inferSelect;
export type CreditNoteRow = typeof creditNotes.$inferSelect;
export type InvoiceStatus = (typeof invoiceStatusEnum.enumValues)[number];
export type PayrollStatus = (typeof payrollStatusEnum.enumValues)[number];
