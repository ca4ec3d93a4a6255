import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectPglite, connectPostgres, rows } from '@/db/connect';
import type { Db } from '@/db';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from '@/db/backup';
import { migrate, migrationState } from '@/db/migrate';
import { seedIfEmpty } from '@/lib/demo';
import { createTestDatabase, onPostgres } from '../support/db';
import { serverUrl, withDatabase } from '../support/global-setup';

const dir = mkdtempSync(path.join(tmpdir(), 'brigada-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a restore must bring back: every order, the ledger's balance per account, every invoice. */
async function snapshot(db: Db) {
  const orders = await rows<{ number: string; status: string; total: string | null }>(
    db,
    sql`SELECT number, status::text, coalesce(price_total, estimate_total)::text AS total FROM orders ORDER BY number`,
  );
  const ledger = await rows<{ code: string; balance: string }>(
    db,
    sql`SELECT a.code, sum(p.amount)::text AS balance
        FROM postings p JOIN ledger_accounts a ON a.id = p.account_id GROUP BY a.code ORDER BY a.code`,
  );
  const invoices = await rows<{ number: string; status: string; total: string; paid: string }>(
    db,
    sql`SELECT number, status::text, total::text, paid_amount::text AS paid FROM invoices ORDER BY number`,
  );
  return { orders, ledger, invoices };
}

function expectSubstantial(s: Awaited<ReturnType<typeof snapshot>>) {
  // The demo company has a history: orders, postings and at least one invoice.
  expect(s.orders.length).toBeGreaterThan(3);
  expect(s.ledger.length).toBeGreaterThan(3);
  expect(s.invoices.length).toBeGreaterThan(0);
  // A ledger balances: the balances of all accounts sum to zero.
  expect(s.ledger.reduce((sum, a) => sum + BigInt(a.balance), BigInt(0))).toBe(BigInt(0));
}

describe('backup and restore of the embedded database', () => {
  it('restores a data-directory dump into an empty directory with the same orders, ledger and invoices', async () => {
    // Embedded whichever database the run tests on.
    const source = await connectPglite(undefined);
    await migrate(source);
    let before: Awaited<ReturnType<typeof snapshot>>;
    const file = path.join(dir, 'pglite.tar.gz');
    try {
      expect(await seedIfEmpty(source.db)).toBe(true);
      before = await snapshot(source.db);
      expectSubstantial(before);
      await backupPglite(source, file);
    } finally {
      await source.close();
    }
    expect(statSync(file).size).toBeGreaterThan(0);

    const dataDir = path.join(dir, 'restored', 'pglite');
    await restorePglite(file, dataDir);
    // Restoring over it again is refused without --replace.
    await expect(restorePglite(file, dataDir)).rejects.toThrow(/already holds a database/);
    const restored = await connectPglite(dataDir);
    try {
      expect(await snapshot(restored.db)).toEqual(before);
      expect((await migrationState(restored.db)).upToDate).toBe(true);
    } finally {
      await restored.close();
    }
  }, 180_000);
});

describe('backup and restore on PostgreSQL', () => {
  it.skipIf(!onPostgres())(
    'pg_dump and pg_restore into an empty database (PostgreSQL)',
    async () => {
      const source = await createTestDatabase();
      let before: Awaited<ReturnType<typeof snapshot>>;
      const file = path.join(dir, 'brigada.dump');
      try {
        expect(await seedIfEmpty(source.db)).toBe(true);
        before = await snapshot(source.db);
        expectSubstantial(before);
        await backupPostgres(source.url ?? '', file);
      } finally {
        await source.close();
      }

      const url = serverUrl() ?? '';
      const name = `brigada_restore_${process.pid}_${Date.now()}`;
      const admin = await connectPostgres(url, 1);
      await admin.db.execute(sql.raw(`CREATE DATABASE "${name}"`));
      const target = withDatabase(url, name);
      try {
        await restorePostgres(target, file);
        const restored = await connectPostgres(target, 1);
        try {
          expect(await snapshot(restored.db)).toEqual(before);
          expect((await migrationState(restored.db)).upToDate).toBe(true);
        } finally {
          await restored.close();
        }
      } finally {
        await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
        await admin.close();
      }
    },
    180_000,
  );
});
