import 'server-only';
import type { Db } from '@/db';
import { rows, sql } from '@/db/connect';
import type { SQL } from 'drizzle-orm';
import { assertStaff, type Actor } from '@/lib/actor';
import { decodeCursor, keysetPage, PAGE_SIZE, type Page } from '@/lib/paging';
import { getSettings } from '@/lib/settings';
import { fromWallTime, parseDateString } from '@/lib/time';
import {
  performanceMetrics,
  type CubeRow,
  type Dimension,
  type PerformanceRaw,
  type PerformanceRow,
} from './analytics';

export type AnalysisFilter = {
  /** Company-zone dates, 'YYYY-MM-DD', inclusive both ends. */
  from: string;
  to: string;
  serviceId?: string;
  zoneId?: string;
  workerId?: string;
  /**
   * Which date puts an order in the period: when it was scheduled (default), or when it happened — the
   * cancellation or failure itself (its last transition, orders.updated_at), the finish for a completed one.
   * Today's cancellations of next week's jobs show up only by the second.
   */
  basis?: 'scheduled' | 'happened';
};

/** The instant that places an order in the period, per the filter's basis. */
export function orderDate(f: { basis?: 'scheduled' | 'happened' }): SQL {
  return f.basis === 'happened'
    ? sql`(case when o.status = 'completed' then coalesce(o.finished_at, o.scheduled_start) else o.updated_at end)`
    : sql`o.scheduled_start`;
}

/** The period's instants: from the start of `from` to the start of the day after `to`, in the company zone. */
export async function periodBounds(
  db: Db,
  f: { from: string; to: string },
): Promise<{ start: Date; end: Date; timeZone: string }> {
  const { timeZone } = await getSettings(db);
  const a = parseDateString(f.from);
  const b = parseDateString(f.to);
  const start = fromWallTime({ ...a, hour: 0, minute: 0 }, timeZone);
  const endDay = new Date(Date.UTC(b.year, b.month - 1, b.day + 1));
  const end = fromWallTime(
    { year: endDay.getUTCFullYear(), month: endDay.getUTCMonth() + 1, day: endDay.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  );
  return { start, end, timeZone };
}

const closingReason = sql`left join lateral (
    select coalesce(e.data->>'reasonCode', e.reason) as reason_code
    from order_events e
    where e.order_id = o.id and e.to_status = o.status and o.status in ('failed', 'cancelled')
    order by e.at desc, e.id desc limit 1
  ) r on true`;

function filters(f: AnalysisFilter): SQL {
  const parts: SQL[] = [];
  if (f.serviceId) parts.push(sql` and o.service_id = ${f.serviceId}`);
  if (f.zoneId) parts.push(sql` and o.zone_id = ${f.zoneId}`);
  if (f.workerId) parts.push(sql` and o.worker_id = ${f.workerId}`);
  return sql.join(parts, sql``);
}

/**
 * The closed orders (completed, failed, cancelled) scheduled in the period, counted per status and each
 * dimension (closing reason, service, zone, worker, week) — one query with GROUPING SETS, so the result is
 * a few rows per dimension value, not a cube; lib/quality/analytics.ts slices it.
 */
export async function analysisCube(
  db: Db,
  actor: Actor,
  f: AnalysisFilter,
  /** The daily rollup (scheduled basis only), or every order and event of the period: the reference it must equal. */
  source: 'rollup' | 'orders' = 'rollup',
): Promise<CubeRow[]> {
  assertStaff(actor);
  const list = await rows<CubeSqlRow>(
    db,
    source === 'rollup' && f.basis !== 'happened' ? cubeFromRollup(f) : await cubeFromOrders(db, f),
  );
  return list.map((r) => ({
    set: setOf[Number(r.g)],
    status: r.status,
    reasonCode: r.reason_code,
    serviceId: r.service_id ?? '',
    zoneId: r.zone_id ?? '',
    workerId: r.worker_id,
    week: r.week ?? '',
    n: Number(r.n),
  }));
}

type CubeSqlRow = {
  g: number;
  status: string;
  reason_code: string | null;
  service_id: string | null;
  zone_id: string | null;
  worker_id: string | null;
  week: string | null;
  n: number | string;
};

// grouping() has one bit per argument, 1 = not grouped by it; the set is the one column left at 0.
const setOf: Record<number, Dimension> = {
  0b01111: 'reason',
  0b10111: 'service',
  0b11011: 'zone',
  0b11101: 'worker',
  0b11110: 'week',
};

/**
 * The cube from the rollups: the period's days, closed-order rows; '' is the rollups' "no reason". Unfiltered (the
 * page's default), the reason, service, zone and week sets come from order_stats_dims_daily and the worker set from
 * order_stats_worker_daily, a few rows per day each; a service, zone or worker filter reads order_stats_daily,
 * whose key has them all.
 */
function cubeFromRollup(f: AnalysisFilter): SQL {
  const days = sql`o.day >= ${f.from}::date and o.day <= ${f.to}::date and o.status in ('completed', 'failed', 'cancelled')
        and o.orders <> 0`;
  if (!f.serviceId && !f.zoneId && !f.workerId)
    // grouping() of the four columns, one bit each (reason, service, zone, week), widened to the five bits of
    // setOf by inserting the worker's bit (always 1 here: not grouped) between zone and week.
    return sql`with o as (
        select o.status::text as status, nullif(o.reason_code, '') as reason_code, o.service_id, o.zone_id,
          to_char(date_trunc('week', o.day::timestamp), 'YYYY-MM-DD') as week, o.orders as n
        from order_stats_dims_daily o where ${days}
      )
      select ((grouping(o.reason_code, o.service_id, o.zone_id, o.week) & 14) << 1) | 2
          | (grouping(o.reason_code, o.service_id, o.zone_id, o.week) & 1) as g,
        o.status, o.reason_code, o.service_id, o.zone_id, null::uuid as worker_id, o.week, sum(o.n)::int as n
      from o
      group by grouping sets ((o.status, o.reason_code), (o.status, o.service_id), (o.status, o.zone_id), (o.status, o.week))
      having sum(o.n) <> 0
      union all
      select ${0b11101} as g, o.status::text, null, null, null, o.worker_id, null, sum(o.orders)::int
      from order_stats_worker_daily o where ${days}
      group by o.status, o.worker_id
      having sum(o.orders) <> 0`;
  return sql`with o as (
      select o.status::text as status, nullif(o.reason_code, '') as reason_code, o.service_id, o.zone_id, o.worker_id,
        to_char(date_trunc('week', o.day::timestamp), 'YYYY-MM-DD') as week, o.orders as n
      from order_stats_daily o
      where ${days} ${filters(f)}
    )
    select grouping(o.reason_code, o.service_id, o.zone_id, o.worker_id, o.week) as g,
      o.status, o.reason_code, o.service_id, o.zone_id, o.worker_id, o.week, sum(o.n)::int as n
    from o
    group by grouping sets ((o.status, o.reason_code), (o.status, o.service_id), (o.status, o.zone_id), (o.status, o.worker_id), (o.status, o.week))
    having sum(o.n) <> 0`;
}

/** The cube from the orders and their closing events themselves (the 'happened' basis, and the rollup's reference). */
async function cubeFromOrders(db: Db, f: AnalysisFilter): Promise<SQL> {
  const { start, end, timeZone } = await periodBounds(db, f);
  return sql`with o as (
          select o.id, o.status::text as status, o.service_id, o.zone_id, o.worker_id,
            to_char(date_trunc('week', ${orderDate(f)} at time zone ${timeZone}), 'YYYY-MM-DD') as week
          from orders o
          where o.status in ('completed', 'failed', 'cancelled')
            and ${orderDate(f)} >= ${start.toISOString()}::timestamptz and ${orderDate(f)} < ${end.toISOString()}::timestamptz
            ${filters(f)}
        ),
        closing as (
          select distinct on (e.order_id) e.order_id, coalesce(e.data->>'reasonCode', e.reason) as reason_code
          from order_events e join o on o.id = e.order_id and o.status <> 'completed'
          where e.to_status::text = o.status
          order by e.order_id, e.at desc, e.id desc
        )
        select grouping(r.reason_code, o.service_id, o.zone_id, o.worker_id, o.week) as g,
          o.status, r.reason_code, o.service_id, o.zone_id, o.worker_id, o.week, count(*)::int as n
        from o left join closing r on r.order_id = o.id
        group by grouping sets ((o.status, r.reason_code), (o.status, o.service_id), (o.status, o.zone_id), (o.status, o.worker_id), (o.status, o.week))`;
}

export type DrillOrder = {
  id: string;
  number: string;
  status: string;
  reasonCode: string | null;
  scheduledStart: Date;
  serviceNameRu: string;
  serviceNameEn: string;
  zoneNameRu: string;
  zoneNameEn: string;
  workerName: string | null;
  clientName: string;
  total: number;
};

/**
 * The orders behind one bar or row: the same filters plus the group's key ('failed:no_show', a service id, a
 * week …), newest first, one keyset page at a time (by the period's date, then id) with the count of the
 * whole group. An export walks every page with `count: false`.
 */
export async function analysisOrders(
  db: Db,
  actor: Actor,
  f: AnalysisFilter & { dim?: Dimension; key?: string; status?: 'cancelled' | 'failed' },
  page: { cursor?: string; limit?: number; count?: boolean } = {},
): Promise<Page<DrillOrder>> {
  assertStaff(actor);
  const limit = page.limit ?? PAGE_SIZE;
  const { start, end, timeZone } = await periodBounds(db, f);
  const parts: SQL[] = [];
  const statuses = f.status ? [f.status] : ['cancelled', 'failed'];
  if (f.dim && f.key) {
    switch (f.dim) {
      case 'reason': {
        const [status, ...rest] = f.key.split(':');
        const reason = rest.join(':');
        parts.push(sql` and o.status::text = ${status}`);
        parts.push(reason === '—' ? sql` and r.reason_code is null` : sql` and r.reason_code = ${reason}`);
        break;
      }
      case 'service':
        parts.push(sql` and o.service_id = ${f.key}`);
        break;
      case 'zone':
        parts.push(sql` and o.zone_id = ${f.key}`);
        break;
      case 'worker':
        parts.push(f.key === '—' ? sql` and o.worker_id is null` : sql` and o.worker_id = ${f.key}`);
        break;
      case 'week':
        parts.push(
          sql` and to_char(date_trunc('week', ${orderDate(f)} at time zone ${timeZone}), 'YYYY-MM-DD') = ${f.key}`,
        );
        break;
    }
  }
  const where = sql`where o.status::text in (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )})
          and ${orderDate(f)} >= ${start.toISOString()}::timestamptz and ${orderDate(f)} < ${end.toISOString()}::timestamptz
          ${filters(f)} ${sql.join(parts, sql``)}`;
  const key = decodeCursor(page.cursor, 2);
  const after = key
    ? sql` and (${orderDate(f)}, o.id) < (cast(${key[0]} as timestamptz), cast(${key[1]} as uuid))`
    : sql``;
  const list = rows<{
    id: string;
    number: string;
    status: string;
    reason_code: string | null;
    scheduled_start: string | Date;
    service_ru: string;
    service_en: string;
    zone_ru: string;
    zone_en: string;
    worker_name: string | null;
    client_name: string;
    total: string | number;
    at_key: string;
  }>(
    db,
    // The key keeps the date's microseconds (a Date would cut them and skip rows), as exactTime does.
    sql`select o.id, o.number, o.status::text as status, r.reason_code, o.scheduled_start, s.name_ru as service_ru, s.name_en as service_en,
          z.name_ru as zone_ru, z.name_en as zone_en, w.name as worker_name, c.name as client_name, coalesce(o.price_total, o.estimate_total) as total,
          to_char(${orderDate(f)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key
        from orders o ${closingReason}
        join services s on s.id = o.service_id
        join zones z on z.id = o.zone_id
        join users c on c.id = o.client_id
        left join users w on w.id = o.worker_id
        ${where} ${after}
        order by ${orderDate(f)} desc, o.id desc
        limit ${limit + 1}`,
  );
  return keysetPage(db, list, {
    limit,
    keyOf: (r) => [r.at_key, r.id],
    count: page.count === false ? null : sql`select 1 from orders o ${closingReason} ${where}`,
  }).then((p) => ({
    ...p,
    items: p.items.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      reasonCode: r.reason_code,
      scheduledStart: new Date(r.scheduled_start),
      serviceNameRu: r.service_ru,
      serviceNameEn: r.service_en,
      zoneNameRu: r.zone_ru,
      zoneNameEn: r.zone_en,
      workerName: r.worker_name,
      clientName: r.client_name,
      total: Number(r.total),
    })),
  }));
}

/** Orders by status and the worker's declines and starts, straight from orders and events (the rollup's reference). */
function statsFromOrders(week: (col: SQL) => SQL, s: string, e: string): SQL {
  return sql`o as (
          select o.worker_id, ${week(sql`o.scheduled_start`)} as wk,
            count(*) filter (where o.status = 'completed')::int as completed,
            count(*) filter (where o.status = 'failed')::int as failed,
            count(*) filter (where o.status = 'cancelled')::int as cancelled
          from orders o
          where o.worker_id in (select id from w) and o.status in ('completed', 'failed', 'cancelled')
            and o.scheduled_start >= ${s}::timestamptz and o.scheduled_start < ${e}::timestamptz
          group by 1, 2
        ),
        ev as (
          select e.actor_id as worker_id, ${week(sql`o.scheduled_start`)} as wk,
            count(*) filter (where e.kind = 'decline')::int as declined,
            count(*) filter (where e.kind = 'start')::int as starts,
            count(*) filter (where e.kind = 'start' and coalesce(e.data->>'late', 'false') <> 'true')::int as on_time
          from order_events e join orders o on o.id = e.order_id
          where e.actor_id in (select id from w) and e.kind in ('decline', 'start')
            and o.scheduled_start >= ${s}::timestamptz and o.scheduled_start < ${e}::timestamptz
          group by 1, 2
        ),`;
}

export type PerformanceWithName = PerformanceRow & { name: string; active: boolean };

/**
 * Per worker (or per worker and week) over the period, in one set-based query: orders by status, the
 * worker's declines and starts, client ratings and quality scores — all of orders scheduled in the period —
 * and fines (adjustments created in the period, as fines need not belong to an order).
 */
export async function performanceRaw(
  db: Db,
  actor: Actor,
  f: { from: string; to: string; workerId?: string; byWeek?: boolean },
  /** The daily rollup, or every order and event of the period: the reference it must equal. */
  source: 'rollup' | 'orders' = 'rollup',
): Promise<PerformanceWithName[]> {
  assertStaff(actor);
  const { start, end, timeZone } = await periodBounds(db, f);
  const s = start.toISOString();
  const e = end.toISOString();
  const week = (col: SQL) =>
    f.byWeek ? sql`to_char(date_trunc('week', ${col} at time zone ${timeZone}), 'YYYY-MM-DD')` : sql`''`;
  const worker = f.workerId ? sql` and u.id = ${f.workerId}` : sql``;
  const statsFromRollup = (g: { from: string; to: string; byWeek?: boolean }) => {
    const wk = g.byWeek ? sql`to_char(date_trunc('week', d.day::timestamp), 'YYYY-MM-DD')` : sql`''`;
    const days = sql`d.worker_id in (select id from w) and d.day >= ${g.from}::date and d.day <= ${g.to}::date`;
    return sql`o as (
          select d.worker_id, ${wk} as wk,
            coalesce(sum(d.orders) filter (where d.status = 'completed'), 0)::int as completed,
            coalesce(sum(d.orders) filter (where d.status = 'failed'), 0)::int as failed,
            coalesce(sum(d.orders) filter (where d.status = 'cancelled'), 0)::int as cancelled
          from order_stats_worker_daily d where ${days} and d.status is not null
          group by 1, 2 having sum(d.orders) <> 0
        ),
        ev as (
          select d.worker_id, ${wk} as wk, sum(d.declined)::int as declined, sum(d.starts)::int as starts,
            sum(d.on_time)::int as on_time
          from order_stats_worker_daily d where ${days} and d.status is null
          group by 1, 2 having sum(d.declined) <> 0 or sum(d.starts) <> 0
        ),`;
  };
  const hasTable = async (name: string) => {
    const [r] = await rows<{ ok: boolean }>(db, sql`select to_regclass(${name}) is not null as ok`);
    return Boolean(r?.ok);
  };
  // Feedback (orders) and fines (finance) are other modules' tables; read them when they exist.
  const [feedback, fines] = await Promise.all([hasTable('order_feedback'), hasTable('adjustments')]);
  const list = await rows<Record<string, string | number | boolean | null>>(
    db,
    sql`with w as (
          select u.id, u.name, u.disabled_at is null as active from users u where u.role = 'worker' ${worker}
        ),
        ${source === 'rollup' ? statsFromRollup(f) : statsFromOrders(week, s, e)}
        q as (
          select qr.worker_id, ${week(sql`o.scheduled_start`)} as wk, sum(qr.score_bp)::bigint as score_sum, count(qr.score_bp)::int as score_count
          from quality_responses qr join orders o on o.id = qr.order_id
          where qr.worker_id in (select id from w) and o.scheduled_start >= ${s}::timestamptz and o.scheduled_start < ${e}::timestamptz
          group by 1, 2
        ),
        fb as (
          ${
            feedback
              ? sql`select f.worker_id, ${week(sql`o.scheduled_start`)} as wk, sum(f.rating)::int as rating_sum, count(*)::int as rating_count
                from order_feedback f join orders o on o.id = f.order_id
                where f.worker_id in (select id from w) and o.scheduled_start >= ${s}::timestamptz and o.scheduled_start < ${e}::timestamptz
                group by 1, 2`
              : sql`select null::uuid as worker_id, ''::text as wk, 0 as rating_sum, 0 as rating_count where false`
          }
        ),
        fi as (
          ${
            fines
              ? sql`select a.subject_id as worker_id, ${week(sql`a.created_at`)} as wk, sum(a.amount)::bigint as fines
                from adjustments a
                where a.kind = 'fine' and a.subject_id in (select id from w) and a.created_at >= ${s}::timestamptz and a.created_at < ${e}::timestamptz
                group by 1, 2`
              : sql`select null::uuid as worker_id, ''::text as wk, 0::bigint as fines where false`
          }
        ),
        keys as (
          select worker_id, wk from o union select worker_id, wk from ev union select worker_id, wk from q
          union select worker_id, wk from fb union select worker_id, wk from fi
          ${f.byWeek ? sql`` : sql`union select id, '' from w`}
        )
        select w.id as worker_id, w.name, w.active, k.wk as week,
          coalesce(o.completed, 0) as completed, coalesce(o.failed, 0) as failed, coalesce(o.cancelled, 0) as cancelled,
          coalesce(ev.declined, 0) as declined, coalesce(ev.starts, 0) as starts, coalesce(ev.on_time, 0) as on_time,
          coalesce(fb.rating_sum, 0) as rating_sum, coalesce(fb.rating_count, 0) as rating_count,
          coalesce(q.score_sum, 0) as score_sum, coalesce(q.score_count, 0) as score_count, coalesce(fi.fines, 0) as fines
        from keys k
        join w on w.id = k.worker_id
        left join o on o.worker_id = k.worker_id and o.wk = k.wk
        left join ev on ev.worker_id = k.worker_id and ev.wk = k.wk
        left join q on q.worker_id = k.worker_id and q.wk = k.wk
        left join fb on fb.worker_id = k.worker_id and fb.wk = k.wk
        left join fi on fi.worker_id = k.worker_id and fi.wk = k.wk
        order by w.name, k.wk`,
  );
  return list.map((r) => {
    const raw: PerformanceRaw = {
      workerId: String(r.worker_id),
      week: f.byWeek ? String(r.week) : undefined,
      completed: Number(r.completed),
      failed: Number(r.failed),
      cancelled: Number(r.cancelled),
      declined: Number(r.declined),
      starts: Number(r.starts),
      onTimeStarts: Number(r.on_time),
      ratingSum: Number(r.rating_sum),
      ratingCount: Number(r.rating_count),
      scoreSum: Number(r.score_sum),
      scoreCount: Number(r.score_count),
      fines: Number(r.fines),
    };
    return { ...performanceMetrics(raw), name: String(r.name), active: r.active === true || r.active === 't' };
  });
}
