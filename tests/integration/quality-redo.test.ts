import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, orders } from '@/db/schema';
import { computePay, payRateAt } from '@/lib/finance';
import { assignManually } from '@/lib/matching';
import { finalPriceFor, systemActor, transitionOrder } from '@/lib/orders';
import { createRedoOrder, failOrder, proposeRedoSlots } from '@/lib/quality';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { company, HOUR, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

// Moscow is UTC+3 all year. The failed order ran on a Monday 11:00–13:00 Moscow (08:00 UTC); the manager
// looks at it at 16:00 Moscow that day, so a re-do may start from Tuesday 04:00 Moscow (12 hours later).
async function failedOrder(opts: { schedule?: boolean } = {}) {
  const monday = nextMonday();
  const c = await company(t.db);
  const w = await worker(t.db, {
    zoneIds: [c.center.id],
    slots:
      opts.schedule === false ? [] : [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
  });
  const manager = await createUser(t.db, 'manager');
  const orderId = await pendingOrder(t.db, {
    clientId: c.client.id,
    serviceId: c.service.id,
    zoneId: c.center.id,
    start: new Date(monday.getTime() + 8 * HOUR),
    hours: 2,
  });
  const [order] = await t.db
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(eq(orders.id, orderId));
  await transitionOrder(t.db, systemActor, order.id, 'match', { set: { workerId: w.id } });
  const now = new Date(monday.getTime() + 13 * HOUR);
  await failOrder(t.db, manager, { orderId: order.id, reasonCode: 'no_show', fineWorker: false }, now);
  const tuesday = new Date(monday.getTime() + 24 * HOUR).toISOString().slice(0, 10);
  return { c, w, manager, order, now, monday, tuesday };
}

describe('the re-do of a failed order', () => {
  it('is proposed at the order’s own time on the first day a worker is free, and booked there with an email', async () => {
    const s = await failedOrder();
    const [first] = await proposeRedoSlots(t.db, s.manager, s.order.id, s.now);
    // Tuesday 11:00 Moscow = 08:00 UTC, the same time of day, inside the worker's 09:00–18:00.
    expect(first).toMatchObject({ date: s.tuesday, time: '11:00', freeWorkers: 1 });
    expect(first.start.toISOString()).toBe(`${s.tuesday}T08:00:00.000Z`);

    const redo = await createRedoOrder(t.db, s.manager, { orderId: s.order.id }, { now: s.now, match: false });
    const [row] = await t.db.select().from(orders).where(eq(orders.id, redo.id));
    expect(row).toMatchObject({ status: 'pending', estimateTotal: 0, clientId: s.c.client.id });
    expect(row.scheduledStart.toISOString()).toBe(`${s.tuesday}T08:00:00.000Z`);
    expect(row.scheduledEnd.getTime() - row.scheduledStart.getTime()).toBe(2 * HOUR);
    // The client hears about it: a free re-do, not a new bill.
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'order_received'), eq(notifications.userId, s.c.client.id)));
    expect(mail.data).toMatchObject({ redoOf: s.order.number, estimateTotal: 0 });
  });

  it('stays free for the client when a manager assigns it, and its worker is paid as for the full price', async () => {
    const s = await failedOrder();
    const redo = await createRedoOrder(t.db, s.manager, { orderId: s.order.id }, { now: s.now, match: false });
    const [booked] = await t.db.select().from(orders).where(eq(orders.id, redo.id));
    // What the re-do would cost the client for a standard worker, were it not free.
    const full = await finalPriceFor(t.db, redo.id, 'standard');
    expect(full.total).toBeGreaterThan(0);
    await assignManually(t.db, s.manager, { orderId: redo.id, workerId: s.w.id }, s.now);
    const [row] = await t.db.select().from(orders).where(eq(orders.id, redo.id));
    expect(row).toMatchObject({ status: 'assigned', workerId: s.w.id, priceTotal: 0 });
    expect(row.priceLines).toEqual(booked.estimateLines.map((l) => ({ ...l, amount: 0 })));
    // The pay is the standard rate in force applied to the full-price lines (computePay: the work's share
    // plus the travel fee), the same as an order that costs the client `full.total`.
    const pay = computePay(full.lines, await payRateAt(t.db, booked.serviceId, 'standard', new Date()));
    expect(pay.total).toBeGreaterThan(0);
    expect(row.payTotal).toBe(pay.total);
    expect(row.payLines).toEqual(pay.lines);
  });

  it('skips times the only worker is busy, keeping the travel buffer', async () => {
    const s = await failedOrder();
    // The worker holds Tuesday 10:00–13:00 Moscow; the same-zone buffer is 30 minutes.
    await pendingOrder(t.db, {
      clientId: s.c.client.id,
      serviceId: s.c.service.id,
      zoneId: s.c.center.id,
      start: new Date(`${s.tuesday}T07:00:00.000Z`),
      hours: 3,
      status: 'assigned',
      workerId: s.w.id,
    });
    const slots = await proposeRedoSlots(t.db, s.manager, s.order.id, s.now);
    // 11:00 overlaps; 09:00 would end at 11:00 inside the job; the first fit is 13:30 (13:00 + 30 min).
    expect(slots[0]).toMatchObject({ date: s.tuesday, time: '13:30' });
  });

  it('with nobody free, proposes nothing and asks the manager for a time; a time outside the hours is refused', async () => {
    const s = await failedOrder({ schedule: false });
    expect(await proposeRedoSlots(t.db, s.manager, s.order.id, s.now)).toEqual([]);
    await expect(
      createRedoOrder(t.db, s.manager, { orderId: s.order.id }, { now: s.now, match: false }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'quality.errors.noFreeSlot' });
    // 19:00 + 2 h ends after the 20:00 close.
    await expect(
      createRedoOrder(
        t.db,
        s.manager,
        { orderId: s.order.id, date: s.tuesday, time: '19:00' },
        { now: s.now, match: false },
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { time: 'orders.errors.endsAfterHours' } });
    const redo = await createRedoOrder(
      t.db,
      s.manager,
      { orderId: s.order.id, date: s.tuesday, time: '15:00' },
      { now: s.now, match: false },
    );
    const [row] = await t.db.select({ start: orders.scheduledStart }).from(orders).where(eq(orders.id, redo.id));
    expect(row.start.toISOString()).toBe(`${s.tuesday}T12:00:00.000Z`);
  });

  it('is for staff only', async () => {
    const s = await failedOrder();
    await expect(proposeRedoSlots(t.db, s.c.client, s.order.id, s.now)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
