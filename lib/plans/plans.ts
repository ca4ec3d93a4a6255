import 'server-only';
import { and, asc, desc, eq, gt, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { uuidArray } from '@/db/connect';
import { orders, planSkips, plans, services, type PlanRow } from '@/db/schema';
import { assertRole, isStaff, type Actor } from '@/lib/actor';
import { personMatches, personName } from '@/lib/auth';
import { recordAudit } from '@/lib/audit';
import { conflict, forbidden, notFound, validationFailed, type FieldErrorKeys } from '@/lib/errors';
import { afterCursorDesc, countUpTo, decodeCursor, exactTime, PAGE_SIZE, toPage, type Page } from '@/lib/paging';
import { enqueue, type KindData } from '@/lib/notifications';
import {
  assertOpenOrderRoom,
  bookingClient,
  cancelVisits,
  insertPlanVisits,
  loadService,
  orderInput,
  requestMatching,
  type OrderInput,
  type PlacedVisit,
  type PlanVisitsBatchItem,
} from '@/lib/orders';
import { estimateDuration, type PricingOptions } from '@/lib/finance/shared';
import { checkEnd, checkOptions, checkStart } from '@/lib/orders/shared';
import { getSettings, type Settings } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { expandPlan, type Occurrence } from './recurrence';
import {
  changeInput,
  holidayRuleInput,
  pauseInput,
  repeatWeeks,
  type ChangeInput,
  type HolidayRuleInput,
} from './schemas';

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
 * Places the plan's visits from where generation stopped up to the horizon, in the caller's transaction,
 * after locking the plan: an end, pause or change committed meanwhile (another tab, a manager) is seen
 * here, and one still running waits for this generation (or this one for it). See placeVisits.
 */
export async function generateVisits(
  tx: Db,
  planRow: Pick<PlanRow, 'id'>,
  now: Date,
  bookedBy?: Actor,
): Promise<PlacedVisit[]> {
  const [current] = await tx.select().from(plans).where(eq(plans.id, planRow.id)).for('update');
  if (!current) return [];
  return (await placeVisits(tx, [current], now, bookedBy)).get(current.id) ?? [];
}

/**
 * Places the visits of plans the caller has locked (FOR UPDATE, so their rows are as last committed), from
 * where each one's generation stopped up to the horizon, set-based whatever their number: the dates come
 * from the pure recurrence, the visits become orders in one batch (lib/orders insertPlanVisits, one per
 * plan date ever, so a skipped visit is never brought back), dates that get none are recorded with their
 * reason (a holiday, a pause, outside the bookable hours) — never silently dropped — and the plans' progress
 * is one update. Ended plans get nothing. `bookedBy`: staff who booked the plan on the phone (named in the
 * first events). Returns each plan's new orders, to be matched after the commit.
 */
export async function placeVisits(
  tx: Db,
  locked: readonly PlanToGenerate[],
  now: Date,
  bookedBy?: Actor,
): Promise<Map<string, PlacedVisit[]>> {
  const settings = await getSettings(tx);
  const today = toDateString(now, settings.timeZone);
  const to = horizonEnd(settings, now);
  const batch: PlanVisitsBatchItem[] = [];
  const skips: { planId: string; date: string; reason: string; at: Date }[] = [];
  const expansions = new Map<string, Occurrence[]>();
  for (const plan of locked) {
    if (plan.status === 'ended') continue;
    const from = [plan.generatedUntil ? addDays(plan.generatedUntil, 1) : plan.firstDate, plan.firstDate, today]
      .sort()
      .at(-1)!;
    if (from > to) continue;
    // Plans with the same rule from the same date have the same dates: expanded once per batch.
    const rule = [plan.firstDate, plan.time, plan.frequencyWeeks, plan.untilDate, plan.pausedFrom, plan.pausedUntil];
    const key = `${rule.join('|')}|${plan.holidayRule}|${from}`;
    let occurrences = expansions.get(key);
    if (!occurrences) {
      occurrences = expandPlan(plan, from, to, { timeZone: settings.timeZone, holidays: settings.companyHolidays });
      expansions.set(key, occurrences);
    }
    for (const o of occurrences)
      if (o.skipped) skips.push({ planId: plan.id, date: o.planDate, reason: o.skipped, at: now });
    // A time already past (a plan booked for later today, a run late in the day) is not placed.
    const visits = occurrences.flatMap((o) =>
      !o.skipped && o.start > now ? [{ planDate: o.planDate, start: o.start }] : [],
    );
    batch.push({ plan, visits, discountBp: planDiscountBp(settings, plan.frequencyWeeks) });
  }
  if (batch.length === 0) return new Map();
  const { created, outsideHours } = await insertPlanVisits(tx, batch, now, bookedBy);
  for (const [planId, dates] of outsideHours)
    for (const date of dates) skips.push({ planId, date, reason: 'outside_hours', at: now });
  for (let k = 0; k < skips.length; k += SKIP_ROWS)
    await tx
      .insert(planSkips)
      .values(skips.slice(k, k + SKIP_ROWS))
      .onConflictDoNothing();
  await tx
    .update(plans)
    .set({ generatedUntil: to, updatedAt: now })
    .where(
      // One array parameter, joined (a list of hundreds of ids is tested row by row on a seq scan).
      sql`${plans.id} in (select unnest(${uuidArray(batch.map((b) => b.plan.id))}))`,
    );
  return created;
}

/** Skipped dates per INSERT (4 parameters each). */
const SKIP_ROWS = 5_000;

/**
 * A client books a recurring plan from the order form (`repeat` every 1, 2 or 4 weeks), or staff book it for
 * a client who phoned in (`opts.clientId`; the visits placed now name who booked them, and it is audited): the
 * same checks as a one-off booking, then the plan and its first visits in one transaction, and an email with
 * the first dates. Matching is asked for the visits after the commit.
 */
export async function createPlan(
  db: Db,
  actor: Actor,
  raw: OrderInput,
  opts: { now?: Date; match?: boolean; clientId?: string } = {},
): Promise<{ planId: string; firstOrderId: string | null }> {
  const booking = await bookingClient(db, actor, opts.clientId);
  const clientId = booking.clientId;
  const input = orderInput.parse(raw);
  if (input.repeat === 'once') throw validationFailed({ repeat: 'orders.errors.repeatInvalid' });
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);
  // The first visit is checked as any booking is (and priced the same); the plan's own rules after it.
  const { fields } = checkStart(input, settings, now);
  const untilErrors: FieldErrorKeys =
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
    if (!booking.onBehalf) await assertOpenOrderRoom(tx, clientId, settings.maxOpenOrdersPerClient);
    const [plan] = await tx
      .insert(plans)
      .values({
        clientId,
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
    const visits = await generateVisits(tx, plan, now, booking.onBehalf ? actor : undefined);
    if (booking.onBehalf)
      await recordAudit(tx, actor, {
        action: 'plan.book_for_client',
        entity: 'plan',
        entityId: plan.id,
        after: { clientId, weeks, firstDate: input.date, visits: visits.length },
      });
    await enqueue(
      tx,
      { userId: clientId },
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
export async function lockPlan(tx: Db, actor: Actor, planId: string): Promise<PlanRow> {
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
    await tellPlanChanged(
      tx,
      plan.clientId,
      { planId: plan.id, change: 'paused', from: input.from, until: input.until },
      `plan_paused:${plan.id}:${input.from}:${input.until}`,
    );
    return result;
  });
}

/**
 * Changes what a company holiday does to the plan's visits, from today on: the plan's client, or staff on
 * their behalf. Switching to "move", each future plan date on a holiday that was skipped gets its visit on
 * the next working day (a date that already has a visit keeps it); switching to "skip", the visits already
 * placed for future holiday dates are cancelled under the normal cancellation policy (as skipping them
 * would be) and the dates are recorded as skipped. Dates not yet generated follow the new rule when the job
 * reaches them. Audited, and the client is emailed; matching is asked for new visits after the commit.
 */
export async function setHolidayRule(
  db: Db,
  actor: Actor,
  raw: HolidayRuleInput,
  opts: { now?: Date; match?: boolean } = {},
): Promise<{ placed: number; cancelled: number; fees: number }> {
  const input = holidayRuleInput.parse(raw);
  const now = opts.now ?? new Date();
  const result = await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, actor, input.planId);
    if (plan.status === 'ended') throw conflict('plans.errors.ended');
    const none = { placed: [] as PlacedVisit[], cancelled: 0, fees: 0 };
    if (plan.holidayRule === input.holidayRule) return none;
    const settings = await getSettings(tx);
    const today = toDateString(now, settings.timeZone);
    const holidays = settings.companyHolidays.filter((d) => d >= today);
    const changed = { ...plan, holidayRule: input.holidayRule };
    // The plan dates already generated on which the rule acts.
    const affected =
      holidays.length && plan.generatedUntil && plan.generatedUntil >= today
        ? expandPlan(changed, today, plan.generatedUntil, {
            timeZone: settings.timeZone,
            holidays: settings.companyHolidays,
          }).filter((o) => holidays.includes(o.planDate))
        : [];
    let outcome = none;
    const skipped = affected.flatMap((o) => (o.skipped === 'holiday' ? [o.planDate] : []));
    if (input.holidayRule === 'skip' && skipped.length) {
      const cancelled = await cancelVisits(tx, actor, {
        planId: plan.id,
        from: now,
        planDateIn: skipped,
        reasonCode: 'plan_holiday',
        now,
      });
      await tx
        .insert(planSkips)
        .values(skipped.map((date) => ({ planId: plan.id, date, reason: 'holiday', at: now })))
        .onConflictDoNothing();
      outcome = { ...none, ...cancelled };
    } else if (input.holidayRule === 'move' && affected.length) {
      const visits = affected.flatMap((o) =>
        !o.skipped && o.start > now ? [{ planDate: o.planDate, start: o.start }] : [],
      );
      const { created, outsideHours } = await insertPlanVisits(
        tx,
        [{ plan: changed, visits, discountBp: planDiscountBp(settings, plan.frequencyWeeks) }],
        now,
      );
      const placed = created.get(plan.id) ?? [];
      // The dates that now have a visit are no longer skipped; one the plan still cannot place says why.
      if (placed.length)
        await tx.delete(planSkips).where(
          and(
            eq(planSkips.planId, plan.id),
            inArray(
              planSkips.date,
              placed.map((v) => v.planDate),
            ),
          ),
        );
      const unplaced = outsideHours.get(plan.id) ?? [];
      if (unplaced.length)
        await tx
          .update(planSkips)
          .set({ reason: 'outside_hours', at: now })
          .where(and(eq(planSkips.planId, plan.id), inArray(planSkips.date, unplaced)));
      outcome = { ...none, placed };
    }
    await tx.update(plans).set({ holidayRule: input.holidayRule, updatedAt: now }).where(eq(plans.id, plan.id));
    await recordAudit(tx, actor, {
      action: 'plan.holiday_rule',
      entity: 'plan',
      entityId: plan.id,
      before: { holidayRule: plan.holidayRule },
      after: {
        holidayRule: input.holidayRule,
        placed: outcome.placed.length,
        cancelled: outcome.cancelled,
        fees: outcome.fees,
      },
    });
    await tellPlanChanged(
      tx,
      plan.clientId,
      { planId: plan.id, change: 'holidays', holidayRule: input.holidayRule, from: null, until: null },
      `plan_holidays:${plan.id}:${now.getTime()}`,
    );
    return outcome;
  });
  if (result.placed.length && (opts.match ?? true)) requestMatching(result.placed.map((v) => v.id));
  return { placed: result.placed.length, cancelled: result.cancelled, fees: result.fees };
}

/** The client's email that their plan changed (paused, resumed, its holidays or its schedule), once per key. */
function tellPlanChanged(tx: Db, clientId: string, data: KindData<'plan_changed'>, idempotencyKey: string) {
  return enqueue(tx, { userId: clientId }, 'plan_changed', data, { idempotencyKey });
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
  holidayRule: PlanRow['holidayRule'];
  address: string;
  serviceId: string;
  zoneId: string;
  /** The options and extras each visit is priced by (the change form starts from them). */
  options: PricingOptions;
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
    .select({ plan: plans, regular: personName(plans.regularWorkerId) })
    .from(plans)
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
    holidayRule: p.holidayRule,
    address: p.address,
    serviceId: p.serviceId,
    zoneId: p.zoneId,
    options: p.options as unknown as PricingOptions,
    regularWorkerFirstName: plan.regular ? plan.regular.split(/\s+/)[0] : null,
    upcoming: upcoming.map(({ currency: _c, ...v }) => v),
    past: past.map(({ currency: _c, ...v }) => v),
    skips,
    currency: settings.currency,
    nextPlanId: p.nextPlanId,
    previousPlanId: p.previousPlanId,
  };
}

/** What generating a plan's visits reads of it (placeVisits, insertPlanVisits): not the bookkeeping columns. */
const generationColumns = {
  id: plans.id,
  clientId: plans.clientId,
  serviceId: plans.serviceId,
  zoneId: plans.zoneId,
  address: plans.address,
  accessNotes: plans.accessNotes,
  contactPhone: plans.contactPhone,
  options: plans.options,
  frequencyWeeks: plans.frequencyWeeks,
  firstDate: plans.firstDate,
  time: plans.time,
  untilDate: plans.untilDate,
  status: plans.status,
  pausedFrom: plans.pausedFrom,
  pausedUntil: plans.pausedUntil,
  holidayRule: plans.holidayRule,
  generatedUntil: plans.generatedUntil,
  previousPlanId: plans.previousPlanId,
};
type PlanToGenerate = Pick<PlanRow, keyof typeof generationColumns>;

/** The plans due for generation (active or paused, not generated up to the horizon), by id after a cursor. */
export async function plansToGenerate(
  tx: Db,
  horizon: string,
  after: string | null,
  limit: number,
): Promise<PlanToGenerate[]> {
  return tx
    .select(generationColumns)
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

/** What a list of plans shows of each (with the plan's service joined). */
const planListColumns = {
  id: plans.id,
  status: plans.status,
  frequencyWeeks: plans.frequencyWeeks,
  firstDate: plans.firstDate,
  time: plans.time,
  serviceRu: services.nameRu,
  serviceEn: services.nameEn,
};

/** The client's own plans, active first (a client has a handful; ended ones after). */
export async function listClientPlans(db: Db, actor: Actor): Promise<PlanListItem[]> {
  assertRole(actor, 'client');
  return db
    .select(planListColumns)
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
    await tellPlanChanged(
      tx,
      plan.clientId,
      { planId, change: 'resumed', from: null, until: null },
      `plan_resumed:${planId}:${now.getTime()}`,
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
  filter: {
    q?: string;
    status?: PlanRow['status'];
    weeks?: number;
    workerId?: string;
    /** One client's plans (the client record). */
    clientId?: string;
    cursor?: string;
  } = {},
): Promise<Page<StaffPlanRow>> {
  if (!isStaff(actor)) throw forbidden();
  const q = filter.q?.trim().slice(0, 100);
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    like ? or(personMatches(plans.clientId, like), ilike(plans.address, like)) : undefined,
    filter.status ? eq(plans.status, filter.status) : undefined,
    filter.weeks ? eq(plans.frequencyWeeks, filter.weeks) : undefined,
    filter.workerId ? eq(plans.regularWorkerId, filter.workerId) : undefined,
    filter.clientId ? eq(plans.clientId, filter.clientId) : undefined,
  );
  const key = decodeCursor(filter.cursor, 2);
  const [list, count] = await Promise.all([
    db
      .select({
        ...planListColumns,
        clientName: personName(plans.clientId),
        clientPhone: plans.contactPhone,
        regularWorkerName: personName(plans.regularWorkerId),
        address: plans.address,
        keyAt: exactTime(plans.createdAt),
      })
      .from(plans)
      .innerJoin(services, eq(services.id, plans.serviceId))
      .where(and(where, afterCursorDesc(plans.createdAt, plans.id, key, 'timestamptz')))
      .orderBy(desc(plans.createdAt), desc(plans.id))
      .limit(PAGE_SIZE + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(plans)
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
 * Changes a plan from a date: the time, frequency, service options and extras of the visits from `fromDate`
 * on (the first of them on that date; its weekday is the new one). Earlier visits stay as they are. The plan
 * goes on as a new plan (the old one ends the day before and points to it, keeping each plan's
 * one-visit-per-date key intact): the old plan's visits from that date are cancelled under the normal policy,
 * the new plan's are placed at once, priced with the new options and the new frequency's discount, and it
 * keeps the regular worker. The options are checked as a booking checks them (an option left out keeps the
 * plan's value). Audited, and the client is emailed the new schedule and per-visit price. Returns the new
 * plan's id.
 */
export async function changePlan(
  db: Db,
  actor: Actor,
  raw: ChangeInput,
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
    const current = old.options as unknown as PricingOptions;
    const { options, fields: optionErrors } = checkOptions(service, {
      areaM2: input.areaM2 ?? current.areaM2,
      rooms: input.rooms ?? current.rooms,
      bathrooms: input.bathrooms ?? current.bathrooms,
      hours: input.hours ?? current.hours,
      extras: input.extras ?? current.extras ?? [],
    });
    if (Object.keys(optionErrors).length) throw validationFailed(optionErrors, 'errors.invalidInput');
    const endErrors = checkEnd({ time: input.time }, estimateDuration(service, options), settings);
    if (Object.keys(endErrors).length) throw validationFailed(endErrors, 'errors.invalidInput');
    const cancelled = await cancelVisits(tx, actor, {
      planId: old.id,
      from: now,
      planDates: { from: input.fromDate, until: '9999-12-31' },
      reasonCode: 'plan_changed',
      now,
    });
    const weeks = repeatWeeks[input.repeat];
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
        frequencyWeeks: weeks,
        firstDate: input.fromDate,
        time: input.time,
        untilDate: old.untilDate && old.untilDate >= input.fromDate ? old.untilDate : null,
        holidayRule: old.holidayRule,
        // A pause not yet over goes on in the new plan.
        ...(old.pausedFrom && old.pausedUntil && old.pausedUntil >= input.fromDate
          ? { pausedFrom: old.pausedFrom, pausedUntil: old.pausedUntil }
          : {}),
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
    await recordAudit(tx, actor, {
      action: 'plan.change',
      entity: 'plan',
      entityId: old.id,
      before: { weeks: old.frequencyWeeks, time: old.time, options: old.options },
      after: {
        nextPlanId: next.id,
        fromDate: input.fromDate,
        weeks,
        time: input.time,
        options,
        visits: visits.length,
        cancelled: cancelled.cancelled,
        fees: cancelled.fees,
      },
    });
    await tellPlanChanged(
      tx,
      old.clientId,
      {
        planId: next.id,
        change: 'schedule',
        from: input.fromDate,
        until: null,
        weeks,
        time: input.time,
        // The furthest visit: never inside the urgency window, so its price is the plain per-visit one.
        perVisit: visits.at(-1)?.estimateTotal ?? null,
        currency: settings.currency,
        firstStarts: visits.slice(0, 4).map((v) => v.start.toISOString()),
      },
      `plan_changed:${next.id}`,
    );
    return { planId: next.id, fees: cancelled.fees, visits };
  });
  if (opts.match ?? true) requestMatching(result.visits.map((v) => v.id));
  return { planId: result.planId, fees: result.fees };
}
