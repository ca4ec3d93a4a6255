import 'server-only';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { userTotp, users, type Locale, type Role } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { assertRole, type Actor } from '@/lib/actor';
import { afterCursor, countUpTo, decodeCursor, PAGE_SIZE, toPage, type Page } from '@/lib/paging';

export type SessionUser = {
  id: string;
  role: Role;
  name: string;
  email: string;
  locale: Locale;
  sessionVersion: number;
  disabled: boolean;
  /** False for a client who has not followed the link sent at sign-up yet. */
  emailVerified: boolean;
};

/** The columns a session needs, never the password hash. */
export async function findSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      locale: users.locale,
      sessionVersion: users.sessionVersion,
      disabledAt: users.disabledAt,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return null;
  const { disabledAt, emailVerifiedAt, ...rest } = row;
  return { ...rest, disabled: disabledAt !== null, emailVerified: emailVerifiedAt !== null };
}

export type UserListItem = {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  emailVerified: boolean;
  /** A staff member with an authenticator in force (an admin may reset it). */
  twoFactor: boolean;
  createdAt: Date;
};

/** Accounts for the admin, by role then name, searched by name or email; keyset-paged, nothing left out. */
export async function listUsers(
  db: Db,
  actor: Actor,
  filter: { q?: string; role?: Role; cursor?: string } = {},
): Promise<Page<UserListItem>> {
  assertRole(actor, 'admin');
  const where: SQL[] = [];
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.q) {
    const q = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(users.name, q), ilike(users.email, q))!);
  }
  const matching = where.length ? and(...where) : undefined;
  const key = decodeCursor(filter.cursor, 3);
  const [rows, count] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        disabledAt: users.disabledAt,
        emailVerifiedAt: users.emailVerifiedAt,
        twoFactor: sql<boolean>`exists (select 1 from ${userTotp} where ${userTotp.userId} = ${users.id} and ${userTotp.confirmedAt} is not null)`,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(and(matching, afterCursor([users.role, users.name, users.id], key, ['role', 'text', 'uuid'], 'asc')))
      .orderBy(asc(users.role), asc(users.name), asc(users.id))
      .limit(PAGE_SIZE + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(users)
        .where(matching),
    ),
  ]);
  return toPage(
    rows,
    PAGE_SIZE,
    (r) => [r.role, r.name, r.id],
    ({ disabledAt, emailVerifiedAt, ...r }) => ({
      ...r,
      disabled: disabledAt !== null,
      emailVerified: emailVerifiedAt !== null,
    }),
    count,
  );
}

/** Disabling bumps the session version, so the user's existing sessions stop working on the next request. */
export async function setUserDisabled(db: Db, actor: Actor, userId: string, disabled: boolean): Promise<void> {
  assertRole(actor, 'admin');
  if (userId === actor.id) throw conflict('errors.cannotDisableSelf');
  const updated = await db
    .update(users)
    .set({
      disabledAt: disabled ? new Date() : null,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw notFound();
}

export async function setUserLocale(db: Db, actor: Actor, locale: Locale): Promise<void> {
  await db
    .update(users)
    .set({ locale, updatedAt: new Date() })
    .where(and(eq(users.id, actor.id)));
}
