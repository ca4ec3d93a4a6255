import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { localeEnum, users } from './auth';

/**
 * pending: waiting for its first try or a retry (next_attempt_at); sending: claimed by a dispatcher until
 * locked_until (a lease); sent; dead: gave up after the configured number of attempts (an admin may resend).
 * A pending row with attempts > 0 is a failed one waiting for its retry.
 */
export const notificationStatusEnum = pgEnum('notification_status', ['pending', 'sending', 'sent', 'dead']);

/** The outbox: one row per email, inserted in the transaction of the change it reports. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    /** The user it is for, when it is for a user (null for invitees and other bare addresses). */
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    toEmail: text().notNull(),
    toName: text().notNull(),
    locale: localeEnum().notNull(),
    /** The kind's data, validated by the kind's zod schema at enqueue time. */
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    /** One notification per key; also handed to the provider (Resend's Idempotency-Key, SMTP Message-ID). */
    idempotencyKey: text().notNull().unique(),
    status: notificationStatusEnum().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Lease of the dispatcher that claimed the row; an expired lease makes the row claimable again. */
    lockedUntil: timestamp({ withTimezone: true }),
    claimToken: uuid(),
    lastError: text(),
    transport: text(),
    providerMessageId: text(),
    /** What was sent, kept so admins and the development mailbox see exactly that. */
    subject: text(),
    html: text(),
    text: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    // The outbox is keyset-paged newest first on (created_at, id).
    index('notifications_created_idx').on(t.createdAt, t.id),
  ],
);

/** Every try to hand a notification to the transport, successful or not. */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    attemptNo: integer().notNull(),
    transport: text().notNull(),
    ok: boolean().notNull(),
    providerMessageId: text(),
    error: text(),
    durationMs: integer().notNull(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('notification_attempts_notification_idx').on(t.notificationId, t.attemptNo)],
);

/** A user turned off a non-essential kind. Essential kinds ignore this table. */
export const notificationOptOuts = pgTable(
  'notification_opt_outs',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationStatus = (typeof notificationStatusEnum.enumValues)[number];
