import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { orderEvents, orders } from '@/db/schema';
import { declineTask, earningsThisMonth, finishTask, getMyTask, listMyTasks, startTask } from '@/lib/workers';
import { transitionOrder } from '@/lib/orders';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

async function fixture() {
  const zone = await createZone(t.db);
  const service = await createService(t.db, {
    checklist: [
      { code: 'dust', ru: 'Пыль', en: 'Dust' },
      { code: 'floors', ru: 'Полы', en: 'Floors' },
    ],
  });
  const client = await createUser(t.db, 'client', { name: 'Иван Петров' });
  const worker = await createWorker(t.db);
  const other = await createWorker(t.db);
  return { zone, service, client, worker, other };
}

const eventsOf = (orderId: string, kind: string) =>
  t.db
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.kind, kind)));

describe('the worker runs a task', () => {
  it('starts late, refuses a double start, refuses finish without the checklist, then finishes — one event each', async () => {
    const f = await fixture();
    const start = new Date('2026-12-01T07:00:00Z');
    const o = await insertOrder(t.db, {
      clientId: f.client.id,
      serviceId: f.service.id,
      zoneId: f.zone.id,
      workerId: f.worker.id,
      start,
    });
    const task = await getMyTask(t.db, f.worker, o.id);
    expect(task.clientFirstName).toBe('Иван');
    expect(task.checklist.map((c) => c.code)).toEqual(['dust', 'floors']);

    await expect(startTask(t.db, f.worker, o.id, new Date('2026-12-01T06:29:00Z'))).rejects.toMatchObject({
      code: 'conflict',
      message: 'workers.errors.tooEarly',
    });
    // 12 minutes after the start, beyond the 5-minute grace: late, lateMinutes 12.
    const r = await startTask(t.db, f.worker, o.id, new Date('2026-12-01T07:12:30Z'));
    expect(r).toMatchObject({ late: true, lateMinutes: 12 });
    await expect(startTask(t.db, f.worker, o.id, new Date('2026-12-01T07:12:31Z'))).rejects.toMatchObject({
      code: 'invalid_transition',
      message: 'errors.transition.start.in_progress',
    });
    const starts = await eventsOf(o.id, 'start');
    expect(starts).toHaveLength(1);
    expect(starts[0].data).toEqual({ late: true, lateMinutes: 12 });
    const [afterStart] = await t.db
      .select({ status: orders.status, startedAt: orders.startedAt })
      .from(orders)
      .where(eq(orders.id, o.id));
    expect(afterStart).toEqual({ status: 'in_progress', startedAt: new Date('2026-12-01T07:12:30Z') });

    await expect(finishTask(t.db, f.worker, o.id, { ticked: ['dust'] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await eventsOf(o.id, 'finish')).toHaveLength(0);
    await finishTask(
      t.db,
      f.worker,
      o.id,
      { ticked: ['dust', 'floors'], note: 'Всё чисто' },
      new Date('2026-12-01T09:01:00Z'),
    );
    await expect(finishTask(t.db, f.worker, o.id, { ticked: ['dust', 'floors'] })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    const finishes = await eventsOf(o.id, 'finish');
    expect(finishes).toHaveLength(1);
    expect(finishes[0].reason).toBe('Всё чисто');
    const [done] = await t.db
      .select({ status: orders.status, finishedAt: orders.finishedAt })
      .from(orders)
      .where(eq(orders.id, o.id));
    expect(done).toEqual({ status: 'completed', finishedAt: new Date('2026-12-01T09:01:00Z') });
  });

  it('a worker cannot see, start, finish or decline another worker’s task (not found, no event)', async () => {
    const f = await fixture();
    const o = await insertOrder(t.db, {
      clientId: f.client.id,
      serviceId: f.service.id,
      zoneId: f.zone.id,
      workerId: f.worker.id,
      start: new Date('2026-12-02T07:00:00Z'),
    });
    const at = new Date('2026-12-02T07:00:00Z');
    await expect(getMyTask(t.db, f.other, o.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(startTask(t.db, f.other, o.id, at)).rejects.toMatchObject({ code: 'not_found' });
    await expect(finishTask(t.db, f.other, o.id, { ticked: [] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(declineTask(t.db, f.other, o.id, { reasonCode: 'other' })).rejects.toMatchObject({
      code: 'not_found',
    });
    // Even straight through the state machine.
    await expect(transitionOrder(t.db, f.other, o.id, 'start')).rejects.toMatchObject({ code: 'not_found' });
    expect(await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id))).toHaveLength(0);
  });

  it('declining sends the order back to matching without the worker and shows it in their cancelled tab', async () => {
    const f = await fixture();
    const start = new Date('2099-03-02T07:00:00Z');
    const o = await insertOrder(t.db, {
      clientId: f.client.id,
      serviceId: f.service.id,
      zoneId: f.zone.id,
      workerId: f.worker.id,
      start,
    });
    await declineTask(
      t.db,
      f.worker,
      o.id,
      { reasonCode: 'illness', note: 'температура' },
      new Date('2099-03-01T07:00:00Z'),
    );
    const [row] = await t.db
      .select({ status: orders.status, workerId: orders.workerId, priceTotal: orders.priceTotal })
      .from(orders)
      .where(eq(orders.id, o.id));
    expect(row).toEqual({ status: 'pending', workerId: null, priceTotal: null });
    const [ev] = await eventsOf(o.id, 'decline');
    // 24 hours before the start.
    expect(ev.data).toMatchObject({ reasonCode: 'illness', hoursBeforeStart: 24 });
    const mine = await listMyTasks(t.db, f.worker, { tab: 'cancelled' });
    const active = await listMyTasks(t.db, f.worker);
    expect(active.list.items.map((x) => x.id)).not.toContain(o.id);
    expect(mine.released.map((x) => [x.orderId, x.kind])).toEqual([[o.id, 'decline']]);
    await expect(getMyTask(t.db, f.worker, o.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('earnings this month sum the pay of completed orders only', async () => {
    const f = await fixture();
    const now = new Date();
    const mk = (payTotal: number | null, status: 'completed' | 'assigned') =>
      insertOrder(t.db, {
        clientId: f.client.id,
        serviceId: f.service.id,
        zoneId: f.zone.id,
        workerId: f.worker.id,
        start: now,
        status,
        payTotal,
      });
    for (const [pay, status] of [
      [120000, 'completed'],
      [80000, 'completed'],
      [null, 'completed'],
      [50000, 'assigned'],
    ] as const) {
      const o = await mk(pay, status);
      if (status === 'completed') await t.db.update(orders).set({ finishedAt: now }).where(eq(orders.id, o.id));
    }
    // 1 200 + 800 RUB = 200 000 kopecks; the unpriced one counts as 0; the assigned one is not earned yet.
    expect(await earningsThisMonth(t.db, f.worker, now)).toMatchObject({ total: 200000, orders: 3, unpriced: 1 });
  });
});
