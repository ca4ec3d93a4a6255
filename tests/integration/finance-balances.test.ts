// The stored account balances (account_balances, kept by the postings trigger of migration 0040) behind the trial
// balance: after any mix of entries — repeated keys, reversals, rolled-back savepoints, payroll's set-based
// postings, concurrent transactions on PostgreSQL — each account's stored turnover is the sum of its postings.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import type { Db } from '@/db';
import { postEntry, reverseEntry, type AccountRef } from '@/lib/finance/ledger';
import { trialBalance, trialBalancePage, type TrialBalanceRow } from '@/lib/finance/history';
import { onPostgres, setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();
const system = { id: null, role: 'system' } as const;

/** Per account: the stored debits and credits, and the same summed from the postings; only accounts with either. */
async function storedAndSummed(db: Db) {
  return rows<{ account_id: string; stored_debits: string; stored_credits: string; debits: string; credits: string }>(
    db,
    sql`select a.id as account_id,
          coalesce((select sum(b.debits) from account_balances b where b.account_id = a.id), 0)::text as stored_debits,
          coalesce((select sum(b.credits) from account_balances b where b.account_id = a.id), 0)::text as stored_credits,
          coalesce((select sum(p.amount) from postings p where p.account_id = a.id and p.amount > 0), 0)::text as debits,
          coalesce((select -sum(p.amount) from postings p where p.account_id = a.id and p.amount < 0), 0)::text as credits
        from ledger_accounts a`,
  );
}

async function expectStoredEqualsPostings(db: Db) {
  const list = await storedAndSummed(db);
  expect(list.length).toBeGreaterThan(0);
  for (const r of list) expect([r.stored_debits, r.stored_credits], r.account_id).toEqual([r.debits, r.credits]);
}

const entry = (key: string, lines: [AccountRef, number][]) => ({
  key,
  kind: 'test',
  lines: lines.map(([account, amount]) => ({ account, amount })),
});

describe('stored account balances', () => {
  it('equal the postings after a mix of entries, and the trial balance reads the same from them as from postings', async () => {
    const admin = await createUser(t.db, 'admin');
    const [c1, c2] = [await createUser(t.db, 'client'), await createUser(t.db, 'client')];
    const w = await createUser(t.db, 'worker');
    const rec1: AccountRef = { type: 'receivable', clientId: c1.id };
    const rec2: AccountRef = { type: 'receivable', clientId: c2.id };
    const pay: AccountRef = { type: 'payable', workerId: w.id };

    // An order: the client owes 500 000, revenue 500 000; pay 300 000 owed to the worker.
    const k1 = `t:${randomUUID()}`;
    const first = await postEntry(
      t.db,
      entry(k1, [
        [rec1, 500_000],
        [{ type: 'revenue' }, -500_000],
        [{ type: 'payroll_expense' }, 300_000],
        [pay, -300_000],
      ]),
    );
    // The same key again posts nothing (and must add nothing to the balances).
    expect(
      (
        await postEntry(
          t.db,
          entry(k1, [
            [rec1, 1],
            [{ type: 'revenue' }, -1],
          ]),
        )
      ).created,
    ).toBe(false);
    // A payment of 200 000 from the second client, two lines into one account in one entry.
    await postEntry(
      t.db,
      entry(`t:${randomUUID()}`, [
        [{ type: 'cash' }, 120_000],
        [{ type: 'cash' }, 80_000],
        [rec2, -200_000],
      ]),
    );
    // An entry in a savepoint that is rolled back leaves no trace in the balances either.
    await t.db.transaction(async (tx) => {
      await postEntry(
        tx,
        entry(`t:${randomUUID()}`, [
          [rec2, 70_000],
          [{ type: 'revenue' }, -70_000],
        ]),
      );
      await expect(
        tx.transaction(async (sp) => {
          await postEntry(
            sp,
            entry(`t:${randomUUID()}`, [
              [rec1, 9_999],
              [{ type: 'revenue' }, -9_999],
            ]),
          );
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
    });
    // The order reversed: every line negated.
    await reverseEntry(t.db, system, first.entryId, 'test reversal');
    await expectStoredEqualsPostings(t.db);

    // rec1: debited 500 000 by the order, credited 500 000 by its reversal: turnover 500 000 each side, balance 0.
    const tb = await trialBalance(t.db, admin);
    const row = (ref: string) => tb.rows.find((r) => r.code === ref)!;
    expect([row(`receivable:${c1.id}`).debits, row(`receivable:${c1.id}`).credits]).toEqual([500_000, 500_000]);
    // rec2: 70 000 charged, 200 000 paid → −130 000 (a credit balance). Cash: 120 000 + 80 000 = 200 000.
    expect(row(`receivable:${c2.id}`).balance).toBe(-130_000);
    expect(row('cash').debits).toBe(200_000);
    // From the stored balances or summed from postings up to now: the same trial balance.
    expect(tb).toEqual(await trialBalance(t.db, admin, { until: new Date(Date.now() + 60_000) }));
    expect(tb.totalDebit).toBe(tb.totalCredit);
    // Debit balances: cash 200 000 alone (rec1, payroll and the payable are back to 0); credit balances: rec2
    // 130 000 + revenue 70 000 (−500 000 + 500 000 − 70 000) = 200 000.
    expect(tb.totalDebit).toBe(200_000);

    // The ledger page: the same totals, and every account once across pages of two, in the same order.
    const seen: TrialBalanceRow[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const p = await trialBalancePage(t.db, admin, { cursor, limit: 2 });
      expect([p.totalDebit, p.totalCredit]).toEqual([tb.totalDebit, tb.totalCredit]);
      expect(p.page.total).toBe(tb.rows.length);
      seen.push(...p.page.items);
      if (!p.page.next) break;
      cursor = p.page.next;
    }
    // In the order of the account code (the page's index), each account once, as trialBalance has it.
    const codes = await rows<{ code: string }>(t.db, sql`select code from ledger_accounts order by code`);
    expect(seen.map((r) => r.code)).toEqual(codes.map((r) => r.code));
    expect(seen).toHaveLength(tb.rows.length);
    expect(seen).toEqual(expect.arrayContaining(tb.rows));
  });

  it.runIf(onPostgres())(
    'concurrent postings neither wait on each other nor deadlock, and add up (PostgreSQL)',
    async () => {
      const clients = await Promise.all([1, 2, 3].map(() => createUser(t.db, 'client')));
      const rec = (i: number): AccountRef => ({ type: 'receivable', clientId: clients[i % 3].id });
      // The accounts exist with committed balance rows first (creating an account concurrently is another matter:
      // its unique code makes a second creator wait), so the transactions below meet each other's balance rows.
      await postEntry(
        t.db,
        entry(`t:${randomUUID()}`, [
          [{ type: 'cash' }, 4],
          [{ type: 'revenue' }, -1],
          [rec(0), -1],
          [rec(1), -1],
          [rec(2), -1],
        ]),
      );
      // Pairs that take revenue then cash, and cash then revenue, in two statements with a pause between: with one
      // locked row per account they would deadlock; each holds its first account's row while it takes the second.
      const pair = (i: number) =>
        t.db.transaction(async (tx) => {
          const [a, b]: AccountRef[] =
            i % 2 ? [{ type: 'revenue' }, { type: 'cash' }] : [{ type: 'cash' }, { type: 'revenue' }];
          await postEntry(
            tx,
            entry(`t:${randomUUID()}`, [
              [rec(i), 1_000 + i],
              [a, -(1_000 + i)],
            ]),
          );
          await tx.execute(sql`select pg_sleep(0.2)`);
          await postEntry(
            tx,
            entry(`t:${randomUUID()}`, [
              [b, 10 + i],
              [rec(i + 1), -(10 + i)],
            ]),
          );
        });
      const revenueNow = async () =>
        (
          await rows<{ credits: number; slots: number }>(
            t.db,
            sql`select sum(b.credits)::int as credits, count(*)::int as slots
                from account_balances b join ledger_accounts a on a.id = b.account_id where a.code = 'revenue'`,
          )
        )[0];
      const before = await revenueNow();
      await Promise.all(Array.from({ length: 8 }, (_, i) => pair(i)));
      await expectStoredEqualsPostings(t.db);
      // Revenue was credited Σ over odd i of (1 000 + i) = 1 001 + 1 003 + 1 005 + 1 007 = 4 016 (even i credit cash).
      const revenue = await revenueNow();
      expect(revenue.credits - before.credits).toBe(4_016);
      // They ran at once: more than one row holds revenue's turnover.
      expect(revenue.slots).toBeGreaterThan(1);
    },
  );
});
