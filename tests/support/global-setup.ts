import { readdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connectPglite, connectPostgres } from '@/db/connect';
import { migrate } from '@/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: a migrated template database each test file copies. */
    pgTemplate: string | null;
    /** PGlite: a dump of a migrated data directory each test file loads. */
    pgliteTemplate: string | null;
  }
}

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Migrates once, then every test file gets a fresh copy (template database or PGlite dump). */
export default async function setup(project: TestProject) {
  const url = serverUrl();
  if (url) {
    const admin = await connectPostgres(url, 1);
    const template = `brigada_tpl_${process.pid}_${Date.now()}`;
    const { sql } = await import('drizzle-orm');
    await admin.db.execute(sql.raw(`CREATE DATABASE "${template}"`));
    const conn = await connectPostgres(withDatabase(url, template), 1);
    await migrate(conn);
    await conn.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteTemplate', null);
    return async () => {
      await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
      await admin.close();
    };
  }
  const conn = await connectPglite(undefined);
  await migrate(conn);
  const { PGlite } = await import('@electric-sql/pglite');
  void PGlite;
  const client = (conn.db as unknown as { $client: { dumpDataDir: (c?: 'none' | 'gzip' | 'auto') => Promise<Blob> } })
    .$client;
  const dump = await client.dumpDataDir('none');
  await conn.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'brigada-pglite-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgTemplate', null);
  project.provide('pgliteTemplate', file);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    const needPg = testsNeedingPostgres();
    if (needPg.length > 0)
      console.log(
        `\n${needPg.length} tests need PostgreSQL and were skipped on PGlite (run with DATABASE_URL to include them):\n` +
          needPg.map((t) => `  - ${t}`).join('\n'),
      );
  };
}

/** The tests marked `skipIf(!onPostgres())` / `runIf(onPostgres())`, as "file: name", so a PGlite run says what it left out. */
function testsNeedingPostgres(): string[] {
  const root = path.resolve(import.meta.dirname, '..');
  const found: string[] = [];
  for (const dir of ['unit', 'integration']) {
    for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.test.ts'))) {
      const text = readFileSync(path.join(root, dir, file), 'utf8');
      for (const m of text.matchAll(/(?:skipIf\(!onPostgres\(\)\)|runIf\(onPostgres\(\)\))\(\s*(['"`])(.*?)\1/gs))
        found.push(`${dir}/${file}: ${m[2]}`);
    }
  }
  return found;
}
