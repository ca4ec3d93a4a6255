import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { orders, type PriceLine } from '@/db/schema';
import { accountBalance, failFinesByReason } from '@/lib/finance';
import { listPenaltyRules, updatePenaltyRule } from '@/lib/finance/rules-admin';
import { systemActor, transitionOrder } from '@/lib/orders';
import { failOrder } from '@/lib/quality';
import { failureReasons } from '@/lib/quality/schemas';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';

const t = setupTestDb();

// 50 m² × 60 ₽ = 3 000 ₽ base + 200 ₽ travel = 3 200 ₽ = 320 000 kopecks.
const lines: PriceLine[] = [
  { code: 'base', labelRu: 'Площадь', labelEn: 'Area', quantity: 50, unitPrice: 6_000, amount: 300_000 },
  { code: 'travel', labelRu: 'Выезд', labelEn: 'Travel', amount: 20_000 },
];

async function assignedOrder() {
  const zone = await createZone(t.db, { travelFee: 20_000 });
  const service = await createService(t.db);
  const client = await createUser(t.db, 'client');
  const worker = await createWorker(t.db, { skills: ['cleaning'], zoneIds: [zone.id] });
  const manager = await createUser(t.db, 'manager');
  const startsAt = new Date(Date.now() + 24 * 3_600_000);
  const [order] = await t.db
    .insert(orders)
    .values({
      number: `T-${randomUUID().slice(0, 8)}`,
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      address: 'ул. Тестовая, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: startsAt,
      scheduledEnd: new Date(startsAt.getTime() + 2 * 3_600_000),
      estimateLines: lines,
      estimateTotal: 320_000,
      currency: 'RUB',
    })
    .returning({ id: orders.id });
  await transitionOrder(t.db, systemActor, order.id, 'match', {
    set: { workerId: worker.id, priceLines: lines, priceTotal: 320_000 },
  });
  const [{ payTotal }] = await t.db.select({ payTotal: orders.payTotal }).from(orders).where(eq(orders.id, order.id));
  return { order, worker, manager, pay: payTotal! };
}

describe('fines by rule for every failure reason', () => {
  it('every failure reason has a rule on the rules page; only no-show fines by default', async () => {
    const admin = await createUser(t.db, 'admin');
    const rules = await listPenaltyRules(t.db, admin);
    for (const reason of failureReasons.filter((r) => r !== 'no_show'))
      expect(rules.find((r) => r.rule === `fail:${reason}`)).toMatchObject({ active: false, rateBp: 0 });
  });

  it('tells the manager, per reason, what failing would fine: no rule, no fine; a rule an admin sets applies', async () => {
    const admin = await createUser(t.db, 'admin');
    const s = await assignedOrder();
    expect(s.pay).toBeGreaterThan(0);

    const before = await failFinesByReason(t.db, s.manager, s.order.id, failureReasons);
    expect(before.hasWorker).toBe(true);
    // No-show: 100 % of the pay by the built-in rule; every other reason has no rule switched on.
    expect(before.fines).toEqual({
      no_show: s.pay,
      poor_quality: null,
      damage: null,
      client_unreachable: null,
      other: null,
    });

    // The admin sets damage at 30 % plus a fixed 500 ₽ (50 000 kopecks).
    const damage = (await listPenaltyRules(t.db, admin)).find((r) => r.rule === 'fail:damage')!;
    await updatePenaltyRule(t.db, admin, { id: damage.id, ratePercent: 3_000, fixedAmount: 50_000, active: true });
    const after = await failFinesByReason(t.db, s.manager, s.order.id, failureReasons);
    const expected = Math.round((s.pay * 3_000) / 10_000) + 50_000; // 30 % of the pay + 500 ₽
    expect(after.fines.damage).toBe(expected);

    // Failing for damage with "fine the worker" now fines exactly that: the worker's payable goes down by it.
    await failOrder(t.db, s.manager, {
      orderId: s.order.id,
      reasonCode: 'damage',
      chargeClient: false,
      fineWorker: true,
      note: '',
    });
    expect(await accountBalance(t.db, { type: 'payable', workerId: s.worker.id })).toBe(expected);
  });

  it('is for staff only', async () => {
    const s = await assignedOrder();
    const client = await createUser(t.db, 'client');
    await expect(failFinesByReason(t.db, client, s.order.id, failureReasons)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
