import 'server-only';
import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, planSkips, plans, services, users, type PlanRow } from '@/db/schema';
import { assertRole, isStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict, notFound, validationFailed, type FieldErrors } from '@/lib/errors';
import { enqueue } from '@/lib/notifications';
import {
  cancelVisits,
  insertPlanVisits,
  loadService,
  orderInput,
  requestMatching,
  type OrderInput,
} from '@/lib/orders';
import { estimateDuration } from '@/lib/finance/shared';
import { checkEnd, checkOptions, checkStart } from '@/lib/orders/shared';
import { getSettings, type Settings } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { expandPlan } from './recurrence';
import { pauseInput, repeatWeeks } from './schemas';

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
  plan: PlanRow,
  now: Date,
): Promise<{ id: string; number: string; start: Date }[]> {
  if (plan.status === 'ended') return [];
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
