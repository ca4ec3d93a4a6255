import 'server-only';
import { and, asc, desc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  serviceSupplies,
  services,
  supplies,
  supplyMovements,
  workerProfiles,
  workerSupplyHoldings,
  type SupplyMovementKind,
} from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { DomainError, notFound } from '@/lib/errors';
import { enqueueToRole } from '@/lib/notifications';
import { recordAudit } from '@/lib/audit';
import { afterCursor, countUpTo, decodeCursor, exactTime, PAGE_SIZE, toPage, type Page } from '@/lib/paging';

export type SupplyDto = {
  id: string;
  nameRu: string;
  nameEn: string;
  /** The unit in each language. */
  unit: { ru: string; en: string };
  unitCost: number;
  stock: number;
  lowStockThreshold: number;
  low: boolean;
  active: boolean;
};
export type MovementDto = {
  id: number;
  supplyId: string;
  supply: { ru: string; en: string };
  unit: { ru: string; en: string };
  kind: SupplyMovementKind;
  quantity: number;
  workerId: string | null;
  workerName: string | null;
  orderId: string | null;
  actorName: string | null;
  note: string;
  shortfall: number;
  resolvedAt: Date | null;
  at: Date;
};
export type HoldingDto = {
  supplyId: string;
  supply: { ru: string; en: string };
  unit: { ru: string; en: string };
  quantity: number;
  unitCost: number;
};

const supplyColumns = {
  id: supplies.id,
  nameRu: supplies.nameRu,
  nameEn: supplies.nameEn,
  unitRu: supplies.unit,
  unitEn: supplies.unitEn,
  unitCost: supplies.unitCost,
  stock: supplies.stock,
  lowStockThreshold: supplies.lowStockThreshold,
  active: supplies.active,
};

/** A unit in both languages; a supply saved before English units fell back to the Russian one. */
function unitOf(r: { unitRu: string; unitEn: string }): { ru: string; en: string } {
  return { ru: r.unitRu, en: r.unitEn || r.unitRu };
}

type SupplyRow = { unitRu: string; unitEn: string; stock: number; lowStockThreshold: number };
const toSupplyDto = <R extends SupplyRow>({ unitRu, unitEn, ...r }: R) => ({
  ...r,
  unit: unitOf({ unitRu, unitEn }),
  low: isLow(r.stock, r.lowStockThreshold),
});

/** Low when the stock has fallen to the threshold or below (a threshold of 0 never warns until empty). */
export function isLow(stock: number, threshold: number): boolean {
  return threshold > 0 ? stock <= threshold : stock <= 0;
}

export async function listSupplies(db: Db, actor: Actor, opts: { activeOnly?: boolean } = {}): Promise<SupplyDto[]> {
  assertStaff(actor);
  const rows = await db
    .select(supplyColumns)
    .from(supplies)
    .where(opts.activeOnly ? eq(supplies.active, true) : undefined)
    .orderBy(desc(supplies.active), asc(supplies.nameRu));
  return rows.map(toSupplyDto);
}

/** What staff set of a supply item, new or existing (the unit cost in minor units). */
type SupplyFields = {
  nameRu: string;
  nameEn: string;
  unit: string;
  unitEn?: string;
  unitCostMinor: number;
  lowStockThreshold: number;
};

/** A supply item's columns as staff set them. */
function supplyValues(input: SupplyFields) {
  return {
    nameRu: input.nameRu,
    nameEn: input.nameEn,
    unit: input.unit,
    unitEn: input.unitEn ?? '',
    unitCost: input.unitCostMinor,
    lowStockThreshold: input.lowStockThreshold,
  };
}

export async function createSupply(db: Db, actor: Actor, input: SupplyFields): Promise<{ id: string }> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(supplies).values(supplyValues(input)).returning({ id: supplies.id });
    await recordAudit(tx, actor, { action: 'supply.create', entity: 'supply', entityId: row.id, after: input });
    return row;
  });
}

export async function updateSupply(
  db: Db,
  actor: Actor,
  input: SupplyFields & { supplyId: string; active: boolean },
): Promise<void> {
  assertStaff(actor);
  await db.transaction(async (tx) => {
    const before = await lockSupply(tx, input.supplyId);
    await tx
      .update(supplies)
      .set({
        ...supplyValues(input),
        active: input.active,
        updatedAt: new Date(),
      })
      .where(eq(supplies.id, input.supplyId));
    await recordAudit(tx, actor, {
      action: 'supply.update',
      entity: 'supply',
      entityId: input.supplyId,
      before: {
        nameRu: before.nameRu,
        nameEn: before.nameEn,
        unit: before.unitRu,
        unitEn: before.unitEn,
        unitCostMinor: before.unitCost,
        lowStockThreshold: before.lowStockThreshold,
        active: before.active,
      },
      after: {
        nameRu: input.nameRu,
        nameEn: input.nameEn,
        unit: input.unit,
        unitEn: input.unitEn ?? '',
        unitCostMinor: input.unitCostMinor,
        lowStockThreshold: input.lowStockThreshold,
        active: input.active,
      },
    });
  });
}

async function lockSupply(tx: Db, supplyId: string) {
  const [row] = await tx.select(supplyColumns).from(supplies).where(eq(supplies.id, supplyId)).for('update');
  if (!row) throw notFound('errors.notFound');
  return row;
}

/**
 * Locks several (worker, supply) holdings, creating the missing ones at zero, in (worker, supply) order so
 * two transactions never wait on each other in a cycle; returns each pair's quantity keyed `worker|supply`.
 */
export async function lockHoldings(
  tx: Db,
  pairs: readonly { workerId: string; supplyId: string }[],
): Promise<Map<string, number>> {
  const sorted = [...pairs].sort(
    (a, b) => a.workerId.localeCompare(b.workerId) || a.supplyId.localeCompare(b.supplyId),
  );
  if (sorted.length === 0) return new Map();
  await tx
    .insert(workerSupplyHoldings)
    .values(sorted.map((p) => ({ workerId: p.workerId, supplyId: p.supplyId, quantity: 0 })))
    .onConflictDoNothing();
  const list = JSON.stringify(sorted.map((p) => ({ w: p.workerId, s: p.supplyId })));
  const rows = await tx
    .select({
      workerId: workerSupplyHoldings.workerId,
      supplyId: workerSupplyHoldings.supplyId,
      quantity: workerSupplyHoldings.quantity,
    })
    .from(workerSupplyHoldings)
    .where(
      sql`(${workerSupplyHoldings.workerId}, ${workerSupplyHoldings.supplyId}) in
        (select v.w, v.s from jsonb_to_recordset(${list}::jsonb) as v(w uuid, s uuid))`,
    )
    .orderBy(asc(workerSupplyHoldings.workerId), asc(workerSupplyHoldings.supplyId))
    .for('update');
  return new Map(rows.map((r) => [`${r.workerId}|${r.supplyId}`, r.quantity]));
}

/** Sets several locked holdings to their new quantities in one statement. */
export async function setHoldings(
  tx: Db,
  rows: readonly { workerId: string; supplyId: string; quantity: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update ${workerSupplyHoldings} set quantity = v.quantity, updated_at = ${new Date().toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v("workerId" uuid, "supplyId" uuid, quantity int)
    where ${workerSupplyHoldings.workerId} = v."workerId" and ${workerSupplyHoldings.supplyId} = v."supplyId"`);
}

/** Locks (creating at 0 when missing) the worker's holding of a supply and returns its quantity. */
export async function lockHolding(tx: Db, workerId: string, supplyId: string): Promise<number> {
  await tx.insert(workerSupplyHoldings).values({ workerId, supplyId, quantity: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ quantity: workerSupplyHoldings.quantity })
    .from(workerSupplyHoldings)
    .where(and(eq(workerSupplyHoldings.workerId, workerId), eq(workerSupplyHoldings.supplyId, supplyId)))
    .for('update');
  return row.quantity;
}

export async function changeHolding(tx: Db, workerId: string, supplyId: string, delta: number): Promise<void> {
  await tx
    .update(workerSupplyHoldings)
    .set({ quantity: sql`${workerSupplyHoldings.quantity} + ${delta}`, updatedAt: new Date() })
    .where(and(eq(workerSupplyHoldings.workerId, workerId), eq(workerSupplyHoldings.supplyId, supplyId)));
}

/** Tells managers once, when a movement takes the stock from above the threshold to at or below it. */
async function warnIfCrossedLow(
  tx: Db,
  supply: Pick<SupplyDto, 'id' | 'nameRu' | 'nameEn' | 'lowStockThreshold'> & { unitRu: string; unitEn: string },
  before: number,
  after: number,
  movementId: number,
): Promise<void> {
  if (isLow(before, supply.lowStockThreshold) || !isLow(after, supply.lowStockThreshold)) return;
  await enqueueToRole(
    tx,
    'manager',
    'supplies_low',
    {
      items: [
        {
          supplyId: supply.id,
          name: { ru: supply.nameRu, en: supply.nameEn },
          stock: after,
          threshold: supply.lowStockThreshold,
          unit: unitOf(supply),
        },
      ],
    },
    { idempotencyKey: `supplies_low:${supply.id}:${movementId}` },
  );
}

type MoveInsert = {
  supplyId: string;
  kind: SupplyMovementKind;
  quantity: number;
  workerId?: string | null;
  orderId?: string | null;
  actorId?: string | null;
  note?: string;
  shortfall?: number;
  /** When it happened (default: the transaction's clock). */
  at?: Date;
};

export async function insertMovement(tx: Db, m: MoveInsert): Promise<number> {
  const [id] = await insertMovements(tx, [m]);
  return id;
}

/** Several movements in one statement; ids in the given order. `insertMovement` is the one-item case. */
export async function insertMovements(tx: Db, list: readonly MoveInsert[]): Promise<number[]> {
  if (list.length === 0) return [];
  const rows = await tx
    .insert(supplyMovements)
    .values(
      list.map((m) => ({
        supplyId: m.supplyId,
        kind: m.kind,
        quantity: m.quantity,
        workerId: m.workerId ?? null,
        orderId: m.orderId ?? null,
        actorId: m.actorId ?? null,
        note: m.note ?? '',
        shortfall: m.shortfall ?? 0,
        ...(m.at ? { at: m.at } : {}),
      })),
    )
    .returning({ id: supplyMovements.id });
  return rows.map((r) => r.id);
}

function stockShort(stock: number, unit: string): DomainError {
  // The available quantity travels in `fields.available` so the form can say how much there is.
  return new DomainError('conflict', 'supplies.errors.stockShort', { available: `${stock} ${unit}` });
}

/** Stock received from a supplier, or written off (damaged, expired): one movement, in one transaction. */
export async function moveStock(
  db: Db,
  actor: Actor,
  input: { supplyId: string; kind: 'received' | 'written_off'; quantity: number; note: string },
  now = new Date(),
): Promise<{ stock: number }> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    const supply = await lockSupply(tx, input.supplyId);
    const delta = input.kind === 'received' ? input.quantity : -input.quantity;
    if (supply.stock + delta < 0) throw stockShort(supply.stock, supply.unitRu);
    await tx
      .update(supplies)
      .set({ stock: supply.stock + delta, updatedAt: now })
      .where(eq(supplies.id, supply.id));
    const id = await insertMovement(tx, {
      supplyId: supply.id,
      kind: input.kind,
      quantity: input.quantity,
      actorId: actor.id,
      note: input.note,
      at: now,
    });
    await warnIfCrossedLow(tx, supply, supply.stock, supply.stock + delta, id);
    return { stock: supply.stock + delta };
  });
}

async function assertWorker(tx: Db, workerId: string): Promise<void> {
  const [w] = await tx
    .select({ id: workerProfiles.userId })
    .from(workerProfiles)
    .where(eq(workerProfiles.userId, workerId));
  if (!w)
    throw new DomainError('validation_failed', 'supplies.errors.notWorker', { workerId: 'supplies.errors.notWorker' });
}

/**
 * Hands supplies to a worker: warehouse stock down, the worker's holding up, one 'issued' movement. More
 * than the stock is refused with the available quantity, and nothing changes.
 */
export async function issueToWorker(
  db: Db,
  actor: Actor,
  input: { supplyId: string; workerId: string; quantity: number; note: string },
  now = new Date(),
): Promise<{ stock: number; holding: number }> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    await assertWorker(tx, input.workerId);
    const supply = await lockSupply(tx, input.supplyId);
    if (supply.stock < input.quantity) throw stockShort(supply.stock, supply.unitRu);
    const holding = await lockHolding(tx, input.workerId, supply.id);
    await tx
      .update(supplies)
      .set({ stock: supply.stock - input.quantity, updatedAt: now })
      .where(eq(supplies.id, supply.id));
    await changeHolding(tx, input.workerId, supply.id, input.quantity);
    const id = await insertMovement(tx, {
      supplyId: supply.id,
      kind: 'issued',
      quantity: input.quantity,
      workerId: input.workerId,
      actorId: actor.id,
      note: input.note,
      at: now,
    });
    await warnIfCrossedLow(tx, supply, supply.stock, supply.stock - input.quantity, id);
    return { stock: supply.stock - input.quantity, holding: holding + input.quantity };
  });
}

/** The worker hands unused supplies back to the warehouse; no more than they hold. */
export async function returnFromWorker(
  db: Db,
  actor: Actor,
  input: { supplyId: string; workerId: string; quantity: number; note: string },
): Promise<{ stock: number; holding: number }> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    await assertWorker(tx, input.workerId);
    const supply = await lockSupply(tx, input.supplyId);
    const holding = await lockHolding(tx, input.workerId, supply.id);
    if (holding < input.quantity)
      throw new DomainError('conflict', 'supplies.errors.holdingShort', {
        available: `${Math.max(holding, 0)} ${supply.unitRu}`,
      });
    await tx
      .update(supplies)
      .set({ stock: supply.stock + input.quantity, updatedAt: new Date() })
      .where(eq(supplies.id, supply.id));
    await changeHolding(tx, input.workerId, supply.id, -input.quantity);
    await insertMovement(tx, {
      supplyId: supply.id,
      kind: 'returned',
      quantity: input.quantity,
      workerId: input.workerId,
      actorId: actor.id,
      note: input.note,
    });
    return { stock: supply.stock + input.quantity, holding: holding - input.quantity };
  });
}

/** What a worker carries now (a worker sees only their own; staff anyone's). */
export async function listHoldings(db: Db, actor: Actor, workerId: string): Promise<HoldingDto[]> {
  if (!(actor.role === 'manager' || actor.role === 'admin' || (actor.role === 'worker' && actor.id === workerId)))
    throw notFound('errors.notFound');
  const rows = await db
    .select({
      supplyId: supplies.id,
      ru: supplies.nameRu,
      en: supplies.nameEn,
      unitRu: supplies.unit,
      unitEn: supplies.unitEn,
      quantity: workerSupplyHoldings.quantity,
      unitCost: supplies.unitCost,
    })
    .from(workerSupplyHoldings)
    .innerJoin(supplies, eq(supplies.id, workerSupplyHoldings.supplyId))
    .where(and(eq(workerSupplyHoldings.workerId, workerId), sql`${workerSupplyHoldings.quantity} <> 0`))
    .orderBy(asc(supplies.nameRu));
  return rows.map((r) => ({
    supplyId: r.supplyId,
    supply: { ru: r.ru, en: r.en },
    unit: unitOf(r),
    quantity: r.quantity,
    unitCost: r.unitCost,
  }));
}

export type MovementFilter = {
  supplyId?: string;
  workerId?: string;
  /** One order's movements (what was used on it): bounded by the order. */
  orderId?: string;
  /** Shortfalls not yet resolved only. */
  shortfallOnly?: boolean;
  cursor?: string;
  /** Rows per page (default PAGE_SIZE, at most 100). */
  limit?: number;
};

/**
 * The movement journal, newest first, keyset-paged on (at, id) with the count of the filtered set; a worker
 * may read only their own.
 */
export async function listMovements(db: Db, actor: Actor, filter: MovementFilter = {}): Promise<Page<MovementDto>> {
  if (actor.role === 'worker') {
    if (filter.workerId !== actor.id) throw notFound('errors.notFound');
  } else assertStaff(actor);
  const conds: SQL[] = [];
  if (filter.supplyId) conds.push(eq(supplyMovements.supplyId, filter.supplyId));
  if (filter.workerId) conds.push(eq(supplyMovements.workerId, filter.workerId));
  if (filter.orderId) conds.push(eq(supplyMovements.orderId, filter.orderId));
  if (filter.shortfallOnly) conds.push(gt(supplyMovements.shortfall, 0), isNull(supplyMovements.resolvedAt));
  const where = conds.length ? and(...conds) : undefined;
  const limit = Math.max(1, Math.min(filter.limit ?? PAGE_SIZE, 100));
  const key = decodeCursor(filter.cursor, 2);
  const worker = personName(supplyMovements.workerId);
  const actorName = personName(supplyMovements.actorId);
  const [rows, n] = await Promise.all([
    db
      .select({
        id: supplyMovements.id,
        supplyId: supplyMovements.supplyId,
        ru: supplies.nameRu,
        en: supplies.nameEn,
        unitRu: supplies.unit,
        unitEn: supplies.unitEn,
        kind: supplyMovements.kind,
        quantity: supplyMovements.quantity,
        workerId: supplyMovements.workerId,
        workerName: worker,
        orderId: supplyMovements.orderId,
        actorName,
        note: supplyMovements.note,
        shortfall: supplyMovements.shortfall,
        resolvedAt: supplyMovements.resolvedAt,
        at: supplyMovements.at,
        atKey: exactTime(supplyMovements.at),
      })
      .from(supplyMovements)
      .innerJoin(supplies, eq(supplies.id, supplyMovements.supplyId))
      .where(and(where, afterCursor([supplyMovements.at, supplyMovements.id], key, ['timestamptz', 'bigint'], 'desc')))
      .orderBy(desc(supplyMovements.at), desc(supplyMovements.id))
      .limit(limit + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(supplyMovements)
        .where(where),
    ),
  ]);
  return toPage(
    rows,
    limit,
    (r) => [r.atKey, r.id],
    ({ ru, en, unitRu, unitEn, atKey: _key, ...r }) => ({
      ...r,
      supply: { ru, en },
      unit: unitOf({ unitRu, unitEn }),
    }),
    n,
  );
}

/** A manager has dealt with a shortfall (restocked the worker, charged them, corrected a count). */
export async function resolveShortfall(db: Db, actor: Actor, movementId: number): Promise<void> {
  assertStaff(actor);
  const updated = await db
    .update(supplyMovements)
    .set({ resolvedAt: new Date() })
    .where(
      and(eq(supplyMovements.id, movementId), gt(supplyMovements.shortfall, 0), isNull(supplyMovements.resolvedAt)),
    )
    .returning({ id: supplyMovements.id });
  if (updated.length === 0) throw notFound('errors.notFound');
}

export type BomDto = {
  serviceId: string;
  service: { ru: string; en: string };
  items: { supplyId: string; quantity: number }[];
};

/** Every active service with what one order of it consumes. */
export async function listBillsOfMaterials(db: Db, actor: Actor): Promise<BomDto[]> {
  assertStaff(actor);
  const svc = await db
    .select({ id: services.id, ru: services.nameRu, en: services.nameEn })
    .from(services)
    .where(isNull(services.archivedAt))
    .orderBy(asc(services.nameRu));
  const lines = await db
    .select({
      serviceId: serviceSupplies.serviceId,
      supplyId: serviceSupplies.supplyId,
      quantity: serviceSupplies.quantity,
    })
    .from(serviceSupplies);
  return svc.map((s) => ({
    serviceId: s.id,
    service: { ru: s.ru, en: s.en },
    items: lines.filter((l) => l.serviceId === s.id).map((l) => ({ supplyId: l.supplyId, quantity: l.quantity })),
  }));
}

/** Replaces a service's bill of materials; a quantity of 0 removes the line. */
export async function setBillOfMaterials(
  db: Db,
  actor: Actor,
  serviceId: string,
  items: { supplyId: string; quantity: number }[],
): Promise<void> {
  assertStaff(actor);
  await db.transaction(async (tx) => {
    const [svc] = await tx.select({ id: services.id }).from(services).where(eq(services.id, serviceId)).for('update');
    if (!svc) throw notFound('errors.notFound');
    const before = await tx
      .select({ supplyId: serviceSupplies.supplyId, quantity: serviceSupplies.quantity })
      .from(serviceSupplies)
      .where(eq(serviceSupplies.serviceId, serviceId));
    await tx.delete(serviceSupplies).where(eq(serviceSupplies.serviceId, serviceId));
    const lines = items.filter((i) => i.quantity > 0);
    if (lines.length)
      await tx
        .insert(serviceSupplies)
        .values(lines.map((i) => ({ serviceId, supplyId: i.supplyId, quantity: i.quantity })));
    await recordAudit(tx, actor, {
      action: 'service.bill_of_materials',
      entity: 'service',
      entityId: serviceId,
      before: { items: before },
      after: { items: lines },
    });
  });
}
