import 'server-only';
import path from 'node:path';
import { rows, sql, type Connection } from './connect';
import journal from './migrations/meta/_journal.json';
import type { Db } from './types';

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations');

/** Applies the committed drizzle-kit migrations; safe to call on every start. */
export async function migrate(conn: Connection): Promise<void> {
  if (conn.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    // The migrator only needs the dialect and session, which both drivers share.
    await run(conn.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/postgres-js/migrator');
    await run(conn.db as never, { migrationsFolder });
  }
}

export type MigrationState = { expected: number; applied: number; latest: string | null; upToDate: boolean };

/**
 * Whether the database has every committed migration: drizzle records each applied one in
 * drizzle.__drizzle_migrations with the journal entry's `when` as created_at, and applies only entries newer
 * than the last it recorded, so the newest recorded `when` must reach the journal's newest.
 */
export async function migrationState(db: Db): Promise<MigrationState> {
  const entries = journal.entries;
  const newest = entries[entries.length - 1];
  const [row] = await rows<{ applied: number; last: string | null }>(
    db,
    sql`SELECT count(*)::int AS applied, max(created_at)::text AS last
        FROM drizzle.__drizzle_migrations`,
  ).catch((error: unknown) => {
    // No migrations table yet: nothing applied. Anything else (the database is down) is the caller's problem.
    if (/__drizzle_migrations|schema "drizzle"/.test(String((error as { cause?: unknown }).cause ?? error)))
      return [{ applied: 0, last: null }];
    throw error;
  });
  const last = row?.last ? Number(row.last) : null;
  const latest = last === null ? null : (entries.find((e) => e.when === last)?.tag ?? null);
  return {
    expected: entries.length,
    applied: row?.applied ?? 0,
    latest,
    upToDate: !newest || (last !== null && last >= newest.when),
  };
}
