import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adjustments, auditLog, journalEntries, payslips, supplyMovements } from '@/db/schema';
import { accountBalance, recordManualAdjustment } from '@/lib/finance';
import { adjustmentInput } from '@/lib/finance/schemas';
import { ensureRun, payrollBatch } from '@/lib/finance/payroll';
import {
  chargeShortfall,
  createSupply,
  resolveShortfall,
  issueToWorker,
  listMovements,
  moveStock,
  setBillOfMaterials,
  supplyShortfallsForOrder,
} from '@/lib/supplies';
import { finishTask, startTask } from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

describe('charging a supply shortfall to the worker', () => {
  it('posts one supply_charge of shortfall × unit cost, resolves the shortfall and reaches payroll', async () => {
    const manager = await createUser(t.db, 'manager');
    const zone = await createZone(t.db);
    const service = await createService(t.db, { checklist: [] });
    const client = await createUser(t.db, 'client');
    const worker = await createWorker(t.db);
    const gloves = await createSupply(t.db, manager, {
      nameRu: 'Перчатки',
      nameEn: 'Gloves',
      unit: 'пар',
      unitCostMinor: 4550,
      lowStockThreshold: 0,
    });
    // One order uses 5 pairs; the worker carries 2.
    await setBillOfMaterials(t.db, manager, service.id, [{ supplyId: gloves.id, quantity: 5 }]);
    await moveStock(t.db, manager, { supplyId: gloves.id, kind: 'received', quantity: 10, note: '' });
    await issueToWorker(t.db, manager, { supplyId: gloves.id, workerId: worker.id, quantity: 2, note: '' });
    const start = new Date('2026-12-03T07:00:00Z');
    const o = await insertOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      workerId: worker.id,
      start,
    });
    await startTask(t.db, worker, o.id, start);
    await finishTask(t.db, worker, o.id, { ticked: [] }, new Date('2026-12-03T09:00:00Z'));

    // Used 5, held 2: 3 pairs not covered; 3 × 45.50 RUB = 3 × 4 550 = 13 650 kopecks.
    expect(await supplyShortfallsForOrder(t.db, o.id)).toEqual([
      { supplyId: gloves.id, quantity: 3, unitCost: 4550, amount: 13650 },
    ]);
    const [shortfall] = (await listMovements(t.db, manager, { shortfallOnly: true, workerId: worker.id })).items;
    expect(shortfall).toMatchObject({ orderId: o.id, shortfall: 3, resolvedAt: null });

    // Neither the worker nor a client may charge it.
    await expect(chargeShortfall(t.db, worker, shortfall.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(chargeShortfall(t.db, client, shortfall.id)).rejects.toMatchObject({ code: 'forbidden' });

    const payableBefore = await accountBalance(t.db, { type: 'payable', workerId: worker.id });
    const first = await chargeShortfall(t.db, manager, shortfall.id);
    expect(first).toMatchObject({ created: true, amount: 13650 });
    // A double click: nothing new is posted.
    expect(await chargeShortfall(t.db, manager, shortfall.id)).toEqual({
      entryId: first.entryId,
      created: false,
      amount: 13650,
    });

    const charges = await t.db
      .select()
      .from(adjustments)
      .where(and(eq(adjustments.subjectId, worker.id), eq(adjustments.kind, 'supply_charge')));
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ amount: 13650, orderId: o.id, entryId: first.entryId, createdBy: manager.id });
    expect(charges[0].reason).toContain(o.number);
    expect(charges[0].reason).toContain('Перчатки');
    const [entry] = await t.db
      .select({ key: journalEntries.key, kind: journalEntries.kind })
      .from(journalEntries)
      .where(eq(journalEntries.id, first.entryId));
    expect(entry).toEqual({ key: `supply_shortfall:${shortfall.id}`, kind: 'supply_charge' });
    // The worker is owed 13 650 less (payable is a credit balance; the charge debits it).
    expect((await accountBalance(t.db, { type: 'payable', workerId: worker.id })) - payableBefore).toBe(13650);
    // The shortfall is resolved (off the list) and the charge is audited once.
    const [moved] = await t.db
      .select({ resolvedAt: supplyMovements.resolvedAt })
      .from(supplyMovements)
      .where(eq(supplyMovements.id, shortfall.id));
    expect(moved.resolvedAt).not.toBeNull();
    expect((await listMovements(t.db, manager, { shortfallOnly: true, workerId: worker.id })).items).toEqual([]);
    const audits = await t.db
      .select({ actorId: auditLog.actorId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'supply.charge_shortfall'), eq(auditLog.entityId, String(shortfall.id))));
    expect(audits).toEqual([
      {
        actorId: manager.id,
        after: expect.objectContaining({ workerId: worker.id, quantity: 3, unitCost: 4550, amount: 13650 }),
      },
    ]);

    // December's payroll deducts it.
    const run = await ensureRun(t.db, '2026-12');
    await payrollBatch(t.db, {
      runId: run.id,
      period: '2026-12',
      until: new Date('2027-01-01T00:00:00Z'),
      afterWorkerId: null,
      limit: 1000,
    });
    const [slip] = await t.db
      .select({ deductions: payslips.deductions })
      .from(payslips)
      .where(eq(payslips.workerId, worker.id));
    expect(slip.deductions).toBe(13650);
  });

  it('a shortfall resolved without a charge is not charged later', async () => {
    const manager = await createUser(t.db, 'manager');
    const zone = await createZone(t.db);
    const service = await createService(t.db, { checklist: [] });
    const client = await createUser(t.db, 'client');
    const worker = await createWorker(t.db);
    const spray = await createSupply(t.db, manager, {
      nameRu: 'Спрей',
      nameEn: 'Spray',
      unit: 'бут.',
      unitCostMinor: 30000,
      lowStockThreshold: 0,
    });
    await setBillOfMaterials(t.db, manager, service.id, [{ supplyId: spray.id, quantity: 1 }]);
    const start = new Date('2026-12-04T07:00:00Z');
    const o = await insertOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      workerId: worker.id,
      start,
    });
    await startTask(t.db, worker, o.id, start);
    await finishTask(t.db, worker, o.id, { ticked: [] }, new Date('2026-12-04T09:00:00Z'));
    const [shortfall] = (await listMovements(t.db, manager, { shortfallOnly: true, workerId: worker.id })).items;
    await resolveShortfall(t.db, manager, shortfall.id);
    await expect(chargeShortfall(t.db, manager, shortfall.id)).rejects.toMatchObject({
      code: 'conflict',
      message: 'supplies.errors.alreadyResolved',
    });
    expect(await t.db.select().from(adjustments).where(eq(adjustments.subjectId, worker.id))).toEqual([]);
  });

  it('a manager can record a supply charge by hand, on a worker only', async () => {
    const manager = await createUser(t.db, 'manager');
    const worker = await createWorker(t.db);
    const client = await createUser(t.db, 'client');
    const input = adjustmentInput.parse({
      kind: 'supply_charge',
      subjectId: worker.id,
      amount: '120,50',
      reason: 'Разбитый флакон',
      requestId: crypto.randomUUID(),
    });
    const posted = await recordManualAdjustment(t.db, manager, input);
    expect(posted.created).toBe(true);
    // 120.50 RUB = 12 050 kopecks, debited to the worker's payable.
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(12050);
    await expect(
      recordManualAdjustment(t.db, manager, { ...input, subjectId: client.id, requestId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      recordManualAdjustment(t.db, worker, { ...input, requestId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
