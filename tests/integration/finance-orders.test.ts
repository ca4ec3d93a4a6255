import { describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { adjustments, auditLog, journalEntries, notifications, orders, payRates } from '@/db/schema';
import { accountBalance } from '@/lib/finance';
import { financeOnOrderChange, orderEntryKey } from '@/lib/finance';
import { recordManualAdjustment, waiveFine } from '@/lib/finance/adjustments';
import { systemActor, transitionOrder } from '@/lib/orders';
import { createUser } from '../support/factories';
import { setupTestDb } from '../support/db';
import { demoPriceLines, demoPriceTotal, orderFixture } from '../support/finance-fixtures';

const t = setupTestDb();
const MIN = 60_000;

async function entry(key: string) {
  const [row] = await t.db
    .select({ id: journalEntries.id, kind: journalEntries.kind })
    .from(journalEntries)
    .where(eq(journalEntries.key, key));
  return row ?? null;
}

async function matched(opts: Parameters<typeof orderFixture>[1] = {}) {
  const f = await orderFixture(t.db, opts);
  await transitionOrder(t.db, systemActor, f.order.id, 'match', {
    set: { workerId: f.worker.id, priceLines: demoPriceLines, priceTotal: demoPriceTotal },
  });
  const [o] = await t.db
    .select({ payTotal: orders.payTotal, payLines: orders.payLines })
    .from(orders)
    .where(eq(orders.id, f.order.id));
  return { ...f, pay: o };
}

describe('finance subscriber on order transitions', () => {
  it('prices the pay at matching with the rate in force, and keeps it when the rate changes later', async () => {
    const f = await matched();
    // Standard default rate: 55 % of the work (300 000) = 165 000, plus the whole travel fee 20 000 = 185 000.
    expect(f.pay.payTotal).toBe(185_000);
    expect(f.pay.payLines?.map((l) => [l.code, l.amount])).toEqual([
      ['work', 165_000],
      ['travel', 20_000],
    ]);
    await t.db.insert(payRates).values({
      serviceId: f.service.id,
      grade: 'standard',
      shareBp: 7_000,
      travelShareBp: 10_000,
      minPay: 0,
      validFrom: new Date(),
    });
    const [o] = await t.db.select({ payTotal: orders.payTotal }).from(orders).where(eq(orders.id, f.order.id));
    expect(o.payTotal).toBe(185_000);
  });

  it('uses the service rate valid at matching time (history), else the fallback row', async () => {
    const f0 = await orderFixture(t.db, { grade: 'senior' });
    await t.db.insert(payRates).values([
      {
        serviceId: null,
        grade: 'senior',
        shareBp: 5_000,
        travelShareBp: 5_000,
        minPay: 0,
        validFrom: new Date('2020-01-01'),
      },
      {
        serviceId: f0.service.id,
        grade: 'senior',
        shareBp: 6_500,
        travelShareBp: 10_000,
        minPay: 0,
        validFrom: new Date('2021-01-01'),
      },
      {
        serviceId: f0.service.id,
        grade: 'senior',
        shareBp: 9_000,
        travelShareBp: 10_000,
        minPay: 0,
        validFrom: new Date('2099-01-01'),
      },
    ]);
    await transitionOrder(t.db, systemActor, f0.order.id, 'match', {
      set: { workerId: f0.worker.id, priceLines: demoPriceLines, priceTotal: demoPriceTotal },
    });
    const [o] = await t.db.select({ payTotal: orders.payTotal }).from(orders).where(eq(orders.id, f0.order.id));
    // The 2021 service rate (the 2099 one is not in force yet): 65 % × 300 000 = 195 000 + 20 000 travel = 215 000.
    expect(o.payTotal).toBe(215_000);
  });

  it('a late start fines 10 % of the pay, and completion posts price and pay exactly once', async () => {
    const f = await matched();
    const worker = { id: f.worker.id, role: 'worker' as const };
    await transitionOrder(t.db, worker, f.order.id, 'start', {
      set: { startedAt: new Date(f.order.scheduledStart.getTime() + 12 * MIN) },
      data: { late: true, lateMinutes: 12 },
    });
    const change = await transitionOrder(t.db, worker, f.order.id, 'finish', { set: { finishedAt: new Date() } });
    // The same fact handled again (a retried subscriber) posts nothing new.
    await t.db.transaction((tx) => financeOnOrderChange(tx, [change]));
    expect(await t.db.$count(journalEntries, eq(journalEntries.orderId, f.order.id))).toBe(2);
    expect((await entry(orderEntryKey.lateness(f.order.id)))?.kind).toBe('fine');
    // The worker is told about the fine by email, once, in her language.
    const mails = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(eq(notifications.idempotencyKey, `adjustment_recorded:${orderEntryKey.lateness(f.order.id)}`));
    expect(mails).toHaveLength(1);
    expect(mails[0].data).toMatchObject({ type: 'fine', amount: 18_500, reason: 'Опоздание на 12 мин' });
    // Client owes the price 320 000. Worker: earned 185 000 (credit) minus the fine 10 % × 185 000 = 18 500 (debit).
    expect(await accountBalance(t.db, { type: 'receivable', clientId: f.client.id })).toBe(320_000);
    expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(-185_000 + 18_500);
  });

  it('over 30 minutes late fines 30 %; on time (late: false) fines nothing', async () => {
    const f = await matched();
    await transitionOrder(t.db, { id: f.worker.id, role: 'worker' }, f.order.id, 'start', {
      data: { late: true, lateMinutes: 31 },
    });
    // 30 % × 185 000 = 55 500.
    expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(55_500);
    const g = await matched();
    await transitionOrder(t.db, { id: g.worker.id, role: 'worker' }, g.order.id, 'start', {
      data: { late: false, lateMinutes: 0 },
    });
    expect(await accountBalance(t.db, { type: 'payable', workerId: g.worker.id })).toBe(0);
  });

  it('a thrown error mid-fact leaves neither the fact nor its entry', async () => {
    const f = await matched();
    const worker = { id: f.worker.id, role: 'worker' as const };
    await transitionOrder(t.db, worker, f.order.id, 'start');
    await expect(
      t.db.transaction(async (tx) => {
        await transitionOrder(tx, worker, f.order.id, 'finish');
        throw new Error('crash after the fact');
      }),
    ).rejects.toThrow('crash');
    const [o] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, f.order.id));
    expect(o.status).toBe('in_progress');
    expect(await entry(orderEntryKey.completed(f.order.id))).toBeNull();
  });

  it('a late decline fines by hours before the start, and clears the pay for the next match', async () => {
    const f = await matched({ startsInHours: 10 });
    await transitionOrder(t.db, { id: f.worker.id, role: 'worker' }, f.order.id, 'decline', {
      data: { reasonCode: 'sick', hoursBeforeStart: 10 },
    });
    // 10 h before: the [6, 12) band, 80 % × 185 000 = 148 000.
    expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(148_000);
    const [o] = await t.db.select({ payTotal: orders.payTotal }).from(orders).where(eq(orders.id, f.order.id));
    expect(o.payTotal).toBeNull();
    const g = await matched({ startsInHours: 48 });
    await transitionOrder(t.db, { id: g.worker.id, role: 'worker' }, g.order.id, 'decline', {
      data: { reasonCode: 'sick' },
    });
    // 48 h before (computed from the order's times): no fine.
    expect(await accountBalance(t.db, { type: 'payable', workerId: g.worker.id })).toBe(0);
  });

  it('a cancellation with a fee charges the client once', async () => {
    const f = await matched();
    await transitionOrder(t.db, { id: f.client.id, role: 'client' }, f.order.id, 'cancel', {
      set: { cancellationFee: 96_000 },
    });
    expect(await accountBalance(t.db, { type: 'receivable', clientId: f.client.id })).toBe(96_000);
    expect((await entry(orderEntryKey.cancellationFee(f.order.id)))?.kind).toBe('cancellation_fee');
  });

  it('a no-show failure fines 100 % of the pay and charges the client nothing by default', async () => {
    const f = await matched();
    await transitionOrder(t.db, systemActor, f.order.id, 'fail', {
      reason: 'no_show',
      data: { reasonCode: 'no_show' },
    });
    expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(185_000);
    expect(await accountBalance(t.db, { type: 'receivable', clientId: f.client.id })).toBe(0);
  });

  it('a failed review reverses the completion, charges what the manager decided and fines the set amount', async () => {
    const f = await matched();
    const worker = { id: f.worker.id, role: 'worker' as const };
    const manager = await createUser(t.db, 'manager');
    await transitionOrder(t.db, worker, f.order.id, 'start', { data: { late: false } });
    await transitionOrder(t.db, worker, f.order.id, 'finish');
    await transitionOrder(t.db, manager, f.order.id, 'review_fail', {
      reason: 'quality',
      data: { reasonCode: 'quality', chargeClient: 100_000, penalty: 30_000 },
    });
    // Completion reversed: the client owes only the decided 100 000; the worker earns nothing and owes the 30 000 fine.
    expect(await accountBalance(t.db, { type: 'receivable', clientId: f.client.id })).toBe(100_000);
    expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(30_000);
  });

  it('managers add fines, bonuses and write-offs with a reason, once per request, and waive fines', async () => {
    const f = await matched();
    const manager = await createUser(t.db, 'manager');
    const requestId = crypto.randomUUID();
    const input = {
      kind: 'bonus' as const,
      subjectId: f.worker.id,
      amount: 50_000,
      reason: 'Great feedback',
      requestId,
    };
    await recordManualAdjustment(t.db, manager, input);
    await recordManualAdjustment(t.db, manager, input);
    expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(-50_000);
    await expect(
      recordManualAdjustment(t.db, manager, { ...input, kind: 'write_off', requestId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'validation_failed', message: 'finance.errors.wrongSubject' });
    await expect(
      recordManualAdjustment(t.db, { ...f.worker }, { ...input, requestId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await recordManualAdjustment(t.db, manager, {
      kind: 'fine',
      subjectId: f.worker.id,
      amount: 10_000,
      reason: 'Late report',
      requestId: crypto.randomUUID(),
    });
    const [fine] = await t.db
      .select({ id: adjustments.id })
      .from(adjustments)
      .where(eq(adjustments.reason, 'Late report'));
    await waiveFine(t.db, manager, fine.id, 'Traffic accident, not her fault');
    await waiveFine(t.db, manager, fine.id, 'Traffic accident, not her fault');
    expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(-50_000);
    // The use cases audit themselves: one row per posted fact (the repeated bonus and waiver post nothing new).
    const audited = await t.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(inArray(auditLog.action, ['finance.bonus', 'finance.fine', 'finance.waive']))
      .orderBy(auditLog.id);
    expect(audited).toEqual([
      { action: 'finance.bonus', actorId: manager.id },
      { action: 'finance.fine', actorId: manager.id },
      { action: 'finance.waive', actorId: manager.id },
    ]);
  });
});
