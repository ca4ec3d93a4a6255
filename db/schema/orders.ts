import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { roleEnum, users } from './auth';
import { services } from './catalog';
import { zones } from './settings';
import { plans } from './plans';

export const orderStatusEnum = pgEnum('order_status', [
  'pending',
  'assigned',
  'in_progress',
  'completed',
  'failed',
  'cancelled',
]);

/**
 * No order lasts longer than this (a CHECK below). The booking rules already keep a job inside one day's bookable
 * hours; the database states it so that a read of the orders overlapping a period can bound their start from
 * both sides (starts_at >= period start - this) and walk the (scheduled_start) index over that range only.
 */
export const MAX_ORDER_HOURS = 24;

/** Feeds human-readable order numbers: BR-<year>-<000123>. */
export const orderNumberSeq = pgSequence('order_number_seq', { startWith: 1 });

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull().unique(),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    serviceId: uuid()
      .notNull()
      .references(() => services.id),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    status: orderStatusEnum().notNull().default('pending'),
    address: text().notNull(),
    accessNotes: text().notNull().default(''),
    contactPhone: text().notNull(),
    /** The options the client chose (area, rooms, bathrooms, extras), as validated by lib/orders. */
    options: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    scheduledStart: timestamp({ withTimezone: true }).notNull(),
    scheduledEnd: timestamp({ withTimezone: true }).notNull(),
    workerId: uuid().references(() => users.id),
    /** Priced lines at booking (lib/finance pricing), and their total. */
    estimateLines: jsonb().$type<PriceLine[]>().notNull().default([]),
    estimateTotal: bigint({ mode: 'number' }).notNull(),
    /** Final priced lines, computed when a worker is matched; null until then. */
    priceLines: jsonb().$type<PriceLine[]>(),
    priceTotal: bigint({ mode: 'number' }),
    /**
     * "Never more than the estimate": the most the client agreed to pay (the estimate at booking), or null.
     * Matching prefers grades within it; above it the company absorbs the difference or asks the client
     * (settings priceCapPolicy).
     */
    priceCap: bigint({ mode: 'number' }),
    /** 'pending' while the client has not yet accepted a price above their cap; 'accepted' once they have. */
    priceConsent: text().$type<'pending' | 'accepted'>(),
    /** The worker's pay for this order at the rate in force when it was matched; null until then. */
    payLines: jsonb().$type<PriceLine[]>(),
    payTotal: bigint({ mode: 'number' }),
    /** Fee charged for a late cancellation (0 when free). */
    cancellationFee: bigint({ mode: 'number' }).notNull().default(0),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    currency: text().notNull(),
    /** When the client booked this time (creation, or the last reschedule): pricing's urgency is measured from it. */
    bookedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The recurring plan this visit belongs to, and the plan date it was generated for (lib/plans). */
    planId: uuid().references(() => plans.id),
    planDate: date({ mode: 'string' }),
    /** Optimistic concurrency: every transition bumps it. */
    version: integer().notNull().default(0),
  },
  (t) => [
    index('orders_client_idx').on(t.clientId, t.createdAt),
    index('orders_worker_idx').on(t.workerId, t.scheduledStart),
    index('orders_status_start_idx').on(t.status, t.scheduledStart),
    // The staff order desk pages every order by (scheduled_start, id), newest first. Migration 0044 adds
    // INCLUDE (scheduled_end, status, worker_id, updated_at), which drizzle cannot declare: the board's version and
    // day totals read a week of orders from this index alone (an index-only scan, no heap visit per order).
    index('orders_start_id_idx').on(t.scheduledStart, t.id),
    // Orders still running after an instant (matching's window, the tray's "not yet over").
    index('orders_end_idx').on(t.scheduledEnd),
    // One visit per plan and date, ever: concurrent or repeated generation never duplicates one.
    uniqueIndex('orders_plan_date_uq')
      .on(t.planId, t.planDate)
      .where(sql`${t.planId} is not null`),
    check(
      'orders_length_max',
      sql`${t.scheduledEnd} <= ${t.scheduledStart} + ${sql.raw(`interval '${MAX_ORDER_HOURS} hours'`)}`,
    ),
  ],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: orderStatusEnum(),
    toStatus: orderStatusEnum().notNull(),
    /** What happened, when more precise than the status change (e.g. 'rescheduled', 'declined'). */
    kind: text().notNull(),
    actorId: uuid().references(() => users.id),
    actorRole: roleEnum(),
    reason: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('order_events_order_idx').on(t.orderId, t.at),
    // The dashboard's "failed this week": events into a status within a period.
    index('order_events_to_status_at_idx').on(t.toStatus, t.at),
  ],
);

/** A client's saved address, offered again in the order form. */
export const clientAddresses = pgTable(
  'client_addresses',
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text().notNull().default(''),
    address: text().notNull(),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    accessNotes: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_addresses_client_idx').on(t.clientId, t.createdAt)],
);

/** The client's rating of a completed order: one per order (the primary key makes "rate once" hold under races). */
export const orderFeedback = pgTable(
  'order_feedback',
  {
    orderId: uuid()
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    workerId: uuid().references(() => users.id),
    rating: smallint().notNull(),
    comment: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('order_feedback_rating_range', sql`${t.rating} between 1 and 5`),
    index('order_feedback_worker_idx').on(t.workerId, t.createdAt),
  ],
);

/** One priced line in minor units; `code` is stable (base, extra:windows, grade, travel, urgency, discount, cancellation_fee …). */
export type PriceLine = {
  code: string;
  labelRu: string;
  labelEn: string;
  quantity?: number;
  unitPrice?: number;
  amount: number;
};

export type OrderRow = typeof orders.$inferSelect;
export type OrderStatus = (typeof orderStatusEnum.enumValues)[number];
