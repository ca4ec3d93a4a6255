import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clientBlockedWorkers, matchExplanations, orders } from '@/db/schema';
import { addPreferredWorker } from '@/lib/clients';
import { dispatch } from '@/lib/matching';
import { NOT_PREFERRED_POINTS } from '@/lib/matching/cost';
import { createUser } from '@/tests/support/factories';
import { setupTestDb } from '@/tests/support/db';
import { HOUR, company, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

const workerOf = async (orderId: string) =>
  (await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, orderId)))[0].workerId;

describe('a client’s preferred workers in matching', () => {
  it('of two equally placed workers, each client gets the one they prefer, and the explanation says why', async () => {
    const { center, service, client } = await company(t.db);
    const other = await createUser(t.db, 'client');
    const manager = await createUser(t.db, 'manager');
    // Same home zone, same zones, same grade, no history: only the preference tells them apart.
    const anna = await worker(t.db, { zoneIds: [center.id], homeZoneId: center.id, name: 'Анна' });
    const olga = await worker(t.db, { zoneIds: [center.id], homeZoneId: center.id, name: 'Ольга' });
    await addPreferredWorker(t.db, manager, { clientId: client.id, workerId: olga.id, note: 'asks for her' });
    await addPreferredWorker(t.db, manager, { clientId: other.id, workerId: anna.id, note: '' });
    const monday = nextMonday();
    // Two days apart, so both workers are free for each order.
    const forClient = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: new Date(monday.getTime() + 10 * HOUR),
    });
    const forOther = await pendingOrder(t.db, {
      clientId: other.id,
      serviceId: service.id,
      zoneId: center.id,
      start: new Date(monday.getTime() + 58 * HOUR),
    });
    await dispatch(t.db, { orderIds: [forClient, forOther] });
    expect(await workerOf(forClient)).toBe(olga.id);
    expect(await workerOf(forOther)).toBe(anna.id);
    const [why] = await t.db.select().from(matchExplanations).where(eq(matchExplanations.orderId, forClient));
    expect(why.terms).toMatchObject({ preferred: true });
    expect(why.terms?.points.preferred).toBeUndefined();
    expect(why.runnersUp[0]).toMatchObject({
      workerId: anna.id,
      terms: { preferred: false, points: { preferred: NOT_PREFERRED_POINTS } },
    });
  });

  it('a blocked worker is never chosen, even if preferred', async () => {
    const { center, service, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager');
    const blocked = await worker(t.db, { zoneIds: [center.id], homeZoneId: center.id, name: 'Вера' });
    const free = await worker(t.db, { zoneIds: [center.id], homeZoneId: center.id, name: 'Нина' });
    await addPreferredWorker(t.db, manager, { clientId: client.id, workerId: blocked.id, note: '' });
    await t.db.insert(clientBlockedWorkers).values({ clientId: client.id, workerId: blocked.id, reason: 'test' });
    const order = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: new Date(nextMonday().getTime() + 11 * HOUR),
    });
    await dispatch(t.db, { orderIds: [order] });
    expect(await workerOf(order)).toBe(free.id);
    const [why] = await t.db.select().from(matchExplanations).where(eq(matchExplanations.orderId, order));
    expect(why.terms).toMatchObject({ preferred: false });
    expect(why.runnersUp.map((r) => r.workerId)).not.toContain(blocked.id);
  });
});
