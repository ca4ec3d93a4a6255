import { describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import { auditLog, notifications, orders, planSkips, plans, workerProfiles } from '@/db/schema';
import { dispatch } from '@/lib/matching';
import { cancelOrder, systemActor, transitionOrder } from '@/lib/orders';
import {
  changePlan,
  createPlan,
  endPlan,
  generateVisits,
  getPlan,
  listPlansForStaff,
  pausePlan,
  resumePlan,
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
    const c = await company(t.db);
    const near = await worker(t.db, { zoneIds: [c.center.id, c.north.id], homeZoneId: c.center.id, name: 'Ближняя' });
    const regular = await worker(t.db, {
      zoneIds: [c.center.id, c.north.id],
      homeZoneId: c.north.id,
      name: 'Постоянная',
    });
    const date = addDays(toDateString(new Date(), TZ), 3);
    const { planId } = await createPlan(
      t.db,
      c.client,
      {
        serviceId: c.service.id,
        zoneId: c.center.id,
        address: 'ул. Регулярная, 3',
        date,
        time: '10:00',
        contactPhone: '+7 900 000-00-00',
        extras: [],
        repeat: 'w1',
      },
      { match: false },
    );
    const [first, second] = await visitsOf(planId);
    // The first visit is done by the regular-to-be (assigned by hand here).
    await transitionOrder(t.db, systemActor, first.id, 'match', { set: { workerId: regular.id } });
    await transitionOrder(t.db, regular, first.id, 'start');
    await transitionOrder(t.db, regular, first.id, 'finish');
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
