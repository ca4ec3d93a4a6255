import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { services } from './catalog';
import { orders } from './orders';
import { gradeEnum } from './workers';

/*
 * The double-entry ledger (lib/finance). Sign convention: a posting's `amount` is in minor units and
 * POSITIVE = DEBIT, NEGATIVE = CREDIT. The postings of every journal entry sum to zero; a deferred
 * constraint trigger (migration finance_ledger_guards) checks that at commit, and refuses any UPDATE or
 * DELETE of entries and postings: corrections are reversal entries.
 *
 * Debit-normal accounts (a positive sum is what they hold): receivable (the client owes us), cash,
 * payroll_expense, supplies, bad_debt. Credit-normal (a negative sum is what they hold): payable (we owe
 * the worker), revenue, penalty_income, client_credit.
 */

/** Account types. Text, not an enum, so later modules can add system accounts without a type migration. */
export const accountTypes = [
  'receivable',
  'payable',
  'revenue',
  'payroll_expense',
  'penalty_income',
  'supplies',
  'cash',
  'bad_debt',
  'client_credit',
] as const;
export type AccountType = (typeof accountTypes)[number];

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stable code: the type for system accounts ('revenue'), `receivable:<clientId>`, `payable:<workerId>`. */
    code: text().notNull().unique(),
    type: text().$type<AccountType>().notNull(),
    /** The client (receivable) or worker (payable) the account belongs to; null for system accounts. */
    ownerId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_accounts_owner_idx').on(t.ownerId), index('ledger_accounts_type_idx').on(t.type)],
);

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Idempotency key of the fact (`order:<id>:completed`, `reversal:<entryId>` …): one entry per fact, ever. */
    key: text().notNull().unique(),
    /** What the fact is: order_completed, cancellation_fee, fine, bonus, write_off, reversal, payment, payout … */
    kind: text().notNull(),
    memo: text(),
    orderId: uuid().references(() => orders.id),
    /** The invoice the fact belongs to (a payment, an invoice's charges); no FK: invoices are lib/finance/invoices' table. */
    invoiceId: uuid(),
    /** For a reversal: the entry it cancels (never edited itself). */
    reversesEntryId: uuid().references((): AnyPgColumn => journalEntries.id),
    /** Who recorded it (null: the system) and why, for manual entries, waivers and reversals. */
    actorId: uuid().references(() => users.id),
    reason: text(),
    /** When the fact happened (the order's finish, the payment's date); months and weeks are cut by it. */
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('journal_entries_order_idx').on(t.orderId),
    index('journal_entries_at_idx').on(t.at),
    index('journal_entries_reverses_idx').on(t.reversesEntryId),
  ],
);

export const postings = pgTable(
  'postings',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    entryId: uuid()
      .notNull()
      .references(() => journalEntries.id),
    accountId: uuid()
      .notNull()
      .references(() => ledgerAccounts.id),
    /** Minor units; + debit, − credit; never zero. */
    amount: bigint({ mode: 'number' }).notNull(),
    /** Copy of the entry's `at`, so an account's history for a period is one index range scan. */
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // With the amount, an account's balance or a period's movement is an index-only sum.
    index('postings_account_at_amount_idx').on(t.accountId, t.at, t.amount),
    index('postings_entry_idx').on(t.entryId),
    check('postings_amount_nonzero', sql`${t.amount} <> 0`),
  ],
);

/**
 * Each account's turnover, kept by the database in the transaction of every posting (the statement trigger
 * postings_keep_balances, migration 0040): debits and credits are the sums of the account's positive and of its
 * negated negative postings, so the trial balance reads one short row per account instead of every posting.
 * An account may have several rows (slots), summed by every reader: a posting transaction adds to a row no
 * other transaction holds (FOR UPDATE SKIP LOCKED) or inserts its own (slot = its transaction id), so
 * concurrent postings to a busy account (revenue) never wait on each other nor deadlock. Rebuilt from postings
 * by the migration's backfill; the ledger checks compare it with them.
 */
export const accountBalances = pgTable(
  'account_balances',
  {
    accountId: uuid()
      .notNull()
      .references(() => ledgerAccounts.id),
    slot: bigint({ mode: 'number' }).notNull(),
    debits: bigint({ mode: 'number' }).notNull().default(0),
    credits: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.slot] })],
);

/** Fines, bonuses, write-offs and supply charges, with the reason a person gave (or the rule that applied). */
export const adjustmentKinds = ['fine', 'bonus', 'write_off', 'supply_charge'] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];

export const adjustments = pgTable(
  'adjustments',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<AdjustmentKind>().notNull(),
    /** The worker (fine, bonus, supply charge) or client (write-off) it concerns. */
    subjectId: uuid()
      .notNull()
      .references(() => users.id),
    orderId: uuid().references(() => orders.id),
    /** Positive minor units; the direction follows from the kind. */
    amount: bigint({ mode: 'number' }).notNull(),
    reason: text().notNull(),
    /** The penalty rule that produced it (`lateness`, `late_decline`, `fail:no_show` …); null when set by hand. */
    ruleCode: text(),
    /** What the rule measured (minutes late, hours before the start), shown with the rule's label. */
    ruleValue: doublePrecision(),
    entryId: uuid()
      .notNull()
      .unique()
      .references(() => journalEntries.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('adjustments_subject_idx').on(t.subjectId, t.createdAt),
    // The staff list, newest first, keyset-paged on (created_at, id).
    index('adjustments_created_idx').on(t.createdAt, t.id),
    check('adjustments_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * Worker pay rates per service and grade, with history: a change is a new row from `validFrom`; the rate
 * in force at an instant is the latest row with validFrom <= that instant. `serviceId` null is the
 * fallback for services without their own rate.
 */
export const payRates = pgTable(
  'pay_rates',
  {
    id: uuid().primaryKey().defaultRandom(),
    serviceId: uuid().references(() => services.id),
    grade: gradeEnum().notNull(),
    /** Share of the order's work lines (base, extras, grade, urgency) the worker earns, in basis points. */
    shareBp: integer().notNull(),
    /** Share of the travel fee passed to the worker, in basis points. */
    travelShareBp: integer().notNull().default(10_000),
    /** Floor for one order's pay, minor units. */
    minPay: bigint({ mode: 'number' }).notNull().default(0),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('pay_rates_service_grade_from_uq').on(t.serviceId, t.grade, t.validFrom).nullsNotDistinct(),
    check(
      'pay_rates_share_range',
      sql`${t.shareBp} BETWEEN 0 AND 10000 AND ${t.travelShareBp} BETWEEN 0 AND 10000 AND ${t.minPay} >= 0`,
    ),
  ],
);

/**
 * Penalty rules an admin edits. One row per band of a rule:
 *  - `lateness`: minutes late at start, band (fromValue, toValue] (up to 30 min inclusive: 10%);
 *  - `late_decline`: hours before the start when the worker declined, band [fromValue, toValue);
 *  - `fail:<reasonCode>`: a failed order for that reason (fromValue/toValue unused).
 * toValue null = no upper bound. The fine is rateBp of the order's pay plus fixedAmount.
 */
export const penaltyRules = pgTable(
  'penalty_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    rule: text().notNull(),
    fromValue: integer().notNull().default(0),
    toValue: integer(),
    rateBp: integer().notNull().default(0),
    fixedAmount: bigint({ mode: 'number' }).notNull().default(0),
    active: boolean().notNull().default(true),
    updatedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('penalty_rules_rule_from_uq').on(t.rule, t.fromValue),
    check('penalty_rules_values', sql`${t.rateBp} BETWEEN 0 AND 10000 AND ${t.fixedAmount} >= 0`),
  ],
);

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type JournalEntryRow = typeof journalEntries.$inferSelect;
export type PayRateRow = typeof payRates.$inferSelect;
export type PenaltyRuleRow = typeof penaltyRules.$inferSelect;
