import { describe, expect, it } from 'vitest';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { auditLog, notifications, orderEvents, orders, planSkips, plans, workerProfiles } from '@/db/schema';
import { assignManually, dispatch, rankWorkersForOrder } from '@/lib/matching';
import { dispatchNotifications, mailboxTransport } from '@/lib/notifications';
import { cancelOrder, systemActor, transitionOrder } from '@/lib/orders';
import {
  changePlan,
  createPlan,
  endPlan,
  generateVisits,
  getPlan,
  plansJob,
  listPlansForStaff,
  pausePlan,
  resumePlan,
  setHolidayRule,
  setRegularWorker,
} from '@/lib/plans';
import { listMyTasks } from '@/lib/workers';
import { runJob } from '@/lib/scheduler';
import { updateSettings } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { onPostgres, setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { company, worker } from '../support/matching-fixtures';

const t = setupTestDb();
const TZ = 'Europe/Moscow';

/** A client's fortnightly plan of a fixed 3 000 ₽ job, first visit `inDays` ahead at 10:00 Moscow. */
async function fortnightly(opts: { inDays?: number; repeat?: 'w1' | 'w2' | 'w4'; untilDate?: string } = {}) {
  const zone = await createZone(t.db);
  const service = await createService(t.db, { pricingUnit: 'fixed', unitPrice: 300_000, minPrice: 0 });
  const client = await createUser(t.db, 'client');
  const date = addDays(toDateString(new Date(), TZ), opts.inDays ?? 3);
  const { planId } = await createPlan(
    t.db,
    client,
    {
      serviceId: service.id,
      zoneId: zone.id,
      address: 'ул. Регулярная, 2',
      date,
      time: '10:00',
      contactPhone: '+7 900 000-00-00',
      extras: [],
      repeat: opts.repeat ?? 'w2',
      untilDate: opts.untilDate ?? '',
    },
    { match: false },
  );
  return { zone, service, client, planId, date };
}

const visitsOf = (planId: string) =>
  t.db
    .select({
      id: orders.id,
      planDate: orders.planDate,
      status: orders.status,
      estimateLines: orders.estimateLines,
      estimateTotal: orders.estimateTotal,
      scheduledStart: orders.scheduledStart,
    })
    .from(orders)
    .where(eq(orders.planId, planId))
    .orderBy(asc(orders.scheduledStart));

/**
 * A weekly plan in the centre whose first visit the regular-to-be (home in the north) did, assigned by hand,
 * and a near worker living in the centre; both serve the centre and the north.
 */
async function weeklyPlanWithRegular(address: string) {
  const c = await company(t.db);
  const near = await worker(t.db, { zoneIds: [c.center.id, c.north.id], homeZoneId: c.center.id, name: 'Ближняя' });
  const regular = await worker(t.db, {
    zoneIds: [c.center.id, c.north.id],
    homeZoneId: c.north.id,
    name: 'Постоянная',
  });
  const { planId } = await createPlan(
    t.db,
    c.client,
    {
      serviceId: c.service.id,
      zoneId: c.center.id,
      address,
      date: addDays(toDateString(new Date(), TZ), 3),
      time: '10:00',
      contactPhone: '+7 900 000-00-00',
      extras: [],
      repeat: 'w1',
    },
    { match: false },
  );
  const [first, second] = await visitsOf(planId);
  await transitionOrder(t.db, systemActor, first.id, 'match', { set: { workerId: regular.id } });
  await transitionOrder(t.db, regular, first.id, 'start');
  await transitionOrder(t.db, regular, first.id, 'finish');
  return { c, near, regular, planId, second };
}

describe('recurring plans', () => {
  it('a fortnightly plan places its visits 14 days apart up to the horizon, each with the plan discount', async () => {
    const s = await fortnightly();
    const visits = await visitsOf(s.planId);
    // 28-day horizon from today, first visit in 3 days: day 3 and day 17 (day 31 is beyond it).
    expect(visits.map((v) => v.planDate)).toEqual([s.date, addDays(s.date, 14)]);
    expect(visits[0].scheduledStart.toISOString()).toBe(`${s.date}T07:00:00.000Z`);
    // 3 000 ₽ − 10 % (every 2 weeks) = 2 700 ₽ per visit.
    expect(visits[0].estimateLines.find((l) => l.code === 'discount:plan')?.amount).toBe(-30_000);
    expect(visits[0].estimateTotal).toBe(270_000);
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'plan_confirmed'), eq(notifications.userId, s.client.id)));
    expect(mail.data).toMatchObject({ planId: s.planId, weeks: 2 });
  });

  it('generating again places nothing twice, and never brings back a skipped visit', async () => {
    const s = await fortnightly({ repeat: 'w1' });
    const before = await visitsOf(s.planId);
    // The client skips the second visit (days ahead: free under the policy).
    expect(await cancelOrder(t.db, s.client, { orderId: before[1].id, reasonCode: 'plans_changed' })).toEqual({
      fee: 0,
    });
    // Forget how far generation got, and run it twice more: the unique (plan, date) key holds.
    await t.db.update(plans).set({ generatedUntil: null }).where(eq(plans.id, s.planId));
    for (let i = 0; i < 2; i++) {
      const [plan] = await t.db.select().from(plans).where(eq(plans.id, s.planId));
      await t.db.transaction((tx) => generateVisits(tx, plan, new Date()));
    }
    const after = await visitsOf(s.planId);
    expect(after.map((v) => v.planDate)).toEqual(before.map((v) => v.planDate));
    expect(after[1].status).toBe('cancelled');
  });

  it('the daily job fills plans up to the horizon once per day', async () => {
    const s = await fortnightly({ repeat: 'w1', inDays: 1 });
    await updateSettings(t.db, await createUser(t.db, 'admin'), { planHorizonDays: 35 });
    try {
      const day = toDateString(new Date(), TZ);
      const run = await runJob(t.db, 'plans', { period: day });
      expect(run.outcome).toBe('completed');
      const planDates = (await visitsOf(s.planId)).map((v) => v.planDate);
      // Weekly from tomorrow, horizon 35 days: 5 visits.
      expect(planDates).toEqual([0, 7, 14, 21, 28].map((d) => addDays(s.date, d)));
    } finally {
      await updateSettings(t.db, await createUser(t.db, 'admin'), { planHorizonDays: 28 });
    }
  });

  it('a holiday skips the visit and says so on the plan page', async () => {
    const admin = await createUser(t.db, 'admin');
    const date = addDays(toDateString(new Date(), TZ), 3);
    await updateSettings(t.db, admin, { companyHolidays: [addDays(date, 7)] });
    try {
      const s = await fortnightly({ repeat: 'w1' });
      const plan = await getPlan(t.db, s.client, s.planId);
      expect(plan.skips).toContainEqual({ date: addDays(date, 7), reason: 'holiday' });
      expect((await visitsOf(s.planId)).map((v) => v.planDate)).not.toContain(addDays(date, 7));
      const [row] = await t.db.select().from(planSkips).where(eq(planSkips.planId, s.planId));
      expect(row.reason).toBe('holiday');
    } finally {
      await updateSettings(t.db, admin, { companyHolidays: [] });
    }
  });

  it('ending the plan cancels every future visit in one go; a pause cancels those in its range', async () => {
    const s = await fortnightly({ repeat: 'w1' });
    const visits = await visitsOf(s.planId);
    await expect(
      pausePlan(t.db, s.client, { planId: s.planId, from: addDays(s.date, -10), until: s.date }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { from: 'plans.errors.pauseInPast' } });
    const paused = await pausePlan(t.db, s.client, {
      planId: s.planId,
      from: addDays(s.date, 7),
      until: addDays(s.date, 7),
    });
    expect(paused).toEqual({ fees: 0, cancelled: 1 });
    expect((await visitsOf(s.planId)).filter((v) => v.status === 'cancelled').map((v) => v.planDate)).toEqual([
      addDays(s.date, 7),
    ]);
    const ended = await endPlan(t.db, s.client, s.planId);
    // Every visit is days ahead, so free: visits − the one already cancelled.
    expect(ended).toEqual({ fees: 0, cancelled: visits.length - 1 });
    expect((await visitsOf(s.planId)).every((v) => v.status === 'cancelled')).toBe(true);
    await expect(endPlan(t.db, s.client, s.planId)).rejects.toMatchObject({ code: 'conflict' });
    // Another client cannot see or end it.
    const other = await createUser(t.db, 'client');
    await expect(getPlan(t.db, other, s.planId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the first completed visit makes its worker the regular, and matching keeps them over a closer worker', async () => {
    // The first visit is done by the regular-to-be (assigned by hand).
    const { c, near, regular, planId, second } = await weeklyPlanWithRegular('ул. Регулярная, 3');
    expect((await t.db.select().from(plans).where(eq(plans.id, planId)))[0].regularWorkerId).toBe(regular.id);
    // The next visit: the near worker would win on travel, the regular wins on continuity.
    await dispatch(t.db, { orderIds: [second.id] });
    const [next] = await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, second.id));
    expect(next.workerId).toBe(regular.id);
    // The regular is off (deactivated) for the third visit: a substitute comes, the client is told, and the
    // regular stays the regular.
    const third = (await visitsOf(planId))[2];
    await t.db.update(workerProfiles).set({ active: false }).where(eq(workerProfiles.userId, regular.id));
    await dispatch(t.db, { orderIds: [third.id] });
    const [sub] = await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, third.id));
    expect(sub.workerId).toBe(near.id);
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'worker_matched'), eq(notifications.userId, c.client.id)))
      .orderBy(desc(notifications.createdAt))
      .limit(1);
    expect(mail.data).toMatchObject({ substitute: true, workerName: 'Ближняя' });
    expect((await t.db.select().from(plans).where(eq(plans.id, planId)))[0].regularWorkerId).toBe(regular.id);
  });

  it('the manager’s ranking for a visit weighs the regular worker as dispatch does', async () => {
    const { near, regular, second } = await weeklyPlanWithRegular('ул. Регулярная, 4');
    const manager = await createUser(t.db, 'manager');
    const { candidates } = await rankWorkersForOrder(t.db, manager, second.id);
    const mine = candidates.filter((x) => x.workerId === near.id || x.workerId === regular.id);
    // The regular comes first although the near worker lives in the visit's zone; the other carries the
    // regular-worker term (NOT_REGULAR_POINTS in lib/matching/cost.ts: 40 points, about 40 km of travel),
    // stored in the terms as dispatch stores it.
    expect(mine.map((x) => [x.name, x.terms.regular])).toEqual([
      ['Постоянная', true],
      ['Ближняя', false],
    ]);
    expect(mine[1].terms.points.regular).toBe(40);
    expect(mine[0].terms.points.regular).toBeUndefined();
    // Dispatch picks the same worker the ranking puts first.
    await dispatch(t.db, { orderIds: [second.id] });
    const [next] = await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, second.id));
    expect(next.workerId).toBe(mine[0].workerId);
  });
});

/** The client's newest "worker matched" email for an order, delivered to the development mailbox. */
async function deliveredMatchEmail(clientId: string, orderId: string) {
  await dispatchNotifications(t.db, { transport: mailboxTransport });
  const [mail] = await t.db
    .select({
      data: notifications.data,
      status: notifications.status,
      text: notifications.text,
      html: notifications.html,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.kind, 'worker_matched'),
        eq(notifications.userId, clientId),
        sql`${notifications.data} -> 'order' ->> 'id' = ${orderId}`,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return mail;
}

const regularOf = async (planId: string) =>
  (await t.db.select({ id: plans.regularWorkerId }).from(plans).where(eq(plans.id, planId)))[0].id;

describe('the regular worker and a manager’s hand', () => {
  it('a manager assigning a visit to someone other than the regular: the client’s email says a substitute comes; the regular stays', async () => {
    const { c, near, regular, planId, second } = await weeklyPlanWithRegular('ул. Регулярная, 5');
    const manager = await createUser(t.db, 'manager');
    await assignManually(t.db, manager, { orderId: second.id, workerId: near.id });
    const [event] = await t.db
      .select({ data: orderEvents.data })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, second.id), eq(orderEvents.kind, 'match')));
    expect(event.data).toMatchObject({ manual: true, substitute: true });
    const mail = await deliveredMatchEmail(c.client.id, second.id);
    expect(mail.status).toBe('sent');
    expect(mail.data).toMatchObject({ substitute: true, workerName: 'Ближняя' });
    // The client reads Russian (the factory's default): the template's substitute line, with the stand-in's name.
    expect(mail.text).toContain('Ваш постоянный исполнитель в этот раз не сможет — его заменит Ближняя.');
    expect(mail.html).toContain('его заменит Ближняя');
    // The substitute does the visit; the plan's regular does not change.
    await transitionOrder(t.db, near, second.id, 'start');
    await transitionOrder(t.db, near, second.id, 'finish');
    expect(await regularOf(planId)).toBe(regular.id);
    // Assigning the next visit to the regular by hand: an ordinary "worker matched" email, no substitute line.
    const third = (await visitsOf(planId))[2];
    await assignManually(t.db, manager, { orderId: third.id, workerId: regular.id });
    const back = await deliveredMatchEmail(c.client.id, third.id);
    expect(back.data).toMatchObject({ substitute: false, workerName: 'Постоянная' });
    expect(back.text).toContain('Ваш заказ выполнит Постоянная.');
    expect(back.text).not.toContain('постоянный исполнитель');
  });

  it('a manager reassigning the regular’s visit to another worker marks it a substitute too', async () => {
    const { c, near, regular, second } = await weeklyPlanWithRegular('ул. Регулярная, 6');
    await dispatch(t.db, { orderIds: [second.id] });
    const [matched] = await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, second.id));
    expect(matched.workerId).toBe(regular.id);
    const manager = await createUser(t.db, 'manager');
    await assignManually(t.db, manager, { orderId: second.id, workerId: near.id });
    const mail = await deliveredMatchEmail(c.client.id, second.id);
    expect(mail.data).toMatchObject({ substitute: true, workerName: 'Ближняя' });
    expect(mail.text).toContain('его заменит Ближняя');
  });

  it('staff set or change the regular worker: audited, far visits held by another go back to matching, a client may not', async () => {
    const { c, near, regular, planId } = await weeklyPlanWithRegular('ул. Регулярная, 7');
    const manager = await createUser(t.db, 'manager');
    // Visits 2 and 3 go to the regular; the third is more than 48 hours away (the plan starts 3 days ahead).
    const [, second, third] = await visitsOf(planId);
    await dispatch(t.db, { orderIds: [second.id, third.id] });
    const result = await setRegularWorker(t.db, manager, { planId, workerId: near.id }, { match: false });
    expect(await regularOf(planId)).toBe(near.id);
    // Both later visits start more than 48 hours from now, so both go back to matching for the new regular.
    expect(result).toEqual({ reoffered: 2 });
    const statuses = await t.db
      .select({ status: orders.status, workerId: orders.workerId })
      .from(orders)
      .where(inArray(orders.id, [second.id, third.id]));
    expect(statuses).toEqual([
      { status: 'pending', workerId: null },
      { status: 'pending', workerId: null },
    ]);
    await dispatch(t.db, { orderIds: [second.id] });
    const [now] = await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, second.id));
    expect(now.workerId).toBe(near.id);
    const [audit] = await t.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, planId), eq(auditLog.action, 'plan.set_regular')));
    expect(audit).toMatchObject({ before: { regularWorkerId: regular.id }, after: { regularWorkerId: near.id } });
    await expect(setRegularWorker(t.db, c.client, { planId, workerId: regular.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(setRegularWorker(t.db, manager, { planId, workerId: c.client.id })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await regularOf(planId)).toBe(near.id);
  });
});

describe('plans: pause, resume, and the worker’s view', () => {
  it('a pause and its end are emailed; resuming places visits again', async () => {
    const s = await fortnightly({ repeat: 'w1' });
    await pausePlan(t.db, s.client, { planId: s.planId, from: addDays(s.date, 7), until: addDays(s.date, 13) });
    await resumePlan(t.db, s.client, s.planId);
    const [plan] = await t.db.select().from(plans).where(eq(plans.id, s.planId));
    expect(plan).toMatchObject({ pausedFrom: null, pausedUntil: null });
    const mails = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'plan_changed'), eq(notifications.userId, s.client.id)));
    expect(mails.map((m) => (m.data as { change: string }).change).sort()).toEqual(['paused', 'resumed']);
    await expect(resumePlan(t.db, s.client, s.planId)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('the worker’s task says which visit of a plan it is', async () => {
    const s = await fortnightly({ repeat: 'w1' });
    const w = await createWorker(t.db, { skills: ['cleaning'], zoneIds: [s.zone.id] });
    const [, second] = await visitsOf(s.planId);
    await transitionOrder(t.db, systemActor, second.id, 'match', { set: { workerId: w.id } });
    const tasks = await listMyTasks(t.db, w);
    expect(tasks.list.items.find((task) => task.id === second.id)?.planVisit).toBe(2);
  });
});

describe('plans for staff', () => {
  it('staff find a client’s plan, and pause and end it on the client’s behalf, audited', async () => {
    const s = await fortnightly({ repeat: 'w1' });
    const manager = await createUser(t.db, 'manager');
    const found = await listPlansForStaff(t.db, manager, { q: 'ул. Регулярная, 2', status: 'active', weeks: 1 });
    expect(found.items.map((p) => p.id)).toContain(s.planId);
    await pausePlan(t.db, manager, { planId: s.planId, from: addDays(s.date, 7), until: addDays(s.date, 7) });
    await endPlan(t.db, manager, s.planId);
    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, s.planId));
    expect(actions.map((a) => a.action).sort()).toEqual(['plan.end', 'plan.pause']);
    await expect(listPlansForStaff(t.db, s.client)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('changing a plan from a date', () => {
  it('earlier visits stay; from the date the new schedule goes on as a new plan with the same regular', async () => {
    const s = await fortnightly({ repeat: 'w1' });
    const before = await visitsOf(s.planId);
    // From the day after the second visit: every 2 weeks at 14:00.
    const fromDate = addDays(s.date, 8);
    const { planId: next, fees } = await changePlan(
      t.db,
      s.client,
      { planId: s.planId, fromDate, time: '14:00', repeat: 'w2' },
      { match: false },
    );
    expect(fees).toBe(0);
    const old = await visitsOf(s.planId);
    // The two visits before the date are untouched; the old plan's later ones are cancelled.
    expect(old.slice(0, 2).map((v) => [v.planDate, v.status])).toEqual([
      [s.date, 'pending'],
      [addDays(s.date, 7), 'pending'],
    ]);
    expect(old.slice(2).every((v) => v.status === 'cancelled')).toBe(true);
    expect(old).toHaveLength(before.length);
    const fresh = await visitsOf(next);
    expect(fresh[0].planDate).toBe(fromDate);
    expect(fresh[0].scheduledStart.toISOString()).toBe(`${fromDate}T11:00:00.000Z`); // 14:00 Moscow
    const [oldPlan] = await t.db.select().from(plans).where(eq(plans.id, s.planId));
    expect(oldPlan).toMatchObject({ status: 'ended', nextPlanId: next, untilDate: addDays(fromDate, -1) });
    // A change dated before today is refused next to the field.
    await expect(
      changePlan(t.db, s.client, { planId: next, fromDate: addDays(s.date, -30), time: '10:00', repeat: 'w1' }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { fromDate: 'orders.errors.pastDate' } });
  });
});

/** A client's weekly plan of a per-room service (2 rooms at 1 000 ₽, an oven extra at 500 ₽), from `inDays` ahead. */
async function weeklyRooms(inDays = 3) {
  const zone = await createZone(t.db);
  const service = await createService(t.db, {
    pricingUnit: 'per_room',
    unitPrice: 100_000,
    minPrice: 0,
    extras: [{ code: 'oven', nameRu: 'Духовка', nameEn: 'Oven', price: 50_000, minutes: 30 }],
  });
  const client = await createUser(t.db, 'client');
  const date = addDays(toDateString(new Date(), TZ), inDays);
  const { planId } = await createPlan(
    t.db,
    client,
    {
      serviceId: service.id,
      zoneId: zone.id,
      address: 'ул. Комнатная, 5',
      date,
      time: '10:00',
      contactPhone: '+7 900 000-00-00',
      rooms: 2,
      extras: [],
      repeat: 'w1',
    },
    { match: false },
  );
  return { zone, service, client, planId, date };
}

/** Open (not cancelled) visits of a chain of plans by plan date: [planDate, planId, estimateTotal]. */
async function openVisits(planIds: string[]) {
  const rows = await t.db
    .select({ planId: orders.planId, planDate: orders.planDate, status: orders.status, total: orders.estimateTotal })
    .from(orders)
    .where(inArray(orders.planId, planIds))
    .orderBy(asc(orders.planDate));
  return rows.filter((r) => r.status !== 'cancelled').map((r) => [r.planDate, r.planId, Number(r.total)] as const);
}

describe('changing a plan’s options and extras from a date', () => {
  it('visits from the date carry the new options and price; earlier ones stay; audited and emailed once', async () => {
    const s = await weeklyRooms();
    const before = await visitsOf(s.planId);
    // Weekly, 2 rooms: 2 × 1 000 ₽ = 2 000 ₽, minus the weekly 15 % (300 ₽) = 1 700 ₽ a visit.
    expect(before.every((v) => Number(v.estimateTotal) === 170_000)).toBe(true);
    const fromDate = addDays(s.date, 14);
    const { planId: next } = await changePlan(
      t.db,
      s.client,
      { planId: s.planId, fromDate, time: '10:00', repeat: 'w2', rooms: '3', extras: ['oven'] },
      { match: false },
    );
    // The two visits before the date are unchanged (status, options and price).
    const old = await visitsOf(s.planId);
    expect(old.slice(0, 2).map((v) => [v.planDate, v.status, Number(v.estimateTotal)])).toEqual([
      [s.date, 'pending', 170_000],
      [addDays(s.date, 7), 'pending', 170_000],
    ]);
    expect(old.slice(2).every((v) => v.status === 'cancelled')).toBe(true);
    // From the date: 3 rooms × 1 000 ₽ + oven 500 ₽ = 3 500 ₽, minus the fortnightly 10 % (350 ₽) = 3 150 ₽,
    // the discount as its own line (the first visit of a changed plan is no client's first visit).
    const fresh = await visitsOf(next);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh[0].planDate).toBe(fromDate);
    for (const v of fresh) {
      expect(Number(v.estimateTotal)).toBe(315_000);
      expect(v.estimateLines.map((l) => [l.code, l.amount])).toEqual([
        ['base', 300_000],
        ['extra:oven', 50_000],
        ['discount:plan', -35_000],
      ]);
    }
    const [nextPlan] = await t.db.select().from(plans).where(eq(plans.id, next));
    expect(nextPlan.options).toMatchObject({ rooms: 3, extras: ['oven'] });
    // Generating again (a visit per plan date, ever) and repeating the change on the ended plan add nothing.
    await t.db.transaction((tx) => generateVisits(tx, { id: next }, new Date()));
    await t.db.transaction((tx) => generateVisits(tx, { id: s.planId }, new Date()));
    await expect(
      changePlan(t.db, s.client, { planId: s.planId, fromDate, time: '10:00', repeat: 'w2', rooms: '3' }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'plans.errors.ended' });
    expect(await visitsOf(next)).toHaveLength(fresh.length);
    expect(await visitsOf(s.planId)).toHaveLength(old.length);
    expect(await t.db.select({ id: plans.id }).from(plans).where(eq(plans.previousPlanId, s.planId))).toHaveLength(1);
    // Audited (the client's own change too), and the client is emailed the new schedule and price.
    const audit = await t.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, s.planId), eq(auditLog.action, 'plan.change')));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(s.client.id);
    const mails = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'plan_changed'), eq(notifications.userId, s.client.id)));
    expect(mails).toHaveLength(1);
    expect(mails[0].data).toMatchObject({
      planId: next,
      change: 'schedule',
      from: fromDate,
      weeks: 2,
      perVisit: 315_000,
    });
  });

  it('refuses a change dated before today or with options the service does not have, saving nothing', async () => {
    const s = await weeklyRooms();
    const yesterday = addDays(toDateString(new Date(), TZ), -1);
    await expect(
      changePlan(t.db, s.client, { planId: s.planId, fromDate: yesterday, time: '10:00', repeat: 'w1', rooms: '3' }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { fromDate: 'orders.errors.pastDate' } });
    await expect(
      changePlan(t.db, s.client, {
        planId: s.planId,
        fromDate: addDays(s.date, 7),
        time: '10:00',
        repeat: 'w1',
        extras: ['sauna'],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { extras: 'orders.errors.unknownExtra' } });
    const [plan] = await t.db.select().from(plans).where(eq(plans.id, s.planId));
    expect(plan).toMatchObject({ status: 'active', nextPlanId: null, options: { rooms: 2, extras: [] } });
    expect((await visitsOf(s.planId)).every((v) => v.status === 'pending')).toBe(true);
  });

  it.runIf(onPostgres())(
    'a change racing the plans job: one visit per date, from the date the new options',
    async () => {
      const s = await weeklyRooms();
      // The job has this plan to fill again (as on the day its horizon moves on).
      await t.db
        .update(plans)
        .set({ generatedUntil: addDays(s.date, 7) })
        .where(eq(plans.id, s.planId));
      const fromDate = addDays(s.date, 7);
      const now = new Date();
      const [change] = await Promise.all([
        changePlan(
          t.db,
          s.client,
          { planId: s.planId, fromDate, time: '10:00', repeat: 'w1', rooms: '4' },
          { match: false },
        ),
        t.db.transaction((tx) =>
          plansJob.chunk(tx, { period: toDateString(now, TZ), cursor: {}, timeZone: TZ, now, chunkSize: 10_000 }),
        ),
      ]);
      const open = await openVisits([s.planId, change.planId]);
      // Each plan date once; before the date the old plan's visit (1 700 ₽), from it the new plan's:
      // 4 rooms × 1 000 ₽ = 4 000 ₽ minus 15 % (600 ₽) = 3 400 ₽.
      expect(new Set(open.map(([d]) => d)).size).toBe(open.length);
      expect(open[0]).toEqual([s.date, s.planId, 170_000]);
      expect(open.slice(1).length).toBeGreaterThan(0);
      for (const [date, planId, total] of open.slice(1)) {
        expect((date ?? '') >= fromDate).toBe(true);
        expect([planId, total]).toEqual([change.planId, 340_000]);
      }
    },
  );
});

describe('plans under concurrency (PostgreSQL)', () => {
  it.runIf(onPostgres())('five generators at once place each visit once', async () => {
    const s = await fortnightly({ repeat: 'w1' });
    const count = (await visitsOf(s.planId)).length;
    await t.db.update(plans).set({ generatedUntil: null }).where(eq(plans.id, s.planId));
    const [plan] = await t.db.select().from(plans).where(eq(plans.id, s.planId));
    await Promise.all(Array.from({ length: 5 }, () => t.db.transaction((tx) => generateVisits(tx, plan, new Date()))));
    expect(await visitsOf(s.planId)).toHaveLength(count);
  });

  it.runIf(onPostgres())(
    'ending a plan while the job runs and another tab ends it: one end, no visit left',
    async () => {
      const s = await fortnightly({ repeat: 'w1' });
      await t.db.update(plans).set({ generatedUntil: null }).where(eq(plans.id, s.planId));
      const [plan] = await t.db.select().from(plans).where(eq(plans.id, s.planId));
      const results = await Promise.allSettled([
        endPlan(t.db, s.client, s.planId),
        t.db.transaction((tx) => generateVisits(tx, plan, new Date())),
        endPlan(t.db, s.client, s.planId),
      ]);
      const ends = [results[0], results[2]];
      expect(ends.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(ends.find((r) => r.status === 'rejected')).toMatchObject({
        reason: { code: 'conflict', message: 'plans.errors.ended' },
      });
      // Whatever the order, nothing of the plan is left to happen (a visit placed by the racing generator
      // before the end is cancelled by it; one after it cannot be placed for an ended plan's past horizon).
      const visits = await visitsOf(s.planId);
      const open = visits.filter((v) => v.status === 'pending' || v.status === 'assigned');
      expect(open).toEqual([]);
    },
  );
});

describe('the holiday rule after booking', () => {
  it('skip → move places the skipped holiday visit on the next working day; move → skip cancels it; audited and emailed', async () => {
    const admin = await createUser(t.db, 'admin');
    const date = addDays(toDateString(new Date(), TZ), 3);
    const holiday = addDays(date, 7);
    await updateSettings(t.db, admin, { companyHolidays: [holiday] });
    try {
      const s = await fortnightly({ repeat: 'w1' });
      expect((await visitsOf(s.planId)).map((v) => v.planDate)).not.toContain(holiday);
      // The client now wants holiday visits moved.
      expect(await setHolidayRule(t.db, s.client, { planId: s.planId, holidayRule: 'move' }, { match: false })).toEqual(
        {
          placed: 1,
          cancelled: 0,
          fees: 0,
        },
      );
      const moved = (await visitsOf(s.planId)).find((v) => v.planDate === holiday);
      // Plan date stays the key; the visit is on the next working day at 10:00 Moscow (07:00 UTC).
      expect(moved?.scheduledStart.toISOString()).toBe(`${addDays(holiday, 1)}T07:00:00.000Z`);
      expect(moved?.status).toBe('pending');
      const plan = await getPlan(t.db, s.client, s.planId);
      expect(plan.holidayRule).toBe('move');
      expect(plan.skips.map((k) => k.date)).not.toContain(holiday);
      // Running the generator again changes nothing.
      await t.db.update(plans).set({ generatedUntil: null }).where(eq(plans.id, s.planId));
      await t.db.transaction((tx) => generateVisits(tx, { id: s.planId }, new Date()));
      expect((await visitsOf(s.planId)).filter((v) => v.planDate === holiday)).toHaveLength(1);

      // A manager switches it back to skip on the client's behalf: the moved visit is cancelled (days ahead,
      // so free) and the date is skipped again.
      const manager = await createUser(t.db, 'manager');
      expect(await setHolidayRule(t.db, manager, { planId: s.planId, holidayRule: 'skip' })).toEqual({
        placed: 0,
        cancelled: 1,
        fees: 0,
      });
      const after = (await visitsOf(s.planId)).filter((v) => v.planDate === holiday);
      expect(after.map((v) => v.status)).toEqual(['cancelled']);
      expect((await getPlan(t.db, s.client, s.planId)).skips).toContainEqual({ date: holiday, reason: 'holiday' });
      // The other visits were not touched.
      expect((await visitsOf(s.planId)).filter((v) => v.status === 'cancelled')).toHaveLength(1);

      const audits = await t.db
        .select({ action: auditLog.action, actorId: auditLog.actorId })
        .from(auditLog)
        .where(eq(auditLog.entityId, s.planId))
        .orderBy(asc(auditLog.at));
      expect(audits).toEqual([
        { action: 'plan.holiday_rule', actorId: s.client.id },
        { action: 'plan.holiday_rule', actorId: manager.id },
      ]);
      const mails = await t.db
        .select({ data: notifications.data })
        .from(notifications)
        .where(and(eq(notifications.kind, 'plan_changed'), eq(notifications.userId, s.client.id)));
      expect(mails.map((m) => (m.data as { holidayRule: string }).holidayRule).sort()).toEqual(['move', 'skip']);
      // The same rule again is a no-op; another client cannot touch the plan; an ended plan refuses.
      expect(await setHolidayRule(t.db, s.client, { planId: s.planId, holidayRule: 'skip' })).toEqual({
        placed: 0,
        cancelled: 0,
        fees: 0,
      });
      const other = await createUser(t.db, 'client');
      await expect(setHolidayRule(t.db, other, { planId: s.planId, holidayRule: 'move' })).rejects.toMatchObject({
        code: 'not_found',
      });
      await endPlan(t.db, s.client, s.planId);
      await expect(setHolidayRule(t.db, s.client, { planId: s.planId, holidayRule: 'move' })).rejects.toMatchObject({
        code: 'conflict',
      });
    } finally {
      await updateSettings(t.db, admin, { companyHolidays: [] });
    }
  });
});

describe('set-based generation', () => {
  it('one job chunk places many plans’ visits, each once, priced like a booking, with a created event each', async () => {
    const zone = await createZone(t.db);
    const service = await createService(t.db, { pricingUnit: 'fixed', unitPrice: 300_000, minPrice: 0 });
    const date = addDays(toDateString(new Date(), TZ), 2);
    const ids: string[] = [];
    for (const repeat of ['w1', 'w2', 'w4', 'w1'] as const) {
      const client = await createUser(t.db, 'client');
      const { planId } = await createPlan(
        t.db,
        client,
        {
          serviceId: service.id,
          zoneId: zone.id,
          address: 'ул. Пакетная, 1',
          date,
          time: '12:00',
          contactPhone: '+7 900 000-00-00',
          extras: [],
          repeat,
        },
        { match: false },
      );
      ids.push(planId);
    }
    // The first plan's second visit is skipped; then every plan forgets how far it got, and the job runs.
    const skipped = (await visitsOf(ids[0]))[1];
    await t.db.update(plans).set({ generatedUntil: null }).where(inArray(plans.id, ids));
    const owner = (await t.db.select({ clientId: plans.clientId }).from(plans).where(eq(plans.id, ids[0])))[0];
    await cancelOrder(t.db, s0(owner.clientId), { orderId: skipped.id, reasonCode: 'plans_changed' });
    // A period of its own (today's ran in an earlier test): the run is keyed by (job, period).
    const run = await runJob(t.db, 'plans', { period: addDays(toDateString(new Date(), TZ), 400) });
    expect(run.outcome).toBe('completed');
    // 28-day horizon from today, first visit in 2 days: weekly 4 visits (days 2, 9, 16, 23), fortnightly 2,
    // four-weekly 1 — all placed at booking, none added or brought back by the job.
    const counts = await Promise.all(ids.map(async (id) => (await visitsOf(id)).length));
    expect(counts).toEqual([4, 2, 1, 4]);
    expect((await visitsOf(ids[0]))[1].status).toBe('cancelled');
    // Weekly: 3 000 ₽ − 15 % = 2 550 ₽; every 4 weeks: 3 000 ₽ − 5 % = 2 850 ₽.
    expect((await visitsOf(ids[3]))[2].estimateTotal).toBe(255_000);
    expect((await visitsOf(ids[2]))[0].estimateTotal).toBe(285_000);
    const all = await t.db
      .select({ id: orders.id, number: orders.number })
      .from(orders)
      .where(inArray(orders.planId, ids));
    expect(new Set(all.map((o) => o.number)).size).toBe(all.length);
    const events = await t.db
      .select({ orderId: orderEvents.orderId, kind: orderEvents.kind, reason: orderEvents.reason })
      .from(orderEvents)
      .where(
        and(
          inArray(
            orderEvents.orderId,
            all.map((o) => o.id),
          ),
          eq(orderEvents.kind, 'created'),
        ),
      );
    expect(events).toHaveLength(all.length);
    expect(events.every((e) => e.reason === 'plan')).toBe(true);
  });

  it.runIf(onPostgres())(
    'a plan a client is changing while the job runs is left to the next run, never doubled',
    async () => {
      const s = await fortnightly({ repeat: 'w1' });
      const before = (await visitsOf(s.planId)).length;
      await t.db.update(plans).set({ generatedUntil: null }).where(eq(plans.id, s.planId));
      // The client's transaction holds the plan's lock while the job's chunk runs.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const client = t.db.transaction(async (tx) => {
        await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, s.planId)).for('update');
        locked();
        await held;
      });
      await isLocked;
      const run = await runJob(t.db, 'plans', { period: addDays(toDateString(new Date(), TZ), 401) });
      release();
      await client;
      expect(run.outcome).toBe('completed');
      const [plan] = await t.db
        .select({ generatedUntil: plans.generatedUntil })
        .from(plans)
        .where(eq(plans.id, s.planId));
      expect(plan.generatedUntil).toBeNull();
      expect(await visitsOf(s.planId)).toHaveLength(before);
    },
  );
});

/** An actor for a client id (the order module checks the id and role). */
const s0 = (id: string) => ({ id, role: 'client' as const, name: '', email: '', locale: 'ru' as const });
