import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, supplies, supplyMovements, workerSupplyHoldings } from '@/db/schema';
import {
  createSupply,
  listSupplies,
  issueToWorker,
  listHoldings,
  listMovements,
  moveStock,
  returnFromWorker,
  setBillOfMaterials,
  supplyShortfallsForOrder,
} from '@/lib/supplies';
import { finishTask, startTask } from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

const stockOf = async (id: string) =>
  (await t.db.select({ stock: supplies.stock }).from(supplies).where(eq(supplies.id, id)))[0].stock;
const movementsOf = (id: string) => t.db.select().from(supplyMovements).where(eq(supplyMovements.supplyId, id));

describe('supplies', () => {
  it('keeps the unit in both languages; a supply without an English unit shows its Russian one', async () => {
    const manager = await createUser(t.db, 'manager');
    const named = await createSupply(t.db, manager, {
      nameRu: 'Средство для плиты',
      nameEn: 'Hob cleaner',
      unit: 'бут.',
      unitEn: 'btl',
      unitCostMinor: 30000,
      lowStockThreshold: 0,
    });
    const older = await createSupply(t.db, manager, {
      nameRu: 'Щётка',
      nameEn: 'Brush',
      unit: 'шт',
      unitCostMinor: 10000,
      lowStockThreshold: 0,
    });
    const list = await listSupplies(t.db, manager);
    expect(list.find((s) => s.id === named.id)?.unit).toEqual({ ru: 'бут.', en: 'btl' });
    expect(list.find((s) => s.id === older.id)?.unit).toEqual({ ru: 'шт', en: 'шт' });
  });

  it('issuing more than the stock is refused and nothing changes', async () => {
    const manager = await createUser(t.db, 'manager');
    const worker = await createWorker(t.db);
    const { id } = await createSupply(t.db, manager, {
      nameRu: 'Губки',
      nameEn: 'Sponges',
      unit: 'шт',
      unitCostMinor: 2500,
      lowStockThreshold: 0,
    });
    await moveStock(t.db, manager, { supplyId: id, kind: 'received', quantity: 10, note: 'поставка' });
    await expect(
      issueToWorker(t.db, manager, { supplyId: id, workerId: worker.id, quantity: 11, note: '' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'supplies.errors.stockShort',
      fields: { available: '10 шт' },
    });
    expect(await stockOf(id)).toBe(10);
    expect(await movementsOf(id)).toHaveLength(1);
    expect(await t.db.select().from(workerSupplyHoldings).where(eq(workerSupplyHoldings.workerId, worker.id))).toEqual(
      [],
    );

    // Exactly the stock is fine: 10 − 10 = 0 left, the worker holds 10.
    expect(await issueToWorker(t.db, manager, { supplyId: id, workerId: worker.id, quantity: 10, note: '' })).toEqual({
      stock: 0,
      holding: 10,
    });
    await expect(
      moveStock(t.db, manager, { supplyId: id, kind: 'written_off', quantity: 1, note: '' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    // Return 3: stock 3, holding 7; returning more than held is refused.
    expect(await returnFromWorker(t.db, manager, { supplyId: id, workerId: worker.id, quantity: 3, note: '' })).toEqual(
      { stock: 3, holding: 7 },
    );
    await expect(
      returnFromWorker(t.db, manager, { supplyId: id, workerId: worker.id, quantity: 8, note: '' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await listHoldings(t.db, worker, worker.id)).map((h) => h.quantity)).toEqual([7]);
    expect((await listMovements(t.db, worker, { workerId: worker.id })).items.map((m) => m.kind)).toEqual([
      'returned',
      'issued',
    ]);
    const other = await createWorker(t.db);
    await expect(listHoldings(t.db, other, worker.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      issueToWorker(t.db, worker, { supplyId: id, workerId: worker.id, quantity: 1, note: '' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('tells managers once when the stock falls to the low threshold', async () => {
    const manager = await createUser(t.db, 'manager');
    const worker = await createWorker(t.db);
    const { id } = await createSupply(t.db, manager, {
      nameRu: 'Перчатки',
      nameEn: 'Gloves',
      unit: 'пар',
      unitCostMinor: 5000,
      lowStockThreshold: 5,
    });
    await moveStock(t.db, manager, { supplyId: id, kind: 'received', quantity: 8, note: '' });
    const lowMails = () =>
      t.db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.kind, 'supplies_low'), eq(notifications.userId, manager.id)));
    await issueToWorker(t.db, manager, { supplyId: id, workerId: worker.id, quantity: 2, note: '' }); // 6: above 5
    expect(await lowMails()).toHaveLength(0);
    await issueToWorker(t.db, manager, { supplyId: id, workerId: worker.id, quantity: 1, note: '' }); // 5: crosses
    await issueToWorker(t.db, manager, { supplyId: id, workerId: worker.id, quantity: 1, note: '' }); // 4: still low, no repeat
    expect(await lowMails()).toHaveLength(1);
  });

  it('finishing an order uses its bill of materials from the worker’s holding and flags what was not covered', async () => {
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
    const bags = await createSupply(t.db, manager, {
      nameRu: 'Мешки',
      nameEn: 'Bags',
      unit: 'шт',
      unitCostMinor: 1000,
      lowStockThreshold: 0,
    });
    await setBillOfMaterials(t.db, manager, service.id, [
      { supplyId: spray.id, quantity: 1 },
      { supplyId: bags.id, quantity: 3 },
    ]);
    await moveStock(t.db, manager, { supplyId: bags.id, kind: 'received', quantity: 5, note: '' });
    await issueToWorker(t.db, manager, { supplyId: bags.id, workerId: worker.id, quantity: 5, note: '' });
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
    const used = await t.db
      .select({
        supplyId: supplyMovements.supplyId,
        quantity: supplyMovements.quantity,
        shortfall: supplyMovements.shortfall,
      })
      .from(supplyMovements)
      .where(and(eq(supplyMovements.orderId, o.id), eq(supplyMovements.kind, 'used')));
    expect(used.sort((a, b) => a.quantity - b.quantity)).toEqual([
      { supplyId: spray.id, quantity: 1, shortfall: 1 }, // held 0: the whole bottle was not covered
      { supplyId: bags.id, quantity: 3, shortfall: 0 }, // held 5, used 3
    ]);
    const holdings = Object.fromEntries(
      (await listHoldings(t.db, manager, worker.id)).map((h) => [h.supplyId, h.quantity]),
    );
    expect(holdings).toEqual({ [spray.id]: -1, [bags.id]: 2 });
    // 1 bottle × 300 RUB = 30 000 kopecks beyond what the worker carried.
    expect(await supplyShortfallsForOrder(t.db, o.id)).toEqual([
      { supplyId: spray.id, quantity: 1, unitCost: 30000, amount: 30000 },
    ]);
    expect((await listMovements(t.db, manager, { shortfallOnly: true })).items.map((m) => m.orderId)).toEqual([o.id]);
  });
});
