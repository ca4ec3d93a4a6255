import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { services, type ServiceRow } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { notFound, validationFailed } from '@/lib/errors';
import { recordAudit } from '@/lib/audit';
import type { ServiceData, ServiceInput } from './schemas';

export type ServiceDto = Omit<ServiceRow, 'createdAt' | 'updatedAt'> & { active: boolean; updatedAt: Date };

/** A service's name and the pricing parameters: what booking, estimates and pricing read (one list). */
export const servicePricingColumns = {
  id: services.id,
  code: services.code,
  nameRu: services.nameRu,
  nameEn: services.nameEn,
  pricingUnit: services.pricingUnit,
  unitPrice: services.unitPrice,
  minPrice: services.minPrice,
  bathroomPrice: services.bathroomPrice,
  baseMinutes: services.baseMinutes,
  minutesPerUnitX100: services.minutesPerUnitX100,
  extras: services.extras,
};

const columns = {
  ...servicePricingColumns,
  descriptionRu: services.descriptionRu,
  descriptionEn: services.descriptionEn,
  skill: services.skill,
  checklist: services.checklist,
  minGrade: services.minGrade,
  archivedAt: services.archivedAt,
  updatedAt: services.updatedAt,
};

type Selected = { [K in keyof typeof columns]: ServiceRow[K] };

const toDto = (row: Selected): ServiceDto => ({ ...row, active: row.archivedAt === null });

/** The row values for a validated input. "Active" is the absence of archivedAt: an archived service is hidden from clients. */
function toRow(data: ServiceData, current: { archivedAt: Date | null } | null, now: Date) {
  return {
    code: data.code,
    nameRu: data.nameRu,
    nameEn: data.nameEn,
    descriptionRu: data.descriptionRu,
    descriptionEn: data.descriptionEn,
    skill: data.skill,
    pricingUnit: data.pricingUnit,
    unitPrice: data.unitPrice,
    minPrice: data.minPrice,
    bathroomPrice: data.bathroomPrice,
    baseMinutes: data.baseMinutes,
    minutesPerUnitX100: Math.round(data.minutesPerUnit * 100),
    extras: data.extras,
    checklist: data.checklist,
    minGrade: data.minGrade,
    archivedAt: data.active ? null : (current?.archivedAt ?? now),
    updatedAt: now,
  };
}

/** Audit snapshot: the fields an admin edits, without timestamps that always differ. */
function auditView(s: { archivedAt: Date | null } & Record<string, unknown>): Record<string, unknown> {
  const { updatedAt: _u, id: _i, active: _a, archivedAt, ...rest } = s;
  return { ...rest, archived: archivedAt !== null };
}

export type ServiceListFilter = { includeArchived?: boolean };

export async function listServicesForAdmin(
  db: Db,
  actor: Actor,
  filter: ServiceListFilter = {},
): Promise<ServiceDto[]> {
  assertRole(actor, 'admin', 'manager');
  const rows = await db
    .select(columns)
    .from(services)
    .where(filter.includeArchived ? undefined : isNull(services.archivedAt))
    .orderBy(sql`${services.archivedAt} IS NOT NULL`, asc(services.nameRu));
  return rows.map(toDto);
}

export async function getServiceForAdmin(db: Db, actor: Actor, id: string): Promise<ServiceDto> {
  assertRole(actor, 'admin', 'manager');
  const [row] = await db.select(columns).from(services).where(eq(services.id, id));
  if (!row) throw notFound('errors.notFound');
  return toDto(row);
}

/**
 * A skill in words, in both languages, from the data: the names of the services that need it (several
 * joined by " / ", oldest first). A skill an admin adds with a new service ("ironing" for «Глажка»)
 * reads as that service at once; no translation file has to learn it.
 */
export async function skillNames(db: Db): Promise<Map<string, { ru: string; en: string }>> {
  const rows = await db
    .select({ skill: services.skill, ru: services.nameRu, en: services.nameEn })
    .from(services)
    .orderBy(sql`${services.archivedAt} IS NOT NULL`, asc(services.createdAt), asc(services.nameRu));
  const names = new Map<string, { ru: string[]; en: string[] }>();
  for (const r of rows) {
    const n = names.get(r.skill) ?? { ru: [], en: [] };
    n.ru.push(r.ru);
    n.en.push(r.en);
    names.set(r.skill, n);
  }
  return new Map([...names].map(([skill, n]) => [skill, { ru: n.ru.join(' / '), en: n.en.join(' / ') }]));
}

export type ServiceName = { id: string; nameRu: string; nameEn: string };

/**
 * Services' names in both languages, archived ones included (old orders and forms name them), by Russian name:
 * all of them, or those with the given ids (an unknown id is absent).
 */
export async function serviceNames(db: Db, ids?: readonly string[]): Promise<ServiceName[]> {
  if (ids && ids.length === 0) return [];
  return db
    .select({ id: services.id, nameRu: services.nameRu, nameEn: services.nameEn })
    .from(services)
    .where(ids ? inArray(services.id, [...new Set(ids)]) : undefined)
    .orderBy(asc(services.nameRu));
}

/** What clients may book: not archived, in a stable order. */
export async function listActiveServices(db: Db): Promise<ServiceDto[]> {
  const rows = await db.select(columns).from(services).where(isNull(services.archivedAt)).orderBy(asc(services.nameRu));
  return rows.map(toDto);
}

async function assertCodeFree(tx: Db, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: services.id })
    .from(services)
    .where(exceptId ? and(eq(services.code, code), ne(services.id, exceptId)) : eq(services.code, code));
  if (taken) throw validationFailed({ code: 'catalog.errors.codeTaken' });
}

/** Takes the parsed form (serviceInput's output: minor units), as the server action hands it over. */
export async function createService(db: Db, actor: Actor, data: ServiceData, now = new Date()): Promise<ServiceDto> {
  assertRole(actor, 'admin');
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, data.code);
    const values = toRow(data, null, now);
    const [row] = await tx
      .insert(services)
      .values({ ...values, createdAt: now })
      .returning(columns);
    await recordAudit(tx, actor, {
      action: 'service.create',
      entity: 'service',
      entityId: row.id,
      after: auditView(values),
    });
    return toDto(row);
  });
}

/**
 * Edits a service. Orders keep their own priced lines and checklist-free options, so a new price or an
 * archived service never changes an order already booked. Extras that orders may reference keep working
 * because orders store their priced lines, not a reference to the extra.
 */
/** The service row, locked for the change; an unknown id is not found. */
async function lockService(tx: Db, id: string) {
  const [current] = await tx.select(columns).from(services).where(eq(services.id, id)).for('update');
  if (!current) throw notFound('errors.notFound');
  return current;
}

export async function updateService(
  db: Db,
  actor: Actor,
  id: string,
  data: ServiceData,
  now = new Date(),
): Promise<ServiceDto> {
  assertRole(actor, 'admin');
  return db.transaction(async (tx) => {
    const current = await lockService(tx, id);
    await assertCodeFree(tx, data.code, id);
    const values = toRow(data, current, now);
    const [row] = await tx.update(services).set(values).where(eq(services.id, id)).returning(columns);
    await recordAudit(tx, actor, {
      action: 'service.update',
      entity: 'service',
      entityId: id,
      before: auditView(current),
      after: auditView(values),
    });
    return toDto(row);
  });
}

/** Archive hides a service from clients and from matching new orders; old orders keep pointing at it. */
export async function setServiceArchived(
  db: Db,
  actor: Actor,
  id: string,
  archived: boolean,
  now = new Date(),
): Promise<ServiceDto> {
  assertRole(actor, 'admin');
  return db.transaction(async (tx) => {
    const current = await lockService(tx, id);
    const archivedAt = archived ? (current.archivedAt ?? now) : null;
    const [row] = await tx
      .update(services)
      .set({ archivedAt, updatedAt: now })
      .where(eq(services.id, id))
      .returning(columns);
    if ((current.archivedAt !== null) !== archived) {
      await recordAudit(tx, actor, {
        action: archived ? 'service.archive' : 'service.restore',
        entity: 'service',
        entityId: id,
        before: { archived: !archived },
        after: { archived },
      });
    }
    return toDto(row);
  });
}

/** Form defaults for editing: minor units back to major units. */
export function serviceToInput(s: ServiceDto): ServiceInput {
  return {
    code: s.code,
    nameRu: s.nameRu,
    nameEn: s.nameEn,
    descriptionRu: s.descriptionRu,
    descriptionEn: s.descriptionEn,
    skill: s.skill,
    pricingUnit: s.pricingUnit,
    unitPrice: String(s.unitPrice / 100),
    minPrice: String(s.minPrice / 100),
    bathroomPrice: String(s.bathroomPrice / 100),
    baseMinutes: s.baseMinutes,
    minutesPerUnit: s.minutesPerUnitX100 / 100,
    minGrade: s.minGrade,
    active: s.active,
    extras: s.extras.map((e) => ({ ...e, price: String(e.price / 100) })),
    checklist: s.checklist,
  };
}
