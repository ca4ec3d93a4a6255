import 'server-only';
import path from 'node:path';
import type { Connection } from './connect';

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
