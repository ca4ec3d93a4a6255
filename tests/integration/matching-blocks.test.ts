import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditLog, clientBlockedWorkers, orderEvents, orders } from '@/db/schema';
import {
  blockWorkerForClient,
  CLIENT_BLOCKED_WORKER,
  dispatch,
  listBlocksForClient,
  rankWorkersForOrder,
  unblockWorkerForClient,
} from '@/lib/matching';
import { DomainError, toFormState } from '@/lib/errors';
import { createService, createUser } from '@/tests/support/factories';
import { setupTestDb } from '@/tests/support/db';
import { HOUR, company, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function domainFailure(p: Promise<unknown>): Promise<DomainError> {
  const error = await failure(p);
  if (error instanceof DomainError) return error;
  throw error;
}

const orderRow = async (id: string) => {
  const [row] = await t.db
    .select({ status: orders.status, workerId: orders.workerId, priceTotal: orders.priceTotal })
    .from(orders)
    .where(eq(orders.id, id));
  return row;
};

const blockRows = (clientId: string) =>
  t.db.select().from(clientBlockedWorkers).where(eq(clientBlockedWorkers.clientId, clientId));

const auditRows = (clientId: string) =>
  t.db
    .select({ action: auditLog.action, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'client'), eq(auditLog.entityId, clientId)))
    .orderBy(asc(auditLog.id));

/** A client with a service only the test's own workers have, so other tests' workers never compete. */
async function setup() {
  const { center, client } = await company(t.db);
  const skill = `blk-${randomUUID().slice(0, 6)}`;
  const service = await createService(t.db, { skill, pricingUnit: 'fixed', unitPrice: 200000 });
  const manager = await createUser(t.db, 'manager', { name: 'Мария Менеджер' });
  const blocked = await worker(t.db, { zoneIds: [center.id], skills: [skill], name: 'Анна Блокова' });
  const order = (start: Date, opts: { clientId?: string; workerId?: string; status?: 'pending' | 'assigned' } = {}) =>
    pendingOrder(t.db, {
      clientId: opts.clientId ?? client.id,
      serviceId: service.id,
      zoneId: center.id,
      start,
      status: opts.status ?? 'assigned',
      workerId: opts.workerId ?? blocked.id,
    });
  return { center, client, skill, service, manager, blocked, order };
}

describe('blocking a worker for a client', () => {
  it("stores the block and sends the client's future assigned orders of that worker back to matching, and only those", async () => {
    const { center, client, skill, manager, blocked, order } = await setup();
    const other = await worker(t.db, { zoneIds: [center.id], skills: [skill], name: 'Ольга Другая' });
    const otherClient = await createUser(t.db, 'client');
    const monday = nextMonday();
    const first = await order(new Date(monday.getTime() + 30 * HOUR));
    const second = await order(new Date(monday.getTime() + 54 * HOUR));
    const otherClientsOrder = await order(new Date(monday.getTime() + 78 * HOUR), { clientId: otherClient.id });
    // Started ten minutes early (inside the start window): still in the future by its schedule, but under way.
    const inProgress = await order(new Date(Date.now() + 10 * 60_000));
    await t.db.update(orders).set({ status: 'in_progress', startedAt: new Date() }).where(eq(orders.id, inProgress));

    const result = await blockWorkerForClient(t.db, manager, {
      clientId: client.id,
      workerId: blocked.id,
      reason: '  Клиент жалуется на опоздания  ',
    });
    expect(result).toEqual({ created: true, unassigned: [first, second] });

    const rows = await blockRows(client.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      workerId: blocked.id,
      reason: 'Клиент жалуется на опоздания',
      createdBy: manager.id,
    });

    for (const id of [first, second]) {
      expect(await orderRow(id)).toEqual({ status: 'pending', workerId: null, priceTotal: null });
      const events = await t.db
        .select({
          from: orderEvents.fromStatus,
          to: orderEvents.toStatus,
          reason: orderEvents.reason,
          actorId: orderEvents.actorId,
        })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, id), eq(orderEvents.kind, 'unassign')));
      expect(events).toEqual([{ from: 'assigned', to: 'pending', reason: CLIENT_BLOCKED_WORKER, actorId: manager.id }]);
    }
    expect(await orderRow(otherClientsOrder)).toMatchObject({ status: 'assigned', workerId: blocked.id });
    expect(await orderRow(inProgress)).toMatchObject({ status: 'in_progress', workerId: blocked.id });
    const untouchedEvents = await t.db
      .select({ id: orderEvents.id })
      .from(orderEvents)
      .where(inArray(orderEvents.orderId, [otherClientsOrder, inProgress]));
    expect(untouchedEvents).toEqual([]);

    expect(await auditRows(client.id)).toEqual([
      {
        action: 'client.block_worker',
        actorId: manager.id,
        before: null,
        after: {
          workerId: blocked.id,
          reason: 'Клиент жалуется на опоздания',
          previousReason: null,
          unassigned: [first, second],
        },
      },
    ]);

    const list = await listBlocksForClient(t.db, manager, client.id);
    expect(list).toEqual([
      {
        workerId: blocked.id,
        workerName: 'Анна Блокова',
        reason: 'Клиент жалуется на опоздания',
        blockedById: manager.id,
        blockedByName: 'Мария Менеджер',
        blockedAt: rows[0].createdAt,
      },
    ]);
    expect(await listBlocksForClient(t.db, manager, otherClient.id)).toEqual([]);

    // The re-match (what matchSoon runs after the response) reads the block and picks the other worker.
    const summary = await dispatch(t.db, { orderIds: [first, second] });
    expect(summary).toMatchObject({ matched: 2, unmatched: 0 });
    expect((await orderRow(first)).workerId).toBe(other.id);
    expect((await orderRow(second)).workerId).toBe(other.id);
  });

  it('leaves the order pending when no one else fits; unblocking makes the worker eligible again', async () => {
    const { client, manager, blocked, order } = await setup();
    const id = await order(new Date(nextMonday().getTime() + 102 * HOUR));

    expect(
      (
        await blockWorkerForClient(t.db, manager, {
          clientId: client.id,
          workerId: blocked.id,
          reason: 'Просьба клиента',
        })
      ).unassigned,
    ).toEqual([id]);
    expect(await dispatch(t.db, { orderIds: [id] })).toMatchObject({ matched: 0, unmatched: 1 });
    expect(await orderRow(id)).toMatchObject({ status: 'pending', workerId: null });
    const ranked = await rankWorkersForOrder(t.db, manager, id);
    expect(ranked.candidates.find((c) => c.workerId === blocked.id)).toMatchObject({
      eligible: false,
      reasons: ['blocked'],
      overridable: true,
    });

    await unblockWorkerForClient(t.db, manager, { clientId: client.id, workerId: blocked.id });
    expect(await blockRows(client.id)).toEqual([]);
    expect(await listBlocksForClient(t.db, manager, client.id)).toEqual([]);
    expect((await auditRows(client.id)).map((a) => [a.action, a.actorId, a.before, a.after])).toEqual([
      [
        'client.block_worker',
        manager.id,
        null,
        { workerId: blocked.id, reason: 'Просьба клиента', previousReason: null, unassigned: [id] },
      ],
      ['client.unblock_worker', manager.id, { workerId: blocked.id, reason: 'Просьба клиента' }, null],
    ]);
    expect(await dispatch(t.db, { orderIds: [id] })).toMatchObject({ matched: 1 });
    expect(await orderRow(id)).toMatchObject({ status: 'assigned', workerId: blocked.id });

    // Nothing left to lift.
    const again = await domainFailure(
      unblockWorkerForClient(t.db, manager, { clientId: client.id, workerId: blocked.id }),
    );
    expect(again).toMatchObject({ code: 'not_found', message: 'matching.errors.blockNotFound' });
  });

  it('blocking twice keeps one row, replaces the reason and keeps the first date', async () => {
    const { client, manager, blocked } = await setup();
    const admin = await createUser(t.db, 'admin');
    expect(
      await blockWorkerForClient(t.db, manager, {
        clientId: client.id,
        workerId: blocked.id,
        reason: 'Первая причина',
      }),
    ).toEqual({ created: true, unassigned: [] });
    const [first] = await blockRows(client.id);
    expect(
      await blockWorkerForClient(t.db, admin, { clientId: client.id, workerId: blocked.id, reason: 'Вторая причина' }),
    ).toEqual({ created: false, unassigned: [] });
    const rows = await blockRows(client.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: 'Вторая причина', createdBy: admin.id, createdAt: first.createdAt });
    expect(
      (await auditRows(client.id)).map((a) => [a.action, a.actorId, a.after?.reason, a.after?.previousReason]),
    ).toEqual([
      ['client.block_worker', manager.id, 'Первая причина', null],
      ['client.block_worker', admin.id, 'Вторая причина', 'Первая причина'],
    ]);
  });

  it('is for managers and admins only: a client or a worker is forbidden and nothing is written', async () => {
    const { client, manager, blocked, order } = await setup();
    const id = await order(new Date(nextMonday().getTime() + 126 * HOUR));
    for (const actor of [client, blocked]) {
      expect(
        await domainFailure(
          blockWorkerForClient(t.db, actor, {
            clientId: client.id,
            workerId: blocked.id,
            reason: 'Не хочу этого исполнителя',
          }),
        ),
      ).toMatchObject({ code: 'forbidden' });
      expect(
        await domainFailure(unblockWorkerForClient(t.db, actor, { clientId: client.id, workerId: blocked.id })),
      ).toMatchObject({ code: 'forbidden' });
      expect(await domainFailure(listBlocksForClient(t.db, actor, client.id))).toMatchObject({ code: 'forbidden' });
    }
    expect(await blockRows(client.id)).toEqual([]);
    expect(await auditRows(client.id)).toEqual([]);
    expect(await orderRow(id)).toMatchObject({ status: 'assigned', workerId: blocked.id });

    // A block made by a manager cannot be lifted by the client either.
    await blockWorkerForClient(t.db, manager, { clientId: client.id, workerId: blocked.id, reason: 'Жалоба' });
    expect(
      await domainFailure(unblockWorkerForClient(t.db, client, { clientId: client.id, workerId: blocked.id })),
    ).toMatchObject({ code: 'forbidden' });
    expect(await blockRows(client.id)).toHaveLength(1);
  });

  it('rejects a short or long reason and ids that are not a client and a worker, writing nothing', async () => {
    const { client, manager, blocked, order } = await setup();
    const otherClient = await createUser(t.db, 'client');
    const id = await order(new Date(nextMonday().getTime() + 150 * HOUR));

    // Bad input is a form error on its field (the edge maps it with toFormState), never a 500.
    const short = await failure(
      blockWorkerForClient(t.db, manager, { clientId: client.id, workerId: blocked.id, reason: '  ok  ' }),
    );
    expect(toFormState(short).fields).toEqual({ reason: 'matching.errors.blockReasonShort' });
    const long = await failure(
      blockWorkerForClient(t.db, manager, { clientId: client.id, workerId: blocked.id, reason: 'x'.repeat(501) }),
    );
    expect(toFormState(long).fields).toEqual({ reason: 'matching.errors.blockReasonLong' });

    const reason = 'Просьба клиента';
    const notWorker = await domainFailure(
      blockWorkerForClient(t.db, manager, { clientId: client.id, workerId: otherClient.id, reason }),
    );
    expect(notWorker).toMatchObject({ code: 'validation_failed', fields: { workerId: 'matching.errors.notAWorker' } });
    const nobody = await domainFailure(
      blockWorkerForClient(t.db, manager, { clientId: client.id, workerId: randomUUID(), reason }),
    );
    expect(nobody).toMatchObject({ code: 'validation_failed', fields: { workerId: 'matching.errors.notAWorker' } });
    const notClient = await domainFailure(
      blockWorkerForClient(t.db, manager, { clientId: manager.id, workerId: blocked.id, reason }),
    );
    expect(notClient).toMatchObject({ code: 'validation_failed', fields: { clientId: 'matching.errors.notAClient' } });
    const swapped = await domainFailure(
      blockWorkerForClient(t.db, manager, { clientId: blocked.id, workerId: client.id, reason }),
    );
    expect(swapped).toMatchObject({ code: 'validation_failed', fields: { clientId: 'matching.errors.notAClient' } });

    expect(await blockRows(client.id)).toEqual([]);
    expect(await auditRows(client.id)).toEqual([]);
    expect(await orderRow(id)).toMatchObject({ status: 'assigned', workerId: blocked.id });
  });
});
