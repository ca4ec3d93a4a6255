import 'server-only';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientAddresses, orders, users } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { afterCursor, cappedCount, COUNT_CAP, decodeCursor, PAGE_SIZE, toPage, type Page } from '@/lib/paging';

export type ClientListItem = {
  id: string;
  name: string;
  email: string;
  phone: string;
  verified: boolean;
  disabled: boolean;
  createdAt: Date;
};

/** The digits of a phone typed any way; a Russian 11-digit number with 8 or 7 in front compares its last ten. */
export function phoneDigits(q: string): string {
  const all = q.replace(/\D/g, '');
  return all.length === 11 && /^[78]/.test(all) ? all.slice(1) : all;
}

function textFilter(q: string): SQL {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const digits = phoneDigits(q);
  return or(
    ilike(users.name, like),
    ilike(users.email, like),
    // +7 (900) 123-45-67, 89001234567 and 1234567 all find the same client.
    digits.length >= 5
      ? sql`regexp_replace(coalesce(${users.phone}, ''), '\\D', '', 'g') like ${`%${digits}%`}`
      : undefined,
    // A saved address, or the address of any of the client's orders.
    sql`exists (select 1 from ${clientAddresses} where ${clientAddresses.clientId} = ${users.id} and ${clientAddresses.address} ilike ${like})`,
    sql`exists (select 1 from ${orders} where ${orders.clientId} = ${users.id} and ${orders.address} ilike ${like})`,
  )!;
}

/**
 * Staff find a client by name, email, phone (typed any way) or address. Alphabetical, keyset-paged on
 * (name, id); the total is counted up to COUNT_CAP ("more than" beyond it).
 */
export async function searchClients(
  db: Db,
  actor: Actor,
  filter: { q?: string; cursor?: string; limit?: number } = {},
): Promise<Page<ClientListItem>> {
  assertStaff(actor);
  const limit = Math.min(Math.max(filter.limit ?? PAGE_SIZE, 1), 200);
  const q = filter.q?.trim().slice(0, 100);
  const where = and(eq(users.role, 'client'), q ? textFilter(q) : undefined);
  const key = decodeCursor(filter.cursor, 2);
  const [list, [{ n }]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        phone: users.phone,
        emailVerifiedAt: users.emailVerifiedAt,
        disabledAt: users.disabledAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(and(where, afterCursor([users.name, users.id], key, ['text', 'uuid'], 'asc')))
      .orderBy(asc(users.name), asc(users.id))
      .limit(limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1` })
        .from(users)
        .where(where)
        .limit(COUNT_CAP + 1)
        .as('matching'),
    ),
  ]);
  return toPage(
    list,
    limit,
    (r) => [r.name, r.id],
    (r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone ?? '',
      verified: r.emailVerifiedAt !== null,
      disabled: r.disabledAt !== null,
      createdAt: r.createdAt,
    }),
    cappedCount(n),
  );
}
