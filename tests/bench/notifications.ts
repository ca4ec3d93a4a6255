// `npm run bench -- notifications [--emails N] [--invoices N]`: the outbox at volume on a fresh PostgreSQL
// database (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres), dropped at the end.
// 1. Dispatch throughput over N due welcome emails (default 2 000): the claim/render/record machinery alone
//    (mailbox transport, no network), then a real SMTP server on 127.0.0.1 with 1 and with 4 dispatchers.
// 2. Weekly invoicing at volume (default 100 000 invoices, `--invoices 0` skips it, `--queue-only` stops
//    after queueing, `--renderers N` render threads, default one per core, 0 for none): queueing every
//    invoice_issued email as the invoicing chunk does (one transaction), then delivering them all to an SMTP
//    sink on 127.0.0.1 with 4 dispatchers. Figures are wall clock and this process's CPU time (the
//    dispatchers and the sink; PostgreSQL's own CPU is not in it): the machine is shared, so CPU is the
//    steadier figure.
import { availableParallelism } from 'node:os';
import { sql } from 'drizzle-orm';
import { connectPostgres, type Connection } from '@/db/connect';
import { migrate } from '@/db/migrate';
import type { Db } from '@/db';
import { createRenderPool } from '@/lib/notifications/render-pool';
import {
  dispatchNotifications,
  mailboxTransport,
  smtpTransport,
  type RenderPool,
  type Transport,
} from '@/lib/notifications';
import { notifyIssuedInvoices } from '@/lib/finance/invoices';
import { startSmtpSink } from '../support/notifications-smtp-sink';
import { arg } from './support';

async function fill(db: Db, n: number, tag: string): Promise<void> {
  await db.execute(sql`
    insert into notifications (kind, to_email, to_name, locale, data, idempotency_key)
    select 'welcome', 'bench-' || i || '@bench.local', 'Bench ' || i, (case when i % 2 = 0 then 'ru' else 'en' end)::locale, '{}'::jsonb, ${tag} || ':' || i
      from generate_series(1, ${n}) i`);
}

/** Wall clock and this process's CPU (user + system) of `fn`. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function run(conns: Connection[], n: number, transport: () => Transport, label: string): Promise<void> {
  const m = await measured(() =>
    Promise.all(conns.map((c) => dispatchNotifications(c.db, { transport: transport(), budgetMs: 1_800_000 }))),
  );
  const sent = m.value.reduce((s, x) => s + x.sent, 0);
  console.log(
    `${label.padEnd(34)} ${sent}/${n} sent in ${m.wall.toFixed(2)} s = ${Math.round(sent / m.wall)} emails/s (CPU ${m.cpu.toFixed(1)} s)`,
  );
}

/** `n` clients, each with one open invoice of the bench week not yet announced. */
async function invoicesToAnnounce(db: Db, n: number): Promise<void> {
  await db.execute(sql`
    insert into users (email, name, role, locale)
    select 'client-' || i || '@bench.local', 'Client ' || i, 'client', (case when i % 2 = 0 then 'ru' else 'en' end)::locale
      from generate_series(1, ${n}) i`);
  await db.execute(sql`
    insert into invoices (number, client_id, period_from, period_to, currency, total, line_count, issued_at, due_date)
    select 'INV-2026-' || lpad(row_number() over (order by id)::text, 6, '0'), id, '2026-11-16', '2026-11-22', 'RUB',
           100000 + (abs(hashtext(id::text)) % 900000), 3, '2026-11-23T06:00:00Z', '2026-11-30'
      from users where role = 'client'`);
}

async function invoicingAtVolume(
  conns: Connection[],
  n: number,
  deliver: boolean,
  renderPool: RenderPool | undefined,
): Promise<void> {
  await invoicesToAnnounce(conns[0].db, n);
  // As the invoicing chunk queues them: one transaction, after the chunk's invoices are written.
  const queue = await measured(() => conns[0].db.transaction((tx) => notifyIssuedInvoices(tx, n)));
  console.log(
    `queue ${queue.value} invoice_issued emails (one chunk's transaction): ${queue.wall.toFixed(2)} s (CPU ${queue.cpu.toFixed(2)} s); goal ≤ 30 s`,
  );
  if (!deliver) return;
  const sink = await startSmtpSink({ keep: false });
  try {
    const send = await measured(() =>
      Promise.all(
        conns.map((c) =>
          dispatchNotifications(c.db, {
            transport: smtpTransport(sink.url),
            budgetMs: 1_800_000,
            leaseSeconds: 600,
            renderPool,
          }),
        ),
      ),
    );
    const sent = send.value.reduce((s, x) => s + x.sent, 0);
    console.log(
      `deliver them, 4 dispatchers${renderPool ? `, ${renderPool.size} render threads` : ''} → SMTP sink: ${sent}/${n} sent in ${send.wall.toFixed(1)} s = ${Math.round(sent / send.wall)} emails/s (CPU ${send.cpu.toFixed(1)} s); goal ≤ 300 s; sink accepted ${sink.count}`,
    );
  } finally {
    await sink.close();
  }
}

export async function benchNotifications(args: string[]): Promise<void> {
  const n = arg(args, 'emails', 2000);
  // Render threads for the delivery at volume (default one per core; --renderers 0 renders in the dispatchers' thread).
  const r = args.indexOf('--renderers');
  const renderers = r >= 0 ? Math.max(0, Math.floor(Number(args[r + 1]) || 0)) : availableParallelism();
  const i = args.indexOf('--invoices');
  const invoices = i >= 0 ? Math.max(0, Math.floor(Number(args[i + 1]) || 0)) : 100_000;
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
  const name = `brigada_bench_notifications_${Date.now()}`;
  const admin = await connectPostgres(url, 1);
  await admin.db.execute(sql.raw(`CREATE DATABASE "${name}"`));
  const u = new URL(url);
  u.pathname = `/${name}`;
  const sink = await startSmtpSink({ keep: false });
  const conns: Connection[] = [];
  try {
    for (let k = 0; k < 4; k++) conns.push(await connectPostgres(u.toString(), 5));
    await migrate(conns[0]);
    await fill(conns[0].db, n, 'mailbox');
    await run(conns.slice(0, 1), n, () => mailboxTransport, '1 dispatcher, mailbox (no network)');
    await fill(conns[0].db, n, 'smtp1');
    await run(conns.slice(0, 1), n, () => smtpTransport(sink.url), '1 dispatcher, SMTP on 127.0.0.1');
    await fill(conns[0].db, n, 'smtp4');
    await run(conns, n, () => smtpTransport(sink.url), '4 dispatchers, SMTP on 127.0.0.1');
    console.log(`SMTP sink received ${sink.count} messages (expected ${2 * n})`);
    if (invoices > 0) {
      const pool = renderers > 0 ? createRenderPool(renderers) : undefined;
      try {
        await invoicingAtVolume(conns, invoices, !args.includes('--queue-only'), pool);
      } finally {
        await pool?.close();
      }
    }
  } finally {
    await Promise.all(conns.map((c) => c.close()));
    await sink.close();
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    await admin.close();
  }
}
