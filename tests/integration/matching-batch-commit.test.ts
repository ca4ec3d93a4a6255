// A dispatch commits its matches in chunks through one batch transition (lib/orders transitionOrders), so
// the finance and notification subscribers work set-wise. These tests pin what every order of a chunk
// must still get, what a chunk that loses a race falls back to, and the batch transition's own rules.
import { describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import {
  clientBlockedWorkers,
  matchExplanations,
  notifications,
  orderEvents,
  orders,
  users,
  workerProfiles,
  workerSchedules,
} from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { dispatch } from '@/lib/matching';
import { systemActor, transitionOrders } from '@/lib/orders';
import { onPostgres, setupTestDb } from '@/tests/support/db';
import { HOUR, company, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

async function fourOrdersFourWorkers(skill: string) {
  const { center, client } = await company(t.db);
  const { createService } = await import('@/tests/support/factories');
  const service = await createService(t.db, { skill, pricingUnit: 'fixed', unitPrice: 300000, minPrice: 0 });
  const workers = [];
  for (let k = 0; k < 4; k++) workers.push(await worker(t.db, { zoneIds: [center.id], skills: [skill] }));
  const start = new Date(nextMonday().getTime() + 10 * HOUR);
  const ids: string[] = [];
  for (let k = 0; k < 4; k++)
    ids.push(await pendingOrder(t.db, { clientId: client.id, serviceId: service.id, zoneId: center.id, start }));
  return { client, workers, ids };
}

describe('a dispatch batch', () => {
  it('gives every order of the batch its worker, price, pay, explanation, event and both emails', async () => {
    const { client, workers, ids } = await fourOrdersFourWorkers('batch-skill');
    const summary = await dispatch(t.db, { orderIds: ids });
    expect(summary).toMatchObject({ considered: 4, matched: 4, conflicts: 0 });

    const matched = await t.db.select().from(orders).where(inArray(orders.id, ids));
    // Four orders at one time: each worker takes exactly one.
    expect(new Set(matched.map((o) => o.workerId)).size).toBe(4);
    for (const o of matched) {
      expect(o.status).toBe('assigned');
      expect(o.version).toBe(1);
      // Fixed 3 000 ₽ at the standard grade (coefficient 100 %), no travel fee in the centre = 300 000.
      expect(o.priceTotal).toBe(300000);
      expect(o.priceLines?.reduce((s, l) => s + l.amount, 0)).toBe(300000);
      // The default standard pay rate: 55 % of the work lines = 0.55 × 300 000 = 165 000 (above the 100 000 minimum).
      expect(o.payTotal).toBe(165000);
      expect(o.payLines?.reduce((s, l) => s + l.amount, 0)).toBe(165000);

      const [why] = await t.db.select().from(matchExplanations).where(eq(matchExplanations.orderId, o.id));
      expect(why.workerId).toBe(o.workerId);
      const events = await t.db
        .select()
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, o.id), eq(orderEvents.kind, 'match')));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ fromStatus: 'pending', toStatus: 'assigned', data: { explanationId: why.id } });

      const mails = await t.db
        .select()
        .from(notifications)
        .where(sql`${notifications.idempotencyKey} like ${`order-event:${events[0].id}:%`}`);
      expect(mails.map((m) => [m.kind, m.userId]).sort()).toEqual(
        [
          ['task_assigned', o.workerId],
          ['worker_matched', client.id],
        ].sort(),
      );
      const toWorker = mails.find((m) => m.kind === 'task_assigned')!;
      expect(toWorker.data).toMatchObject({ payTotal: 165000, order: { id: o.id } });
      const toClient = mails.find((m) => m.kind === 'worker_matched')!;
      const name = workers.find((w) => w.id === o.workerId)!.name;
      expect(toClient.data).toMatchObject({ priceTotal: 300000, workerName: name });
    }
  });

  it('that loses a race on one order is rolled back and committed one by one: the others keep their match', async () => {
    const { ids } = await fourOrdersFourWorkers('race-skill');
    const [lost, ...rest] = ids;
    // Stand-in for a concurrent booking: assigning this one order fails as a double booking would (23P01).
    await t.db.execute(
      sql.raw(`create function test_refuse_match() returns trigger language plpgsql as $$
        begin
          if new.id = '${lost}' and new.status = 'assigned' then raise exception 'booked meanwhile' using errcode = 'exclusion_violation'; end if;
          return new;
        end $$`),
    );
    await t.db.execute(
      sql.raw(
        `create trigger test_refuse_match before update on orders for each row execute function test_refuse_match()`,
      ),
    );
    try {
      const summary = await dispatch(t.db, { orderIds: ids });
      expect(summary).toMatchObject({ considered: 4, matched: 3, conflicts: 1 });
    } finally {
      await t.db.execute(sql.raw('drop trigger test_refuse_match on orders'));
      await t.db.execute(sql.raw('drop function test_refuse_match()'));
    }
    const after = new Map(
      (
        await t.db
          .select({ id: orders.id, status: orders.status, workerId: orders.workerId })
          .from(orders)
          .where(inArray(orders.id, ids))
      ).map((o) => [o.id, o]),
    );
    expect(after.get(lost)).toMatchObject({ status: 'pending', workerId: null });
    for (const id of rest) expect(after.get(id)?.status).toBe('assigned');
    // Nothing of the rolled-back attempts is left: one explanation and two emails per matched order.
    expect(await t.db.$count(matchExplanations, inArray(matchExplanations.orderId, ids))).toBe(3);
    expect(await t.db.$count(matchExplanations, eq(matchExplanations.orderId, lost))).toBe(0);
    const [{ n }] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from notifications n join order_events e on n.idempotency_key like 'order-event:' || e.id || ':%' where e.order_id in ${ids}`,
    );
    expect(n).toBe(3 * 2);
  });
});

describe('transitionOrders', () => {
  it('is all or nothing: one order that may not take the transition leaves every order as it was', async () => {
    const { ids, workers } = await fourOrdersFourWorkers('all-or-nothing');
    await t.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, ids[1]));
    const attempt = transitionOrders(
      t.db,
      systemActor,
      'match',
      ids.slice(0, 2).map((orderId, k) => ({ orderId, set: { workerId: workers[k].id } })),
    );
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_transition' });
    const [first] = await t.db
      .select({ status: orders.status, workerId: orders.workerId, version: orders.version })
      .from(orders)
      .where(eq(orders.id, ids[0]));
    expect(first).toEqual({ status: 'pending', workerId: null, version: 0 });
    expect(await t.db.$count(orderEvents, inArray(orderEvents.orderId, ids))).toBe(0);
  });

  it('refuses an order twice in one batch', async () => {
    const { ids } = await fourOrdersFourWorkers('twice');
    await expect(
      transitionOrders(t.db, systemActor, 'match', [{ orderId: ids[0] }, { orderId: ids[0] }]),
    ).rejects.toBeInstanceOf(RangeError);
  });

  it('writes SQL NULL, not JSON null, and per-order values whether the orders change the same columns or not', async () => {
    const { ids, workers } = await fourOrdersFourWorkers('shapes');
    const lines = (amount: number) => [{ code: 'base', labelRu: 'Работа', labelEn: 'Work', amount }];
    // Same columns for all: one set-wise UPDATE.
    await transitionOrders(
      t.db,
      systemActor,
      'match',
      ids.map((orderId, k) => ({
        orderId,
        set: { workerId: workers[k].id, priceLines: lines(1000 * (k + 1)), priceTotal: 1000 * (k + 1) },
      })),
    );
    const matched = await t.db
      .select({
        id: orders.id,
        workerId: orders.workerId,
        priceTotal: orders.priceTotal,
        priceLines: orders.priceLines,
      })
      .from(orders)
      .where(inArray(orders.id, ids));
    for (const [k, id] of ids.entries())
      expect(matched.find((o) => o.id === id)).toEqual({
        id,
        workerId: workers[k].id,
        priceTotal: 1000 * (k + 1),
        priceLines: lines(1000 * (k + 1)),
      });

    await transitionOrders(
      t.db,
      systemActor,
      'unassign',
      ids
        .slice(0, 2)
        .map((orderId) => ({ orderId, reason: 'test', set: { workerId: null, priceLines: null, priceTotal: null } })),
    );
    const [{ n }] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from orders where id in ${ids.slice(0, 2)} and status = 'pending' and worker_id is null and price_lines is null and price_total is null and pay_total is null`,
    );
    expect(n).toBe(2);

    // Different columns per order: one UPDATE each, same result.
    await transitionOrders(t.db, systemActor, 'unassign', [
      { orderId: ids[2], set: { workerId: null } },
      { orderId: ids[3], set: { workerId: null, priceTotal: null } },
    ]);
    const rest = await t.db
      .select({ id: orders.id, status: orders.status, workerId: orders.workerId, priceTotal: orders.priceTotal })
      .from(orders)
      .where(inArray(orders.id, ids.slice(2)));
    expect(rest.find((o) => o.id === ids[2])).toEqual({
      id: ids[2],
      status: 'pending',
      workerId: null,
      priceTotal: 3000,
    });
    expect(rest.find((o) => o.id === ids[3])).toEqual({
      id: ids[3],
      status: 'pending',
      workerId: null,
      priceTotal: null,
    });
  });
});

describe.skipIf(!onPostgres())('a plan gone stale before its commit (PostgreSQL)', () => {
  /** Waits until some statement of this database waits for a row lock (the dispatch, at the worker lock). */
  async function untilWaitingOnLock() {
    for (let k = 0; k < 200; k++) {
      const [{ n }] = await rows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (n > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the dispatch never waited for the worker lock');
  }

  it.each([
    'blocked for the client',
    'deactivated',
    'with a disabled account',
    'whose schedule no longer covers the order',
  ] as const)('never assigns a worker %s while the sweep was planning', async (what) => {
    const { center, north, client } = await company(t.db);
    const { createService } = await import('@/tests/support/factories');
    const skill = `stale-${what.length}`;
    const service = await createService(t.db, { skill, pricingUnit: 'fixed', unitPrice: 300000, minPrice: 0 });
    const near = await worker(t.db, { zoneIds: [center.id, north.id], homeZoneId: center.id, skills: [skill] });
    const far = await worker(t.db, { zoneIds: [center.id, north.id], homeZoneId: north.id, skills: [skill] });
    const start = new Date(nextMonday().getTime() + 40 * HOUR);
    const id = await pendingOrder(t.db, { clientId: client.id, serviceId: service.id, zoneId: center.id, start });

    // A manager's change holds the nearest worker's lock (as blocking and deactivating do) while the dispatch
    // reads, plans the nearest worker, and then waits for that lock; the change commits; the dispatch goes on.
    let running: Promise<Awaited<ReturnType<typeof dispatch>>> | undefined;
    await t.db.transaction(async (tx) => {
      await tx
        .select({ id: workerProfiles.userId })
        .from(workerProfiles)
        .where(eq(workerProfiles.userId, near.id))
        .for('update');
      running = dispatch(t.db, { orderIds: [id] });
      await untilWaitingOnLock();
      if (what === 'deactivated')
        await tx.update(workerProfiles).set({ active: false }).where(eq(workerProfiles.userId, near.id));
      else if (what === 'with a disabled account')
        await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, near.id));
      else if (what === 'whose schedule no longer covers the order')
        await tx.delete(workerSchedules).where(eq(workerSchedules.workerId, near.id));
      else await tx.insert(clientBlockedWorkers).values({ clientId: client.id, workerId: near.id, reason: 'test' });
    });
    const summary = await running!;
    // The stale plan was refused under the lock and the order re-planned on fresh data: the other worker.
    expect(summary).toMatchObject({ considered: 1, matched: 1, conflicts: 0 });
    const [row] = await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, id));
    expect(row.workerId).toBe(far.id);
  });
});
