import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, orders } from '@/db/schema';
import { finishTask, getMyTask, startTask } from '@/lib/workers';
import { systemActor, transitionOrder } from '@/lib/orders';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

// A deep clean of 85 m² with windows and a balcony: the worker must see all of it before the door.
async function boughtWithExtras() {
  const zone = await createZone(t.db);
  const service = await createService(t.db, {
    checklist: [{ code: 'floors', ru: 'Полы', en: 'Floors' }],
    extras: [
      { code: 'windows', nameRu: 'Мытьё окон', nameEn: 'Windows', price: 150000, minutes: 60 },
      { code: 'balcony', nameRu: 'Балкон', nameEn: 'Balcony', price: 80000, minutes: 30 },
      { code: 'fridge', nameRu: 'Холодильник', nameEn: 'Fridge', price: 50000, minutes: 30 },
    ],
  });
  const client = await createUser(t.db, 'client', { name: 'Ирина Заказчикова' });
  const worker = await createWorker(t.db);
  const start = new Date('2026-12-01T07:00:00Z');
  const o = await insertOrder(t.db, {
    clientId: client.id,
    serviceId: service.id,
    zoneId: zone.id,
    workerId: null,
    status: 'pending',
    start,
  });
  await t.db
    .update(orders)
    .set({ options: { areaM2: 85, bathrooms: 2, extras: ['windows', 'balcony'] } })
    .where(eq(orders.id, o.id));
  await transitionOrder(t.db, systemActor, o.id, 'match', { set: { workerId: worker.id, priceTotal: 300000 } });
  return { worker, start, orderId: o.id };
}

describe('the worker sees what was bought', () => {
  it('the task lists the size and the extras, and the checklist has an item per extra', async () => {
    const f = await boughtWithExtras();
    const task = await getMyTask(t.db, f.worker, f.orderId, new Date('2026-11-30T12:00:00Z'));
    expect(task.scope).toEqual({
      areaM2: 85,
      bathrooms: 2,
      extras: [
        { code: 'windows', ru: 'Мытьё окон', en: 'Windows' },
        { code: 'balcony', ru: 'Балкон', en: 'Balcony' },
      ],
    });
    expect(task.checklist.map((c) => c.code)).toEqual(['floors', 'extra:windows', 'extra:balcony']);
  });

  it("the client's phone appears from the start window on (30 min before), not the day before", async () => {
    const f = await boughtWithExtras();
    const dayBefore = await getMyTask(t.db, f.worker, f.orderId, new Date('2026-11-30T12:00:00Z'));
    expect(dayBefore.contactPhone).toBeNull();
    const inWindow = await getMyTask(t.db, f.worker, f.orderId, new Date(f.start.getTime() - 30 * 60_000));
    expect(inWindow.contactPhone).toBe('+7 900 000-00-00');
  });

  it('finishing needs the extras ticked too', async () => {
    const f = await boughtWithExtras();
    await startTask(t.db, f.worker, f.orderId, f.start);
    const done = new Date(f.start.getTime() + 3 * 3_600_000);
    await expect(finishTask(t.db, f.worker, f.orderId, { ticked: ['floors'] }, done)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await finishTask(t.db, f.worker, f.orderId, { ticked: ['floors', 'extra:windows', 'extra:balcony'] }, done);
    const [o] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, f.orderId));
    expect(o.status).toBe('completed');
  });

  it('the "new task" email carries the size and the extras', async () => {
    const f = await boughtWithExtras();
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'task_assigned'), eq(notifications.userId, f.worker.id)));
    expect(mail.data).toMatchObject({
      scope: { areaM2: 85, bathrooms: 2, extras: [{ code: 'windows' }, { code: 'balcony' }] },
    });
  });
});
