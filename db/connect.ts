import 'server-only';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from './schema';
import { dbTracingEnabled, tracePglite, tracePostgres } from './trace';
import type { Db } from './types';

/** Told of every statement the connection runs (its text only): counting queries in scripts and benches. */
export type QueryListener = (text: string) => void;

export type Connection = {
  db: Db;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
  /** PGlite only: the whole data directory as a (gzipped) tarball, the embedded database's backup. */
  dumpDataDir?: () => Promise<Blob>;
};

/**
 * `max` connections in this process's pool. `prepare: false` turns off named prepared statements, which a
 * pooler in transaction mode (PgBouncer, Supabase's and Neon's poolers) cannot keep across transactions.
 */
export async function connectPostgres(
  url: string,
  max = 10,
  opts: { prepare?: boolean; onQuery?: QueryListener } = {},
): Promise<Connection> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, prepare: opts.prepare ?? true, onnotice: () => {} });
  const db = drizzle(dbTracingEnabled() ? tracePostgres(client) : client, {
    schema,
    casing: 'snake_case',
    logger: listenerLogger(opts.onQuery),
  }) as unknown as Db;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/**
 * Opens an embedded PGlite database. PGlite is one process only: a second process opening the same
 * directory silently loses writes, so a lock file holding our pid guards the directory.
 */
export async function connectPglite(
  dataDir: string | undefined,
  opts: { loadDataDir?: Blob; onQuery?: QueryListener } = {},
): Promise<Connection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  let release = () => {};
  if (dataDir) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    release = lockDataDir(dataDir);
  }
  try {
    const client = await PGlite.create({ dataDir, extensions: { btree_gist }, loadDataDir: opts.loadDataDir });
    const db = drizzle(dbTracingEnabled() ? tracePglite(client) : client, {
      schema,
      casing: 'snake_case',
      logger: listenerLogger(opts.onQuery),
    }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      dumpDataDir: () => client.dumpDataDir('gzip'),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function listenerLogger(onQuery: QueryListener | undefined) {
  return onQuery ? { logQuery: (text: string) => onQuery(text) } : undefined;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {}

function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lockFile, { force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (holder && holder !== process.pid && pidAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database ${dataDir} is in use by process ${holder}. PGlite allows one process only: ` +
            `stop that process (or set DATABASE_URL to use PostgreSQL) and try again.`,
        );
      }
      // A stale lock from a process that is gone (or from ourselves after a reload).
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

/** Rows of a raw SQL query, whichever driver runs it (postgres.js returns an array, PGlite { rows }). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Ids as one `uuid[]` parameter (for `= any(...)`), whichever driver: a single array literal rather than a list
 * of hundreds of parameters, which PostgreSQL probes as a hash in a filter, and which is one value to bind.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

export { sql };
