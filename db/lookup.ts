import { eq, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';

// Lookups another module's set-based list makes into a table it does not own (a payment's client name, an invoice
// line's service, a payment's invoice number): correlated subqueries on the owner's key, written by the owning
// module with these two helpers, so the list stays one query and may sort or filter by them. The id given is
// another table's column, never the looked-up table's own: the subquery's table would shadow it.

const qb = new QueryBuilder({ casing: 'snake_case' });

/** A looked-up text column; null only where the id column may be null. */
export type LookupText<C extends AnyPgColumn> = SQL<C['_']['notNull'] extends true ? string : string | null>;

/** The `value` column of the `table` row whose `key` equals the id column given, as a typed SQL column. */
export function lookupColumn(table: PgTable, key: AnyPgColumn, value: AnyPgColumn) {
  return <C extends AnyPgColumn>(id: C): LookupText<C> => sql`${qb.select({ value }).from(table).where(eq(key, id))}`;
}

/** Whether `id` holds the `key` of a `table` row meeting `where`, as a condition. */
export function lookupWhere(table: PgTable, key: AnyPgColumn, id: AnyPgColumn, where: SQL | undefined): SQL {
  return sql`${id} in ${qb.select({ id: key }).from(table).where(where)}`;
}
