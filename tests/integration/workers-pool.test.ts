import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, orderEvents, orders, users, workerProfiles } from '@/db/schema';
import {
  getWorker,
  listMyTasks,
  listWorkers,
  listWorkersPage,
  setAccountDisabled,
  setWorkerActive,
  updateWorkerProfile,
} from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

/** An admin, a worker and a client's order template in one zone and service, at a fixed "now". */
async function workerWithClient() {
  const admin = await createUser(t.db, 'admin');
  const zone = await createZone(t.db);
  const service = await createService(t.db);
  const client = await createUser(t.db, 'client');
  const w = await createWorker(t.db);
  const now = new Date('2026-12-01T12:00:00Z');
  return { admin, w, now, base: { clientId: client.id, serviceId: service.id, zoneId: zone.id, workerId: w.id } };
}

describe('the worker pool', () => {
  it('deactivation returns future assigned orders to matching with an event, keeps past and started ones', async () => {
    const { admin, w, now, base } = await workerWithClient();
    const future1 = await insertOrder(t.db, { ...base, start: new Date('2026-12-02T07:00:00Z') });
    const future2 = await insertOrder(t.db, { ...base, start: new Date('2026-12-05T07:00:00Z') });
    const started = await insertOrder(t.db, {
      ...base,
      status: 'in_progress',
      start: new Date('2026-12-01T11:00:00Z'),
    });
    const done = await insertOrder(t.db, { ...base, status: 'completed', start: new Date('2026-11-30T07:00:00Z') });

    const r = await setWorkerActive(t.db, admin, w.id, false, now);
    expect(r.unassigned.sort()).toEqual([future1.id, future2.id].sort());
    for (const o of [future1, future2]) {
      const [row] = await t.db
        .select({ status: orders.status, workerId: orders.workerId, priceTotal: orders.priceTotal })
        .from(orders)
        .where(eq(orders.id, o.id));
      expect(row).toEqual({ status: 'pending', workerId: null, priceTotal: null });
      const events = await t.db
        .select()
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, o.id), eq(orderEvents.kind, 'unassign')));
      expect(events.map((e) => [e.fromStatus, e.toStatus, e.reason, e.actorId])).toEqual([
        ['assigned', 'pending', 'worker_deactivated', admin.id],
      ]);
    }
    const [s] = await t.db
      .select({ status: orders.status, workerId: orders.workerId })
      .from(orders)
      .where(eq(orders.id, started.id));
    expect(s).toEqual({ status: 'in_progress', workerId: w.id });
    const [d] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, done.id));
    expect(d.status).toBe('completed');
    expect((await getWorker(t.db, admin, w.id)).active).toBe(false);
    // The worker sees the two orders as taken away.
    expect((await listMyTasks(t.db, w, { tab: 'cancelled' })).released.map((x) => x.kind)).toEqual([
      'unassign',
      'unassign',
    ]);
    // Deactivating again is a no-op; reactivating assigns nothing back.
    expect(await setWorkerActive(t.db, admin, w.id, false, now)).toEqual({ unassigned: [] });
    expect(await setWorkerActive(t.db, admin, w.id, true, now)).toEqual({ unassigned: [] });
  });

  it('disabling a worker’s account ends their sessions and returns their future assigned orders to matching, audited', async () => {
    const { admin, w, now, base } = await workerWithClient();
    const manager = await createUser(t.db, 'manager');
    const future = await insertOrder(t.db, { ...base, start: new Date('2026-12-03T07:00:00Z') });
    const started = await insertOrder(t.db, {
      ...base,
      status: 'in_progress',
      start: new Date('2026-12-01T11:00:00Z'),
    });
    const [{ sessionVersion: before }] = await t.db
      .select({ sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, w.id));

    await expect(setAccountDisabled(t.db, manager, w.id, true, now)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await setAccountDisabled(t.db, admin, w.id, true, now)).toEqual({ unassigned: [future.id] });
    const [u] = await t.db
      .select({ disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, w.id));
    expect(u.disabledAt).not.toBeNull();
    expect(u.sessionVersion).toBe(before + 1);
    const [f] = await t.db
      .select({ status: orders.status, workerId: orders.workerId })
      .from(orders)
      .where(eq(orders.id, future.id));
    expect(f).toEqual({ status: 'pending', workerId: null });
    const [event] = await t.db
      .select({ reason: orderEvents.reason })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, future.id), eq(orderEvents.kind, 'unassign')));
    expect(event.reason).toBe('worker_disabled');
    const [s] = await t.db
      .select({ status: orders.status, workerId: orders.workerId })
      .from(orders)
      .where(eq(orders.id, started.id));
    expect(s).toEqual({ status: 'in_progress', workerId: w.id });
    const audits = await t.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.entityId, w.id));
    expect(audits).toEqual([{ action: 'user.disable', after: { disabled: true, unassigned: [future.id] } }]);

    // Enabling again gives nothing back by itself; matching decides.
    expect(await setAccountDisabled(t.db, admin, w.id, false, now)).toEqual({ unassigned: [] });
    const [again] = await t.db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, w.id));
    expect(again.disabledAt).toBeNull();
  });

  it('edits skills, zones, grade, phone and hours; filters the list; workers and clients cannot', async () => {
    const manager = await createUser(t.db, 'manager');
    const z1 = await createZone(t.db);
    const z2 = await createZone(t.db);
    const w = await createWorker(t.db, { name: 'Светлана Уникальная' });
    await updateWorkerProfile(t.db, manager, {
      workerId: w.id,
      grade: 'senior',
      phone: '+7 901 111-22-33',
      weeklyHoursTarget: 25,
      skills: ['windows', 'cleaning'],
      zoneIds: [z1.id, z2.id],
    });
    expect(await getWorker(t.db, manager, w.id)).toMatchObject({
      grade: 'senior',
      phone: '+7 901 111-22-33',
      weeklyHoursTarget: 25,
      skills: ['cleaning', 'windows'],
    });
    expect(
      (
        await listWorkers(t.db, manager, {
          q: 'уникальн',
          skill: 'windows',
          zoneId: z2.id,
          grade: 'senior',
          active: true,
        })
      ).map((x) => x.id),
    ).toEqual([w.id]);
    expect(await listWorkers(t.db, manager, { q: 'уникальн', grade: 'junior' })).toEqual([]);
    await expect(listWorkers(t.db, w, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setWorkerActive(t.db, w, w.id, false)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('the pool’s list page', () => {
  it('pages every worker, active first then by name, with a cursor', async () => {
    const manager = await createUser(t.db, 'manager');
    const tag = `Пул${Date.now()}`;
    const made = [];
    for (let i = 0; i < 52; i++) made.push(await createWorker(t.db, { name: `${tag} ${String(i).padStart(2, '0')}` }));
    // Every fourth is inactive: they come after the active ones.
    for (const w of made.filter((_, i) => i % 4 === 0))
      await t.db.update(workerProfiles).set({ active: false }).where(eq(workerProfiles.userId, w.id));
    const first = await listWorkersPage(t.db, manager, { q: tag });
    expect(first.items).toHaveLength(50);
    expect(first.total).toBe(52);
    const second = await listWorkersPage(t.db, manager, { q: tag, cursor: first.next! });
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((w) => w.id)).size).toBe(52);
    // 39 active (52 − 13), then the 13 inactive; each group by name.
    expect(all.slice(0, 39).every((w) => w.active)).toBe(true);
    expect(all.slice(39).every((w) => !w.active)).toBe(true);
    expect(all.slice(0, 39).map((w) => w.name)).toEqual([...all.slice(0, 39).map((w) => w.name)].sort());
  });
});
