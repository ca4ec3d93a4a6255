// The daily rollups (order_stats_daily and its coarser sums) behind the failure analysis and worker performance: after every order
// change it holds what the orders and their events say, and the pages' numbers are the same read either way.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { orders, settings } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { systemActor, transitionOrder } from '@/lib/orders';
import { analysisCube, performanceRaw, rebuildOrderStats } from '@/lib/quality';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';

const t = setupTestDb();
const hours = (n: number) => n * 3_600_000;

describe('order stats rollup', () => {
  it('equals the figures from orders and events after every change, across days and time zones', async () => {
    const zones = [await createZone(t.db), await createZone(t.db)];
    const services = [await createService(t.db), await createService(t.db)];
    const client = await createUser(t.db, 'client');
    const manager = await createUser(t.db, 'manager');
    const w1 = await createWorker(t.db, { name: 'Anna' });
    const w2 = await createWorker(t.db, { name: 'Boris' });
    const worker = (w: { id: string }): Pick<Actor, 'id' | 'role'> => ({ id: w.id, role: 'worker' });

    let n = 0;
    const order = async (start: Date) => {
      const i = n++;
      const [o] = await t.db
        .insert(orders)
        .values({
          number: `T-${randomUUID().slice(0, 8)}`,
          clientId: client.id,
          serviceId: services[i % 2].id,
          zoneId: zones[i % 2].id,
          address: 'ул. Тестовая, 1',
          contactPhone: '+7 900 000-00-00',
          scheduledStart: start,
          scheduledEnd: new Date(start.getTime() + hours(2)),
          estimateTotal: 100_000,
          currency: 'RUB',
        })
        .returning({ id: orders.id });
      return o.id;
    };
    const match = (id: string, w: { id: string }) =>
      transitionOrder(t.db, systemActor, id, 'match', { set: { workerId: w.id, priceTotal: 100_000 } });
    const reschedule = (id: string, start: Date) =>
      transitionOrder(t.db, manager, id, 'reschedule', {
        set: { scheduledStart: start, scheduledEnd: new Date(start.getTime() + hours(2)), workerId: null },
      });

    const period = { from: '2031-03-01', to: '2031-03-31' };
    const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    const same = async (step: string) => {
      const filters = [
        period,
        { ...period, zoneId: zones[0].id },
        { ...period, serviceId: services[1].id, workerId: w2.id },
        { from: '2031-03-10', to: '2031-03-10' },
      ];
      for (const f of filters)
        expect(sorted(await analysisCube(t.db, manager, f)), `${step}: analysis ${JSON.stringify(f)}`).toEqual(
          sorted(await analysisCube(t.db, manager, f, 'orders')),
        );
      for (const f of [period, { ...period, workerId: w1.id, byWeek: true }, { from: '2031-03-11', to: '2031-03-11' }])
        expect(await performanceRaw(t.db, manager, f), `${step}: performance ${JSON.stringify(f)}`).toEqual(
          await performanceRaw(t.db, manager, f, 'orders'),
        );
    };
    const rollupRows = async () =>
      sorted(
        await rows<Record<string, unknown>>(
          t.db,
          sql`select day::text, status, reason_code, service_id, zone_id, worker_id, orders, declined, starts, on_time
              from order_stats_daily where orders <> 0 or declined <> 0 or starts <> 0 or on_time <> 0`,
        ),
      );

    // Moscow is UTC+3: 22:30 UTC on 9 March is 01:30 on 10 March there.
    const a = await order(new Date('2031-03-09T22:30:00Z'));
    const b = await order(new Date('2031-03-10T07:00:00Z'));
    const c = await order(new Date('2031-03-10T20:00:00Z'));
    const d = await order(new Date('2031-03-11T09:00:00Z'));
    const e = await order(new Date('2031-03-16T21:30:00Z'));

    // a: declined by Anna, taken by Boris, started late, finished, then failed on review.
    await match(a, w1);
    await transitionOrder(t.db, worker(w1), a, 'decline', { reason: 'sick' });
    await match(a, w2);
    await transitionOrder(t.db, worker(w2), a, 'start', { data: { late: true, lateMinutes: 25 } });
    await transitionOrder(t.db, worker(w2), a, 'finish');
    await same('a finished');
    await transitionOrder(t.db, manager, a, 'review_fail', {
      reason: 'poor_quality',
      data: { reasonCode: 'poor_quality', chargeClient: false, penalty: false },
    });
    await same('a failed on review');

    // b: Anna's, moved to the next evening (another day, and another ISO week for e), then Boris's, cancelled.
    await match(b, w1);
    await reschedule(b, new Date('2031-03-11T18:00:00Z'));
    await match(b, w2);
    await transitionOrder(t.db, manager, b, 'cancel', {
      reason: 'plans_changed',
      data: { reasonCode: 'plans_changed' },
    });
    await same('b rescheduled and cancelled');

    // c: started on time by Anna, then failed with a reason.
    await match(c, w1);
    await transitionOrder(t.db, worker(w1), c, 'start', { data: { late: false, lateMinutes: 0 } });
    await transitionOrder(t.db, manager, c, 'fail', {
      reason: 'no_show',
      data: { reasonCode: 'no_show', chargeClient: false, penalty: false },
    });
    // d: cancelled while pending, without a worker (the analysis's "no worker" group).
    await transitionOrder(t.db, manager, d, 'cancel', { reason: 'found_other', data: { reasonCode: 'found_other' } });
    // e: declined by Boris, rescheduled across midnight into the next week, done by Anna.
    await match(e, w2);
    await transitionOrder(t.db, worker(w2), e, 'decline', { reason: 'far' });
    await reschedule(e, new Date('2031-03-17T06:00:00Z'));
    await match(e, w1);
    await transitionOrder(t.db, worker(w1), e, 'start', { data: { late: false, lateMinutes: 0 } });
    await transitionOrder(t.db, worker(w1), e, 'finish');
    await same('all changed');

    // Spot figures (Moscow days): 10 March has a (failed, poor_quality, Boris) and c (failed, no_show, Anna);
    // b moved to 11 March (cancelled), d is on 11 March (cancelled, no worker).
    const day10 = await analysisCube(t.db, manager, { from: '2031-03-10', to: '2031-03-10' });
    expect(day10.filter((r) => r.set === 'reason').map((r) => [r.status, r.reasonCode, r.n])).toEqual(
      expect.arrayContaining([
        ['failed', 'poor_quality', 1],
        ['failed', 'no_show', 1],
      ]),
    );
    const march = await performanceRaw(t.db, manager, period);
    const anna = march.find((r) => r.workerId === w1.id)!;
    const boris = march.find((r) => r.workerId === w2.id)!;
    // Anna: declined a; started c and e on time; finished e; failed c.
    expect([anna.completed, anna.failed, anna.declined, anna.starts, anna.onTimeStarts]).toEqual([1, 1, 1, 2, 2]);
    // Boris: started a late (failed on review), cancelled b, declined e.
    expect([boris.completed, boris.failed, boris.cancelled, boris.declined, boris.starts, boris.onTimeStarts]).toEqual([
      0, 1, 1, 1, 1, 0,
    ]);

    // What the transitions kept equals a rebuild from scratch, and the migration's backfill of existing orders.
    const kept = await rollupRows();
    await rebuildOrderStats(t.db);
    expect(await rollupRows()).toEqual(kept);
    // Found by name: the migration's number changes when branches are merged.
    const dir = join(process.cwd(), 'db/migrations');
    const file = readdirSync(dir).find((f) => f.endsWith('_order_stats_rollup.sql'))!;
    const migration = readFileSync(join(dir, file), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').at(-1)!;
    await t.db.execute(sql`delete from order_stats_daily`);
    await t.db.execute(sql.raw(backfill));
    expect(await rollupRows()).toEqual(kept);

    // The coarse rollups, kept in the same statement, are the fine one's sums; the 0040 backfill makes the same.
    const coarseRows = async () => [
      sorted(
        await rows<Record<string, unknown>>(
          t.db,
          sql`select day::text, status, reason_code, service_id, zone_id, orders from order_stats_dims_daily where orders <> 0`,
        ),
      ),
      sorted(
        await rows<Record<string, unknown>>(
          t.db,
          sql`select day::text, worker_id, status, orders, declined, starts, on_time from order_stats_worker_daily
              where orders <> 0 or declined <> 0 or starts <> 0 or on_time <> 0`,
        ),
      ),
    ];
    const keptCoarse = await coarseRows();
    expect(keptCoarse[0].length).toBeGreaterThan(0);
    expect(keptCoarse[1].length).toBeGreaterThan(0);
    expect(keptCoarse).toEqual([
      sorted(
        await rows<Record<string, unknown>>(
          t.db,
          sql`select day::text, status, reason_code, service_id, zone_id, sum(orders)::int as orders from order_stats_daily
              where status is not null group by 1, 2, 3, 4, 5 having sum(orders) <> 0`,
        ),
      ),
      sorted(
        await rows<Record<string, unknown>>(
          t.db,
          sql`select day::text, worker_id, status, sum(orders)::int as orders, sum(declined)::int as declined,
                sum(starts)::int as starts, sum(on_time)::int as on_time
              from order_stats_daily group by 1, 2, 3
              having sum(orders) <> 0 or sum(declined) <> 0 or sum(starts) <> 0 or sum(on_time) <> 0`,
        ),
      ),
    ]);
    const coarseFile = readdirSync(dir).find((f) => f.endsWith('_ledger_balances_coarse_rollups.sql'))!;
    const coarseBackfill = readFileSync(join(dir, coarseFile), 'utf8').split('--> statement-breakpoint').slice(-2);
    await t.db.execute(sql`delete from order_stats_dims_daily`);
    await t.db.execute(sql`delete from order_stats_worker_daily`);
    for (const statement of coarseBackfill) await t.db.execute(sql.raw(statement));
    expect(await coarseRows()).toEqual(keptCoarse);

    // Another company time zone: days are re-cut once by a rebuild, then kept in that zone.
    // New York is UTC−4 in mid-March 2031 (daylight time from 9 March): 22:30 UTC on 9 March is 18:30 on the 9th.
    await t.db
      .insert(settings)
      .values({ key: 'timeZone', value: 'America/New_York' })
      .onConflictDoUpdate({ target: settings.key, set: { value: 'America/New_York' } });
    await rebuildOrderStats(t.db);
    await same('rebuilt in New York time');
    const f = await order(new Date('2031-03-12T03:30:00Z')); // 23:30 on 11 March in New York
    await match(f, w2);
    await transitionOrder(t.db, worker(w2), f, 'start', { data: { late: false, lateMinutes: 0 } });
    await transitionOrder(t.db, manager, f, 'fail', {
      reason: 'damage',
      data: { reasonCode: 'damage', chargeClient: false, penalty: false },
    });
    await same('kept in New York time');
    expect(
      (await analysisCube(t.db, manager, { from: '2031-03-11', to: '2031-03-11' })).filter(
        (r) => r.set === 'reason' && r.reasonCode === 'damage',
      ),
    ).toHaveLength(1);
  });
});
