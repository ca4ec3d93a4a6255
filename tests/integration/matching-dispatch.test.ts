import { describe, expect, it } from 'vitest';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import {
  clientBlockedWorkers,
  matchExplanations,
  matchLocks,
  notifications,
  orderEvents,
  orders,
  unmatchedFlags,
} from '@/db/schema';
import { dispatch } from '@/lib/matching';
import { activeWorkersBySkill } from '@/lib/workers';
import { pgErrorCode } from '@/lib/matching/errors';
import { createUser } from '@/tests/support/factories';
import { onPostgres, setupTestDb } from '@/tests/support/db';
import { HOUR, company, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

async function orderRow(id: string) {
  const [row] = await t.db
    .select({ status: orders.status, workerId: orders.workerId, priceTotal: orders.priceTotal })
    .from(orders)
    .where(eq(orders.id, id));
  return row;
}

describe('dispatch', () => {
  it('assigns a batch at the least total cost and stores why, with the final price', async () => {
    const { center, north, service, client } = await company(t.db);
    const near = await worker(t.db, { zoneIds: [center.id, north.id], homeZoneId: center.id, name: 'Анна' });
    const far = await worker(t.db, { zoneIds: [center.id, north.id], homeZoneId: north.id, name: 'Ольга' });
    const start = new Date(nextMonday().getTime() + 10 * HOUR);
    const inCenter = await pendingOrder(t.db, { clientId: client.id, serviceId: service.id, zoneId: center.id, start });
    const inNorth = await pendingOrder(t.db, { clientId: client.id, serviceId: service.id, zoneId: north.id, start });

    const summary = await dispatch(t.db, { orderIds: [inCenter, inNorth] });
    expect(summary).toMatchObject({ considered: 2, matched: 2, unmatched: 0, conflicts: 0 });
    const a = await orderRow(inCenter);
    const b = await orderRow(inNorth);
    expect(a).toMatchObject({ status: 'assigned', workerId: near.id });
    expect(b).toMatchObject({ status: 'assigned', workerId: far.id });
    // Fixed 3 000 ₽ at the standard grade (coefficient 100 %) = 300 000 kopecks; north adds its 200 ₽ travel fee.
    expect(a.priceTotal).toBe(300000);
    expect(b.priceTotal).toBe(320000);

    const [why] = await t.db.select().from(matchExplanations).where(eq(matchExplanations.orderId, inCenter));
    expect(why.workerId).toBe(near.id);
    expect(why.terms?.travelKm).toBe(0);
    expect(why.runnersUp).toHaveLength(1);
    expect(why.runnersUp[0].workerId).toBe(far.id);
    expect(why.runnersUp[0].terms.travelKm).toBeGreaterThan(8);
    const [event] = await t.db
      .select({ data: orderEvents.data })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, inCenter), eq(orderEvents.kind, 'match')));
    expect(event.data.explanationId).toBe(why.id);
  });

  it('gives one worker several orders of a day when they do not overlap, and respects the travel buffer', async () => {
    const { center, service, client } = await company(t.db);
    const solo = await worker(t.db, { zoneIds: [center.id], skills: ['solo-skill'] });
    const day = nextMonday(new Date(Date.now() + 7 * 24 * HOUR));
    const svc = { ...service };
    const { createService } = await import('@/tests/support/factories');
    const soloService = await createService(t.db, { skill: 'solo-skill', pricingUnit: 'fixed', unitPrice: 100000 });
    void svc;
    const morning = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: soloService.id,
      zoneId: center.id,
      start: new Date(day.getTime() + 8 * HOUR),
    });
    // Ends 10:00; the next starts 10:30: exactly the same-zone buffer (30 min), so both fit.
    const late = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: soloService.id,
      zoneId: center.id,
      start: new Date(day.getTime() + 10.5 * HOUR),
    });
    // Starts 12:45, 15 minutes after the previous one ends: inside the buffer, so it stays pending.
    const tooClose = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: soloService.id,
      zoneId: center.id,
      start: new Date(day.getTime() + 12.75 * HOUR),
    });
    const summary = await dispatch(t.db, { orderIds: [morning, late, tooClose] });
    expect(summary).toMatchObject({ matched: 2, unmatched: 1 });
    expect((await orderRow(morning)).workerId).toBe(solo.id);
    expect((await orderRow(late)).workerId).toBe(solo.id);
    expect((await orderRow(tooClose)).status).toBe('pending');
  });

  it('never offers a worker who declined the order or whom the client blocked', async () => {
    const { center, service, client } = await company(t.db);
    const decliner = await worker(t.db, { zoneIds: [center.id], skills: ['decl-skill'] });
    const blocked = await worker(t.db, { zoneIds: [center.id], skills: ['decl-skill'] });
    const { createService } = await import('@/tests/support/factories');
    const s = await createService(t.db, { skill: 'decl-skill', pricingUnit: 'fixed', unitPrice: 100000 });
    const start = new Date(nextMonday().getTime() + 30 * HOUR);
    const id = await pendingOrder(t.db, { clientId: client.id, serviceId: s.id, zoneId: center.id, start });
    await t.db.insert(orderEvents).values({
      orderId: id,
      fromStatus: 'assigned',
      toStatus: 'pending',
      kind: 'decline',
      actorId: decliner.id,
      actorRole: 'worker',
    });
    await t.db.insert(clientBlockedWorkers).values({ clientId: client.id, workerId: blocked.id, reason: 'test' });
    const summary = await dispatch(t.db, { orderIds: [id] });
    expect(summary).toMatchObject({ matched: 0, unmatched: 1 });
    expect((await orderRow(id)).status).toBe('pending');
    void service;
  });

  it('flags an unmatched order close to its start once, and tells every manager once', async () => {
    const { center, client } = await company(t.db);
    await createUser(t.db, 'manager');
    const { createService } = await import('@/tests/support/factories');
    // One worker has the skill but no hours: nobody is free, yet a later sweep might find someone.
    const nobody = await createService(t.db, { skill: 'rare-skill', pricingUnit: 'fixed', unitPrice: 100000 });
    await worker(t.db, { zoneIds: [center.id], skills: ['rare-skill'], slots: [] });
    const soon = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: nobody.id,
      zoneId: center.id,
      start: new Date(Date.now() + 5 * HOUR),
    });
    const later = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: nobody.id,
      zoneId: center.id,
      start: new Date(Date.now() + 72 * HOUR),
    });
    const first = await dispatch(t.db, { orderIds: [soon, later] });
    expect(first).toMatchObject({ unmatched: 2, flagged: 1 });
    const second = await dispatch(t.db, { orderIds: [soon, later] });
    expect(second.flagged).toBe(0);
    const flags = await t.db
      .select()
      .from(unmatchedFlags)
      .where(inArray(unmatchedFlags.orderId, [soon, later]));
    expect(flags.map((f) => f.orderId)).toEqual([soon]);
    const mails = await t.db
      .select({ key: notifications.idempotencyKey })
      .from(notifications)
      .where(eq(notifications.kind, 'order_unmatched'));
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.every((m) => m.key?.startsWith(`order_unmatched:${soon}:`))).toBe(true);
  });

  it('tells the managers at once, however far the start, when no active worker has the skill at all', async () => {
    const { center, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager');
    const { createService } = await import('@/tests/support/factories');
    // The catalogue pages warn from the same count: nobody has this skill.
    expect((await activeWorkersBySkill(t.db, manager)).get('nobody-has-this')).toBeUndefined();
    const unheard = await createService(t.db, { skill: 'nobody-has-this', pricingUnit: 'fixed', unitPrice: 100000 });
    const far = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: unheard.id,
      zoneId: center.id,
      start: new Date(Date.now() + 10 * 24 * HOUR),
    });
    expect(await dispatch(t.db, { orderIds: [far] })).toMatchObject({ unmatched: 1, flagged: 1 });
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(
        and(eq(notifications.kind, 'order_unmatched'), like(notifications.idempotencyKey, `order_unmatched:${far}:%`)),
      );
    expect(mail.data).toMatchObject({ noSkilledWorker: true });
  });

  it('a sweep exits while another holds the lease, and runs once it has expired', async () => {
    await t.db
      .insert(matchLocks)
      .values({ name: 'sweep', holder: crypto.randomUUID(), expiresAt: new Date(Date.now() + 60_000) });
    expect((await dispatch(t.db)).skipped).toBe(true);
    await t.db.update(matchLocks).set({ expiresAt: new Date(Date.now() - 1000) });
    const summary = await dispatch(t.db);
    expect(summary.skipped).toBe(false);
    expect(await t.db.select().from(matchLocks)).toHaveLength(0);
  });
});

describe('the double-booking constraint', () => {
  it('rejects two assigned overlapping orders of one worker with 23P01, and allows back-to-back ones', async () => {
    const { center, service, client } = await company(t.db);
    const w = await worker(t.db, { zoneIds: [center.id] });
    const start = new Date(nextMonday().getTime() + 200 * HOUR);
    await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start,
      status: 'assigned',
      workerId: w.id,
    });
    // 10:00-12:00 taken; 12:00-14:00 touches it only at the edge (half-open ranges).
    await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: new Date(start.getTime() + 2 * HOUR),
      status: 'assigned',
      workerId: w.id,
    });
    const overlapping = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: new Date(start.getTime() + HOUR),
    });
    let code: string | undefined;
    try {
      await t.db.update(orders).set({ status: 'assigned', workerId: w.id }).where(eq(orders.id, overlapping));
    } catch (error) {
      code = pgErrorCode(error);
    }
    expect(code).toBe('23P01');
    // A cancelled or pending order does not hold the time.
    await t.db.update(orders).set({ workerId: w.id }).where(eq(orders.id, overlapping));
    expect((await orderRow(overlapping)).status).toBe('pending');
  });
});

describe.skipIf(!onPostgres())('concurrent dispatches on PostgreSQL', () => {
  it('20 concurrent attempts for overlapping orders of one worker end with 0 overlaps and no error', async () => {
    const { center, client } = await company(t.db);
    const { createService } = await import('@/tests/support/factories');
    const s = await createService(t.db, { skill: 'race-skill', pricingUnit: 'fixed', unitPrice: 100000 });
    const w = await worker(t.db, { zoneIds: [center.id], skills: ['race-skill'] });
    const base = new Date(nextMonday().getTime() + 300 * HOUR);
    // 20 orders, each starting 30 minutes after the previous one and lasting 2 hours: neighbours overlap.
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(
        await pendingOrder(t.db, {
          clientId: client.id,
          serviceId: s.id,
          zoneId: center.id,
          start: new Date(base.getTime() + i * 0.5 * HOUR),
        }),
      );
    // Each attempt is an order's own after-commit match, plus two sweeps racing them.
    const attempts = [...ids.map((id) => dispatch(t.db, { orderIds: [id] })), dispatch(t.db), dispatch(t.db)];
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const overlaps = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from orders a join orders b on a.worker_id = b.worker_id and a.id < b.id
          where a.status in ('assigned','in_progress') and b.status in ('assigned','in_progress')
            and tstzrange(a.scheduled_start, a.scheduled_end) && tstzrange(b.scheduled_start, b.scheduled_end)`,
    );
    expect(overlaps[0].n).toBe(0);
    const assigned = await t.db
      .select({ id: orders.id })
      .from(orders)
      .where(and(inArray(orders.id, ids), eq(orders.workerId, w.id)));
    expect(assigned.length).toBeGreaterThanOrEqual(1);
  });
});
