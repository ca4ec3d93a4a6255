// `npm run bench -- quality [--orders N]` (default 100 000): the failure analysis, its drill-down, worker
// performance and the review-queue counts on a fresh PostgreSQL database filled with generate_series
// (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres), dropped at the end. 12 weeks of
// orders, 500 workers; 80 % completed, 8 % failed and 12 % cancelled, each closed by an event with a reason.
import { sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { arg, fmt, timed, withBenchDatabase } from './support';
import type { Db } from '@/db';
import { services, users, zones } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { analysisCube, analysisOrders, groupBy, performanceRaw, reviewQueue, teamMetrics, totals } from '@/lib/quality';

const FROM = '2026-08-31';
const TO = '2026-11-22';

async function generate(db: Db, orders: number, workers: number): Promise<Actor> {
  await db.insert(zones).values(
    [1, 2, 3, 4].map((i) => ({
      code: `bz${i}`,
      nameRu: `Зона ${i}`,
      nameEn: `Zone ${i}`,
      lat: 55.75,
      lng: 37.62,
      travelFee: 0,
    })),
  );
  await db.insert(services).values(
    [1, 2, 3].map((i) => ({
      code: `bs${i}`,
      nameRu: `Услуга ${i}`,
      nameEn: `Service ${i}`,
      skill: 'cleaning',
      pricingUnit: 'fixed' as const,
      unitPrice: 300_000,
      baseMinutes: 120,
      checklist: [],
    })),
  );
  const [manager] = await db
    .insert(users)
    .values({ email: 'manager@bench.local', name: 'Bench manager', role: 'manager' })
    .returning({ id: users.id });
  await db.execute(
    sql`insert into users (email, name, role) select 'c' || i || '@bench.local', 'Client ' || i, 'client' from generate_series(1, ${Math.max(1, orders / 10)}) i`,
  );
  await db.execute(
    sql`insert into users (email, name, role) select 'w' || i || '@bench.local', 'Worker ' || i, 'worker' from generate_series(1, ${workers}) i`,
  );
  await db.execute(sql`
    with c as (select array_agg(id) ids, count(*)::int n from users where role = 'client'),
         w as (select array_agg(id) ids from users where role = 'worker'),
         z as (select array_agg(id) ids from zones), s as (select array_agg(id) ids from services)
    insert into orders (number, client_id, service_id, zone_id, status, address, contact_phone, scheduled_start, scheduled_end,
                        estimate_total, price_total, worker_id, currency)
    select 'BR-Q-' || i, c.ids[1 + (h % c.n)], s.ids[1 + (i % 3)], z.ids[1 + (h % 4)],
           (case when i % 25 < 2 then 'failed' when i % 25 < 5 then 'cancelled' else 'completed' end)::order_status, 'addr', '+7',
           t, t + interval '2 hours', 300000, 300000, w.ids[1 + (i % ${workers})], 'RUB'
      from generate_series(1, ${orders}) i
      cross join lateral (select abs(hashtext(i::text)) as h) hh
      cross join lateral (select ${FROM}::timestamptz + make_interval(secs => (h % (84 * 86400))) as t) tt
      cross join c cross join w cross join z cross join s`);
  await db.execute(sql`
    insert into order_events (order_id, from_status, to_status, kind, actor_id, actor_role, reason, data, at)
    select o.id, 'assigned', 'in_progress', 'start', o.worker_id, 'worker', null,
           jsonb_build_object('late', (abs(hashtext(o.number)) % 10 = 0)), o.scheduled_start
      from orders o where o.status in ('completed', 'failed')`);
  await db.execute(sql`
    insert into order_events (order_id, from_status, to_status, kind, actor_id, actor_role, reason, data, at)
    select o.id, 'in_progress', o.status, case o.status when 'cancelled' then 'cancel' when 'failed' then 'fail' else 'finish' end, null, null, r.code,
           case when r.code is null then '{}'::jsonb else jsonb_build_object('reasonCode', r.code) end, o.scheduled_end
      from orders o
      cross join lateral (select case o.status
          when 'failed' then (array['no_show', 'poor_quality', 'damage', 'client_unreachable'])[1 + abs(hashtext(o.number)) % 4]
          when 'cancelled' then (array['plans_changed', 'wrong_time', 'found_other', 'too_expensive'])[1 + abs(hashtext(o.number)) % 4]
          else null end as code) r`);
  await db.execute(sql`analyze`);
  return { id: manager.id, role: 'manager', name: 'Bench manager', email: 'manager@bench.local', locale: 'ru' };
}

export async function benchQuality(args: string[]): Promise<void> {
  const orders = arg(args, 'orders', 100_000);
  const workers = 500;
  await withBenchDatabase('q', args, async (conn, name) => {
    const db = conn.db;
    console.log(`orders ${orders.toLocaleString('en')} over 12 weeks, workers ${workers} (database ${name})`);
    const gen = await timed(() => generate(db, orders, workers));
    console.log(`data generated in ${fmt(gen.ms)}`);
    const actor = gen.value;
    const f = { from: FROM, to: TO };

    const bare = await timed(() =>
      rows(db, sql`select status, count(*) from orders where scheduled_start >= ${FROM}::timestamptz group by status`),
    );
    console.log(`bare SELECT count(*) by status:                 ${fmt(bare.ms)}`);
    const cube = await timed(() => analysisCube(db, actor, f));
    const t = totals(cube.value);
    console.log(
      `analysis (GROUPING SETS over 5 dimensions):     ${fmt(cube.ms)}  (${cube.value.length.toLocaleString('en')} cells; ${t.total} orders, ${t.failed} failed, ${t.cancelled} cancelled)`,
    );
    const slice = await timed(async () =>
      ['reason', 'service', 'zone', 'worker', 'week'].map((d) => groupBy(cube.value, d as 'reason').length),
    );
    console.log(
      `slicing it five ways in JS:                     ${fmt(slice.ms)}  (${slice.value.join(' / ')} groups)`,
    );
    const drill = await timed(() => analysisOrders(db, actor, { ...f, dim: 'reason', key: 'failed:no_show' }));
    console.log(
      `drill-down failed:no_show (first page and its count): ${fmt(drill.ms)}  (${drill.value.items.length} rows of ${drill.value.total})`,
    );
    const perf = await timed(() => performanceRaw(db, actor, f));
    const team = teamMetrics(perf.value);
    console.log(
      `worker performance, all workers:                ${fmt(perf.ms)}  (${perf.value.length} rows; team completion ${(team.completionRateBp ?? 0) / 100} %, on time ${(team.onTimeRateBp ?? 0) / 100} %)`,
    );
    const one = await timed(() => performanceRaw(db, actor, { ...f, workerId: perf.value[0].workerId, byWeek: true }));
    console.log(`one worker's weekly trend:                      ${fmt(one.ms)}  (${one.value.length} weeks)`);
    const queue = await timed(() => reviewQueue(db, actor, { kind: 'failed' }));
    console.log(
      `review queue (4 counts + 100 failed orders):    ${fmt(queue.ms)}  (counts ${JSON.stringify(queue.value.counts)})`,
    );
  });
}
