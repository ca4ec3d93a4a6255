import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { journalEntries, ledgerAccounts, postings } from '@/db/schema';
import { accountBalance, postEntry, reverseEntry } from '@/lib/finance';
import { resolveAccounts } from '@/lib/finance/ledger';
import { createUser } from '../support/factories';
import { refusal, setupTestDb } from '../support/db';

const t = setupTestDb();

describe('ledger', () => {
  it('posts a balanced entry once per key and keeps balances equal to the sum of postings', async () => {
    const client = await createUser(t.db, 'client');
    const key = `test:${randomUUID()}`;
    const lines = [
      { account: { type: 'receivable' as const, clientId: client.id }, amount: 350_000 },
      { account: { type: 'revenue' as const }, amount: -350_000 },
    ];
    const first = await postEntry(t.db, { key, kind: 'test', lines });
    const again = await postEntry(t.db, { key, kind: 'test', lines });
    expect(first.created).toBe(true);
    expect(again).toEqual({ entryId: first.entryId, created: false });
    // One entry only: the client owes 3 500.00 ₽ (350 000 kopecks), revenue holds −350 000.
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(350_000);
    expect(await t.db.$count(postings, eq(postings.entryId, first.entryId))).toBe(2);
  });

  it('refuses unbalanced or fractional lines in code', async () => {
    await expect(
      postEntry(t.db, {
        key: `x:${randomUUID()}`,
        kind: 'test',
        lines: [
          { account: { type: 'cash' }, amount: 100 },
          { account: { type: 'revenue' }, amount: -99 },
        ],
      }),
    ).rejects.toThrow(/sum to 1/);
    await expect(
      postEntry(t.db, {
        key: `x:${randomUUID()}`,
        kind: 'test',
        lines: [
          { account: { type: 'cash' }, amount: 0.5 },
          { account: { type: 'revenue' }, amount: -0.5 },
        ],
      }),
    ).rejects.toThrow(/integer/);
  });

  it('the database itself rejects an entry whose postings do not sum to zero', async () => {
    const ids = await resolveAccounts(t.db, [{ type: 'cash' }, { type: 'revenue' }]);
    const key = `raw:${randomUUID()}`;
    expect(
      await refusal(
        t.db.transaction(async (tx) => {
          const [e] = await tx.insert(journalEntries).values({ key, kind: 'raw' }).returning({ id: journalEntries.id });
          // An ISO string, not a Date: postgres.js does not serialise a Date in raw SQL, and that TypeError used
          // to satisfy a bare toThrow() here on PostgreSQL without the trigger ever running.
          const now = new Date().toISOString();
          await tx.execute(
            sql`insert into postings (entry_id, account_id, amount, at) values (${e.id}, ${ids.get('cash')}, 100, ${now}), (${e.id}, ${ids.get('revenue')}, -90, ${now})`,
          );
        }),
      ),
    ).toMatch(/unbalanced: postings sum to 10/);
    expect(await t.db.$count(journalEntries, eq(journalEntries.key, key))).toBe(0);
  });

  it('an entry cannot be edited or deleted', async () => {
    const { entryId } = await postEntry(t.db, {
      key: `imm:${randomUUID()}`,
      kind: 'test',
      lines: [
        { account: { type: 'cash' }, amount: 5 },
        { account: { type: 'revenue' }, amount: -5 },
      ],
    });
    expect(await refusal(t.db.update(postings).set({ amount: 6 }).where(eq(postings.entryId, entryId)))).toMatch(
      /postings rows are append-only/,
    );
    expect(await refusal(t.db.delete(journalEntries).where(eq(journalEntries.id, entryId)))).toMatch(
      /journal_entries rows are append-only/,
    );
  });

  it('a reversal negates the lines under key reversal:<id>, once', async () => {
    const admin = await createUser(t.db, 'admin');
    const worker = await createUser(t.db, 'worker');
    const { entryId } = await postEntry(t.db, {
      key: `fine:${randomUUID()}`,
      kind: 'fine',
      lines: [
        { account: { type: 'payable', workerId: worker.id }, amount: 20_000 },
        { account: { type: 'penalty_income' }, amount: -20_000 },
      ],
    });
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(20_000);
    const r1 = await reverseEntry(t.db, admin, entryId, 'wrong worker');
    const r2 = await reverseEntry(t.db, admin, entryId, 'again');
    expect(r1.created).toBe(true);
    expect(r2.created).toBe(false);
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(0);
    const [rev] = await t.db
      .select({ key: journalEntries.key, reason: journalEntries.reason })
      .from(journalEntries)
      .where(eq(journalEntries.id, r1.entryId));
    expect(rev).toEqual({ key: `reversal:${entryId}`, reason: 'wrong worker' });
    const manager = await createUser(t.db, 'manager');
    await expect(reverseEntry(t.db, manager, entryId, 'no')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('creates one account per client even when resolved concurrently', async () => {
    const client = await createUser(t.db, 'client');
    await Promise.all([1, 2, 3].map(() => resolveAccounts(t.db, [{ type: 'receivable', clientId: client.id }])));
    expect(await t.db.$count(ledgerAccounts, eq(ledgerAccounts.ownerId, client.id))).toBe(1);
  });
});
