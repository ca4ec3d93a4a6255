import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { invoices } from './billing';
import { journalEntries } from './finance';
import { payments } from './payments';

/**
 * Money a manager entered above the approval threshold (setting moneyApprovalThreshold), waiting for an admin
 * (lib/finance/approvals.ts owns the rows). Nothing is posted while a request is pending; an admin's approval
 * posts it through the same use case that would have posted it directly, in the transaction that marks it
 * approved.
 */
export const moneyApprovalKinds = ['bonus', 'write_off', 'bank_transfer'] as const;
export type MoneyApprovalKind = (typeof moneyApprovalKinds)[number];
export const moneyApprovalStatuses = ['pending', 'approved', 'rejected'] as const;
export type MoneyApprovalStatus = (typeof moneyApprovalStatuses)[number];

export const moneyApprovals = pgTable(
  'money_approvals',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<MoneyApprovalKind>().notNull(),
    /**
     * What makes a double submit one request: `manual:<requestId>` for a bonus or write-off (the entry key it
     * posts under), `bank_transfer:<reference>` for a transfer. Unique among requests not rejected.
     */
    requestKey: text().notNull(),
    /** The use case's full parsed input, as it will be posted on approval. */
    input: jsonb().$type<Record<string, unknown>>().notNull(),
    /** The worker (bonus) or client (write-off, the transfer's invoice) it concerns. */
    subjectId: uuid()
      .notNull()
      .references(() => users.id),
    invoiceId: uuid().references(() => invoices.id),
    /** Positive minor units. */
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: text().$type<MoneyApprovalStatus>().notNull().default('pending'),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    /** What the approval posted: the journal entry (always) and, for a bank transfer, the payment. */
    entryId: uuid().references(() => journalEntries.id),
    paymentId: uuid().references(() => payments.id),
  },
  (t) => [
    uniqueIndex('money_approvals_request_key_uq')
      .on(t.requestKey)
      .where(sql`${t.status} <> 'rejected'`),
    index('money_approvals_status_idx').on(t.status, t.requestedAt, t.id),
    index('money_approvals_requester_idx').on(t.requestedBy, t.requestedAt, t.id),
    check('money_approvals_amount_positive', sql`${t.amount} > 0`),
    check('money_approvals_kind', sql`${t.kind} in ('bonus', 'write_off', 'bank_transfer')`),
    check('money_approvals_status', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check(
      'money_approvals_decided',
      sql`(${t.status} = 'pending') = (${t.decidedBy} is null and ${t.decidedAt} is null)`,
    ),
    check('money_approvals_posted', sql`(${t.status} = 'approved') = (${t.entryId} is not null)`),
  ],
);
