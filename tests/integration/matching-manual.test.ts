import { describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { matchExplanations, orderEvents, orders } from '@/db/schema';
import { assignManually, dispatch, getDispatchBoard, listExplanations, rankWorkersForOrder } from '@/lib/matching';
import { DomainError } from '@/lib/errors';
import { createService, createUser } from '@/tests/support/factories';
import { setupTestDb } from '@/tests/support/db';
import { HOUR, company, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('manual dispatch', () => {
  it('ranks workers, assigns by hand with a recorded override, and reassigns', async () => {
    const { center, north, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager', { name: 'Мария' });
    const s = await createService(t.db, { skill: 'manual-skill', pricingUnit: 'fixed', unitPrice: 200000 });
    const inZone = await worker(t.db, {
      zoneIds: [center.id],
      skills: ['manual-skill'],
      name: 'Анна',
      grade: 'senior',
    });
    const outOfZone = await worker(t.db, { zoneIds: [north.id], skills: ['manual-skill'], name: 'Ольга' });
    const start = new Date(nextMonday().getTime() + 34 * HOUR);
    const id = await pendingOrder(t.db, { clientId: client.id, serviceId: s.id, zoneId: center.id, start });

    const { order, candidates } = await rankWorkersForOrder(t.db, manager, id);
    expect(order.status).toBe('pending');
    const mine = candidates.filter((c) => c.workerId === inZone.id || c.workerId === outOfZone.id);
    expect(mine.map((c) => [c.name, c.eligible, c.reasons])).toEqual([
      ['Анна', true, []],
      ['Ольга', false, ['zone']],
    ]);
    expect(mine[1].overridable).toBe(true);

    // Out of zone without a reason: refused, the field says why.
    const noReason = await failure(assignManually(t.db, manager, { orderId: id, workerId: outOfZone.id }));
    expect(noReason.code).toBe('validation_failed');
    expect(noReason.fields.overrideReason).toBe('matching.errors.reasonRequired');

    expect(
      await assignManually(t.db, manager, {
        orderId: id,
        workerId: outOfZone.id,
        overrideReason: 'Клиент просил Ольгу',
      }),
    ).toEqual({ status: 'assigned' });
    const [row] = await t.db
      .select({ workerId: orders.workerId, priceTotal: orders.priceTotal })
      .from(orders)
      .where(eq(orders.id, id));
    expect(row.workerId).toBe(outOfZone.id);
    // Fixed 2 000 ₽ at standard grade (100 %) = 200 000 kopecks; the centre zone has no travel fee.
    expect(row.priceTotal).toBe(200000);
    const [why] = await t.db.select().from(matchExplanations).where(eq(matchExplanations.orderId, id));
    expect(why).toMatchObject({
      kind: 'manual',
      actorId: manager.id,
      overrideReason: 'Клиент просил Ольгу',
      overriddenRules: ['zone'],
    });

    // Reassign to Анна (eligible, no reason needed): a 'reassign' event by the manager; senior grade is priced higher.
    await assignManually(t.db, manager, { orderId: id, workerId: inZone.id });
    const [last] = await t.db
      .select({ kind: orderEvents.kind, actorId: orderEvents.actorId })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, id))
      .orderBy(desc(orderEvents.id))
      .limit(1);
    expect(last).toEqual({ kind: 'reassign', actorId: manager.id });
    const [after] = await t.db
      .select({ workerId: orders.workerId, priceTotal: orders.priceTotal })
      .from(orders)
      .where(eq(orders.id, id));
    expect(after.workerId).toBe(inZone.id);
    // Senior coefficient 120 %: 200 000 + 20 % = 240 000.
    expect(after.priceTotal).toBe(240000);

    const history = await listExplanations(t.db, manager, id);
    expect(history.map((h) => h.workerName)).toEqual(['Анна', 'Ольга']);
    // Both were made by hand: each names the manager who made it.
    expect(history.map((h) => [h.kind, h.actorName])).toEqual([
      ['manual', manager.name],
      ['manual', manager.name],
    ]);

    const same = await failure(assignManually(t.db, manager, { orderId: id, workerId: inZone.id }));
    expect(same.code).toBe('conflict');
  });

  it('never overrides an overlap, and only staff may dispatch by hand', async () => {
    const { center, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager');
    const s = await createService(t.db, { skill: 'busy-skill', pricingUnit: 'fixed', unitPrice: 100000 });
    const w = await worker(t.db, { zoneIds: [center.id], skills: ['busy-skill'] });
    const start = new Date(nextMonday().getTime() + 60 * HOUR);
    const first = await pendingOrder(t.db, { clientId: client.id, serviceId: s.id, zoneId: center.id, start });
    const second = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: s.id,
      zoneId: center.id,
      start: new Date(start.getTime() + HOUR),
    });
    expect((await dispatch(t.db, { orderIds: [first] })).matched).toBe(1);
    const busy = await failure(
      assignManually(t.db, manager, { orderId: second, workerId: w.id, overrideReason: 'срочно' }),
    );
    expect(busy).toMatchObject({ code: 'conflict', message: 'matching.errors.notOverridable' });
    const byClient = await failure(assignManually(t.db, client, { orderId: second, workerId: w.id }));
    expect(byClient.code).toBe('forbidden');
    expect((await failure(rankWorkersForOrder(t.db, client, second))).code).toBe('forbidden');

    const board = await getDispatchBoard(t.db, manager, 24);
    expect(board.pending.some((p) => p.id === second)).toBe(true);
    expect(board.recent.find((r) => r.orderId === first)).toMatchObject({ kind: 'auto', workerName: w.name });
    const [event] = await t.db
      .select({ kind: orderEvents.kind })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, first), eq(orderEvents.kind, 'match')));
    expect(event).toBeDefined();
  });
});
