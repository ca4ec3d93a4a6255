import 'server-only';
import path from 'node:path';
import { connectPglite, connectPostgres, type Connection } from './connect';
import { migrate } from './migrate';
import { demoMode, env } from '@/lib/env';
import type { Db } from './types';

export type { Db } from './types';

// One connection per server process, opened lazily so that `next build` never touches a database.
const globalForDb = globalThis as unknown as { brigadaConnection?: Promise<Connection> };

export function pgliteDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite'));
}

async function open(): Promise<Connection> {
  const url = env().DATABASE_URL;
  if (url) return connectPostgres(url);
  const conn = await connectPglite(pgliteDataDir());
  // The embedded database is ours alone: bring it up to date, and give it the demo company on first start
  // when the demo features are asked for (`next dev`, tests, BRIGADA_DEMO=1); never the published demo
  // logins on a real server.
  await migrate(conn);
  if (demoMode()) {
    const { seedIfEmpty } = await import('./seed');
    await seedIfEmpty(conn.db);
  }
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
