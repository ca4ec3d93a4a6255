import { bigint, bigserial, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { roleEnum, users } from './auth';
import { services } from './catalog';
import { zones } from './settings';

export const orderStatusEnum = pgEnum('order_status', ['pending', 'assigned', 'in_progress', 'completed', 'failed', 'cancelled']);

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
    estimateTotal: bigint({ mode: 'number' }).notNull(),
    priceTotal: bigint({ mode: 'number' }),
    currency: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency: every transition bumps it. */
    version: integer().notNull().default(0),
  },
  (t) => [
    index('orders_client_idx').on(t.clientId, t.createdAt),
    index('orders_worker_idx').on(t.workerId, t.scheduledStart),
    index('orders_status_start_idx').on(t.status, t.scheduledStart),
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
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderStatus = (typeof orderStatusEnum.enumValues)[number];
