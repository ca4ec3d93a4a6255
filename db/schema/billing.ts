import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/*
 * Weekly invoices and monthly payroll (lib/finance/invoices, lib/finance/payroll).
 *
 * Lines reference orders and adjustments without foreign keys on purpose: they are written only by the
 * set-based statements of the invoicing and payroll jobs, which take those ids from the rows they select in
 * the same statement; an FK check per line is what made a million-line run take 15 s instead of a few.
 * What FKs would guard is guarded by the partial unique indexes below (one active line per order and kind),
 * which is the "nothing billed or paid twice" rule itself.
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
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    /** The Monday–Sunday week the invoice closes (company time zone); earlier unbilled items may be on it too. */
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    currency: text().notNull(),
    total: bigint({ mode: 'number' }).notNull(),
    /** Sum of the payments applied to it (an overpayment beyond the total becomes client credit, not this). */
    paidAmount: bigint({ mode: 'number' }).notNull().default(0),
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
    voidedBy: uuid().references(() => users.id),
    voidReason: text(),
    /** The voided invoice this one re-issues. */
    reissueOf: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invoices_client_idx').on(t.clientId, t.issuedAt),
    index('invoices_status_due_idx').on(t.status, t.dueDate),
    index('invoices_period_idx').on(t.periodFrom),
    index('invoices_unnotified_idx').on(t.issuedAt).where(sql`${t.notifiedAt} is null`),
  ],
);

export const invoiceLineKinds = ['order', 'cancellation_fee'] as const;
export type InvoiceLineKind = (typeof invoiceLineKinds)[number];

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    invoiceId: uuid().notNull(),
    orderId: uuid().notNull(),
    kind: text().$type<InvoiceLineKind>().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /** When the billed fact happened (the order's finish, the cancellation). */
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    /** False once the invoice is voided: the order is billable again (re-issue, or the next week's run). */
    active: boolean().notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.invoiceId, t.orderId, t.kind] }),
    uniqueIndex('invoice_lines_active_uq').on(t.orderId, t.kind).where(sql`${t.active}`),
  ],
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
    /** earnings − deductions + bonuses. */
    net: bigint({ mode: 'number' }).notNull(),
    /** The payout journal entry, once paid. */
    payoutEntryId: uuid(),
    notifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('payslips_run_worker_uq').on(t.runId, t.workerId), index('payslips_worker_idx').on(t.workerId, t.period)],
);

export const payslipLineKinds = ['order', 'fine', 'supply_charge', 'bonus'] as const;
export type PayslipLineKind = (typeof payslipLineKinds)[number];

export const payslipLines = pgTable(
  'payslip_lines',
  {
    payslipId: uuid().notNull(),
    kind: text().$type<PayslipLineKind>().notNull(),
    /** The order (kind 'order') or the adjustment (the others) the line pays or deducts. */
    sourceId: uuid().notNull(),
    orderId: uuid(),
    /** Signed: + earnings and bonuses, − fines and supply charges. */
    amount: bigint({ mode: 'number' }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    label: text().notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.payslipId, t.kind, t.sourceId] }), uniqueIndex('payslip_lines_source_uq').on(t.sourceId, t.kind)],
);

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceStatus = (typeof invoiceStatusEnum.enumValues)[number];
export type PayrollStatus = (typeof payrollStatusEnum.enumValues)[number];
