import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { services } from '@/db/schema';

// A service's names for other modules' set-based lists (an invoice's lines, a pay rate, a reminder), read
// through lib/catalog, which owns `services`: correlated subqueries on the primary key, so the list stays one
// query. The id given is another table's column (never `services`' own: the subquery's table would shadow it).

const qb = new QueryBuilder({ casing: 'snake_case' });

/** A service column as text, looked up by a service id column; null only where the id column may be null. */
type ServiceText<C extends AnyPgColumn> = SQL<C['_']['notNull'] extends true ? string : string | null>;

const serviceColumn =
  (pick: (s: typeof services) => AnyPgColumn) =>
  <C extends AnyPgColumn>(id: C): ServiceText<C> =>
    sql`${qb
      .select({ value: pick(services) })
      .from(services)
      .where(eq(services.id, id))}`;

/** The Russian name of the service whose id `id` holds. */
export const serviceNameRu = serviceColumn((s) => s.nameRu);
/** The English name of the service whose id `id` holds. */
export const serviceNameEn = serviceColumn((s) => s.nameEn);
