import 'server-only';
import { and, asc, desc, eq, gt, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { orders, planSkips, plans, services, users, type PlanRow } from '@/db/schema';
import { assertRole, isStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict, forbidden, notFound, validationFailed, type FieldErrors } from '@/lib/errors';
import { afterCursorDesc, countUpTo, decodeCursor, exactTime, PAGE_SIZE, toPage, type Page } from '@/lib/paging';
import { enqueue } from '@/lib/notifications';
import {
  assertOpenOrderRoom,
  cancelVisits,
  insertPlanVisits,
  loadService,
  orderInput,
  requestMatching,
  type OrderInput,
} from '@/lib/orders';
import { estimateDuration, type PricingOptions } from '@/lib/finance/shared';
import { checkEnd, checkOptions, checkStart } from '@/lib/orders/shared';
import { getSettings, type Settings } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { expandPlan } from './recurrence';
import { changeInput, pauseInput, repeatWeeks } from './schemas';

/** The plan discount for a frequency, basis points (settings planDiscountsBp). */
export function planDiscountBp(settings: Settings, weeks: number): number {
  return weeks === 1
    ? settings.planDiscountsBp.w1
    : weeks === 2
      ? settings.planDiscountsBp.w2
      : settings.planDiscountsBp.w4;
}

/** The last date a plan's visits exist for as orders: the plan horizon, never shorter than matching's. */
export function horizonEnd(settings: Settings, now: Date): string {
  return addDays(
    toDateString(now, settings.timeZone),
    Math.max(settings.planHorizonDays, settings.matchingHorizonDays),
  );
}

/**
 * Places the plan's visits from where generation stopped up to the horizon, in the caller's transaction:
 * visits become orders (lib/orders insertPlanVisits, one per plan date ever), dates that get none are
 * recorded with their reason (a holiday, a pause, outside the bookable hours) — never silently dropped.
 * Returns the new orders, to be matched after the commit.
 */
export async function generateVisits(
  tx: Db,
  planRow: Pick<PlanRow, 'id'>,
  now: Date,
): Promise<{ id: string; number: string; start: Date }[]> {
  // The plan as it is now, locked: an end, pause or change committed meanwhile (another tab, a manager) is
  // seen here, and one still running waits for this generation (or this one for it).
  const [current] = await tx.select().from(plans).where(eq(plans.id, planRow.id)).for('update');
  if (!current || current.status === 'ended') return [];
  const plan = current;
  const settings = await getSettings(tx);
  const today = toDateString(now, settings.timeZone);
  const from = [plan.generatedUntil ? addDays(plan.generatedUntil, 1) : plan.firstDate, plan.firstDate, today]
    .sort()
    .at(-1)!;
  const to = horizonEnd(settings, now);
  if (from > to) return [];
  const occurrences = expandPlan(
    {
      firstDate: plan.firstDate,
      time: plan.time,
      frequencyWeeks: plan.frequencyWeeks,
      untilDate: plan.untilDate,
      pausedFrom: plan.pausedFrom,
      pausedUntil: plan.pausedUntil,
      holidayRule: plan.holidayRule,
    },
    from,
    to,
    { timeZone: settings.timeZone, holidays: settings.companyHolidays },
  );
  const skips = occurrences.flatMap((o) => (o.skipped ? [{ planDate: o.planDate, reason: o.skipped }] : []));
  // A time already past (a plan booked for later today, a run late in the day) is not placed.
  const visits = occurrences.flatMap((o) =>
    !o.skipped && o.start > now ? [{ planDate: o.planDate, start: o.start }] : [],
  );
  const { created, outsideHours } = await insertPlanVisits(
    tx,
    plan,
    visits,
    planDiscountBp(settings, plan.frequencyWeeks),
    now,
  );
  const allSkips = [...skips, ...outsideHours.map((planDate) => ({ planDate, reason: 'outside_hours' }))];
  if (allSkips.length)
    await tx
      .insert(planSkips)
      .values(allSkips.map((s) => ({ planId: plan.id, date: s.planDate, reason: s.reason, at: now })))
      .onConflictDoNothing();
  await tx.update(plans).set({ generatedUntil: to, updatedAt: now }).where(eq(plans.id, plan.id));
  return created;
}

/**
 * A client books a recurring plan from the order form (`repeat` every 1, 2 or 4 weeks): the same checks as
 * a one-off booking, then the plan and its first visits in one transaction, and an email with the first
 * dates. Matching is asked for the visits after the commit.
 */
export async function createPlan(
  db: Db,
  actor: Actor,
  raw: OrderInput,
  opts: { now?: Date; match?: boolean } = {},
): Promise<{ planId: string; firstOrderId: string | null }> {
  assertRole(actor, 'client');
  const input = orderInput.parse(raw);
  if (input.repeat === 'once') throw validationFailed({ repeat: 'orders.errors.repeatInvalid' });
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);
  // The first visit is checked as any booking is (and priced the same); the plan's own rules after it.
  const { fields } = checkStart(input, settings, now);
  const untilErrors: FieldErrors =
    input.untilDate && input.untilDate < input.date ? { untilDate: 'plans.errors.untilBeforeStart' } : {};
  if (Object.keys({ ...fields, ...untilErrors }).length)
    throw validationFailed({ ...fields, ...untilErrors }, 'errors.invalidInput');
  const weeks = repeatWeeks[input.repeat];
  const service = await loadService(db, input.serviceId, { activeOnly: true });
  if (!service) throw validationFailed({ serviceId: 'orders.errors.serviceUnavailable' });
  const { options, fields: optionErrors } = checkOptions(service, input);
  if (Object.keys(optionErrors).length) throw validationFailed(optionErrors, 'errors.invalidInput');
  const endErrors = checkEnd(input, estimateDuration(service, options), settings);
  if (Object.keys(endErrors).length) throw validationFailed(endErrors, 'errors.invalidInput');
  const created = await db.transaction(async (tx) => {
    await assertOpenOrderRoom(tx, actor.id, settings.maxOpenOrdersPerClient);
    const [plan] = await tx
      .insert(plans)
      .values({
        clientId: actor.id,
        serviceId: input.serviceId,
        zoneId: input.zoneId,
        address: input.address,
        accessNotes: input.accessNotes,
        contactPhone: input.contactPhone,
        options,
        frequencyWeeks: weeks,
        firstDate: input.date,
        time: input.time,
        untilDate: input.untilDate || null,
        holidayRule: input.holidayRule,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const visits = await generateVisits(tx, plan, now);
    await enqueue(
      tx,
      { userId: actor.id },
      'plan_confirmed',
      { planId: plan.id, weeks, firstStarts: visits.slice(0, 4).map((v) => v.start.toISOString()) },
      { idempotencyKey: `plan_confirmed:${plan.id}` },
    );
    return { plan, visits };
  });
  if (opts.match ?? true) requestMatching(created.visits.map((v) => v.id));
  return { planId: created.plan.id, firstOrderId: created.visits[0]?.id ?? null };
}

/** Locks a plan for a change: its client, or staff on the client's behalf; anyone else gets NotFound. */
async function lockPlan(tx: Db, actor: Actor, planId: string): Promise<PlanRow> {
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId)).for('update');
  if (!plan || (actor.role === 'client' && plan.clientId !== actor.id) || actor.role === 'worker')
    throw notFound('plans.errors.notFound');
  if (actor.role !== 'client' && !isStaff(actor)) throw notFound('plans.errors.notFound');
  return plan;
}

/**
 * Ends the plan: every visit not yet started is cancelled in one transaction, each under the normal
 * cancellation policy (free 24 h ahead, a fee inside the window), and no more are generated.
 */
export async function endPlan(
  db: Db,
  actor: Actor,
  planId: string,
  now = new Date(),
): Promise<{ fees: number; cancelled: number }> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, actor, planId);
    if (plan.status === 'ended') throw conflict('plans.errors.ended');
    const result = await cancelVisits(tx, actor, { planId, from: now, reasonCode: 'plan_ended', now });
    const settings = await getSettings(tx);
    await tx
      .update(plans)
      .set({ status: 'ended', untilDate: toDateString(now, settings.timeZone), updatedAt: now })
      .where(eq(plans.id, planId));
    if (isStaff(actor))
      await recordAudit(tx, actor, { action: 'plan.end', entity: 'plan', entityId: planId, after: result });
    await enqueue(
      tx,
      { userId: plan.clientId },
      'plan_ended',
      { planId, fees: result.fees, currency: settings.currency },
      { idempotencyKey: `plan_ended:${planId}` },
    );
    return result;
  });
}

/** Pauses the plan for a date range: its visits in the range are cancelled (policy fees), none are placed there. */
export async function pausePlan(
  db: Db,
  actor: Actor,
  raw: { planId: string; from: string; until: string },
  now = new Date(),
): Promise<{ fees: number; cancelled: number }> {
  const input = pauseInput.parse(raw);
  const settings = await getSettings(db);
  if (input.from < toDateString(now, settings.timeZone))
    throw validationFailed({ from: 'plans.errors.pauseInPast' }, 'errors.invalidInput');
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, actor, input.planId);
    if (plan.status === 'ended') throw conflict('plans.errors.ended');
    const result = await cancelVisits(tx, actor, {
      planId: plan.id,
      from: now,
      planDates: { from: input.from, until: input.until },
      reasonCode: 'plan_paused',
      now,
    });
    await tx
      .update(plans)
      .set({ pausedFrom: input.from, pausedUntil: input.until, updatedAt: now })
      .where(eq(plans.id, plan.id));
    if (isStaff(actor))
      await recordAudit(tx, actor, { action: 'plan.pause', entity: 'plan', entityId: plan.id, after: input });
    await enqueue(
      tx,
      { userId: plan.clientId },
      'plan_changed',
      { planId: plan.id, change: 'paused', from: input.from, until: input.until },
      { idempotencyKey: `plan_paused:${plan.id}:${input.from}:${input.until}` },
    );
    return result;
  });
}

export type PlanVisitDto = {
  id: string;
  number: string;
  status: string;
  scheduledStart: Date;
  planDate: string | null;
  total: number;
};

export type PlanDto = {
  id: string;
  clientId: string;
  status: PlanRow['status'];
  frequencyWeeks: number;
  firstDate: string;
  time: string;
  untilDate: string | null;
  pausedFrom: string | null;
  pausedUntil: string | null;
  address: string;
  serviceId: string;
  regularWorkerFirstName: string | null;
  upcoming: PlanVisitDto[];
  past: PlanVisitDto[];
  skips: { date: string; reason: string }[];
  currency: string;
  /** A change from a date continues the plan as a new one: the link both ways. */
  nextPlanId: string | null;
  previousPlanId: string | null;
};

/** A plan with its next 8 visits, its recent past ones and the dates it skipped: its client, or staff. */
export async function getPlan(db: Db, actor: Actor, planId: string, now = new Date()): Promise<PlanDto> {
  const [plan] = await db
    .select({ plan: plans, regular: users.name })
    .from(plans)
    .leftJoin(users, eq(users.id, plans.regularWorkerId))
    .where(eq(plans.id, planId));
  if (!plan || actor.role === 'worker' || (actor.role === 'client' && plan.plan.clientId !== actor.id))
    throw notFound('plans.errors.notFound');
  const cols = {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    scheduledStart: orders.scheduledStart,
    planDate: orders.planDate,
    total: sql<number>`coalesce(${orders.priceTotal}, ${orders.estimateTotal})`.mapWith(Number),
    currency: orders.currency,
  };
  const [upcoming, past, skips, settings] = await Promise.all([
    db
      .select(cols)
      .from(orders)
      .where(and(eq(orders.planId, planId), gt(orders.scheduledStart, now)))
      .orderBy(asc(orders.scheduledStart))
      .limit(8),
    db
      .select(cols)
      .from(orders)
      .where(and(eq(orders.planId, planId), lt(orders.scheduledStart, now)))
      .orderBy(desc(orders.scheduledStart))
      .limit(20),
    db
      .select({ date: planSkips.date, reason: planSkips.reason })
      .from(planSkips)
      .where(eq(planSkips.planId, planId))
      .orderBy(asc(planSkips.date)),
    getSettings(db),
  ]);
  const p = plan.plan;
  return {
    id: p.id,
    clientId: p.clientId,
    status: p.status,
    frequencyWeeks: p.frequencyWeeks,
    firstDate: p.firstDate,
    time: p.time,
    untilDate: p.untilDate,
    pausedFrom: p.pausedFrom,
    pausedUntil: p.pausedUntil,
    address: p.address,
    serviceId: p.serviceId,
    regularWorkerFirstName: plan.regular ? plan.regular.split(/\s+/)[0] : null,
    upcoming: upcoming.map(({ currency: _c, ...v }) => v),
    past: past.map(({ currency: _c, ...v }) => v),
    skips,
    currency: settings.currency,
    nextPlanId: p.nextPlanId,
    previousPlanId: p.previousPlanId,
  };
}

/** The plans due for generation (active or paused, not generated up to the horizon), by id after a cursor. */
export async function plansToGenerate(
  tx: Db,
  horizon: string,
  after: string | null,
  limit: number,
): Promise<PlanRow[]> {
  return tx
    .select()
    .from(plans)
    .where(
      and(
        inArray(plans.status, ['active', 'paused']),
        or(sql`${plans.generatedUntil} is null`, lt(plans.generatedUntil, horizon)),
        after ? gt(plans.id, after) : undefined,
      ),
    )
    .orderBy(asc(plans.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export type PlanListItem = {
  id: string;
  status: PlanRow['status'];
  frequencyWeeks: number;
  firstDate: string;
  time: string;
  serviceRu: string;
  serviceEn: string;
};

/** The client's own plans, active first (a client has a handful; ended ones after). */
export async function listClientPlans(db: Db, actor: Actor): Promise<PlanListItem[]> {
  assertRole(actor, 'client');
  return db
    .select({
      id: plans.id,
      status: plans.status,
      frequencyWeeks: plans.frequencyWeeks,
      firstDate: plans.firstDate,
      time: plans.time,
      serviceRu: services.nameRu,
      serviceEn: services.nameEn,
    })
    .from(plans)
    .innerJoin(services, eq(services.id, plans.serviceId))
    .where(eq(plans.clientId, actor.id))
    .orderBy(sql`${plans.status} = 'ended'`, desc(plans.createdAt));
}

/**
 * Ends a pause early (or clears one not yet begun): the plan places visits again from tomorrow. Dates whose
 * visit the pause cancelled keep that cancelled visit (a plan date never gets a second one).
 */
export async function resumePlan(db: Db, actor: Actor, planId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, actor, planId);
    if (plan.status === 'ended') throw conflict('plans.errors.ended');
    if (!plan.pausedFrom) throw conflict('plans.errors.notPaused');
    const settings = await getSettings(tx);
    const today = toDateString(now, settings.timeZone);
    await tx
      .update(plans)
      .set({ pausedFrom: null, pausedUntil: null, generatedUntil: today, updatedAt: now })
      .where(eq(plans.id, planId));
    const [fresh] = await tx.select().from(plans).where(eq(plans.id, planId));
    await generateVisits(tx, fresh, now);
    if (isStaff(actor)) await recordAudit(tx, actor, { action: 'plan.resume', entity: 'plan', entityId: planId });
    await enqueue(
      tx,
      { userId: plan.clientId },
      'plan_changed',
      { planId, change: 'resumed', from: null, until: null },
      { idempotencyKey: `plan_resumed:${planId}:${now.getTime()}` },
    );
  });
}

export type StaffPlanRow = PlanListItem & {
  clientName: string;
  clientPhone: string;
  regularWorkerName: string | null;
  address: string;
};

/** Every plan for staff, newest first, searched by client and filtered by status, frequency and regular worker; keyset-paged. */
export async function listPlansForStaff(
  db: Db,
  actor: Actor,
  filter: { q?: string; status?: PlanRow['status']; weeks?: number; workerId?: string; cursor?: string } = {},
): Promise<Page<StaffPlanRow>> {
  if (!isStaff(actor)) throw forbidden();
  const client = alias(users, 'client');
  const regular = alias(users, 'regular');
  const q = filter.q?.trim().slice(0, 100);
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    like ? or(ilike(client.name, like), ilike(client.email, like), ilike(plans.address, like)) : undefined,
    filter.status ? eq(plans.status, filter.status) : undefined,
    filter.weeks ? eq(plans.frequencyWeeks, filter.weeks) : undefined,
    filter.workerId ? eq(plans.regularWorkerId, filter.workerId) : undefined,
  );
  const key = decodeCursor(filter.cursor, 2);
  const [list, count] = await Promise.all([
    db
      .select({
        id: plans.id,
        status: plans.status,
        frequencyWeeks: plans.frequencyWeeks,
        firstDate: plans.firstDate,
        time: plans.time,
        serviceRu: services.nameRu,
        serviceEn: services.nameEn,
        clientName: client.name,
        clientPhone: plans.contactPhone,
        regularWorkerName: regular.name,
        address: plans.address,
        keyAt: exactTime(plans.createdAt),
      })
      .from(plans)
      .innerJoin(client, eq(client.id, plans.clientId))
      .innerJoin(services, eq(services.id, plans.serviceId))
      .leftJoin(regular, eq(regular.id, plans.regularWorkerId))
      .where(and(where, afterCursorDesc(plans.createdAt, plans.id, key, 'timestamptz')))
      .orderBy(desc(plans.createdAt), desc(plans.id))
      .limit(PAGE_SIZE + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(plans)
        .innerJoin(client, eq(client.id, plans.clientId))
        .where(where),
    ),
  ]);
  return toPage(
    list,
    PAGE_SIZE,
    (r) => [r.keyAt, r.id],
    ({ keyAt: _k, ...r }) => r,
    count,
  );
}

/**
 * Changes a plan from a date: the time, frequency and options of the visits from `fromDate` on (the first
 * of them on that date; its weekday is the new one). Earlier visits stay as they are. The plan goes on as a
 * new plan (the old one ends the day before and points to it, keeping each plan's one-visit-per-date key
 * intact): the old plan's visits from that date are cancelled under the normal policy, the new plan's are
 * placed at once, and it keeps the regular worker. Returns the new plan's id.
 */
export async function changePlan(
  db: Db,
  actor: Actor,
  raw: {
    planId: string;
    fromDate: string;
    time: string;
    repeat: 'w1' | 'w2' | 'w4';
    options?: Record<string, unknown>;
  },
  opts: { now?: Date; match?: boolean } = {},
): Promise<{ planId: string; fees: number }> {
  const input = changeInput.parse(raw);
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);
  const { fields } = checkStart({ date: input.fromDate, time: input.time }, settings, now);
  if (Object.keys(fields).length)
    throw validationFailed(
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === 'date' ? 'fromDate' : k, v])),
      'errors.invalidInput',
    );
  const result = await db.transaction(async (tx) => {
    const old = await lockPlan(tx, actor, input.planId);
    if (old.status === 'ended') throw conflict('plans.errors.ended');
    const service = await loadService(tx, old.serviceId, { activeOnly: false });
    if (!service) throw notFound('plans.errors.notFound');
    const options = { ...old.options, ...(input.options ?? {}) } as unknown as PricingOptions;
    const endErrors = checkEnd({ time: input.time }, estimateDuration(service, options), settings);
    if (Object.keys(endErrors).length) throw validationFailed(endErrors, 'errors.invalidInput');
    const cancelled = await cancelVisits(tx, actor, {
      planId: old.id,
      from: now,
      planDates: { from: input.fromDate, until: '9999-12-31' },
      reasonCode: 'plan_changed',
      now,
    });
    const [next] = await tx
      .insert(plans)
      .values({
        clientId: old.clientId,
        serviceId: old.serviceId,
        zoneId: old.zoneId,
        address: old.address,
        accessNotes: old.accessNotes,
        contactPhone: old.contactPhone,
        options: options as unknown as Record<string, unknown>,
        frequencyWeeks: repeatWeeks[input.repeat],
        firstDate: input.fromDate,
        time: input.time,
        untilDate: old.untilDate && old.untilDate >= input.fromDate ? old.untilDate : null,
        holidayRule: old.holidayRule,
        regularWorkerId: old.regularWorkerId,
        previousPlanId: old.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .update(plans)
      .set({ status: 'ended', untilDate: addDays(input.fromDate, -1), nextPlanId: next.id, updatedAt: now })
      .where(eq(plans.id, old.id));
    const visits = await generateVisits(tx, next, now);
    if (isStaff(actor))
      await recordAudit(tx, actor, {
        action: 'plan.change',
        entity: 'plan',
        entityId: old.id,
        after: { nextPlanId: next.id, fromDate: input.fromDate, time: input.time, repeat: input.repeat },
      });
    await enqueue(
      tx,
      { userId: old.clientId },
      'plan_confirmed',
      {
        planId: next.id,
        weeks: next.frequencyWeeks,
        firstStarts: visits.slice(0, 4).map((v) => v.start.toISOString()),
      },
      { idempotencyKey: `plan_confirmed:${next.id}` },
    );
    return { planId: next.id, fees: cancelled.fees, visits };
  });
  if (opts.match ?? true) requestMatching(result.visits.map((v) => v.id));
  return { planId: result.planId, fees: result.fees };
}
