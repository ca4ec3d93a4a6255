// Keyset (cursor) paging for lists that grow with the business: a page is the rows after the last one seen
// in a fixed order (a sort key, then the id to break ties), so page 1 000 costs what page 1 does and rows
// added meanwhile neither repeat nor vanish. The cursor is that last row's key, opaque in the URL.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '@/db';
import type { CsvCell } from '@/lib/csv';
import type { PgColumn } from 'drizzle-orm/pg-core';

export type Page<T> = {
  items: T[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
  /** How many rows match in all, counted up to `countCap`; `capped` says there are more than that. */
  total: number;
  capped: boolean;
};

/** The page size lists use unless told otherwise, and how far a count goes before it says "more than". */
export const PAGE_SIZE = 50;
export const COUNT_CAP = 10_000;

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key in a cursor from the URL, or null when there is none or it is not one of ours (then: page 1). */
export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (!cursor || cursor.length > 500) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(key) || key.length !== arity) return null;
    return key.every((v) => typeof v === 'string' || typeof v === 'number') ? (key as (string | number)[]) : null;
  } catch {
    return null;
  }
}

/**
 * Rows strictly after the cursor in descending (sortColumn, idColumn) order: one row comparison, which a
 * btree on (sort, id) answers as an index range. `cast` is the SQL type of the sort key.
 */
export function afterCursorDesc(
  sortColumn: PgColumn,
  idColumn: PgColumn,
  key: (string | number)[] | null,
  cast: 'timestamptz' | 'bigint' | 'text',
): SQL | undefined {
  if (!key) return undefined;
  return sql`(${sortColumn}, ${idColumn}) < (cast(${key[0]} as ${sql.raw(cast)}), cast(${key[1]} as uuid))`;
}

/**
 * Rows strictly after the cursor in the order (columns…) ascending, or descending: one row comparison, which a
 * btree on the same columns answers as an index range. `casts` are the SQL types of the key's values.
 */
export function afterCursor(
  columns: readonly (PgColumn | SQL)[],
  key: (string | number)[] | null,
  casts: readonly string[],
  direction: 'asc' | 'desc',
): SQL | undefined {
  if (!key || key.length !== columns.length) return undefined;
  const left = sql.join(
    columns.map((c) => sql`${c}`),
    sql`, `,
  );
  const right = sql.join(
    key.map((v, i) => sql`cast(${v} as ${sql.raw(casts[i])})`),
    sql`, `,
  );
  return direction === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

/** "N" or "more than N": the count of a subquery that selects at most COUNT_CAP + 1 rows. */
export function cappedCount(n: number): { total: number; capped: boolean } {
  return n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: n, capped: false };
}

/** Cuts the `limit + 1` rows a page query fetched into the page and the next cursor. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => (string | number)[],
  map: (row: R) => T,
  count: { total: number; capped: boolean },
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return {
    items: kept.map(map),
    next: more ? encodeCursor(keyOf(kept[kept.length - 1])) : null,
    ...count,
  };
}

/** How many rows an export reads per keyset step: big enough to be few queries, small enough to stream. */
export const EXPORT_BATCH = 1_000;

/** No count asked for (an export's batches): a page that says nothing of the total. */
export const UNCOUNTED = { total: 0, capped: false } as const;

/**
 * How many rows a list's filter matches, "N" or "more than N": the count of `matching` (a select of the
 * filtered rows) read no further than COUNT_CAP + 1 rows, so it stops early on a huge set.
 */
export async function countUpTo(db: Db, matching: SQLWrapper): Promise<{ total: number; capped: boolean }> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`(${matching} limit ${COUNT_CAP + 1}) as matching`);
  return cappedCount(r.n);
}

/**
 * One page of a keyset-paged list: its rows (the list's query after the cursor, in its order, `limit + 1` rows)
 * and, where asked, the count of the filtered set (`count`: a select of the matching rows) run at once; then the
 * page with the next cursor taken from the last row's key.
 */
export async function keysetPage<R>(
  db: Db,
  rows: PromiseLike<R[]>,
  page: { limit: number; keyOf: (row: R) => (string | number)[]; count: SQLWrapper | null },
): Promise<Page<R>> {
  const [kept, n] = await Promise.all([rows, page.count ? countUpTo(db, page.count) : UNCOUNTED]);
  return toPage(kept, page.limit, page.keyOf, (r) => r, n);
}

/**
 * Every row of a keyset-paged list as CSV rows, batch after batch until the last page: what a streamed export
 * reads. Each step starts after the previous batch's last row, so rows added meanwhile are neither repeated nor
 * skipped (one inserted behind the walk is simply not in this export). `page(cursor, limit)` is the list's own
 * page query without its count.
 */
export async function* exportRows<T>(
  page: (cursor: string | undefined, limit: number) => Promise<{ items: T[]; next: string | null }>,
  row: (item: T) => CsvCell[],
): AsyncGenerator<CsvCell[][]> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor, EXPORT_BATCH);
    yield p.items.map(row);
    cursor = p.next ?? undefined;
  } while (cursor);
}

/**
 * A timestamptz as exact text for a cursor key. PostgreSQL keeps microseconds and a JS Date only
 * milliseconds, so a key taken from a Date of a `defaultNow()` column would be cut short and skip the rows
 * that fall in the lost fraction of a millisecond.
 */
export function exactTime(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The page sizes a list offers in its URL (`size`); anything else is the default PAGE_SIZE. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export function pageSizeParam(size: string | undefined): number {
  const n = Number(size);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : PAGE_SIZE;
}

/** A LIKE pattern matching `q` anywhere, its own wildcards (% and _) and backslash taken literally. */
export function containing(q: string): string {
  return `%${q.replace(/[%_\\]/g, '\\$&')}%`;
}
