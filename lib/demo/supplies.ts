import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { serviceSupplies, services, supplies, supplyMovements, users, workerSupplyHoldings } from '@/db/schema';

/**
 * Demo data for supplies, run at the end of the seed transaction: a small catalogue with stock (one item
 * already low), bills of materials for the cleaning services, and a starter kit issued to Anna.
 */
export async function seedSuppliesDemo(tx: Db): Promise<void> {
  const items = await tx
    .insert(supplies)
    .values([
      {
        nameRu: 'Универсальное средство',
        nameEn: 'All-purpose cleaner',
        unit: 'бут.',
        unitEn: 'btl',
        unitCost: 25000,
        stock: 40,
        lowStockThreshold: 10,
      },
      {
        nameRu: 'Средство для стёкол',
        nameEn: 'Glass cleaner',
        unit: 'бут.',
        unitEn: 'btl',
        unitCost: 22000,
        stock: 8,
        lowStockThreshold: 10,
      },
      {
        nameRu: 'Микрофибра',
        nameEn: 'Microfibre cloth',
        unit: 'шт',
        unitEn: 'pcs',
        unitCost: 9000,
        stock: 100,
        lowStockThreshold: 20,
      },
      {
        nameRu: 'Мешки для мусора',
        nameEn: 'Bin bags',
        unit: 'шт',
        unitEn: 'pcs',
        unitCost: 1000,
        stock: 300,
        lowStockThreshold: 50,
      },
      {
        nameRu: 'Перчатки',
        nameEn: 'Gloves',
        unit: 'пар',
        unitEn: 'pairs',
        unitCost: 6000,
        stock: 60,
        lowStockThreshold: 15,
      },
    ])
    .returning({ id: supplies.id, nameEn: supplies.nameEn });
  const id = Object.fromEntries(items.map((i) => [i.nameEn, i.id]));
  const svc = Object.fromEntries(
    (
      await tx
        .select({ id: services.id, code: services.code })
        .from(services)
        .where(inArray(services.code, ['regular', 'deep', 'renovation', 'windows']))
    ).map((s) => [s.code, s.id]),
  );
  const bom: [string, string, number][] = [
    ['regular', 'All-purpose cleaner', 1],
    ['regular', 'Bin bags', 2],
    ['regular', 'Gloves', 1],
    ['deep', 'All-purpose cleaner', 2],
    ['deep', 'Microfibre cloth', 2],
    ['deep', 'Bin bags', 4],
    ['deep', 'Gloves', 1],
    ['renovation', 'All-purpose cleaner', 3],
    ['renovation', 'Microfibre cloth', 4],
    ['renovation', 'Bin bags', 6],
    ['renovation', 'Gloves', 2],
    ['windows', 'Glass cleaner', 1],
    ['windows', 'Microfibre cloth', 1],
  ];
  await tx
    .insert(serviceSupplies)
    .values(
      bom.filter(([s]) => svc[s]).map(([s, item, quantity]) => ({ serviceId: svc[s], supplyId: id[item], quantity })),
    );
  const [anna] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'anna@brigada.local'));
  const kit: [string, number][] = anna
    ? [
        ['All-purpose cleaner', 3],
        ['Bin bags', 10],
        ['Gloves', 3],
      ]
    : [];
  const kitOf = (nameEn: string) => kit.find(([n]) => n === nameEn)?.[1] ?? 0;
  // The stock above is what is left after the kit: the journal records the opening delivery, then the issue.
  const stocks = await tx.select({ id: supplies.id, nameEn: supplies.nameEn, stock: supplies.stock }).from(supplies);
  await tx.insert(supplyMovements).values(
    stocks.map((r) => ({
      supplyId: r.id,
      kind: 'received' as const,
      quantity: r.stock + kitOf(r.nameEn),
      note: 'Начальный остаток',
    })),
  );
  if (!anna) return;
  await tx
    .insert(workerSupplyHoldings)
    .values(kit.map(([item, quantity]) => ({ workerId: anna.id, supplyId: id[item], quantity })));
  await tx.insert(supplyMovements).values(
    kit.map(([item, quantity]) => ({
      supplyId: id[item],
      kind: 'issued' as const,
      quantity,
      workerId: anna.id,
      note: 'Стартовый набор',
    })),
  );
}
