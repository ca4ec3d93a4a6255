import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** A database handle or a transaction: module functions take this as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
