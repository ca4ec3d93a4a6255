import 'server-only';
import path from 'node:path';
import { connectPglite, connectPostgres, type Connection } from './connect';
import { migrate } from './migrate';
import { env } from '@/lib/env';
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
  // The embedded database is ours alone: bring it up to date and give it demo data on first start.
  await migrate(conn);
  const { seedIfEmpty } = await import('./seed');
  await seedIfEmpty(conn.db);
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
