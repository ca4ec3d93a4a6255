// What every benchmark shares: argument parsing, timing, and a throwaway migrated PostgreSQL database.
import { sql } from 'drizzle-orm';
import { connectPostgres, type Connection } from '@/db/connect';
import { migrate } from '@/db/migrate';

/** `--name N` as a positive whole number, or the fallback. */
export function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

export const benchServer = () => process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

/**
 * Creates a fresh database on the bench server (BENCH_DATABASE_URL, default the local PostgreSQL), migrates it,
 * runs `fn`, and drops it afterwards (kept with `--keep`).
 */
export async function withBenchDatabase(
  prefix: string,
  args: string[],
  fn: (conn: Connection, name: string) => Promise<void>,
  pool = 4,
): Promise<void> {
  const server = benchServer();
  const name = `brigada_bench_${prefix}_${process.pid}_${Date.now()}`;
  const admin = await connectPostgres(server, 1);
  await admin.db.execute(sql.raw(`create database "${name}"`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  let conn: Connection | undefined;
  try {
    conn = await connectPostgres(url.toString(), pool);
    await migrate(conn);
    await fn(conn, name);
  } finally {
    await conn?.close();
    if (args.includes('--keep')) console.log(`kept database ${name}`);
    else await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
    await admin.close();
  }
}
