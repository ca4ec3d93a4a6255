// `npm run bench -- notifications [--emails N]` (default 2 000): dispatch throughput on a fresh PostgreSQL
// database (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres), dropped at the end.
// Three runs over the same number of due rows: the claim/record machinery alone (mailbox transport: render
// + database, no network), then a real SMTP server on 127.0.0.1 with 1 and with 4 dispatchers.
import { sql } from 'drizzle-orm';
import { connectPostgres, type Connection } from '@/db/connect';
import { migrate } from '@/db/migrate';
import type { Db } from '@/db';
import { dispatchNotifications, mailboxTransport, smtpTransport, type Transport } from '@/lib/notifications';
import { startSmtpSink } from '../support/notifications-smtp-sink';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

async function fill(db: Db, n: number, tag: string): Promise<void> {
  await db.execute(sql`
    insert into notifications (kind, to_email, to_name, locale, data, idempotency_key)
    select 'welcome', 'bench-' || i || '@bench.local', 'Bench ' || i, (case when i % 2 = 0 then 'ru' else 'en' end)::locale, '{}'::jsonb, ${tag} || ':' || i
      from generate_series(1, ${n}) i`);
}

async function run(conns: Connection[], n: number, transport: () => Transport, label: string): Promise<void> {
  const start = performance.now();
  const summaries = await Promise.all(
    conns.map((c) => dispatchNotifications(c.db, { transport: transport(), batchSize: 10, budgetMs: 600_000 })),
  );
  const ms = performance.now() - start;
  const sent = summaries.reduce((s, x) => s + x.sent, 0);
  console.log(
    `${label.padEnd(34)} ${sent}/${n} sent in ${(ms / 1000).toFixed(2)} s = ${Math.round((sent * 1000) / ms)} emails/s`,
  );
}

export async function benchNotifications(args: string[]): Promise<void> {
  const n = arg(args, 'emails', 2000);
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
  const name = `brigada_bench_notifications_${Date.now()}`;
  const admin = await connectPostgres(url, 1);
  await admin.db.execute(sql.raw(`CREATE DATABASE "${name}"`));
  const u = new URL(url);
  u.pathname = `/${name}`;
  const sink = await startSmtpSink();
  const conns: Connection[] = [];
  try {
    for (let i = 0; i < 4; i++) conns.push(await connectPostgres(u.toString(), 5));
    await migrate(conns[0]);
    await fill(conns[0].db, n, 'mailbox');
    await run(conns.slice(0, 1), n, () => mailboxTransport, '1 dispatcher, mailbox (no network)');
    await fill(conns[0].db, n, 'smtp1');
    await run(conns.slice(0, 1), n, () => smtpTransport(sink.url), '1 dispatcher, SMTP on 127.0.0.1');
    await fill(conns[0].db, n, 'smtp4');
    await run(conns, n, () => smtpTransport(sink.url), '4 dispatchers, SMTP on 127.0.0.1');
    console.log(`SMTP sink received ${sink.received.length} messages (expected ${2 * n})`);
  } finally {
    await Promise.all(conns.map((c) => c.close()));
    await sink.close();
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    await admin.close();
  }
}
