import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, notifications, orders } from '@/db/schema';
import { cancelOrder, rescheduleOrder, systemActor, transitionOrder } from '@/lib/orders';
import { toDateString } from '@/lib/time';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { demoPriceLines, demoPriceTotal, orderFixture } from '../support/finance-fixtures';

const t = setupTestDb();

/** An order assigned to its worker, starting in `hours`. */
async function assigned(hours: number) {
  const f = await orderFixture(t.db, { startsInHours: hours });
  // Booked two days ago (past the free-cancellation grace after booking), for 50 m².
  await t.db
    .update(orders)
    .set({ bookedAt: new Date(Date.now() - 2 * 86_400_000), options: { areaM2: 50, bathrooms: 1, extras: [] } })
    .where(eq(orders.id, f.order.id));
  await transitionOrder(t.db, systemActor, f.order.id, 'match', {
    set: { workerId: f.worker.id, priceLines: demoPriceLines, priceTotal: demoPriceTotal },
  });
  return { ...f, manager: await createUser(t.db, 'manager') };
}

async function auditOf(orderId: string, action: string) {
  const [row] = await t.db
    .select({ after: auditLog.after, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, orderId), eq(auditLog.action, action)));
  return row;
}

describe('staff change an order on the client’s behalf', () => {
  it('cancel: the policy’s fee applies, or is waived with a reason that the audit log keeps', async () => {
    const charged = await assigned(1);
    // One hour before the start is inside the full-price window (2 h): the fee is the whole 3 200 ₽.
    const res = await cancelOrder(t.db, charged.manager, {
      orderId: charged.order.id,
      reasonCode: 'plans_changed',
      comment: 'Клиент позвонил',
    });
    expect(res.fee).toBe(demoPriceTotal);
    expect((await auditOf(charged.order.id, 'order.cancel_for_client')).after).toMatchObject({ fee: demoPriceTotal });

    const waived = await assigned(1);
    await expect(
      cancelOrder(t.db, waived.manager, { orderId: waived.order.id, reasonCode: 'plans_changed', waiveFee: true }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { waiveReason: 'orders.errors.waiveReasonRequired' },
    });
    const free = await cancelOrder(t.db, waived.manager, {
      orderId: waived.order.id,
      reasonCode: 'plans_changed',
      waiveFee: true,
      waiveReason: 'Уборщица заболела, переносить некуда',
    });
    expect(free.fee).toBe(0);
    const [row] = await t.db
      .select({ fee: orders.cancellationFee, status: orders.status })
      .from(orders)
      .where(eq(orders.id, waived.order.id));
    expect(row).toEqual({ fee: 0, status: 'cancelled' });
    const audit = await auditOf(waived.order.id, 'order.cancel_for_client');
    expect(audit).toMatchObject({
      actorId: waived.manager.id,
      after: { fee: 0, waivedFee: demoPriceTotal, waiveReason: 'Уборщица заболела, переносить некуда' },
    });
  });

  it('cancel: a client cannot waive their own fee; another client’s order is not found; a worker is refused', async () => {
    const s = await assigned(1);
    await expect(
      cancelOrder(t.db, s.client, {
        orderId: s.order.id,
        reasonCode: 'plans_changed',
        waiveFee: true,
        waiveReason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const other = await createUser(t.db, 'client');
    await expect(cancelOrder(t.db, other, { orderId: s.order.id, reasonCode: 'plans_changed' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      cancelOrder(t.db, s.worker, { orderId: s.order.id, reasonCode: 'plans_changed' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('reschedule: staff move an order inside the fee window (a client may not), and the client is emailed', async () => {
    const s = await assigned(3);
    const date = toDateString(new Date(Date.now() + 3 * 86_400_000), 'Europe/Moscow');
    // Three hours before the start a cancellation would cost 30 %: the client is refused.
    await expect(
      rescheduleOrder(t.db, s.client, { orderId: s.order.id, date, time: '10:00' }, { match: false }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'orders.errors.rescheduleTooLate' });
    await rescheduleOrder(t.db, s.manager, { orderId: s.order.id, date, time: '10:00' }, { match: false });
    const [row] = await t.db
      .select({ status: orders.status, workerId: orders.workerId })
      .from(orders)
      .where(eq(orders.id, s.order.id));
    expect(row).toEqual({ status: 'pending', workerId: null });
    expect(
      await t.db.$count(
        notifications,
        and(eq(notifications.kind, 'order_rescheduled'), eq(notifications.userId, s.client.id)),
      ),
    ).toBe(1);
    expect((await auditOf(s.order.id, 'order.reschedule_for_client')).actorId).toBe(s.manager.id);
  });

  it('reschedule: a free re-do stays free at its new time', async () => {
    const s = await assigned(48);
    await t.db
      .update(orders)
      .set({
        options: { areaM2: 50, bathrooms: 1, extras: [], redoOf: s.order.id },
        estimateTotal: 0,
        estimateLines: [{ code: 'redo', labelRu: 'Повтор', labelEn: 'Re-do', amount: 0 }],
      })
      .where(eq(orders.id, s.order.id));
    const date = toDateString(new Date(Date.now() + 4 * 86_400_000), 'Europe/Moscow');
    await rescheduleOrder(t.db, s.manager, { orderId: s.order.id, date, time: '12:00' }, { match: false });
    const [row] = await t.db
      .select({ estimateTotal: orders.estimateTotal })
      .from(orders)
      .where(eq(orders.id, s.order.id));
    expect(row.estimateTotal).toBe(0);
  });
});
