import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orders } from './orders';

/**
 * How a tip is paid: with the client's next weekly invoice (an invoice line "Tip for <worker>"), or at once by an
 * off-session charge of their saved card.
 */
export const tipMethods = ['invoice', 'card'] as const;
export type TipMethod = (typeof tipMethods)[number];

/**
 * owed: on the next invoice (its ledger entry is posted: the client owes it, the worker is owed it);
 * charging: a card charge was asked for and not answered yet (no ledger entry); paid: the card was charged
 * (ledger entry posted); failed: the card was refused (nothing posted; the order can be tipped again).
 */
export const tipStatuses = ['owed', 'charging', 'paid', 'failed'] as const;
export type TipStatus = (typeof tipStatuses)[number];

/**
 * A client's tip for the worker of a completed order (lib/finance/tips.ts). The whole amount goes to the worker:
 * its journal entry (key `tip:<id>`) credits the worker's payable, never revenue. At most one tip per order that
 * is not failed (tips_order_live_uq): one thank-you per visit, and a double submit or a second tab cannot tip
 * twice. The form's request key makes a repeated submit find its own tip.
 */
export const tips = pgTable(
  'tips',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    workerId: uuid()
      .notNull()
      .references(() => users.id),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    method: text().$type<TipMethod>().notNull(),
    status: text().$type<TipStatus>().notNull(),
    /** The form's request id: a repeated submit of the same form is the same tip. */
    requestKey: text().notNull(),
    /** For a card tip: the provider, the saved card charged (lib/payments' id), the provider's payment id, why it failed. */
    provider: text(),
    savedMethodId: uuid(),
    providerRef: text(),
    failureCode: text(),
    /** The tip's journal entry once posted (owed at once; a card tip when charged). */
    entryId: uuid(),
    /** Who gave it: the client, or staff on their behalf. */
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When it was posted to the ledger (given on the invoice, or charged). */
    postedAt: timestamp({ withTimezone: true }),
    /**
     * Given back to the client from a card tip not yet on a payslip (lib/payments refunds): the worker is owed the
     * tip less this, and the next payslip's tip line is that difference.
     */
    refundedAmount: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('tips_request_uq').on(t.requestKey),
    uniqueIndex('tips_order_live_uq')
      .on(t.orderId)
      .where(sql`${t.status} <> 'failed'`),
    index('tips_client_idx').on(t.clientId),
    index('tips_worker_idx').on(t.workerId),
    check('tips_amount_positive', sql`${t.amount} > 0`),
    check('tips_refunded_within', sql`${t.refundedAmount} between 0 and ${t.amount}`),
  ],
);

export type TipRow = typeof tips.$inferSelect;
