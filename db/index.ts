import 'server-only';
import path from 'node:path';
import { connectPglite, connectPostgres, type Connection } from './connect';
import { migrate } from './migrate';
import type { Db } from './types';

export type { Db } from './types';

// One connection per server process, opened lazily so that `next build` never touches a database.
const globalForDb = globalThis as unknown as { brigadaConnection?: Promise<Connection> };

// The ground floor reads its two variables itself (lib/env validates and documents them); an empty one is unset.
const variable = (name: 'DATABASE_URL' | 'PGLITE_DIR' | 'DATABASE_POOL_MAX' | 'DATABASE_PREPARE') =>
  process.env[name] || undefined;

/** Whether the app runs on the embedded database (no DATABASE_URL). */
export function onEmbeddedDb(): boolean {
  return !variable('DATABASE_URL');
}

export function pgliteDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ variable('PGLITE_DIR') ?? path.join(process.cwd(), '.data', 'pglite'));
}

async function open(): Promise<Connection> {
  const url = variable('DATABASE_URL');
  // A serverless function gets its own pool: keep it small behind a pooler (DATABASE_POOL_MAX=1 on Vercel).
  if (url)
    return connectPostgres(url, Number(variable('DATABASE_POOL_MAX') ?? 10), {
      prepare: variable('DATABASE_PREPARE') !== 'false',
    });
  const conn = await connectPglite(pgliteDataDir());
  // The embedded database is ours alone: bring it up to date. The demo company is added by the server's start
  // (lib/startup.ts) when the demo features are asked for.
  await migrate(conn);
  return conn;
}

export function getConnection(): Promise<Connection> {
  globalForDb.brigadaConnection ??= open().catch((error) => {
    globalForDb.brigadaConnection = undefined;
    throw error;
  });
  return globalForDb.brigadaConnection;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}
