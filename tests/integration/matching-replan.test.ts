import { renderEmail } from '@/emails/render';
import { describe, expect, it, vi } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { matchExplanations, notifications, orderEvents, orders } from '@/db/schema';
import { withoutMatchSoon } from '@/lib/composition';
import { assignManually, dispatch } from '@/lib/matching';
import { pgErrorCode } from '@/lib/matching/errors';
import { updateSettings, type Settings } from '@/lib/settings';
import { declineTask } from '@/lib/workers';
import { createService, createUser, createZone } from '@/tests/support/factories';
import { setupTestDb } from '@/tests/support/db';
import { HOUR, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

// The day's re-plan (lib/matching/dispatch.ts loadHeld/commitMoves): a sweep may give a job matched automatically
// on the company's day to another worker when that saves more than settings.matchingReplan.minSaving points.
//
// Every scenario uses three zones on one meridian (lng 37.62), so distances are plain arithmetic:
// 1° of latitude = 6371 km × π / 180 = 111.195 km, so 0.09° = 10.0075 km.
//   P at lat 55.70, Q at 55.79 (P–Q 10.0 km), R at 55.88 (P–R 20.0 km, Q–R 10.0 km).
// Each test has its own skill (workers of other tests are never eligible) and its own Monday (a sweep's re-plan only
// reads the jobs of its own company day). Jobs are 2 h, at 10:00 UTC (13:00 Moscow); the sweep runs at 05:00 UTC
// (08:00 Moscow, the company's day is that Monday), 5 h ahead, beyond the default lead time of 2 h.

/**
 * Runs `hook` once, after the next matching run has read its data and before it plans and commits: a change made
 * there is one the plan cannot see (a race between the plan and the commit).
 */
const race = vi.hoisted(() => ({ hook: null as null | (() => Promise<void>), loads: 0 }));
vi.mock('@/lib/matching/load', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/matching/load')>();
  return {
    ...original,
    loadMatchingData: async (...args: Parameters<typeof original.loadMatchingData>) => {
      const data = await original.loadMatchingData(...args);
      race.loads++;
      const hook = race.hook;
      race.hook = null;
      if (hook) await hook();
      return data;
    },
  };
});

const t = setupTestDb();
const DAY = 24 * HOUR;
let week = 0;

/** A fresh day, skill and zones for one scenario. */
async function scenario() {
  const day = nextMonday(new Date(Date.now() + 7 * DAY * week++));
  const skill = `replan-${week}`;
  const p = await createZone(t.db, { lat: 55.7, lng: 37.62 });
  const q = await createZone(t.db, { lat: 55.79, lng: 37.62 });
  const r = await createZone(t.db, { lat: 55.88, lng: 37.62 });
  const service = await createService(t.db, { skill, pricingUnit: 'fixed', unitPrice: 300000, minPrice: 0 });
  const client = await createUser(t.db, 'client');
  const admin = await createUser(t.db, 'admin');
  const manager = await createUser(t.db, 'manager');
  const zoneIds = [p.id, q.id, r.id];
  return {
    day,
    p,
    q,
    r,
    client,
    admin,
    manager,
    /** The evening before: order-scoped matching (no re-plan) commits the day's plan. */
    evening: new Date(day.getTime() - 6 * HOUR),
    /** The sweep's clock: 05:00 UTC on the day (08:00 Moscow). */
    dawn: new Date(day.getTime() + 5 * HOUR),
    /** 10:00 UTC on the day. */
    ten: new Date(day.getTime() + 10 * HOUR),
    worker: (name: string, home: string) => worker(t.db, { zoneIds, homeZoneId: home, skills: [skill], name }),
    order: (zoneId: string, start: Date) =>
      pendingOrder(t.db, { clientId: client.id, serviceId: service.id, zoneId, start }),
    replan: (value: Partial<Settings['matchingReplan']>) =>
      updateSettings(t.db, admin, {
        matchingReplan: { enabled: true, minSaving: 3, leadHours: 2, days: 1, ...value },
      }),
  };
}

/**
 * dispatch from a fresh module graph, wired again: the setup file loaded lib/matching before this file's mock of
 * lib/matching/load, so only a fresh graph's dispatch reads through the mock.
 */
async function mockedDispatch(...args: Parameters<typeof dispatch>) {
  vi.resetModules();
  await import('@/lib/composition');
  const fresh = await import('@/lib/matching');
  return fresh.dispatch(...args);
}

async function orderRow(id: string) {
  const [row] = await t.db
    .select({ status: orders.status, workerId: orders.workerId, priceTotal: orders.priceTotal })
    .from(orders)
    .where(eq(orders.id, id));
  return row;
}

/** The order's 'reassign' events, oldest first. */
function reassigns(orderId: string) {
  return t.db
    .select({ id: orderEvents.id, data: orderEvents.data })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.kind, 'reassign')))
    .orderBy(orderEvents.at);
}

async function latestExplanation(orderId: string) {
  const [row] = await t.db
    .select({ kind: matchExplanations.kind, workerId: matchExplanations.workerId, terms: matchExplanations.terms })
    .from(matchExplanations)
    .where(eq(matchExplanations.orderId, orderId))
    .orderBy(desc(matchExplanations.createdAt))
    .limit(1);
  return row;
}

/**
 * The sick call: S (home P) has J1 in P, A (home P) has J2 in Q, both at 10:00, both matched automatically the
 * evening before (only S existed when J1 was matched; S was busy when J2 was, so A took it). B (home Q) joins
 * later and is free all day. At dawn S declines J1 (ill).
 */
async function sickCall(opts: { manualJ2?: boolean } = {}) {
  const s = await scenario();
  const sick = await s.worker('Света', s.p.id);
  const j1 = await s.order(s.p.id, s.ten);
  await dispatch(t.db, { orderIds: [j1], now: s.evening });
  const a = await s.worker('Анна', s.p.id);
  const j2 = await s.order(s.q.id, s.ten);
  if (opts.manualJ2) await assignManually(t.db, s.manager, { orderId: j2, workerId: a.id }, s.evening);
  else await dispatch(t.db, { orderIds: [j2], now: s.evening });
  const b = await s.worker('Борис', s.q.id);
  expect(await orderRow(j1)).toMatchObject({ status: 'assigned', workerId: sick.id });
  expect(await orderRow(j2)).toMatchObject({ status: 'assigned', workerId: a.id });
  // The decline asks for a match after its commit; the sweep below is the one under test.
  await withoutMatchSoon(() =>
    declineTask(t.db, { ...sick, role: 'worker' }, j1, { reasonCode: 'illness' }, new Date(s.dawn.getTime() - HOUR)),
  );
  expect(await orderRow(j1)).toMatchObject({ status: 'pending', workerId: null });
  return { ...s, sick, a, b, j1, j2 };
}

describe("the day's re-plan", () => {
  it('after a sick call, moves another worker’s job when that saves more than the minimum, and tells everyone', async () => {
    const s = await sickCall();
    await s.replan({ minSaving: 3 });
    const before = await orderRow(s.j2);

    race.loads = 0;
    const summary = await mockedDispatch(t.db, { now: s.dawn, trigger: 'manual' });
    // Without the re-plan: J1 → B (Q→P 10.0 km), A keeps J2 (P→Q 10.0 km): 20.0 km.
    // With it: J1 → A (home P, 0 km), J2 → B (home Q, 0 km): 0 km + 3 points for the move. Each worker has one
    // 2-hour job either way, so workload is equal; the saving is 20.0 − 3 = 17.0 points > 0.
    expect(await orderRow(s.j1)).toMatchObject({ status: 'assigned', workerId: s.a.id });
    const moved = await orderRow(s.j2);
    expect(moved).toMatchObject({ status: 'assigned', workerId: s.b.id });
    // The new worker has A's grade (standard), so the client's price stays 3 000 ₽ = 300 000 kopecks.
    expect(moved.priceTotal).toBe(before.priceTotal);
    expect(moved.priceTotal).toBe(300000);
    expect(summary).toMatchObject({ moved: 1, matched: 1, conflicts: 0 });
    // One plan, committed as planned: the move (which frees A at 10:00) is committed before J1's match to A, so J1
    // needs no second plan after losing a race to its own run's move.
    expect(race.loads).toBe(1);

    const [event] = await reassigns(s.j2);
    expect(event.data).toMatchObject({ replan: true });
    const why = await latestExplanation(s.j2);
    expect(why).toMatchObject({ kind: 'auto', workerId: s.b.id, terms: { replanned: true, travelKm: 0 } });
    // The move paid its minimum saving: the 3 points are in the new worker's terms.
    expect(why.terms?.points.replan).toBe(3);
    // J1 went to A as a plain match: not a re-plan.
    expect((await latestExplanation(s.j1)).terms?.replanned).toBeUndefined();

    const mails = await t.db
      .select({ kind: notifications.kind, userId: notifications.userId, data: notifications.data })
      .from(notifications)
      .where(sql`${notifications.idempotencyKey} like ${`order-event:${event.id}:%`}`);
    expect(mails.map((m) => [m.kind, m.userId]).sort()).toEqual(
      [
        ['task_changed', s.a.id],
        ['task_assigned', s.b.id],
        ['worker_matched', s.client.id],
      ].sort(),
    );
    expect(mails.find((m) => m.kind === 'task_changed')!.data).toMatchObject({ change: 'reassigned' });
    const matched = mails.find((m) => m.kind === 'worker_matched')!;
    expect(matched.data).toMatchObject({ workerName: 'Борис', priceTotal: 300000, replanned: true });
    // The client reads why the cleaner changed, and that the time and the price did not.
    for (const [locale, sentence] of [
      ['ru', 'Мы пересобрали маршруты дня: вместо исполнителя, о котором мы писали раньше, приедет Борис.'],
      ['en', 'We have re-planned the day’s routes: Борис will come instead of the cleaner we named before.'],
    ] as const) {
      const email = await renderEmail('worker_matched', matched.data, {
        locale,
        companyName: 'Чистый дом',
        appUrl: 'https://example.test',
        timeZone: 'Europe/Moscow',
        recipientName: 'Клиент',
      });
      expect(email.text).toContain(sentence);
    }
  });

  it('moves nothing when the saving is below the minimum', async () => {
    const s = await sickCall();
    // The move would save 20.0 km (as above); with 20.5 points asked for it, keeping J2 with A costs less.
    await s.replan({ minSaving: 20.5 });
    const summary = await dispatch(t.db, { now: s.dawn });
    expect(summary.moved).toBe(0);
    // J1 goes to the only free worker, B (10.0 km), and A keeps J2.
    expect(await orderRow(s.j1)).toMatchObject({ status: 'assigned', workerId: s.b.id });
    expect(await orderRow(s.j2)).toMatchObject({ status: 'assigned', workerId: s.a.id });
    expect(await reassigns(s.j2)).toEqual([]);
  });

  it('never moves a manager’s assignment', async () => {
    const s = await sickCall({ manualJ2: true });
    await s.replan({ minSaving: 0 });
    const summary = await dispatch(t.db, { now: s.dawn });
    // The same 20 km saving as in the first case, even at no cost: J2's latest explanation is manual, so it is held.
    expect(summary.moved).toBe(0);
    expect(await orderRow(s.j1)).toMatchObject({ workerId: s.b.id });
    expect(await orderRow(s.j2)).toMatchObject({ workerId: s.a.id });
    expect((await latestExplanation(s.j2)).kind).toBe('manual');
    expect(await reassigns(s.j2)).toEqual([]);
  });

  it('swaps two workers’ jobs at the same hour, in one transaction; a real double booking is still refused', async () => {
    const s = await scenario();
    await s.replan({ minSaving: 3 });
    // The evening before: A (home P) alone takes J2 in Q; then B (home Q) joins and takes J3 in P (A is busy).
    const a = await s.worker('Анна', s.p.id);
    const j2 = await s.order(s.q.id, s.ten);
    await dispatch(t.db, { orderIds: [j2], now: s.evening });
    const b = await s.worker('Борис', s.q.id);
    const j3 = await s.order(s.p.id, s.ten);
    await dispatch(t.db, { orderIds: [j3], now: s.evening });
    expect(await orderRow(j2)).toMatchObject({ workerId: a.id });
    expect(await orderRow(j3)).toMatchObject({ workerId: b.id });

    const summary = await dispatch(t.db, { now: s.dawn });
    // Now 10.0 + 10.0 = 20.0 km. Moving one job alone is impossible (the other worker is busy at 10:00); the swap
    // costs 0 km + 2 × 3 points = 6 < 20.0. Nothing else can change: there are no other workers or jobs.
    expect(summary.moved).toBe(2);
    expect(await orderRow(j2)).toMatchObject({ status: 'assigned', workerId: b.id, priceTotal: 300000 });
    expect(await orderRow(j3)).toMatchObject({ status: 'assigned', workerId: a.id, priceTotal: 300000 });
    expect((await reassigns(j2)).map((e) => e.data.replan)).toEqual([true]);
    expect((await reassigns(j3)).map((e) => e.data.replan)).toEqual([true]);

    // The swap needs the no-overlap constraint deferrable (0045): checked per row, as a non-deferrable exclusion
    // constraint is, the first of the two updates would overlap the other job. It is still checked at once by default.
    const [constraint] = await rows<{ deferrable: boolean; deferred: boolean }>(
      t.db,
      sql`select condeferrable as deferrable, condeferred as deferred from pg_constraint where conname = 'orders_worker_no_overlap'`,
    );
    expect(constraint).toEqual({ deferrable: true, deferred: false });
    // The overlap check was deferred only inside the re-plan's transaction: booking A twice at 10:00 still fails.
    const error = await pendingOrder(t.db, {
      clientId: s.client.id,
      serviceId: (await t.db.select({ id: orders.serviceId }).from(orders).where(eq(orders.id, j2)))[0].id,
      zoneId: s.p.id,
      start: new Date(s.ten.getTime() + HOUR),
      status: 'assigned',
      workerId: a.id,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(pgErrorCode(error)).toBe('23P01');
  });

  it('moves nothing when a manager reassigns the job between the plan and the commit', async () => {
    const s = await sickCall();
    await s.replan({ minSaving: 3 });
    const c = await s.worker('Вера', s.r.id);
    // After the sweep has read its data (A holds J2), a manager gives J2 to C.
    race.hook = async () => {
      await assignManually(t.db, s.manager, { orderId: s.j2, workerId: c.id }, s.dawn);
    };
    const summary = await mockedDispatch(t.db, { now: s.dawn });
    expect(race.hook).toBeNull();
    // The plan (made on what it read) moves J2 from A to B; the commit finds J2 with C, not A: the move is a
    // conflict and the manager's choice stands.
    expect(summary).toMatchObject({ moved: 0 });
    expect(summary.conflicts).toBeGreaterThanOrEqual(1);
    expect(await orderRow(s.j2)).toMatchObject({ status: 'assigned', workerId: c.id });
    expect((await latestExplanation(s.j2)).kind).toBe('manual');
    expect((await reassigns(s.j2)).map((e) => e.data.replan ?? false)).toEqual([false]);
    // J1 still goes to A as planned: the manager's change freed A at 10:00 too.
    expect(await orderRow(s.j1)).toMatchObject({ status: 'assigned', workerId: s.a.id });
  });

  it('moves nothing when the re-plan is off, nor jobs starting within the lead time', async () => {
    const off = await sickCall();
    await off.replan({ enabled: false });
    expect((await dispatch(t.db, { now: off.dawn })).moved).toBe(0);
    // As when the saving is too small: J1 → B, A keeps J2.
    expect(await orderRow(off.j1)).toMatchObject({ workerId: off.b.id });
    expect(await orderRow(off.j2)).toMatchObject({ workerId: off.a.id });

    const soon = await sickCall();
    // The sweep at 08:30 UTC with a lead time of 2 h: only jobs from 10:30 on may move, and J2 starts at 10:00.
    await soon.replan({ enabled: true, minSaving: 3, leadHours: 2 });
    const late = new Date(soon.day.getTime() + 8.5 * HOUR);
    expect((await dispatch(t.db, { now: late })).moved).toBe(0);
    expect(await orderRow(soon.j1)).toMatchObject({ workerId: soon.b.id });
    expect(await orderRow(soon.j2)).toMatchObject({ workerId: soon.a.id });
    expect(await reassigns(soon.j2)).toEqual([]);
  });
});
