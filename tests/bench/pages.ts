// `npm run bench -- pages [--scale 0.05] [--runs 5] [--fresh] [--explain]`: a company's full history on PostgreSQL
// and the data loading of each admin page, as a signed-in admin.
//
// The company, at --scale 1: 1,000,000 orders over a year (351 days back, 14 ahead), 100,000 clients, 500
// workers, their events, ledger postings, invoices, payslips and audit rows. It lives in its own database on
// BENCH_DATABASE_URL (brigada_bench_pages_<version>_<migrations' hash>_<scale>), generated once and reused while the
// generator and the migrations are the same (--fresh generates it again).
//
// How the rows are made:
// - set-based INSERT … SELECT generate_series, in the shapes the modules write: users with client and worker
//   profiles, skills, zones and weekly hours; orders in two-hour slots per worker (six a day, so no two overlap
//   and the no-double-booking constraint holds), 85 % of the past ones completed, 4 % failed and 11 %
//   cancelled, ahead of today 60 % assigned, 30 % pending and 10 % cancelled; for each order the events
//   lib/orders writes (created, decline for 3 %, match, start with its late flag, finish, fail or cancel with
//   a reason code); for each completed order the ledger entry lib/finance posts on 'finish' (key
//   order:<id>:completed, four postings: receivable, revenue, payroll expense, worker payable); audit rows, one
//   per ten orders;
// - through the product's own code: the settings, zones and services (drizzle inserts, as the seed), weekly
//   invoicing (the 'invoices' job on lib/scheduler) for the last two full weeks — its first run bills every
//   completed order finished before then — and monthly payroll (the 'payroll' job) for the last two months;
//   the rollup by rebuildOrderStats, the same SQL the order subscriber runs. The invoice emails are marked sent
//   instead of queued (a million outbox rows are the notifications bench's subject).
//
// Then each page's loader (the lib functions its page.tsx calls, with the page's default filters) runs once to
// warm up and `--runs` times more; printed per page: the median wall time, this process's CPU time and the
// PostgreSQL backends' CPU time per load (from /proc, so wall time disturbed by a loaded machine can be told
// from work). With --explain every statement a page ran is EXPLAINed and sequential scans of orders,
// order_events, postings or journal_entries are listed.
import '@/lib/composition';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { connectPostgres, rows } from '@/db/connect';
import type { Db } from '@/db';
import * as schema from '@/db/schema';
import { migrate, migrationState } from '@/db/migrate';
import journal from '@/db/migrations/meta/_journal.json';
import { services, settings, users, zones } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { listAudit } from '@/lib/audit';
import { listInvites, listUsers } from '@/lib/auth';
import { getBoard } from '@/lib/board';
import { listZones, defaultSettings, getSettings } from '@/lib/settings';
import { searchClients } from '@/lib/clients';
import {
  accountHistory,
  countPendingApprovals,
  listAdjustments,
  listInvoicesAdmin,
  listMoneyApprovals,
  listPayrollRuns,
  listPenaltyRules,
  searchPeople,
  trialBalancePage,
} from '@/lib/finance';
import { searchOrders } from '@/lib/orders';
import { listFailedCharges, listPayments } from '@/lib/payments';
import { listPlansForStaff } from '@/lib/plans';
import {
  analysisView,
  dashboard,
  dayStart,
  filterOptions,
  performanceRaw,
  periodParam,
  rebuildOrderStats,
  reviewQueue,
  teamMetrics,
} from '@/lib/quality';
import { listJobRuns, runJob } from '@/lib/scheduler';
import { listSupplies } from '@/lib/supplies';
import { listSkillCodes, listWorkersPage, workerReadiness } from '@/lib/workers';
import { listOutbox } from '@/lib/notifications';
import { addDays, mondayOf, toDateString } from '@/lib/time';
import { auditFilterFrom } from '@/app/admin/audit/filter';
import { paymentFilterFrom } from '@/app/admin/finance/payments/filter';
import { invoiceFilterFrom } from '@/app/admin/finance/invoices/filter';
import { deskFilterFrom } from '@/app/admin/orders/all/filter';
import { benchServer, fmt, timed } from './support';

/** Bumped whenever the generator changes, so an old database is not reused. */
const GENERATOR = 1;
const TZ = defaultSettings.timeZone;
const BIG_TABLES = ['orders', 'order_events', 'postings', 'journal_entries'];

function floatArg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Sizes = { orders: number; clients: number; workers: number };

async function generate(db: Db, n: Sizes, now: Date, log: (s: string) => void): Promise<void> {
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const { ms } = await timed(fn);
    log(`  ${label}: ${fmt(ms)}`);
  };
  const today = toDateString(now, TZ);
  const firstDay = addDays(today, -351);
  const days = 365;
  await step('settings, zones, services, staff', async () => {
    await db.insert(settings).values(Object.entries(defaultSettings).map(([key, value]) => ({ key, value })));
    await db.insert(zones).values(
      Array.from({ length: 8 }, (_, i) => ({
        code: `z${i}`,
        nameRu: `Район ${i}`,
        nameEn: `District ${i}`,
        lat: 55.6 + (i % 4) * 0.06,
        lng: 37.4 + Math.floor(i / 4) * 0.2,
        travelFee: 20_000,
      })),
    );
    await db.insert(services).values(
      ['regular', 'deep', 'windows', 'after_repair'].map((code, i) => ({
        code,
        nameRu: `Услуга ${i}`,
        nameEn: `Service ${i}`,
        skill: 'cleaning',
        pricingUnit: 'fixed' as const,
        unitPrice: 300_000 + i * 100_000,
        baseMinutes: 120,
        checklist: [],
      })),
    );
    await db.insert(users).values([
      { email: 'admin@bench.local', name: 'Bench admin', role: 'admin' },
      { email: 'manager@bench.local', name: 'Bench manager', role: 'manager' },
    ]);
  });
  await step(`${n.clients.toLocaleString('en')} clients`, async () => {
    await db.execute(sql`
      insert into users (email, name, phone, role, created_at)
      select 'c' || i || '@bench.local', 'Client ' || i, '+7 900 ' || lpad(i::text, 7, '0'), 'client',
             ${firstDay}::date - (i % 400)
        from generate_series(1, ${n.clients}) i`);
    await db.execute(sql`
      with z as (select array_agg(id order by code) ids from zones)
      insert into client_profiles (user_id, default_zone_id)
      select u.id, z.ids[1 + abs(hashtext(u.email)) % 8] from users u cross join z where u.role = 'client'`);
  });
  await step(`${n.workers} workers`, async () => {
    await db.execute(sql`
      insert into users (email, name, phone, role)
      select 'w' || lpad(i::text, 4, '0') || '@bench.local', 'Worker ' || lpad(i::text, 4, '0'), '+7 901 ' || lpad(i::text, 7, '0'), 'worker'
        from generate_series(1, ${n.workers}) i`);
    await db.execute(sql`
      with z as (select array_agg(id order by code) ids from zones)
      insert into worker_profiles (user_id, grade, home_zone_id)
      select u.id, (array['junior', 'standard', 'senior'])[1 + abs(hashtext(u.email)) % 3]::grade, z.ids[1 + abs(hashtext(u.email)) % 8]
        from users u cross join z where u.role = 'worker'`);
    await db.execute(
      sql`insert into worker_skills (worker_id, skill) select id, 'cleaning' from users where role = 'worker'`,
    );
    await db.execute(
      sql`insert into worker_zones (worker_id, zone_id) select u.id, z.id from users u cross join zones z where u.role = 'worker'`,
    );
    await db.execute(sql`
      insert into worker_schedules (worker_id, weekday, from_time, to_time)
      select u.id, d, '08:00', '20:00' from users u cross join generate_series(1, 7) d where u.role = 'worker'`);
  });
  // Order i: day ⌊i / perDay⌋, and within the day worker k mod W in slot ⌊k / W⌋ (08:00, 10:00 … 18:00).
  const perDay = Math.ceil(n.orders / days);
  if (perDay > n.workers * 6) throw new Error('more orders a day than six slots of every worker');
  await step(`${n.orders.toLocaleString('en')} orders`, () =>
    db.execute(sql`
      with c as (select array_agg(id order by email) ids from users where role = 'client'),
           w as (select array_agg(id order by email) ids from users where role = 'worker'),
           z as (select array_agg(id order by code) ids from zones),
           s as (select array_agg(id order by code) ids, array_agg(unit_price order by code) prices from services),
           g as (
             select i, h, k,
               ((${firstDay}::date + (i / ${perDay})) + make_time(8 + 2 * (k / ${n.workers}), 0, 0)) at time zone ${TZ} as t
             from generate_series(0, ${n.orders - 1}) i
             cross join lateral (select abs(hashtext('o' || i)) as h, i % ${perDay} as k) x
           ),
           st as (
             select g.*, case
               when g.t < ${now.toISOString()}::timestamptz - interval '3 hours' then
                 case when h % 100 < 4 then 'failed' when h % 100 < 15 then 'cancelled' else 'completed' end
               when g.t < ${now.toISOString()}::timestamptz then 'in_progress'
               else case when h % 10 = 0 then 'cancelled' when h % 10 < 4 then 'pending' else 'assigned' end
             end::order_status as status
             from g
           )
      insert into orders (number, client_id, service_id, zone_id, status, address, contact_phone, scheduled_start,
                          scheduled_end, worker_id, estimate_total, price_total, pay_total, started_at, finished_at,
                          currency, booked_at, created_at, updated_at)
      select 'BR-B-' || lpad(i::text, 7, '0'), c.ids[1 + h % ${n.clients}], s.ids[1 + h % 4], z.ids[1 + (h / 7) % 8],
             st.status, 'ул. Бенча, ' || (1 + h % 200), '+7 900 000-00-00', t, t + interval '2 hours',
             case when st.status = 'pending' or (st.status = 'cancelled' and h % 2 = 0) then null else w.ids[1 + k % ${n.workers}] end,
             s.prices[1 + h % 4], case when st.status = 'pending' then null else s.prices[1 + h % 4] end,
             case when st.status in ('pending', 'cancelled') then null else s.prices[1 + h % 4] * 6 / 10 end,
             case when st.status in ('completed', 'in_progress') or (st.status = 'failed' and h % 2 = 0) then t + ((h % 30) || ' minutes')::interval end,
             case when st.status = 'completed' then t + interval '2 hours' end,
             'RUB', t - ((1 + h % 20) || ' days')::interval, t - ((1 + h % 20) || ' days')::interval,
             case st.status when 'completed' then t + interval '2 hours' when 'failed' then t + interval '1 hour'
               when 'cancelled' then t - ((h % 3) || ' days')::interval else t - ((1 + h % 20) || ' days')::interval end
        from st cross join c cross join w cross join z cross join s`),
  );
  await step('order events', async () => {
    await db.execute(sql`
      insert into order_events (order_id, from_status, to_status, kind, actor_id, actor_role, data, at)
      select id, null, 'pending', 'created', client_id, 'client', jsonb_build_object('estimateTotal', estimate_total), created_at from orders`);
    // A decline by the next worker before the match, for 3 % of the matched orders.
    await db.execute(sql`
      with w as (select array_agg(id order by email) ids, count(*)::int n from users where role = 'worker')
      insert into order_events (order_id, from_status, to_status, kind, actor_id, actor_role, reason, at)
      select o.id, 'assigned', 'pending', 'decline', w.ids[1 + (array_position(w.ids, o.worker_id) % w.n)], 'worker', 'busy',
             o.created_at + interval '30 minutes'
        from orders o cross join w where o.worker_id is not null and abs(hashtext(o.number)) % 100 < 3`);
    await db.execute(sql`
      insert into order_events (order_id, from_status, to_status, kind, data, at)
      select id, 'pending', 'assigned', 'match', jsonb_build_object('priceTotal', price_total), created_at + interval '1 hour'
        from orders where worker_id is not null`);
    await db.execute(sql`
      insert into order_events (order_id, from_status, to_status, kind, actor_id, actor_role, data, at)
      select id, 'assigned', 'in_progress', 'start', worker_id, 'worker',
             jsonb_build_object('late', extract(epoch from started_at - scheduled_start) > 900,
                                'lateMinutes', greatest(0, extract(epoch from started_at - scheduled_start)::int / 60 - 15)), started_at
        from orders where started_at is not null`);
    await db.execute(sql`
      insert into order_events (order_id, from_status, to_status, kind, actor_id, actor_role, at)
      select id, 'in_progress', 'completed', 'finish', worker_id, 'worker', finished_at from orders where status = 'completed'`);
    await db.execute(sql`
      insert into order_events (order_id, from_status, to_status, kind, actor_role, reason, data, at)
      select o.id, case when o.started_at is null then 'assigned' else 'in_progress' end::order_status, o.status,
             case o.status when 'failed' then 'fail' else 'cancel' end,
             case o.status when 'failed' then 'manager' else 'client' end::role, r.code,
             jsonb_build_object('reasonCode', r.code), o.updated_at
        from orders o
        cross join lateral (select case o.status
          when 'failed' then (array['no_show', 'poor_quality', 'damage', 'client_unreachable'])[1 + abs(hashtext(o.number)) % 4]
          else (array['plans_changed', 'wrong_time', 'found_other', 'too_expensive'])[1 + abs(hashtext(o.number)) % 4] end as code) r
       where o.status in ('failed', 'cancelled')`);
  });
  await step('ledger entries and postings of completed orders', async () => {
    await db.execute(sql`
      insert into ledger_accounts (code, type) values ('revenue', 'revenue'), ('payroll_expense', 'payroll_expense')
      on conflict do nothing`);
    await db.execute(sql`
      insert into ledger_accounts (code, type, owner_id)
      select 'receivable:' || id, 'receivable', id from users where role = 'client'
      union all select 'payable:' || id, 'payable', id from users where role = 'worker'
      on conflict do nothing`);
    // One transaction: the ledger's deferred checks want each entry's postings by the commit.
    await db.transaction(async (tx) => {
      await tx.execute(sql`
      insert into journal_entries (key, kind, memo, order_id, at, created_at)
      select 'order:' || id || ':completed', 'order_completed', number, id, finished_at, finished_at
        from orders where status = 'completed'`);
      await tx.execute(sql`
      with rev as (select id from ledger_accounts where code = 'revenue'),
           exp as (select id from ledger_accounts where code = 'payroll_expense')
      insert into postings (entry_id, account_id, amount, at)
      select je.id, l.account_id, l.amount, je.at
        from journal_entries je join orders o on o.id = je.order_id
        cross join rev cross join exp
        join ledger_accounts ra on ra.code = 'receivable:' || o.client_id
        join ledger_accounts pa on pa.code = 'payable:' || o.worker_id
        cross join lateral (values (ra.id, o.price_total), (rev.id, -o.price_total), (exp.id, o.pay_total), (pa.id, -o.pay_total))
          as l(account_id, amount)
       where je.kind = 'order_completed'`);
    });
  });
  await step('audit rows', () =>
    db.execute(sql`
      with m as (select id from users where role = 'manager')
      insert into audit_log (actor_id, actor_role, action, entity, entity_id, after, at)
      select m.id, 'manager', 'order.reschedule', 'order', o.id::text, jsonb_build_object('number', o.number), o.created_at + interval '2 hours'
        from orders o cross join m where abs(hashtext(o.number)) % 10 = 0`),
  );
  await db.execute(sql`analyze`);
  // Weekly invoicing of the last two full weeks, then payroll of the last two months, as the crons run them.
  const thisMonday = mondayOf(today);
  for (const week of [addDays(thisMonday, -14), addDays(thisMonday, -7)])
    await step(`invoices job, week of ${week}`, async () => {
      for (;;) {
        const r = await runJob(db, 'invoices', { period: week, now, budgetMs: 0 });
        const [state] = await rows<{ phase: string | null }>(
          db,
          sql`select cursor->>'phase' as phase from job_runs where job = 'invoices' and period = ${week}`,
        );
        if (state?.phase === 'notify' || r.outcome !== 'partial') break;
      }
      await db.execute(sql`update invoices set notified_at = now() where notified_at is null`);
      await runJob(db, 'invoices', { period: week, now });
    });
  const month = (back: number) => {
    const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1));
    return d.toISOString().slice(0, 7);
  };
  for (const m of [month(2), month(1)])
    await step(`payroll job, ${m}`, async () => {
      for (let i = 0; i < 100; i++) if ((await runJob(db, 'payroll', { period: m, now })).outcome !== 'partial') break;
    });
  await step('order stats rollup (rebuildOrderStats)', () => rebuildOrderStats(db));
  // Statistics and visibility maps, as autovacuum keeps them on a running server.
  await db.execute(sql`vacuum (analyze)`);
}

/** CPU seconds the PostgreSQL backends serving this database have used (utime + stime from /proc). */
async function backendCpuMs(db: Db): Promise<number> {
  const pids = await rows<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const { pid } of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * (1000 / tick);
    } catch {
      // A backend on another machine, or gone: its CPU is not counted.
    }
  }
  return total;
}

type Captured = { query: string; params: unknown[]; types: number[] };

export async function benchPages(args: string[]): Promise<void> {
  const scale = floatArg(args, 'scale', 1);
  const runs = Math.max(1, Math.floor(floatArg(args, 'runs', 5)));
  const size: Sizes = {
    orders: Math.round(1_000_000 * scale),
    clients: Math.max(10, Math.round(100_000 * scale)),
    workers: Math.max(10, Math.round(500 * scale)),
  };
  // The schema's fingerprint: the migrations' text, so a database made under other migrations is not reused.
  const dir = 'db/migrations';
  const hash = createHash('sha1');
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    hash.update(readFileSync(`${dir}/${f}`));
  const suffix = `_s${String(scale).replace('.', '_')}`;
  const name = `brigada_bench_pages_v${GENERATOR}_${hash.digest('hex').slice(0, 8)}${suffix}`;
  const server = benchServer();
  const admin = await connectPostgres(server, 1);
  const base = args.includes('--fresh')
    ? null
    : await newestComplete(admin.db, server, `brigada_bench_pages_v${GENERATOR}_`, suffix);
  // The same generator's company under older migrations is copied and migrated forward rather than generated again.
  const migrateFrom = base && base !== name ? base : null;
  const reuse = base !== null;
  if (!reuse) {
    await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
    await admin.db.execute(sql.raw(`create database "${name}"`));
  } else if (migrateFrom) {
    // A copy, so that a migration that fails leaves the base as it was; CREATE DATABASE … TEMPLATE wants no
    // other session on the base.
    await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
    const copy = await timed(() => admin.db.execute(sql.raw(`create database "${name}" template "${migrateFrom}"`)));
    console.log(`copied ${migrateFrom} to ${name} in ${fmt(copy.ms)}`);
  }
  const url = new URL(server);
  url.pathname = `/${name}`;

  // Our own postgres.js client, so that the statements each page runs can be captured for EXPLAIN.
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  let capture: Captured[] | null = null;
  let sent: { at: number; query: string }[] | null = null;
  const client = postgres(url.toString(), {
    max: 4,
    onnotice: () => {},
    debug: (_conn, query, params, types) => {
      capture?.push({ query, params, types });
      sent?.push({ at: performance.now(), query });
    },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
  try {
    console.log(
      `scale ${scale}: ${size.orders.toLocaleString('en')} orders, ${size.clients.toLocaleString('en')} clients, ${size.workers} workers (database ${name}${reuse ? ', reused' : ''})`,
    );
    const now = new Date();
    if (migrateFrom) {
      // Only the migrations the copy lacks run (drizzle applies those newer than the last it recorded): the real
      // test of a migration's backfill on a year of data. Each one's time is printed.
      const before = await migrationState(db);
      sent = [];
      const start = performance.now();
      await migrate({ db, kind: 'postgres', close: async () => {} });
      const ms = performance.now() - start;
      // drizzle records each migration in __drizzle_migrations right after its statements: the statements sent
      // between two such records are one migration's, and the gap between the records its time.
      let mark = start;
      let n = before.applied;
      for (const q of sent)
        if (/insert into "drizzle"\."__drizzle_migrations"/i.test(q.query)) {
          n += 1;
          console.log(`  migration ${journal.entries[n - 1]?.tag ?? n}: ${fmt(q.at - mark)}`);
          mark = q.at;
        }
      sent = null;
      const after = await migrationState(db);
      console.log(
        `migrated ${before.latest ?? 'nothing'} -> ${after.latest ?? 'nothing'} (${after.applied - before.applied} migrations) in ${fmt(ms)}`,
      );
      // The new tables' statistics and visibility maps, as autovacuum would leave them soon after a deploy (the
      // bench server may run with autovacuum off; without the map no index-only scan avoids the heap).
      await db.execute(sql`vacuum (analyze)`);
      await admin.db.execute(sql.raw(`comment on database "${name}" is 'complete'`));
    }
    if (!reuse) {
      await migrate({ db, kind: 'postgres', close: async () => {} });
      const gen = await timed(() => generate(db, size, now, console.log));
      await admin.db.execute(sql.raw(`comment on database "${name}" is 'complete'`));
      console.log(`generated in ${fmt(gen.ms)}`);
    }
    const [counts] = await rows<Record<string, string>>(
      db,
      sql`select (select count(*) from orders) orders, (select count(*) from order_events) events,
                 (select count(*) from postings) postings, (select count(*) from invoices) invoices,
                 (select count(*) from payslips) payslips, (select count(*) from audit_log) audit,
                 (select count(*) from order_stats_daily) rollup_rows`,
    );
    console.log(
      Object.entries(counts)
        .map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`)
        .join(', '),
    );

    const [a] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = 'admin@bench.local'`);
    const actor: Actor = { id: a.id, role: 'admin', name: 'Bench admin', email: 'admin@bench.local', locale: 'en' };
    const { timeZone } = await getSettings(db);
    const today = toDateString(new Date(), timeZone);
    const period = periodParam({}, today, 30);
    const queuePeriod = { from: dayStart(period.from, timeZone), to: dayStart(period.to, timeZone, 1) };
    const [revenue] = await rows<{ id: string }>(db, sql`select id from ledger_accounts where code = 'revenue'`);
    const [someWorker] = await rows<{ id: string }>(
      db,
      sql`select id from users where role = 'worker' order by email limit 1`,
    );
    const label = (_s: string, code: string) => code;

    const pages: [string, () => Promise<unknown>][] = [
      [
        '/admin',
        () =>
          Promise.all([
            dashboard(db, actor),
            listSupplies(db, actor, { activeOnly: true }),
            listJobRuns(db, actor, { limit: 6 }),
          ]),
      ],
      [
        '/admin/orders',
        () =>
          Promise.all([reviewQueue(db, actor, { kind: 'to_review', ...queuePeriod }), filterOptions(db, actor, 'en')]),
      ],
      [
        '/admin/orders?kind=failed',
        () => Promise.all([reviewQueue(db, actor, { kind: 'failed', ...queuePeriod }), filterOptions(db, actor, 'en')]),
      ],
      [
        '/admin/orders/all',
        () => Promise.all([searchOrders(db, actor, deskFilterFrom({}, timeZone)), filterOptions(db, actor, 'en')]),
      ],
      ['/admin/quality/analysis', () => analysisView(db, actor, {}, 'en', label)],
      ['/admin/quality/analysis?dim=worker', () => analysisView(db, actor, { dim: 'worker' }, 'en', label)],
      [
        '/admin/quality/workers',
        async () => {
          const [list] = await Promise.all([performanceRaw(db, actor, period), filterOptions(db, actor, 'en')]);
          return teamMetrics(list);
        },
      ],
      [
        '/admin/quality/workers/[id]',
        () => performanceRaw(db, actor, { ...period, workerId: someWorker.id, byWeek: true }),
      ],
      ['/admin/finance', () => Promise.all([trialBalancePage(db, actor), countPendingApprovals(db, actor)])],
      ['/admin/finance/invoices', () => listInvoicesAdmin(db, actor, invoiceFilterFrom({}))],
      ['/admin/finance/payments', () => listPayments(db, actor, paymentFilterFrom({}, timeZone))],
      ['/admin/finance/payroll', () => listPayrollRuns(db, actor)],
      [
        '/admin/finance/adjustments',
        () => Promise.all([listAdjustments(db, actor), searchPeople(db, actor, { role: 'worker' })]),
      ],
      ['/admin/finance/approvals', () => listMoneyApprovals(db, actor, { status: 'pending' })],
      ['/admin/finance/charges', () => listFailedCharges(db, actor, {})],
      ['/admin/finance/penalties', () => listPenaltyRules(db, actor)],
      ['/admin/finance/accounts/[revenue]', () => accountHistory(db, actor, revenue.id)],
      ['/admin/clients', () => searchClients(db, actor, {})],
      [
        '/admin/workers',
        async () => {
          const [, , page] = await Promise.all([
            listZones(db, 'en'),
            listSkillCodes(db),
            listWorkersPage(db, actor, {}),
          ]);
          return workerReadiness(
            db,
            actor,
            page.items.map((w) => w.id),
          );
        },
      ],
      ['/admin/users', () => Promise.all([listUsers(db, actor, {}), listInvites(db, actor)])],
      ['/admin/audit', () => listAudit(db, actor, auditFilterFrom({}, timeZone))],
      ['/admin/dispatch (week)', () => getBoard(db, actor, { view: 'week', date: today }, new Date())],
      ['/admin/plans', () => listPlansForStaff(db, actor, {})],
      ['/admin/outbox', () => listOutbox(db, actor, { view: 'all' })],
    ];

    const only = args.indexOf('--page') >= 0 ? args[args.indexOf('--page') + 1] : undefined;
    console.log(`\n${'page'.padEnd(38)} ${'median'.padStart(9)} ${'app CPU'.padStart(9)} ${'DB CPU'.padStart(9)}`);
    const offenders: string[] = [];
    for (const [page, load] of pages) {
      if (only && !page.startsWith(only)) continue;
      capture = [];
      await load();
      const statements = capture;
      capture = null;
      const walls: number[] = [];
      const cpu = process.cpuUsage();
      const dbCpu = await backendCpuMs(db);
      for (let i = 0; i < runs; i++) walls.push((await timed(load)).ms);
      const app = process.cpuUsage(cpu);
      const dbUsed = (await backendCpuMs(db)) - dbCpu;
      console.log(
        `${page.padEnd(38)} ${fmt(median(walls)).padStart(9)} ${fmt((app.user + app.system) / 1000 / runs).padStart(9)} ${fmt(dbUsed / runs).padStart(9)}  (${statements.length} statements)`,
      );
      if (args.includes('--explain'))
        for (const s of statements) {
          if (!/^\s*(select|with)/i.test(s.query)) continue;
          // The captured parameters are already serialised: a boolean arrives as 't' or 'f', which postgres.js
          // would serialise again as false. Booleans (type 16) go back to booleans, so the plan is the real one.
          const params = s.params.map((p, i) => (s.types[i] === 16 ? p === 't' || p === true : p));
          const plan = await client.unsafe(`explain (format json) ${s.query}`, params as never[]);
          const seq = seqScans((plan[0] as Record<string, unknown>)['QUERY PLAN']);
          if (seq.length)
            offenders.push(`${page}: Seq Scan on ${seq.join(', ')} in: ${s.query.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
    }
    if (args.includes('--explain'))
      console.log(
        offenders.length
          ? `\nsequential scans of ${BIG_TABLES.join(', ')}:\n${offenders.join('\n')}`
          : `\nno sequential scan of ${BIG_TABLES.join(', ')} in any page's statements`,
      );
  } finally {
    await client.end({ timeout: 5 });
    await admin.close();
  }
}

/**
 * The newest complete database (commented 'complete' once generated or migrated) whose name starts with
 * `prefix` and ends with `suffix`, and whose applied migrations are all among ours (same journal time and same
 * text), so that migrating it forward applies exactly the ones it lacks; another branch's copy with a migration
 * we do not have is passed over. Newest by oid, which grows with each CREATE DATABASE.
 */
async function newestComplete(db: Db, server: string, prefix: string, suffix: string): Promise<string | null> {
  const found = await rows<{ datname: string }>(
    db,
    sql`select datname from pg_database
        where starts_with(datname, ${prefix}) and right(datname, ${suffix.length}) = ${suffix}
          and shobj_description(oid, 'pg_database') = 'complete'
        order by oid::text::bigint desc`,
  );
  const ours = new Map(
    journal.entries.map((e) => [
      String(e.when),
      createHash('sha256')
        .update(readFileSync(`db/migrations/${e.tag}.sql`).toString())
        .digest('hex'),
    ]),
  );
  for (const { datname } of found) {
    const url = new URL(server);
    url.pathname = `/${datname}`;
    const conn = await connectPostgres(url.toString(), 1);
    try {
      const applied = await rows<{ hash: string; created_at: string }>(
        conn.db,
        sql`select hash, created_at::text from drizzle.__drizzle_migrations`,
      );
      if (applied.every((m) => ours.get(m.created_at) === m.hash)) return datname;
    } finally {
      await conn.close();
    }
  }
  return null;
}

/** The big tables a plan scans sequentially. */
function seqScans(plan: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, limited: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, limited));
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const underLimit = limited || n['Node Type'] === 'Limit';
    if (n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(String(n['Relation Name'])))
      found.push(`${String(n['Relation Name'])}${underLimit ? ' (under a LIMIT: stops after its rows)' : ''}`);
    for (const v of Object.values(n)) if (typeof v === 'object') walk(v, underLimit);
  };
  walk(plan, false);
  return found;
}
