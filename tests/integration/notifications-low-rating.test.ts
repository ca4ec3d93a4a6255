import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import { rateOrder } from '@/lib/orders';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

async function completedOrder() {
  const zone = await createZone(t.db);
  const service = await createService(t.db);
  const client = await createUser(t.db, 'client');
  const worker = await createWorker(t.db, { name: 'Ольга Иванова' });
  const o = await insertOrder(t.db, {
    clientId: client.id,
    serviceId: service.id,
    zoneId: zone.id,
    workerId: worker.id,
    status: 'completed',
    start: new Date('2026-12-01T07:00:00Z'),
  });
  return { client, orderId: o.id };
}

const alerts = (orderId: string) =>
  t.db
    .select({ userId: notifications.userId, data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.kind, 'low_rating'), sql`${notifications.data}->'order'->>'id' = ${orderId}`));

describe('a 1–2 star rating alerts the managers', () => {
  it('2 stars: every manager and admin gets the alert with the comment and the worker', async () => {
    const manager = await createUser(t.db, 'manager');
    const admin = await createUser(t.db, 'admin');
    const f = await completedOrder();
    await rateOrder(t.db, f.client, { orderId: f.orderId, rating: 2, comment: 'Окна грязные' });
    const sent = await alerts(f.orderId);
    expect(sent.map((a) => a.userId).sort()).toEqual(expect.arrayContaining([manager.id, admin.id].sort()));
    expect(sent[0].data).toMatchObject({ rating: 2, comment: 'Окна грязные', workerName: 'Ольга Иванова' });
  });

  it('3 stars and up: no alert', async () => {
    await createUser(t.db, 'manager');
    const f = await completedOrder();
    await rateOrder(t.db, f.client, { orderId: f.orderId, rating: 3, comment: '' });
    expect(await alerts(f.orderId)).toEqual([]);
  });
});
