import 'server-only';
import { asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { lookupColumn, lookupWhere, type LookupText } from '@/db/lookup';
import type { Db } from '@/db';
import { users } from '@/db/schema/auth';
import type { Role } from '@/db/schema';

// The people other modules hold ids of (a payment's client, an entry's author), read through lib/auth, which owns
// `users`. A use case that needs a few accounts asks `accounts(db, ids)`; a set-based list names its people with
// the column functions below, correlated subqueries on the primary key, so the list stays one query and may sort
// or filter by them. The id given is another table's column (never `users`' own: the subquery's `users` would
// shadow it).

const personColumn = (pick: (u: typeof users) => AnyPgColumn) => lookupColumn(users, users.id, pick(users));

/** The name of the user whose id `id` holds. */
export const personName = personColumn((u) => u.name);
/** The first word of the name of the user whose id `id` holds (how a tip's worker is named to the client). */
export const personFirstName = <C extends AnyPgColumn>(id: C): LookupText<C> =>
  sql`split_part(${personName(id)}, ' ', 1)`;
/** The email address of the user whose id `id` holds. */
export const personEmail = personColumn((u) => u.email);
/** The phone of the user whose id `id` holds (null when they gave none). */
const phoneColumn = personColumn((u) => u.phone);
export const personPhone = (id: AnyPgColumn): SQL<string | null> => phoneColumn(id);

/** Whether the user `id` holds has a name or an email containing `like` (an ILIKE pattern), as a condition. */
export function personMatches(id: AnyPgColumn, like: string): SQL {
  return lookupWhere(users, users.id, id, or(ilike(users.name, like), ilike(users.email, like)));
}

/** Whether the user `id` holds may sign in (their account is not disabled), as a condition. */
export function personEnabled(id: AnyPgColumn): SQL {
  return lookupWhere(users, users.id, id, isNull(users.disabledAt));
}

export type Account = {
  id: string;
  role: Role;
  name: string;
  email: string;
  phone: string | null;
  locale: 'ru' | 'en';
  disabled: boolean;
  emailVerified: boolean;
  /** Whether the account has a password yet (one made by staff has not until its owner uses the emailed link). */
  hasPassword: boolean;
  createdAt: Date;
};

/** The accounts with these ids (never the password hash); an unknown id is absent from the map. */
export async function accounts(db: Db, ids: readonly string[]): Promise<Map<string, Account>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      phone: users.phone,
      locale: users.locale,
      disabledAt: users.disabledAt,
      emailVerifiedAt: users.emailVerifiedAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(
    rows.map(({ disabledAt, emailVerifiedAt, ...r }) => [
      r.id,
      { ...r, disabled: disabledAt !== null, emailVerified: emailVerifiedAt !== null },
    ]),
  );
}

/** One account by id, or null. */
export async function account(db: Db, id: string): Promise<Account | null> {
  return (await accounts(db, [id])).get(id) ?? null;
}

/** Everyone with a role, disabled accounts included (old orders name them), by name: a filter's choices. */
export async function peopleOfRole(db: Db, role: Role): Promise<{ id: string; name: string }[]> {
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, role)).orderBy(asc(users.name));
}
