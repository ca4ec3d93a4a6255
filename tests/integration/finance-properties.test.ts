import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { accountBalance, postEntry, reverseEntry, type AccountRef } from '@/lib/finance';
import { accountCode } from '@/lib/finance/ledger';
import { createUser } from '../support/factories';
import { setupTestDb } from '../support/db';

const t = setupTestDb();

type Fact =
  { kind: 'post'; slot: number; lines: { account: number; amount: number }[] } | { kind: 'reverse'; slot: number };

// A fact's lines: n-1 random amounts over random accounts, and one line that balances them.
const postFact = (accounts: number) =>
  fc
    .record({
      slot: fc.integer({ min: 0, max: 5 }),
      amounts: fc.array(
        fc.tuple(fc.integer({ min: 0, max: accounts - 1 }), fc.integer({ min: -500_000, max: 500_000 })),
        { minLength: 1, maxLength: 4 },
      ),
      balancing: fc.integer({ min: 0, max: accounts - 1 }),
    })
    .map(({ slot, amounts, balancing }): Fact => {
      const lines = amounts.map(([account, amount]) => ({ account, amount }));
      const rest = -lines.reduce((s, l) => s + l.amount, 0);
      return {
        kind: 'post',
        slot,
        lines: [
          ...lines,
          { account: balancing, amount: rest === 0 ? 1 : rest },
          ...(rest === 0 ? [{ account: balancing, amount: -1 }] : []),
        ],
      };
    });

const fact = (accounts: number) =>
  fc.oneof(
    { weight: 4, arbitrary: postFact(accounts) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('reverse' as const), slot: fc.integer({ min: 0, max: 5 }) }),
    },
  );

describe('ledger properties (fast-check)', () => {
  it('random facts, repeated and reordered: every entry sums to zero, no key twice, balances = sum of postings', async () => {
    const admin = await createUser(t.db, 'admin');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fact(6), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 16 }),
        async (facts, order) => {
          const run = randomUUID().slice(0, 8);
          const [c1, c2, w1, w2] = await Promise.all([
            createUser(t.db, 'client'),
            createUser(t.db, 'client'),
            createUser(t.db, 'worker'),
            createUser(t.db, 'worker'),
          ]);
          const accounts: AccountRef[] = [
            { type: 'receivable', clientId: c1.id },
            { type: 'receivable', clientId: c2.id },
            { type: 'payable', workerId: w1.id },
            { type: 'payable', workerId: w2.id },
            { type: 'revenue' },
            { type: 'penalty_income' },
          ];
          const before = await Promise.all(accounts.map((a) => accountBalance(t.db, a)));
          // The model: the first fact under a key wins; a later one under the same key posts nothing.
          const model = new Map<string, { account: number; amount: number }[]>();
          const entryOf = new Map<string, string>();
          // Replay the facts in the generated order, with repeats (indexes modulo the number of facts).
          for (const i of order) {
            const f = facts[i % facts.length];
            const key = `prop:${run}:${f.slot}`;
            if (f.kind === 'post') {
              const r = await postEntry(t.db, {
                key,
                kind: 'prop',
                lines: f.lines.map((l) => ({ account: accounts[l.account], amount: l.amount })),
              });
              const kept = f.lines.filter((l) => l.amount !== 0);
              if (!model.has(key)) {
                expect(r.created).toBe(true);
                model.set(key, kept);
                entryOf.set(key, r.entryId);
              } else expect(r).toEqual({ entryId: entryOf.get(key), created: false });
            } else {
              const target = entryOf.get(key);
              if (!target) continue;
              const r = await reverseEntry(t.db, admin, target, 'property test');
              const rkey = `reversal:${target}`;
              if (!model.has(rkey)) {
                expect(r.created).toBe(true);
                model.set(
                  rkey,
                  model.get(key)!.map((l) => ({ account: l.account, amount: -l.amount })),
                );
              } else expect(r.created).toBe(false);
            }
          }
          const expected = accounts.map((_, i) =>
            [...model.values()]
              .flat()
              .filter((l) => l.account === i)
              .reduce((s, l) => s + l.amount, 0),
          );
          const after = await Promise.all(accounts.map((a) => accountBalance(t.db, a)));
          expect(after.map((b, i) => b - before[i])).toEqual(expected);
          // Balances equal the sum of the account's postings, computed independently in SQL.
          for (const a of accounts) {
            const [{ total }] = await rows<{ total: string }>(
              t.db,
              sql`select coalesce(sum(p.amount), 0)::text as total from postings p join ledger_accounts a on a.id = p.account_id where a.code = ${accountCode(a)}`,
            );
            expect(Number(total)).toBe(await accountBalance(t.db, a));
          }
        },
      ),
      { numRuns: 15 },
    );
    const unbalanced = await rows<{ entry_id: string }>(
      t.db,
      sql`select entry_id from postings group by entry_id having sum(amount) <> 0`,
    );
    expect(unbalanced).toEqual([]);
    const dupKeys = await rows<{ key: string }>(
      t.db,
      sql`select key from journal_entries group by key having count(*) > 1`,
    );
    expect(dupKeys).toEqual([]);
  });
});
