import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { accountHistory, clientStatement } from '@/lib/finance/history';
import { resolveAccounts } from '@/lib/finance/ledger';
import { PAGE_SIZE } from '@/lib/paging';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { walkPages } from '../support/paging';

const t = setupTestDb();
const DAY = 86_400_000;

describe('keyset paging of finance histories', () => {
  it('pages a ledger account and a client’s statement once each while entries are posted, with true balances', async () => {
    const client = await createUser(t.db, 'client');
    const other = await createUser(t.db, 'client');
    const admin = await createUser(t.db, 'admin');
    const ids = await resolveAccounts(t.db, [
      { type: 'receivable', clientId: client.id },
      { type: 'receivable', clientId: other.id },
      { type: 'revenue' },
    ]);
    const receivable = ids.get(`receivable:${client.id}`)!;
    const otherReceivable = ids.get(`receivable:${other.id}`)!;
    const revenue = ids.get('revenue')!;
    const base = Date.UTC(2031, 0, 1);
    /** Posts `amount` to the receivable (and its opposite to revenue) at `at`; returns the entry id. */
    const post = async (account: string, amount: number, at: Date): Promise<string> => {
      const id = randomUUID();
      await t.db.transaction(async (tx) => {
        await tx.execute(
          sql`insert into journal_entries (id, key, kind, at) values (${id}, ${id}, 'order_completed', ${at.toISOString()})`,
        );
        await tx.execute(
          sql`insert into postings (entry_id, account_id, amount, at) values (${id}, ${account}, ${amount}, ${at.toISOString()}), (${id}, ${revenue}, ${-amount}, ${at.toISOString()})`,
        );
      });
      return id;
    };
    // 120 entries of i kopecks on day i; entries 60 and 61 share one instant (the posting id breaks the tie).
    // The other client's 10 entries are never in this client's history.
    const made: string[] = [];
    for (let i = 1; i <= 120; i++) made.push(await post(receivable, i, new Date(base + (i === 61 ? 60 : i) * DAY)));
    for (let i = 1; i <= 10; i++) await post(otherReceivable, 1_000, new Date(base + i * DAY));
    const first = await clientStatement(t.db, client, client.id);
    // 1 + 2 + … + 120 = 120 × 121 / 2 = 7 260.
    expect(first).toMatchObject({ balance: 7_260, receivable: 7_260, total: 120, capped: false });
    expect(first.rows).toHaveLength(PAGE_SIZE);
    // The newest row is entry 120, whose balance is the whole 7 260.
    expect(first.rows[0]).toMatchObject({ amount: 120, balance: 7_260 });

    let extra = 0;
    const { pages } = await walkPages({
      page: (cursor) =>
        clientStatement(t.db, client, client.id, { cursor, limit: 25 }).then((s) => ({ items: s.rows, next: s.next })),
      id: (r) => r.entryId,
      before: made,
      matches: (r) => r.amount > 0 && r.amount < 1_000,
      // An entry newer than the walk (ahead of the cursor) and one just behind it land between pages.
      between: async (_round, last) => {
        extra++;
        await post(receivable, 500 + extra, new Date(base + 400 * DAY));
        await post(receivable, 600 + extra, new Date(last.at.getTime() - 1));
      },
    });
    expect(pages).toBeGreaterThanOrEqual(5);

    // Walked again with nothing added, each row's balance is the one below it (older) plus its own amount, and
    // the oldest row's balance is its amount: the balances are the running sum, page boundaries included.
    const all = await walkPages({
      page: (cursor) =>
        accountHistory(t.db, admin, receivable, { cursor, limit: 7 }).then((a) => ({ items: a.rows, next: a.next })),
      id: (r) => r.entryId,
      before: made,
    });
    const rows: { amount: number; balance: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await accountHistory(t.db, admin, receivable, { cursor, limit: 7 });
      rows.push(...page.rows);
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(rows).toHaveLength(all.seen.length);
    for (let i = 0; i < rows.length - 1; i++) expect(rows[i].balance).toBe(rows[i + 1].balance + rows[i].amount);
    expect(rows.at(-1)!.balance).toBe(rows.at(-1)!.amount);
    const detail = await accountHistory(t.db, admin, receivable);
    expect(detail.balance).toBe(rows[0].balance);
    expect(detail.total).toBe(rows.length);
    // Staff only.
    await expect(accountHistory(t.db, client, receivable)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
