import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectPglite, connectPostgres, rows, type Connection } from '@/db/connect';
import type { Db } from '@/db';
import { serverUrl, withDatabase } from './global-setup';

export type TestDatabase = Connection & { name: string; url?: string };

let counter = 0;

/** A fresh, migrated database of its own: PGlite by default, PostgreSQL when DATABASE_URL is set. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const pgTemplate = inject('pgTemplate');
  const url = serverUrl();
  if (pgTemplate && url) {
    const name = `brigada_t_${process.pid}_${Date.now()}_${counter++}`;
    const admin = await connectPostgres(url, 1);
    await admin.db.execute(sql.raw(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"`));
    const dbUrl = withDatabase(url, name);
    const conn = await connectPostgres(dbUrl, 10);
    return {
      ...conn,
      name,
      url: dbUrl,
      close: async () => {
        await conn.close();
        await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
        await admin.close();
      },
    };
  }
  const file = inject('pgliteTemplate');
  if (!file) throw new Error('global setup provided no database template');
  const conn = await connectPglite(undefined, { loadDataDir: new Blob([readFileSync(file)]) });
  return { ...conn, name: 'pglite' };
}

/** Opens a fresh database for this test file and closes it afterwards. Call at the top of a describe or file. */
export function setupTestDb(): { readonly db: Db; readonly conn: TestDatabase } {
  let conn: TestDatabase | undefined;
  beforeAll(async () => {
    conn = await createTestDatabase();
  });
  afterAll(async () => {
    await conn?.close();
  });
  return {
    get db() {
      if (!conn) throw new Error('test database not open yet');
      return conn.db;
    },
    get conn() {
      if (!conn) throw new Error('test database not open yet');
      return conn;
    },
  };
}

export const onPostgres = () => Boolean(serverUrl());

/**
 * How the database refused a statement: the driver wraps PostgreSQL's error, and its cause carries the message
 * (a trigger's RAISE, a constraint's name). Resolves to 'accepted' when nothing was refused.
 */
export function refusal(p: PromiseLike<unknown>): Promise<string> {
  return Promise.resolve(p).then(
    () => 'accepted',
    (e: unknown) => `${String(e)} ${String((e as { cause?: unknown }).cause)}`,
  );
}

/**
 * Waits until some statement of this database waits for a lock (PostgreSQL's pg_stat_activity): how a concurrency
 * test knows the other side has reached the lock the test's open transaction holds. Throws, naming `what`, when
 * nothing waits within ten seconds.
 */
export async function untilWaitingOnLock(db: Db, what: string): Promise<void> {
  for (let k = 0; k < 200; k++) {
    const [{ n }] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing ever waited for ${what}`);
}
