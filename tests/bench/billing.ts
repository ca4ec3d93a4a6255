// `npm run bench -- billing [--orders N]` (default 100 000): weekly invoicing and monthly payroll on a fresh
// PostgreSQL database filled with generate_series (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres),
// dropped at the end. One client per 10 orders, 5 000 workers. Prints each figure next to the bare aggregate
// SELECT over the same orders and checks the totals to the kopeck.
import { sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { arg, fmt, timed, withBenchDatabase } from './support';
import type { Db } from '@/db';
import { services, zones } from '@/db/schema';
import { runJob } from '@/lib/scheduler';
import { invoiceBatch } from '@/lib/finance/invoices';
import { weekBounds } from '@/lib/scheduler/periods';

const WEEK = '2026-11-16'; // Monday; the week closes 2026-11-22T21:00Z (Moscow)
const MONTH = '2026-11';
const NOW = new Date('2026-12-01T06:00:00Z'); // after both the week and the month

async function generate(db: Db, orders: number, clients: number, workers: number) {
  const { start, end } = weekBounds(WEEK, 'Europe/Moscow');
  const span = Math.floor((end.getTime() - start.getTime()) / 1000) - 1;
  await db
    .insert(zones)
    .values({ code: 'bench', nameRu: 'Бенч', nameEn: 'Bench', lat: 55.75, lng: 37.62, travelFee: 0 });
  await db.insert(services).values({
    code: 'bench',
    nameRu: 'Уборка',
    nameEn: 'Cleaning',
    skill: 'cleaning',
    pricingUnit: 'fixed',
    unitPrice: 300_000,
    minPrice: 0,
    baseMinutes: 120,
    minutesPerUnitX100: 0,
    checklist: [],
  });
  await db.execute(
    sql`insert into users (email, name, role) select 'c' || i || '@bench.local', 'Client ' || i, 'client' from generate_series(1, ${clients}) i`,
  );
  await db.execute(
    sql`insert into users (email, name, role) select 'w' || i || '@bench.local', 'Worker ' || i, 'worker' from generate_series(1, ${workers}) i`,
  );
  // Orders: 95 % completed during the week; 5 % cancelled, two in five of them with a late fee.
  await db.execute(sql`
    with c as (select array_agg(id order by email) ids from users where role = 'client'),
         w as (select array_agg(id order by email) ids from users where role = 'worker'),
         z as (select id from zones where code = 'bench'), s as (select id from services where code = 'bench')
    insert into orders (number, client_id, service_id, zone_id, status, address, contact_phone, scheduled_start, scheduled_end,
                        estimate_total, price_total, pay_total, worker_id, cancellation_fee, finished_at, currency, updated_at)
    select 'BR-B-' || i, c.ids[1 + (hashint % ${clients})], s.id, z.id,
           (case when i % 20 = 0 then 'cancelled' else 'completed' end)::order_status, 'addr', '+7',
           t - interval '3 hours', t - interval '1 hour',
           price, case when i % 20 = 0 then null else price end, case when i % 20 = 0 then null else price * 6 / 10 end,
           w.ids[1 + (i % ${workers})], case when i % 50 = 0 then price * 3 / 10 else 0 end,
           case when i % 20 = 0 then null else t end, 'RUB', t
      from generate_series(1, ${orders}) i
      cross join lateral (select abs(hashtext(i::text)) as hashint) h
      cross join lateral (select ${start.toISOString()}::timestamptz + make_interval(secs => (hashint % ${span})) as t,
                                 (50000 + (hashint % 950000))::bigint as price) v
      cross join c cross join w cross join z cross join s`);
  // Fines and bonuses for every worker, as lib/finance records them (entry + two postings + adjustment).
  await db.execute(
    sql`insert into ledger_accounts (code, type) values ('penalty_income', 'penalty_income'), ('payroll_expense', 'payroll_expense') on conflict do nothing`,
  );
  await db.execute(
    sql`insert into ledger_accounts (code, type, owner_id) select 'payable:' || id, 'payable', id from users where role = 'worker' on conflict do nothing`,
  );
  await db.execute(sql`
    with adj as (
      select u.id worker, k.kind, (1000 + abs(hashtext(u.id::text || k.kind)) % 50000)::bigint amount, gen_random_uuid() entry
        from users u cross join (values ('fine'), ('bonus')) k(kind) where u.role = 'worker'
    ), e as (
      insert into journal_entries (id, key, kind, at) select entry, 'bench:' || kind || ':' || worker, kind, ${start.toISOString()}::timestamptz + interval '1 day' from adj returning id
    ), p as (
      insert into postings (entry_id, account_id, amount, at)
      select a.entry, (select id from ledger_accounts where code = 'payable:' || a.worker), case when a.kind = 'fine' then a.amount else -a.amount end, ${start.toISOString()}::timestamptz + interval '1 day' from adj a
      union all
      select a.entry, (select id from ledger_accounts where code = case when a.kind = 'fine' then 'penalty_income' else 'payroll_expense' end), case when a.kind = 'fine' then -a.amount else a.amount end, ${start.toISOString()}::timestamptz + interval '1 day' from adj a
      returning 1
    )
    insert into adjustments (kind, subject_id, amount, reason, entry_id) select kind, worker, amount, 'bench', entry from adj`);
  await db.execute(sql`analyze`);
}

export async function benchBilling(args: string[]): Promise<void> {
  const orders = arg(args, 'orders', 100_000);
  const clients = Math.max(1, Math.floor(orders / 10));
  const workers = 5_000;
  await withBenchDatabase('i', args, async (conn, name) => {
    const db = conn.db;
    console.log(
      `orders ${orders.toLocaleString('en')}, clients ${clients.toLocaleString('en')}, workers ${workers.toLocaleString('en')} (database ${name})`,
    );
    const gen = await timed(() => generate(db, orders, clients, workers));
    console.log(`data generated in ${fmt(gen.ms)}`);
    if (args.includes('--generate-only')) return;
    const { end } = weekBounds(WEEK, 'Europe/Moscow');

    const bare = await timed(() =>
      rows(
        db,
        sql`select client_id, count(*), sum(coalesce(price_total, estimate_total)) from orders
                   where status = 'completed' and finished_at < ${end.toISOString()}::timestamptz group by client_id`,
      ),
    );
    console.log(
      `bare aggregate SELECT (orders per client):          ${fmt(bare.ms)}  (${bare.value.length.toLocaleString('en')} clients)`,
    );

    // The invoicing phase of the job, chunk by chunk as the cron would run it (100 000 clients per chunk).
    let chunks = 0;
    const inv = await timed(async () => {
      for (;;) {
        const r = await runJob(db, 'invoices', { period: WEEK, now: NOW, budgetMs: 0 });
        chunks++;
        const [state] = await rows<{ phase: string | null }>(
          db,
          sql`select cursor->>'phase' as phase from job_runs where job = 'invoices' and period = ${WEEK}`,
        );
        if (state.phase === 'notify' || r.outcome !== 'partial') return r;
      }
    });
    const counts = inv.value.run.counts;
    console.log(
      `weekly invoicing run (${chunks} chunks):                ${fmt(inv.ms)}  (${counts.invoices?.toLocaleString('en')} invoices, ${counts.lines?.toLocaleString('en')} lines) — ${(inv.ms / bare.ms).toFixed(1)}× the bare SELECT; target ≤ 5 s`,
    );

    const emails = await timed(() => runJob(db, 'invoices', { period: WEEK, now: NOW, budgetMs: 0 }));
    console.log(
      `  then one email chunk (${emails.value.run.counts.emails ?? 0} invoice_issued through the outbox): ${fmt(emails.ms)}`,
    );

    // The emails go out through lib/notifications' per-row enqueue, chunk by chunk across cron calls; the
    // bench marks the rest as sent so the run can finish, then measures a second call for the same week.
    await db.execute(sql`update invoices set notified_at = now() where notified_at is null`);
    await runJob(db, 'invoices', { period: WEEK, now: NOW });
    const again = await timed(() => runJob(db, 'invoices', { period: WEEK, now: NOW }));
    const rerunStatus = again.value.outcome;
    const nextWeek = await timed(() =>
      db
        .transaction(async (tx) => {
          const r = await invoiceBatch(tx, {
            until: NOW,
            periodFrom: '2026-11-23',
            periodTo: '2026-11-29',
            issuedAt: NOW,
            dueDate: '2026-12-08',
            year: 2026,
            currency: 'RUB',
            afterClientId: null,
            limit: 25_000,
          });
          tx.rollback();
          return r;
        })
        .catch((e: unknown) => ((e as Error).message.includes('Rollback') ? null : Promise.reject(e))),
    );
    console.log(`re-run of the same week (job-runs row, ${rerunStatus}):        ${fmt(again.ms)}  target ≤ 100 ms`);
    console.log(`a fresh invoicing pass that finds nothing to bill:   ${fmt(nextWeek.ms)}`);

    const pay = await timed(() => runJob(db, 'payroll', { period: MONTH, now: NOW }));
    console.log(
      `monthly payroll run (${pay.value.run.chunks} chunks):                 ${fmt(pay.ms)}  (${pay.value.run.counts.payslips?.toLocaleString('en')} payslips, ${pay.value.run.counts.lines?.toLocaleString('en')} lines) — ${(pay.ms / bare.ms).toFixed(1)}× the bare SELECT; target ≤ 5 s`,
    );
    const payAgain = await timed(() => runJob(db, 'payroll', { period: MONTH, now: NOW }));
    console.log(`re-run of the same month (${payAgain.value.outcome}):              ${fmt(payAgain.ms)}`);

    const [check] = await rows<{
      invoices: string;
      lines: string;
      orders: string;
      slips: string;
      slip_lines: string;
      pay: string;
    }>(
      db,
      sql`select (select sum(total) from invoices) invoices,
                 (select sum(amount) from invoice_lines) lines,
                 (select sum(case when status = 'completed' then coalesce(price_total, estimate_total) else cancellation_fee end)
                    from orders where (status = 'completed' and finished_at < ${end.toISOString()}::timestamptz) or (status = 'cancelled' and cancellation_fee > 0)) orders,
                 (select sum(net) from payslips) slips,
                 (select sum(amount) from payslip_lines) slip_lines,
                 (select coalesce(sum(pay_total), 0) + (select coalesce(sum(case when kind = 'bonus' then amount else -amount end), 0) from adjustments) from orders where status = 'completed') pay`,
    );
    const ok =
      check.invoices === check.lines &&
      check.lines === check.orders &&
      check.slips === check.slip_lines &&
      check.slip_lines === check.pay;
    console.log(
      `totals: invoices ${check.invoices} = lines ${check.lines} = orders ${check.orders}; payslips ${check.slips} = lines ${check.slip_lines} = pay ± adjustments ${check.pay} → ${ok ? 'OK' : 'MISMATCH'}`,
    );
    if (!ok) process.exitCode = 1;
  });
}
