import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { invoices } from './billing';
import { orders } from './orders';

/** A hosted checkout the client was sent to (a Stripe Checkout Session), per invoice and attempt. */
export const checkoutSessions = pgTable(
  'checkout_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text().notNull(),
    /** The provider's id (cs_…). */
    providerSessionId: text().notNull(),
    /** The invoice paid; null for a card setup. */
    invoiceId: uuid().references(() => invoices.id),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    /** open → complete | expired */
    status: text().notNull().default('open'),
    /** 'payment' (an invoice) or 'setup' (saving a card, Stripe Checkout in setup mode; amount 0). */
    purpose: text().notNull().default('payment'),
    /** The client ticked "save this card": the card the payment used is kept for automatic charges. */
    saveCard: boolean().notNull().default(false),
    url: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('checkout_sessions_provider_uq').on(t.provider, t.providerSessionId),
    index('checkout_sessions_invoice_idx').on(t.invoiceId),
  ],
);

/** Money received: one row per provider payment (or bank transfer reference), applied once. */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** 'stripe' | 'bank_transfer' | 'credit' (the client's credit applied: lib/payments/apply-credit.ts) */
    provider: text().notNull(),
    /** The provider's reference (checkout session id; the bank transfer reference): unique per provider. */
    providerRef: text().notNull(),
    invoiceId: uuid().references(() => invoices.id),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    amount: bigint({ mode: 'number' }).notNull(),
    /** The part that paid the invoice; the rest (an overpayment) is client credit. */
    appliedAmount: bigint({ mode: 'number' }).notNull(),
    creditAmount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: uuid().references(() => users.id),
    note: text(),
    entryId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_provider_ref_uq').on(t.provider, t.providerRef),
    index('payments_invoice_idx').on(t.invoiceId),
    index('payments_client_idx').on(t.clientId, t.receivedAt),
    // The staff payments list and its export: newest first, keyset on (received_at, id).
    index('payments_received_idx').on(t.receivedAt, t.id),
  ],
);

/** Every webhook event as received, stored by the provider's event id: a redelivery finds its row and is not applied again. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** How many times it was delivered. */
    deliveries: bigint({ mode: 'number' }).notNull().default(1),
    processedAt: timestamp({ withTimezone: true }),
    /** What applying it did ('payment_recorded', 'already_paid', 'session_expired', …). */
    result: text(),
  },
  (t) => [uniqueIndex('payment_events_provider_event_uq').on(t.provider, t.eventId)],
);

/**
 * A card a client saved for automatic charges: only the provider's ids and what the client needs to recognise it
 * (brand, last 4 digits, expiry), never card data. Removing keeps the row (removed_at) for the history of charges.
 */
export const savedPaymentMethods = pgTable(
  'saved_payment_methods',
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    provider: text().notNull(),
    /** Stripe's PaymentMethod id (pm_…) or YooKassa's payment_method.id. */
    providerMethodId: text().notNull(),
    /** Stripe's Customer id (cus_…) the method is attached to; null for YooKassa. */
    providerCustomerId: text(),
    brand: text().notNull(),
    last4: text().notNull(),
    expMonth: integer().notNull(),
    expYear: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('saved_payment_methods_provider_uq').on(t.provider, t.providerMethodId),
    index('saved_payment_methods_client_idx')
      .on(t.clientId)
      .where(sql`${t.removedAt} is null`),
  ],
);

/**
 * An off-session charge of a saved card (lib/payments/charges.ts): for what an invoice owes (invoice_id), or
 * for one completed visit (order_id, per-visit charging: lib/payments/charge-visits.ts) — exactly one of the
 * two. One row per (invoice or visit, attempt), so the same attempt is never sent twice; its idempotency key is
 * derived from both.
 * status: pending (claimed; sent or about to be; a provider still deciding) → succeeded | declined |
 * authentication_required. A pending attempt older than PENDING_ATTEMPT_MS (a crashed run) is sent again with
 * its own key.
 */
export const chargeAttempts = pgTable(
  'charge_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    invoiceId: uuid().references(() => invoices.id),
    orderId: uuid().references(() => orders.id),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    attempt: integer().notNull(),
    provider: text().notNull(),
    savedMethodId: uuid()
      .notNull()
      .references(() => savedPaymentMethods.id),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    idempotencyKey: text().notNull(),
    status: text().notNull().default('pending'),
    /** The provider's payment id (pi_… / YooKassa payment id), once it answered. */
    providerRef: text(),
    /** The provider's decline code or reason, for managers. */
    failureCode: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('charge_attempts_invoice_attempt_uq').on(t.invoiceId, t.attempt),
    uniqueIndex('charge_attempts_order_attempt_uq').on(t.orderId, t.attempt),
    check('charge_attempts_one_subject', sql`(${t.invoiceId} is null) <> (${t.orderId} is null)`),
    index('charge_attempts_failed_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.status} in ('declined', 'authentication_required')`),
  ],
);

/**
 * Money given back on a payment (lib/payments/refunds.ts), one row per refund, numbered per payment: its idempotency
 * key (at the provider and in the ledger) is derived from (payment, number). status: pending (asked of the provider,
 * its amount already held against the payment) → succeeded | failed. A refund made at the provider's own dashboard
 * arrives by webhook and gets its own row. applied/credit split: what went back out of the invoice's paid amount and
 * what out of the client's credit.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    number: integer().notNull(),
    invoiceId: uuid().references(() => invoices.id),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    provider: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    reason: text().notNull(),
    status: text().notNull().default('pending'),
    /** The provider's refund id (re_… / YooKassa's); null for a refund made outside (bank transfer) or not yet answered. */
    providerRefundId: text(),
    idempotencyKey: text().notNull(),
    appliedAmount: bigint({ mode: 'number' }).notNull().default(0),
    creditAmount: bigint({ mode: 'number' }).notNull().default(0),
    /** The reversal's journal entry, once succeeded. */
    entryId: uuid(),
    /** The admin who asked; null for a refund the provider told us about. */
    requestedBy: uuid().references(() => users.id),
    failureCode: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    refundedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refunds_payment_number_uq').on(t.paymentId, t.number),
    uniqueIndex('refunds_provider_ref_uq')
      .on(t.provider, t.providerRefundId)
      .where(sql`${t.providerRefundId} is not null`),
    index('refunds_invoice_idx').on(t.invoiceId),
  ],
);
