import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { sql } from '@/db/connect';
import type { OrderRow } from '@/db/schema';
import type { OrderChangeHandler } from '@/lib/orders';
import { getSettings } from '@/lib/settings';

/**
 * The daily rollups (order_stats_daily, and the coarser order_stats_dims_daily and order_stats_worker_daily
 * summed from the same contributions in the same statement) that the failure analysis and worker performance read instead of
 * grouping every order and event of the period. It is kept by delta in the transaction of each order
 * transition: the order's contribution as it was before the change is subtracted and its contribution after
 * it added, with INSERT … ON CONFLICT DO UPDATE, whose row locks make concurrent transitions add up rather
 * than overwrite each other. Chosen over a job on lib/scheduler because the analysis must agree with the
 * orders a manager has just changed, and a delta per transition costs one statement (about a millisecond).
 *
 * An order's contribution, on the company-zone day of its scheduled start:
 * - when closed (completed, failed, cancelled), one order row: its status, the reason of the event that
 *   closed it (the latest event into its status, for failed and cancelled), service, zone and worker;
 * - for each decline or start event with an actor, an event row for that actor: declined, starts, on time.
 *
 * The day is taken in the company's time zone when the delta is written; after a change of the time zone the
 * rollup is rebuilt with rebuildOrderStats.
 */

/** One order's state, and which of its events count: those with an id below `beforeEvent` (all when null). */
type OrderState = {
  orderId: string;
  status: OrderRow['status'];
  workerId: string | null;
  serviceId: string;
  zoneId: string;
  scheduledStart: Date;
  beforeEvent: number | null;
  sign: 1 | -1;
};

/**
 * Adds the contributions of the orders `states` selects (columns order_id, status, worker_id, service_id,
 * zone_id, start, bound, sign) to the rollup.
 */
async function applyContributions(db: Db, states: SQL, timeZone: string): Promise<void> {
  await db.execute(sql`
    with ch as (${states}),
    c as (
      select (ch.start at time zone ${timeZone})::date as day, ch.status, coalesce(r.reason_code, '') as reason_code,
        ch.service_id, ch.zone_id, ch.worker_id, ch.sign as orders, 0 as declined, 0 as starts, 0 as on_time
      from ch left join lateral (
        select coalesce(e.data->>'reasonCode', e.reason) as reason_code
        from order_events e
        where e.order_id = ch.order_id and e.to_status = ch.status and ch.status in ('failed', 'cancelled')
          and (ch.bound is null or e.id < ch.bound)
        order by e.at desc, e.id desc limit 1
      ) r on true
      where ch.status in ('completed', 'failed', 'cancelled')
      union all
      select (ch.start at time zone ${timeZone})::date, null, '', ch.service_id, ch.zone_id, e.actor_id, 0,
        ch.sign * (e.kind = 'decline')::int, ch.sign * (e.kind = 'start')::int,
        ch.sign * (e.kind = 'start' and coalesce(e.data->>'late', 'false') <> 'true')::int
      from ch join order_events e on e.order_id = ch.order_id
      where e.kind in ('decline', 'start') and e.actor_id is not null and (ch.bound is null or e.id < ch.bound)
    )
    , fine as (
      insert into order_stats_daily as d (day, status, reason_code, service_id, zone_id, worker_id, orders, declined, starts, on_time)
      select day, status, reason_code, service_id, zone_id, worker_id, sum(orders), sum(declined), sum(starts), sum(on_time)
      from c group by day, status, reason_code, service_id, zone_id, worker_id
      on conflict (day, status, reason_code, service_id, zone_id, worker_id) do update set
        orders = d.orders + excluded.orders, declined = d.declined + excluded.declined,
        starts = d.starts + excluded.starts, on_time = d.on_time + excluded.on_time
    ), dims as (
      insert into order_stats_dims_daily as d (day, status, reason_code, service_id, zone_id, orders)
      select day, status, reason_code, service_id, zone_id, sum(orders)
      from c where status is not null group by day, status, reason_code, service_id, zone_id
      on conflict (day, status, reason_code, service_id, zone_id) do update set orders = d.orders + excluded.orders
    )
    insert into order_stats_worker_daily as d (day, worker_id, status, orders, declined, starts, on_time)
    select day, worker_id, status, sum(orders), sum(declined), sum(starts), sum(on_time)
    from c group by day, worker_id, status
    on conflict (day, worker_id, status) do update set
      orders = d.orders + excluded.orders, declined = d.declined + excluded.declined,
      starts = d.starts + excluded.starts, on_time = d.on_time + excluded.on_time`);
}

const stateRow = (s: OrderState) =>
  sql`(${s.orderId}::uuid, ${s.status}::order_status, ${s.workerId}::uuid, ${s.serviceId}::uuid, ${s.zoneId}::uuid,
       ${s.scheduledStart.toISOString()}::timestamptz, ${s.beforeEvent}::bigint, ${s.sign}::int)`;

/** Same-transaction subscriber (lib/composition): moves each changed order's contribution from before to after. */
export const orderStatsOnOrderChange: OrderChangeHandler = async (tx, changes) => {
  if (changes.length === 0) return;
  const { timeZone } = await getSettings(tx);
  const states: OrderState[] = changes.flatMap((c) => [
    { ...stateOf(c.before), beforeEvent: c.eventId, sign: -1 as const },
    { ...stateOf(c.after), beforeEvent: null, sign: 1 as const },
  ]);
  await applyContributions(
    tx,
    sql`select * from (values ${sql.join(states.map(stateRow), sql`, `)})
        as v(order_id, status, worker_id, service_id, zone_id, start, bound, sign)`,
    timeZone,
  );
};

const stateOf = (o: OrderRow) => ({
  orderId: o.id,
  status: o.status,
  workerId: o.workerId,
  serviceId: o.serviceId,
  zoneId: o.zoneId,
  scheduledStart: o.scheduledStart,
});

/** Recomputes the whole rollup from orders and events (after a bulk load, or a change of the company's time zone). */
export async function rebuildOrderStats(db: Db): Promise<void> {
  const { timeZone } = await getSettings(db);
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from order_stats_daily`);
    await tx.execute(sql`delete from order_stats_dims_daily`);
    await tx.execute(sql`delete from order_stats_worker_daily`);
    await applyContributions(
      tx,
      sql`select o.id as order_id, o.status, o.worker_id, o.service_id, o.zone_id, o.scheduled_start as start,
            null::bigint as bound, 1 as sign from orders o`,
      timeZone,
    );
  });
}
