import 'server-only';
import { and, asc, desc, eq, exists, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  orders,
  services,
  users,
  workerProfiles,
  workerSchedules,
  workerSkills,
  workerZones,
  zones,
  type Grade,
  type OrderStatus,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertRole, assertStaff, type Actor } from '@/lib/actor';
import { setUserDisabled } from '@/lib/auth';
import { notFound } from '@/lib/errors';
import { afterCursor, countUpTo, decodeCursor, PAGE_SIZE, toPage, type Page } from '@/lib/paging';
import { maskAccount } from './schemas';
import { requestMatching, transitionOrders } from '@/lib/orders';

export type WorkerListItem = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  grade: Grade;
  active: boolean;
  disabled: boolean;
  weeklyHoursTarget: number;
  skills: string[];
  zoneIds: string[];
};

export type WorkerFilter = { q?: string; skill?: string; zoneId?: string; active?: boolean; grade?: Grade };

/** The worker pool with search (name, email, phone) and filters, active first by name; staff only. Every match. */
export async function listWorkers(db: Db, actor: Actor, filter: WorkerFilter = {}): Promise<WorkerListItem[]> {
  assertStaff(actor);
  return loadWorkers(db, workerFilter(db, filter));
}

/** The order the pool is listed in, as one ascending key: active first, then name, then id. */
const poolOrder = [sql`(case when ${workerProfiles.active} then 0 else 1 end)`, users.name, users.id];

/** The pool's list page: the same search and filters, keyset-paged, with the count. */
export async function listWorkersPage(
  db: Db,
  actor: Actor,
  filter: WorkerFilter & { cursor?: string } = {},
): Promise<Page<WorkerListItem>> {
  assertStaff(actor);
  const where = workerFilter(db, filter);
  const key = decodeCursor(filter.cursor, 3);
  const [items, count] = await Promise.all([
    loadWorkers(db, and(where, afterCursor(poolOrder, key, ['int', 'text', 'uuid'], 'asc')), PAGE_SIZE + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(workerProfiles)
        .innerJoin(users, eq(users.id, workerProfiles.userId))
        .where(where),
    ),
  ]);
  return toPage(
    items,
    PAGE_SIZE,
    (w) => [w.active ? 0 : 1, w.name, w.id],
    (w) => w,
    count,
  );
}

function workerFilter(db: Db, filter: WorkerFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(ilike(users.name, like), ilike(users.email, like), ilike(sql`coalesce(${users.phone}, '')`, like)) as SQL,
    );
  }
  if (filter.grade) conds.push(eq(workerProfiles.grade, filter.grade));
  if (filter.active !== undefined) conds.push(eq(workerProfiles.active, filter.active));
  if (filter.skill)
    conds.push(
      exists(
        db
          .select({ x: sql`1` })
          .from(workerSkills)
          .where(and(eq(workerSkills.workerId, workerProfiles.userId), eq(workerSkills.skill, filter.skill))),
      ),
    );
  if (filter.zoneId)
    conds.push(
      exists(
        db
          .select({ x: sql`1` })
          .from(workerZones)
          .where(and(eq(workerZones.workerId, workerProfiles.userId), eq(workerZones.zoneId, filter.zoneId))),
      ),
    );
  return conds.length ? and(...conds) : undefined;
}

export async function getWorker(db: Db, actor: Actor, workerId: string): Promise<WorkerListItem> {
  assertStaff(actor);
  const [worker] = await loadWorkers(db, eq(workerProfiles.userId, workerId));
  if (!worker) throw notFound('errors.notFound');
  return worker;
}

/** Workers with their skills and zones: the one projection the pool's list and a worker's page share. */
async function loadWorkers(db: Db, where: SQL | undefined, limit?: number): Promise<WorkerListItem[]> {
  const query = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      disabledAt: users.disabledAt,
      grade: workerProfiles.grade,
      active: workerProfiles.active,
      weeklyHoursTarget: workerProfiles.weeklyHoursTarget,
    })
    .from(workerProfiles)
    .innerJoin(users, eq(users.id, workerProfiles.userId))
    .where(where)
    .orderBy(...poolOrder.map((c) => asc(c)));
  const rows = limit === undefined ? await query : await query.limit(limit);
  const ids = rows.map((r) => r.id);
  const [skills, zoneRows] = ids.length
    ? await Promise.all([
        db
          .select({ workerId: workerSkills.workerId, skill: workerSkills.skill })
          .from(workerSkills)
          .where(inArray(workerSkills.workerId, ids)),
        db
          .select({ workerId: workerZones.workerId, zoneId: workerZones.zoneId })
          .from(workerZones)
          .where(inArray(workerZones.workerId, ids)),
      ])
    : [[], []];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    grade: r.grade,
    active: r.active,
    disabled: r.disabledAt !== null,
    weeklyHoursTarget: r.weeklyHoursTarget,
    skills: skills
      .filter((s) => s.workerId === r.id)
      .map((s) => s.skill)
      .sort(),
    zoneIds: zoneRows.filter((z) => z.workerId === r.id).map((z) => z.zoneId),
  }));
}

export type WorkerReadiness = { skills: boolean; zones: boolean; hours: boolean; ready: boolean };

/**
 * What matching needs before it can give a worker anything: at least one skill and one district (set by
 * staff) and weekly hours (set by the worker). A newly invited worker has none, and is told so.
 * The worker reads their own; staff read anyone's.
 */
export async function workerReadiness(
  db: Db,
  actor: Actor,
  workerIds: string[],
): Promise<Map<string, WorkerReadiness>> {
  if (actor.role === 'worker') {
    if (workerIds.some((id) => id !== actor.id)) throw notFound('errors.notFound');
  } else assertStaff(actor);
  if (workerIds.length === 0) return new Map();
  const [skills, zoneRows, hours] = await Promise.all([
    db
      .selectDistinct({ id: workerSkills.workerId })
      .from(workerSkills)
      .where(inArray(workerSkills.workerId, workerIds)),
    db.selectDistinct({ id: workerZones.workerId }).from(workerZones).where(inArray(workerZones.workerId, workerIds)),
    db
      .selectDistinct({ id: workerSchedules.workerId })
      .from(workerSchedules)
      .where(inArray(workerSchedules.workerId, workerIds)),
  ]);
  const has = (list: { id: string }[]) => new Set(list.map((r) => r.id));
  const [s, z, h] = [has(skills), has(zoneRows), has(hours)];
  return new Map(
    workerIds.map((id) => [
      id,
      { skills: s.has(id), zones: z.has(id), hours: h.has(id), ready: s.has(id) && z.has(id) && h.has(id) },
    ]),
  );
}

/** How many active workers (account enabled) have each skill; a skill nobody has is absent (staff only). */
export async function activeWorkersBySkill(db: Db, actor: Actor): Promise<Map<string, number>> {
  assertStaff(actor);
  const rows = await db
    .select({ skill: workerSkills.skill, n: sql<number>`count(*)::int` })
    .from(workerSkills)
    .innerJoin(workerProfiles, eq(workerProfiles.userId, workerSkills.workerId))
    .innerJoin(users, eq(users.id, workerSkills.workerId))
    .where(and(eq(workerProfiles.active, true), sql`${users.disabledAt} is null`))
    .groupBy(workerSkills.skill);
  return new Map(rows.map((r) => [r.skill, r.n]));
}

/** Where the worker's pay goes, masked (staff only): the last four digits of the account, and the БИК. */
export async function workerPayoutAccount(
  db: Db,
  actor: Actor,
  workerId: string,
): Promise<{ account: string | null; bik: string | null }> {
  assertStaff(actor);
  const [row] = await db
    .select({ account: workerProfiles.bankAccount, bik: workerProfiles.bankBik })
    .from(workerProfiles)
    .where(eq(workerProfiles.userId, workerId));
  return { account: maskAccount(row?.account ?? null), bik: row?.bik ?? null };
}

/** Skill codes the catalogue uses (a worker's skills are picked from these). */
export async function listSkillCodes(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ skill: services.skill }).from(services).orderBy(asc(services.skill));
  return rows.map((r) => r.skill);
}

export type WorkerTaskRow = {
  id: string;
  number: string;
  status: OrderStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  address: string;
  service: { ru: string; en: string };
};

/** A worker's upcoming and recent tasks for the admin worker page. */
export async function listWorkerTasks(
  db: Db,
  actor: Actor,
  workerId: string,
  now = new Date(),
): Promise<{ upcoming: WorkerTaskRow[]; recent: WorkerTaskRow[] }> {
  assertStaff(actor);
  const cols = {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    scheduledStart: orders.scheduledStart,
    scheduledEnd: orders.scheduledEnd,
    address: orders.address,
    ru: services.nameRu,
    en: services.nameEn,
  };
  const base = () => db.select(cols).from(orders).innerJoin(services, eq(services.id, orders.serviceId));
  const [upcoming, recent] = await Promise.all([
    base()
      .where(
        and(
          eq(orders.workerId, workerId),
          gte(orders.scheduledEnd, now),
          inArray(orders.status, ['assigned', 'in_progress']),
        ),
      )
      .orderBy(asc(orders.scheduledStart))
      .limit(50),
    base()
      .where(and(eq(orders.workerId, workerId), lt(orders.scheduledStart, now)))
      .orderBy(desc(orders.scheduledStart))
      .limit(20),
  ]);
  const dto = ({ ru, en, ...r }: (typeof upcoming)[number]) => ({ ...r, service: { ru, en } });
  return { upcoming: upcoming.map(dto), recent: recent.map(dto) };
}

/** Edits a worker's grade, phone (on the user), weekly hours target, skills and zones, with an audit row. */
export async function updateWorkerProfile(
  db: Db,
  actor: Actor,
  input: {
    workerId: string;
    grade: Grade;
    phone: string;
    weeklyHoursTarget: number;
    skills: string[];
    zoneIds: string[];
    bankAccount?: string;
    bankBik?: string;
  },
): Promise<void> {
  assertStaff(actor);
  const bank = {
    ...(input.bankAccount ? { bankAccount: input.bankAccount } : {}),
    ...(input.bankBik ? { bankBik: input.bankBik } : {}),
  };
  const before = await getWorker(db, actor, input.workerId);
  await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: workerProfiles.userId })
      .from(workerProfiles)
      .where(eq(workerProfiles.userId, input.workerId))
      .for('update');
    if (!locked) throw notFound('errors.notFound');
    const zoneIds = [...new Set(input.zoneIds)];
    if (zoneIds.length) {
      const known = await tx.select({ id: zones.id }).from(zones).where(inArray(zones.id, zoneIds));
      if (known.length !== zoneIds.length) throw notFound('errors.notFound');
    }
    await tx.update(users).set({ phone: input.phone, updatedAt: new Date() }).where(eq(users.id, input.workerId));
    await tx
      .update(workerProfiles)
      .set({ grade: input.grade, weeklyHoursTarget: input.weeklyHoursTarget, ...bank, updatedAt: new Date() })
      .where(eq(workerProfiles.userId, input.workerId));
    await tx.delete(workerSkills).where(eq(workerSkills.workerId, input.workerId));
    const skills = [...new Set(input.skills)];
    if (skills.length)
      await tx.insert(workerSkills).values(skills.map((skill) => ({ workerId: input.workerId, skill })));
    await tx.delete(workerZones).where(eq(workerZones.workerId, input.workerId));
    if (zoneIds.length)
      await tx.insert(workerZones).values(zoneIds.map((zoneId) => ({ workerId: input.workerId, zoneId })));
    await recordAudit(tx, actor, {
      action: 'worker.update',
      entity: 'worker',
      entityId: input.workerId,
      before: {
        grade: before.grade,
        phone: before.phone,
        weeklyHoursTarget: before.weeklyHoursTarget,
        skills: before.skills,
        zoneIds: before.zoneIds,
      },
      after: {
        grade: input.grade,
        phone: input.phone,
        weeklyHoursTarget: input.weeklyHoursTarget,
        skills: skills.sort(),
        zoneIds,
        // Never the number itself in the log: that a new one was set, and its last digits.
        ...(bank.bankAccount ? { bankAccount: maskAccount(bank.bankAccount) } : {}),
        ...(bank.bankBik ? { bankBik: bank.bankBik } : {}),
      },
    });
  });
}

/**
 * Sends every future assigned (not started) order of the worker — of one client only, with `clientId` — back
 * to matching, one 'unassign' event each with the reason, in the caller's transaction (take the worker's lock
 * first). Orders in progress stay. Returns the orders to re-match with `matchSoon`.
 */
export async function releaseFutureOrders(
  tx: Db,
  actor: Actor,
  workerId: string,
  reason: string,
  now: Date,
  opts: { clientId?: string } = {},
): Promise<string[]> {
  const future = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.workerId, workerId),
        eq(orders.status, 'assigned'),
        gte(orders.scheduledStart, now),
        opts.clientId ? eq(orders.clientId, opts.clientId) : undefined,
      ),
    )
    .orderBy(asc(orders.scheduledStart));
  const ids = future.map((o) => o.id);
  await transitionOrders(
    tx,
    actor,
    'unassign',
    ids.map((orderId) => ({ orderId, reason, set: { workerId: null, priceLines: null, priceTotal: null } })),
    { at: now },
  );
  return ids;
}

/**
 * An admin disables or re-enables a sign-in account (lib/auth setUserDisabled: the sessions end at once),
 * audited. A disabled worker can no longer come to work they cannot see: their future assigned orders go
 * back to matching in the same transaction (reason worker_disabled), and matching looks for someone else after
 * the commit. Returns the orders it released.
 */
export async function setAccountDisabled(
  db: Db,
  actor: Actor,
  userId: string,
  disabled: boolean,
  now = new Date(),
): Promise<{ unassigned: string[] }> {
  assertRole(actor, 'admin');
  const result = await db.transaction(async (tx) => {
    // The worker's lock first, as everything that changes a worker's orders takes it (no row for a non-worker):
    // a dispatch committing this worker right now finishes first and its order is released below, or it
    // waits and then sees the account disabled.
    await tx
      .select({ id: workerProfiles.userId })
      .from(workerProfiles)
      .where(eq(workerProfiles.userId, userId))
      .for('update');
    await setUserDisabled(tx, actor, userId, disabled);
    const unassigned = disabled ? await releaseFutureOrders(tx, actor, userId, 'worker_disabled', now) : [];
    await recordAudit(tx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      entity: 'user',
      entityId: userId,
      before: { disabled: !disabled },
      after: { disabled, unassigned },
    });
    return { unassigned };
  });
  requestMatching(result.unassigned);
  return result;
}

/**
 * Deactivates or reactivates a worker. Deactivation sends every future assigned (not started) order of
 * theirs back to matching with an 'unassign' event (reason worker_deactivated), in the same transaction;
 * orders in progress stay with them; matching looks for someone else after the commit. Returns the released orders.
 */
export async function setWorkerActive(
  db: Db,
  actor: Actor,
  workerId: string,
  active: boolean,
  now = new Date(),
): Promise<{ unassigned: string[] }> {
  assertStaff(actor);
  const result = await db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ active: workerProfiles.active })
      .from(workerProfiles)
      .where(eq(workerProfiles.userId, workerId))
      .for('update');
    if (!profile) throw notFound('errors.notFound');
    if (profile.active === active) return { unassigned: [] };
    await tx.update(workerProfiles).set({ active, updatedAt: now }).where(eq(workerProfiles.userId, workerId));
    const unassigned = active ? [] : await releaseFutureOrders(tx, actor, workerId, 'worker_deactivated', now);
    await recordAudit(tx, actor, {
      action: active ? 'worker.reactivate' : 'worker.deactivate',
      entity: 'worker',
      entityId: workerId,
      before: { active: profile.active },
      after: { active, unassigned },
    });
    return { unassigned };
  });
  requestMatching(result.unassigned);
  return result;
}
