// `npm run bench -- finance [--entries N]` (default 200 000): the ledger on a fresh PostgreSQL database
// (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres), dropped at the end. Measures
// postEntry one by one (each its own transaction, with the deferred balance trigger at commit), a bulk
// load of N two-line entries over 1 000 clients and 200 workers, then the pages' queries over it.
import { sql } from 'drizzle-orm';
import { arg, fmt, timed, withBenchDatabase } from './support';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { postEntry } from '@/lib/finance/ledger';
import { accountHistory, clientStatement, trialBalance, workerMonth } from '@/lib/finance/history';

export async function benchFinance(args: string[]): Promise<void> {
  const entries = arg(args, 'entries', 200_000);
  await withBenchDatabase('f', args, async (conn) => {
    const db = conn.db;
    const [boss] = await db
      .insert(users)
      .values({ email: 'admin@bench.local', name: 'Bench admin', role: 'admin' })
      .returning({ id: users.id });
    const actor: Actor = { id: boss.id, role: 'admin', name: 'Bench admin', email: 'admin@bench.local', locale: 'ru' };
    await db.execute(
      sql`insert into users (email, name, role) select 'c' || i || '@bench.local', 'Client ' || i, 'client' from generate_series(1, 1000) i`,
    );
    await db.execute(
      sql`insert into users (email, name, role) select 'w' || i || '@bench.local', 'Worker ' || i, 'worker' from generate_series(1, 200) i`,
    );
    const [client] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = 'c1@bench.local'`);
    const [worker] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = 'w1@bench.local'`);

    const n = 1000;
    const one = await timed(async () => {
      for (let i = 0; i < n; i++)
        await postEntry(db, {
          key: `bench:one:${i}`,
          kind: 'order_completed',
          lines: [
            { account: { type: 'receivable', clientId: client.id }, amount: 300_000 },
            { account: { type: 'revenue' }, amount: -300_000 },
            { account: { type: 'payroll_expense' }, amount: 165_000 },
            { account: { type: 'payable', workerId: worker.id }, amount: -165_000 },
          ],
        });
    });
    console.log(
      `postEntry one by one (4 lines, own transaction): ${fmt(one.ms / n)} per entry (${n} entries, ${Math.round((n * 1000) / one.ms)} / s)`,
    );
    const again = await timed(async () => {
      for (let i = 0; i < n; i++)
        await postEntry(db, {
          key: `bench:one:${i}`,
          kind: 'order_completed',
          lines: [
            { account: { type: 'cash' }, amount: 1 },
            { account: { type: 'revenue' }, amount: -1 },
          ],
        });
    });
    console.log(`the same keys again (idempotent no-op):          ${fmt(again.ms / n)} per call`);

    // Bulk: every entry charges a client and pays a worker, spread over 12 months; accounts first.
    const bulk = await timed(async () => {
      await db.execute(
        sql`insert into ledger_accounts (code, type, owner_id) select 'receivable:' || id, 'receivable', id from users where role = 'client' on conflict do nothing`,
      );
      await db.execute(
        sql`insert into ledger_accounts (code, type, owner_id) select 'payable:' || id, 'payable', id from users where role = 'worker' on conflict do nothing`,
      );
      // Entries and their postings in one transaction: the deferred checks run at its commit.
      await db.transaction(async (tx) => {
        await tx.execute(sql`
        insert into journal_entries (id, key, kind, at)
        select md5('e' || i)::uuid, 'bench:bulk:' || i, 'order_completed', '2026-01-01'::timestamptz + make_interval(secs => (abs(hashtext(i::text)) % (330 * 86400)))
          from generate_series(1, ${entries}) i`);
        await tx.execute(sql`
        with c as (select array_agg(id) ids from ledger_accounts where type = 'receivable'),
             w as (select array_agg(id) ids from ledger_accounts where type = 'payable'),
             s as (select (select id from ledger_accounts where code = 'revenue') rev, (select id from ledger_accounts where code = 'payroll_expense') pay)
        insert into postings (entry_id, account_id, amount, at)
        select e.id, x.account_id, x.amount, e.at
          from journal_entries e
          cross join lateral (select abs(hashtext(e.key)) h) hh
          cross join c cross join w cross join s
          cross join lateral (values (c.ids[1 + hh.h % array_length(c.ids, 1)], 300000::bigint), (s.rev, -300000::bigint),
                                     (s.pay, 165000::bigint), (w.ids[1 + hh.h % array_length(w.ids, 1)], -165000::bigint)) x(account_id, amount)
         where e.key like 'bench:bulk:%'`);
      });
    });
    console.log(
      `bulk load of ${entries.toLocaleString('en')} entries (${(entries * 4).toLocaleString('en')} postings, balance trigger at commit): ${fmt(bulk.ms)}`,
    );
    await db.execute(sql`analyze`);

    const tb = await timed(() => trialBalance(db, actor));
    console.log(
      `trial balance (${tb.value.rows.length} accounts):                 ${fmt(tb.ms)}  (debits ${tb.value.totalDebit} = credits ${tb.value.totalCredit}: ${tb.value.totalDebit === tb.value.totalCredit})`,
    );
    const wm = await timed(() => workerMonth(db, actor, worker.id, '2026-06'));
    console.log(
      `a worker's month (+ all months' totals):          ${fmt(wm.ms)}  (${wm.value.rows.length} rows this month, ${wm.value.months.length} months)`,
    );
    const cs = await timed(() => clientStatement(db, actor, client.id));
    console.log(`a client's statement (every operation):           ${fmt(cs.ms)}  (${cs.value.rows.length} rows)`);
    const rev = tb.value.rows.find((r) => r.code === 'revenue')!;
    const ah = await timed(() => accountHistory(db, actor, rev.accountId));
    console.log(
      `the revenue account's history (newest rows):     ${fmt(ah.ms)}  (${ah.value.rows.length.toLocaleString('en')} rows shown of ${(entries + n).toLocaleString('en')})`,
    );
  });
}
