import {
  boolean,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { services } from './catalog';
import { orderStatusEnum, orders } from './orders';

export const reviewOutcomeEnum = pgEnum('review_outcome', ['confirmed', 'failed']);
export const contactKindEnum = pgEnum('contact_kind', ['call', 'email', 'note']);
export const qualityFormPurposeEnum = pgEnum('quality_form_purpose', ['service', 'follow_up']);

/** A manager's verdict on an order: at most one per order (confirmed completed, or failed with a reason). */
export const orderReviews = pgTable(
  'order_reviews',
  {
    orderId: uuid()
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    outcome: reviewOutcomeEnum().notNull(),
    /** Failure reason code (no_show, poor_quality, damage, client_unreachable, other); null when confirmed. */
    reasonCode: text(),
    note: text().notNull().default(''),
    /** Whether the client is still charged for the failed order (the finance module acts on it). */
    chargeClient: boolean().notNull().default(false),
    /** The free re-do order created for the client after a failure, if any. */
    redoOrderId: uuid().references(() => orders.id),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_reviews_at_idx').on(t.at)],
);

/** Calls, emails and notes about an order or a client, with the outcome of each contact. */
export const contactLog = pgTable(
  'contact_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid().references(() => orders.id, { onDelete: 'cascade' }),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    kind: contactKindEnum().notNull(),
    /** reached, no_answer, voicemail, sent, resolved, follow_up, info. */
    outcome: text().notNull(),
    subject: text().notNull().default(''),
    body: text().notNull().default(''),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    /** When the contact happened (a manager may log a call after the fact). */
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_log_order_idx').on(t.orderId, t.at), index('contact_log_client_idx').on(t.clientId, t.at)],
);

export type QualityQuestionKind = 'yes_no' | 'score' | 'choice' | 'text';
export type QualityChoice = { code: string; ru: string; en: string; /** 0..100 */ points: number };
export type QualityQuestion = {
  code: string;
  kind: QualityQuestionKind;
  ru: string;
  en: string;
  required: boolean;
  options?: QualityChoice[];
};
export type QualityAnswer = boolean | number | string | null;

export const qualityForms = pgTable(
  'quality_forms',
  {
    id: uuid().primaryKey().defaultRandom(),
    nameRu: text().notNull(),
    nameEn: text().notNull(),
    purpose: qualityFormPurposeEnum().notNull(),
    /** For purpose 'service': the service the form is attached to; null = any service. */
    serviceId: uuid().references(() => services.id),
    questions: jsonb().$type<QualityQuestion[]>().notNull(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quality_forms_service_idx').on(t.serviceId)],
);

/** A filled form. The questions are copied in, so later edits of the template never change old scores. */
export const qualityResponses = pgTable(
  'quality_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    formId: uuid()
      .notNull()
      .references(() => qualityForms.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** The order's worker at the time, so performance reads need no join through history. */
    workerId: uuid().references(() => users.id),
    questions: jsonb().$type<QualityQuestion[]>().notNull(),
    answers: jsonb().$type<Record<string, QualityAnswer>>().notNull(),
    /** 0..10000 (percent × 100); null when no question is scorable. */
    scoreBp: integer(),
    filledBy: uuid()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('quality_responses_order_idx').on(t.orderId),
    index('quality_responses_worker_idx').on(t.workerId, t.at),
  ],
);

/**
 * The daily rollup behind the failure analysis and worker performance (lib/quality/order-stats.ts), kept in the
 * same transaction as every order transition. Per company-zone day of the scheduled start:
 * - order rows (status set): closed orders (completed, failed, cancelled) by status, closing reason ('' for
 *   none), service, zone and worker (null when none) in `orders`;
 * - event rows (status null, reason ''): the declines and starts of each worker (the event's actor) on orders
 *   of that day, and how many starts were on time.
 * Rows whose counts fall back to zero are kept (harmless: every reader sums and filters on the sums).
 */
export const orderStatsDaily = pgTable(
  'order_stats_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    status: orderStatusEnum(),
    reasonCode: text().notNull().default(''),
    // Derived data, rebuilt from orders and events: no foreign keys to slow the transitions that maintain it.
    serviceId: uuid().notNull(),
    zoneId: uuid().notNull(),
    workerId: uuid(),
    orders: integer().notNull().default(0),
    declined: integer().notNull().default(0),
    starts: integer().notNull().default(0),
    onTime: integer().notNull().default(0),
  },
  (t) => [
    unique('order_stats_daily_key')
      .on(t.day, t.status, t.reasonCode, t.serviceId, t.zoneId, t.workerId)
      .nullsNotDistinct(),
    index('order_stats_daily_worker_idx').on(t.workerId, t.day),
  ],
);

/**
 * Coarser rollups of the same contributions (lib/quality/order-stats.ts writes all three in one statement), so a
 * period's analysis and team performance read a few thousand rows rather than about one per order:
 * - order_stats_dims_daily: closed orders by day, status, closing reason, service and zone (no worker) — the
 *   analysis by reason, service, zone and week;
 * - order_stats_worker_daily: per day and worker (null: none), closed orders by status (order rows) and, in the
 *   row of status null, the worker's declines, starts and on-time starts — the analysis by worker and worker
 *   performance.
 * A filter the coarse key lacks (a service with the worker dimension, a worker with the others) reads
 * order_stats_daily.
 */
export const orderStatsDimsDaily = pgTable(
  'order_stats_dims_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    status: orderStatusEnum().notNull(),
    reasonCode: text().notNull().default(''),
    serviceId: uuid().notNull(),
    zoneId: uuid().notNull(),
    orders: integer().notNull().default(0),
  },
  (t) => [unique('order_stats_dims_daily_key').on(t.day, t.status, t.reasonCode, t.serviceId, t.zoneId)],
);

export const orderStatsWorkerDaily = pgTable(
  'order_stats_worker_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    workerId: uuid(),
    status: orderStatusEnum(),
    orders: integer().notNull().default(0),
    declined: integer().notNull().default(0),
    starts: integer().notNull().default(0),
    onTime: integer().notNull().default(0),
  },
  (t) => [
    unique('order_stats_worker_daily_key').on(t.day, t.workerId, t.status).nullsNotDistinct(),
    index('order_stats_worker_daily_worker_idx').on(t.workerId, t.day),
  ],
);
