import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  bigserial,
} from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['client', 'worker', 'manager', 'admin']);
export const localeEnum = pgEnum('locale', ['ru', 'en']);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Always stored lower-cased; the unique index is on the stored value.
    email: text().notNull().unique(),
    name: text().notNull(),
    phone: text(),
    passwordHash: text(),
    role: roleEnum().notNull(),
    locale: localeEnum().notNull().default('ru'),
    disabledAt: timestamp({ withTimezone: true }),
    /** When the owner proved the address (a verification link, an invite or a password reset); null until then. */
    emailVerifiedAt: timestamp({ withTimezone: true }),
    // Bumped when a user is disabled or changes role: every JWT carrying an older value stops working.
    sessionVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The admin's user list is ordered and keyset-paged by (role, name, id); the role filter uses its prefix.
  (t) => [index('users_role_name_idx').on(t.role, t.name, t.id)],
);

export const invites = pgTable(
  'invites',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    role: roleEnum().notNull(),
    locale: localeEnum().notNull().default('ru'),
    // sha256 of the token; the token itself only travels in the link.
    tokenHash: text().notNull().unique(),
    invitedBy: uuid()
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invites_email_idx').on(t.email)],
);

/**
 * "Forgot password" links. Its own table rather than a kind of invite: an invite is for an account that does
 * not exist yet (email, name, role, who invited), a reset for an existing user, and records who asked (IP).
 * Every request that passed the rate limit leaves a row, so the rows are also what the limit counts.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // sha256 of the token; the token itself only travels in the emailed link.
    tokenHash: text().notNull().unique(),
    requestedIp: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    // Set when a newer request (or a completed reset) makes this link void.
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('password_resets_user_created_idx').on(t.userId, t.createdAt),
    index('password_resets_ip_created_idx').on(t.requestedIp, t.createdAt),
  ],
);

/** Links that confirm a client's email after sign-up; a new one revokes the open ones. */
export const emailVerifications = pgTable(
  'email_verifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // sha256 of the token; the token itself only travels in the emailed link.
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_verifications_user_idx').on(t.userId, t.createdAt)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    email: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('login_attempts_email_at_idx').on(t.email, t.at), index('login_attempts_ip_at_idx').on(t.ip, t.at)],
);

export type UserRow = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type Locale = (typeof localeEnum.enumValues)[number];

/**
 * One row per sign-in (a browser's session). The session token carries its id; every request checks it is
 * not revoked and, for staff, not idle or too old. Signing out revokes it, so a copied token stops working.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

/**
 * Rate-limit events: one row per attempt in a bucket ('signup:<address>', …), written before the attempt is
 * allowed, so parallel requests cannot slip past the limit. Rows older than a day are of no use.
 */
export const rateEvents = pgTable(
  'rate_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    bucket: text().notNull(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('rate_events_bucket_at_idx').on(t.bucket, t.at)],
);

/**
 * A staff member's authenticator (TOTP, RFC 6238). The shared secret is encrypted with a key derived from
 * AUTH_SECRET (lib/auth/two-factor.ts). confirmedAt is null while enrolment waits for the first code;
 * lastStep is the last accepted 30-second step, so a code is never accepted twice.
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEnc: text().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  lastStep: bigint({ mode: 'number' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes for a lost authenticator; only their sha256 is kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);
