import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  auditLog,
  contactLog,
  notifications,
  orderEvents,
  orderReviews,
  orders,
  penaltyRules,
  services,
  users,
  type PriceLine,
} from '@/db/schema';
import { accountBalance } from '@/lib/finance';
import { matchPrice } from '@/lib/finance/shared';
import { orderTimeline, systemActor, transitionOrder } from '@/lib/orders';
import {
  analysisCube,
  analysisOrders,
  confirmOrder,
  createRedoOrder,
  failOrder,
  fillQualityForm,
  formsForOrder,
  getOrderForManager,
  groupBy,
  totals,
  dashboard,
  logContact,
  listContactsForClient,
  filterOptions,
  getQualityForm,
  listQualityForms,
  performanceRaw,
  reviewQueue,
  saveQualityForm,
  formTemplateInput,
} from '@/lib/quality';
import { fromWallTime, parseDateString, toDateString } from '@/lib/time';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';

const t = setupTestDb();

// 50 m² × 60 ₽ = 3 000 ₽ base + 200 ₽ travel = 3 200 ₽ = 320 000 kopecks.
const lines: PriceLine[] = [
  { code: 'base', labelRu: 'Площадь', labelEn: 'Area', quantity: 50, unitPrice: 6_000, amount: 300_000 },
  { code: 'travel', labelRu: 'Выезд', labelEn: 'Travel', amount: 20_000 },
];

async function scenario(startsAt = new Date(Date.now() - 3 * 3_600_000)) {
  const zone = await createZone(t.db, { travelFee: 20_000 });
  const service = await createService(t.db);
  const client = await createUser(t.db, 'client');
  const worker = await createWorker(t.db, { skills: ['cleaning'], zoneIds: [zone.id] });
  const manager = await createUser(t.db, 'manager');
  const [order] = await t.db
    .insert(orders)
    .values({
      number: `T-${randomUUID().slice(0, 8)}`,
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      address: 'ул. Тестовая, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: startsAt,
      scheduledEnd: new Date(startsAt.getTime() + 2 * 3_600_000),
      estimateLines: lines,
      estimateTotal: 320_000,
      currency: 'RUB',
    })
    .returning({ id: orders.id, number: orders.number });
  return { zone, service, client, worker, manager, order };
}

async function completed(s: Awaited<ReturnType<typeof scenario>>) {
  await transitionOrder(t.db, systemActor, s.order.id, 'match', {
    set: { workerId: s.worker.id, priceLines: lines, priceTotal: 320_000 },
  });
  const w = { id: s.worker.id, role: 'worker' as const };
  await transitionOrder(t.db, w, s.order.id, 'start', { data: { late: false, lateMinutes: 0 } });
  await transitionOrder(t.db, w, s.order.id, 'finish');
}

describe('manager outcomes', () => {
  it('"failed, poor quality" charges the client nothing and fines the worker per the penalty rule', async () => {
    // An admin's rule: a poor-quality failure costs the worker 50 % of the order's pay.
    await t.db
      .insert(penaltyRules)
      .values({ rule: 'fail:poor_quality', rateBp: 5_000 })
      .onConflictDoUpdate({
        target: [penaltyRules.rule, penaltyRules.fromValue],
        set: { rateBp: 5_000, active: true },
      });
    const s = await scenario();
    await completed(s);
    const [{ payTotal }] = await t.db
      .select({ payTotal: orders.payTotal })
      .from(orders)
      .where(eq(orders.id, s.order.id));
    expect(payTotal).toBeGreaterThan(0);
    // Completed: the client owes the price.
    expect(await accountBalance(t.db, { type: 'receivable', clientId: s.client.id })).toBe(320_000);

    await failOrder(t.db, s.manager, {
      orderId: s.order.id,
      reasonCode: 'poor_quality',
      chargeClient: false,
      fineWorker: true,
      note: 'Окна не вымыты',
    });

    const [o] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, s.order.id));
    expect(o.status).toBe('failed');
    const [ev] = await t.db
      .select({ kind: orderEvents.kind, data: orderEvents.data })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, s.order.id))
      .orderBy(orderEvents.id)
      .limit(1)
      .offset(3);
    expect(ev).toMatchObject({ kind: 'review_fail', data: { reasonCode: 'poor_quality', chargeClient: false } });
    // The completion is reversed and nothing charged instead: the client owes 0.
    expect(await accountBalance(t.db, { type: 'receivable', clientId: s.client.id })).toBe(0);
    // The worker earns nothing for the order and owes the fine: 50 % of the pay (a payable debit).
    expect(await accountBalance(t.db, { type: 'payable', workerId: s.worker.id })).toBe(Math.round(payTotal! / 2));
    const [review] = await t.db.select().from(orderReviews).where(eq(orderReviews.orderId, s.order.id));
    expect(review).toMatchObject({ outcome: 'failed', reasonCode: 'poor_quality', chargeClient: false });
    const audits = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, s.order.id));
    expect(audits.map((a) => a.action)).toContain('order.review_fail');
  });

  it('confirms a completed order once; the queue counts follow', async () => {
    const s = await scenario();
    await completed(s);
    const before = await reviewQueue(t.db, s.manager, { kind: 'to_review', serviceId: s.service.id });
    expect(before.counts.to_review).toEqual({ total: 1, capped: false });
    expect(before.items.map((i) => i.id)).toEqual([s.order.id]);
    // A text search counts by the client's name (the one filter that joins the client), and the list agrees.
    const byName = await reviewQueue(t.db, s.manager, { kind: 'to_review', serviceId: s.service.id, q: s.client.name });
    expect([byName.counts.to_review.total, byName.items.length]).toEqual([1, 1]);
    const noOne = await reviewQueue(t.db, s.manager, { kind: 'to_review', q: `nobody-${s.order.id}` });
    expect([noOne.counts.to_review.total, noOne.items.length]).toEqual([0, 0]);
    await confirmOrder(t.db, s.manager, { orderId: s.order.id, note: 'Всё чисто' });
    await expect(confirmOrder(t.db, s.manager, { orderId: s.order.id })).rejects.toMatchObject({ code: 'conflict' });
    // The confirmation is on the order's timeline once (lib/orders writes it), by the manager, status unchanged.
    const confirmations = (await orderTimeline(t.db, s.order.id)).filter((e) => e.kind === 'review_confirm');
    expect(confirmations).toMatchObject([
      {
        fromStatus: 'completed',
        toStatus: 'completed',
        actorId: s.manager.id,
        actorRole: 'manager',
        reason: 'Всё чисто',
      },
    ]);
    const after = await reviewQueue(t.db, s.manager, { kind: 'to_review', serviceId: s.service.id });
    expect(after.counts.to_review).toEqual({ total: 0, capped: false });
  });

  it('creates one free re-do of a failed order, pending, linked both ways', async () => {
    const s = await scenario();
    await transitionOrder(t.db, systemActor, s.order.id, 'match', {
      set: { workerId: s.worker.id, priceLines: lines, priceTotal: 320_000 },
    });
    await failOrder(t.db, s.manager, { orderId: s.order.id, reasonCode: 'no_show' });
    // The manager confirmed tomorrow 10:00 (company time): nobody has a schedule here, so no slot is proposed.
    const tomorrow = toDateString(new Date(Date.now() + 86_400_000), 'Europe/Moscow');
    const at = { orderId: s.order.id, date: tomorrow, time: '10:00' };
    const redo = await createRedoOrder(t.db, s.manager, at, { match: false });
    await expect(createRedoOrder(t.db, s.manager, at, { match: false })).rejects.toMatchObject({
      code: 'conflict',
    });
    const [r] = await t.db.select().from(orders).where(eq(orders.id, redo.id));
    expect(r).toMatchObject({
      status: 'pending',
      clientId: s.client.id,
      estimateTotal: 0,
      options: { redoOf: s.order.id },
      scheduledStart: fromWallTime({ ...parseDateString(tomorrow), hour: 10, minute: 0 }, 'Europe/Moscow'),
    });
    expect(r.estimateLines).toEqual([
      { code: 'redo', labelRu: `Повтор заказа ${s.order.number}`, labelEn: `Re-do of ${s.order.number}`, amount: 0 },
    ]);
    const view = await getOrderForManager(t.db, s.manager, redo.id);
    expect(view?.redoOf).toEqual({ id: s.order.id, number: s.order.number });
    const original = await getOrderForManager(t.db, s.manager, s.order.id);
    expect(original?.review?.redoNumber).toBe(redo.number);
    // Matching prices the re-do for its worker at full price (320 000); pricing keeps it free for the client and
    // hands the full lines to the transition as the basis of the worker's pay.
    const price = matchPrice({ lines, total: 320_000 }, r);
    expect(price).toEqual({ lines: [{ ...r.estimateLines[0], amount: 0 }], total: 0, payBasis: lines });
    const change = await transitionOrder(t.db, systemActor, redo.id, 'match', {
      payBasis: price.payBasis,
      set: { workerId: s.worker.id, priceLines: price.lines, priceTotal: price.total },
    });
    const [matched] = await t.db
      .select({
        priceTotal: orders.priceTotal,
        priceLines: orders.priceLines,
        payTotal: orders.payTotal,
        payLines: orders.payLines,
      })
      .from(orders)
      .where(eq(orders.id, redo.id));
    expect(matched.priceTotal).toBe(0);
    expect(matched.priceLines).toEqual([{ ...r.estimateLines[0], amount: 0 }]);
    // The worker is paid as for a paid order: the standard default rate, 55 % of the work (300 000) = 165 000,
    // plus the whole travel fee 20 000 = 185 000. The company absorbs it.
    expect(matched.payTotal).toBe(185_000);
    expect(matched.payLines?.map((l) => [l.code, l.amount])).toEqual([
      ['work', 165_000],
      ['travel', 20_000],
    ]);
    // The reactions (the client's email) see the row as written: free, with the pay.
    expect(change.after).toMatchObject({ priceTotal: 0, payTotal: 185_000 });
  });

  it('logs calls and notes, and sends an email through the outbox', async () => {
    const s = await scenario();
    await logContact(t.db, s.manager, { orderId: s.order.id, kind: 'call', outcome: 'no_answer' });
    await logContact(t.db, s.manager, {
      orderId: s.order.id,
      kind: 'email',
      outcome: 'sent',
      subject: 'Повторная уборка',
      body: 'Мы приедем завтра.',
    });
    await expect(
      logContact(t.db, s.manager, { orderId: s.order.id, kind: 'note', outcome: 'info', body: '' }),
    ).rejects.toMatchObject({ name: 'ZodError' });
    const log = await t.db
      .select({ kind: contactLog.kind, outcome: contactLog.outcome })
      .from(contactLog)
      .where(eq(contactLog.orderId, s.order.id));
    expect(log.map((l) => `${l.kind}:${l.outcome}`).sort()).toEqual(['call:no_answer', 'email:sent']);
    const mail = await t.db
      .select({ kind: notifications.kind, toEmail: notifications.toEmail })
      .from(notifications)
      .where(eq(notifications.userId, s.client.id));
    expect(mail).toContainEqual({ kind: 'manager_message', toEmail: s.client.email });
    // The client record's contact log names each contact's order (its number, read through lib/orders).
    const forClient = await listContactsForClient(t.db, s.manager, s.client.id);
    expect(forClient.total).toBe(2);
    expect(forClient.items.map((c) => [c.kind, c.orderId, c.orderNumber]).sort()).toEqual([
      ['call', s.order.id, s.order.number],
      ['email', s.order.id, s.order.number],
    ]);
  });

  it('stores and scores a filled quality form', async () => {
    const s = await scenario();
    const admin = await createUser(t.db, 'admin');
    const form = await saveQualityForm(
      t.db,
      admin,
      null,
      formTemplateInput.parse({
        nameRu: 'Звонок клиенту',
        nameEn: 'Follow-up call',
        purpose: 'follow_up',
        questions: [
          { code: 'on_time', kind: 'yes_no', ru: 'Вовремя?', en: 'On time?', required: true },
          { code: 'overall', kind: 'score', ru: 'Оценка', en: 'Score', required: true },
        ],
      }),
    );
    expect((await formsForOrder(t.db, s.manager, s.order.id)).map((f) => f.id)).toContain(form.id);
    await expect(
      fillQualityForm(t.db, s.manager, { orderId: s.order.id, formId: form.id, answers: { on_time: true } }),
    ).rejects.toMatchObject({ fields: { 'answers.overall': 'errors.required' } });
    // yes (100) + score 4 (75) → 87.5 % = 8750 bp.
    const filled = await fillQualityForm(t.db, s.manager, {
      orderId: s.order.id,
      formId: form.id,
      answers: { on_time: true, overall: 4 },
    });
    expect(filled.scoreBp).toBe(8750);
    // A form for the order's service names that service (read through lib/catalog) in the list, alone and for the order.
    const forService = await saveQualityForm(
      t.db,
      admin,
      null,
      formTemplateInput.parse({
        nameRu: 'Проверка уборки',
        nameEn: 'Cleaning check',
        purpose: 'service',
        serviceId: s.service.id,
        questions: [{ code: 'floors', kind: 'yes_no', ru: 'Полы?', en: 'Floors?', required: true }],
      }),
    );
    const named = { serviceId: s.service.id, serviceNameRu: s.service.nameRu, serviceNameEn: s.service.nameEn };
    expect((await listQualityForms(t.db, s.manager)).find((f) => f.id === forService.id)).toMatchObject(named);
    expect(await getQualityForm(t.db, s.manager, forService.id)).toMatchObject(named);
    expect((await formsForOrder(t.db, s.manager, s.order.id)).find((f) => f.id === forService.id)).toMatchObject(named);
    expect(await getQualityForm(t.db, s.manager, form.id)).toMatchObject({
      serviceId: null,
      serviceNameRu: null,
      serviceNameEn: null,
    });
    await expect(
      saveQualityForm(
        t.db,
        admin,
        null,
        formTemplateInput.parse({
          nameRu: 'Нет услуги',
          nameEn: 'No service',
          purpose: 'service',
          serviceId: randomUUID(),
          questions: [{ code: 'a', kind: 'text', ru: 'a', en: 'a' }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { serviceId: 'errors.notFound' } });
    await expect(
      saveQualityForm(
        t.db,
        s.manager,
        null,
        formTemplateInput.parse({
          nameRu: 'Ещё',
          nameEn: 'More',
          purpose: 'follow_up',
          questions: [{ code: 'a', kind: 'text', ru: 'a', en: 'a' }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('the quality filters', () => {
  it('offer every service and zone (archived and inactive too) and every worker (disabled too), named in the locale', async () => {
    const s = await scenario();
    await t.db.update(services).set({ archivedAt: new Date() }).where(eq(services.id, s.service.id));
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, s.worker.id));
    const ru = await filterOptions(t.db, s.manager, 'ru');
    const en = await filterOptions(t.db, s.manager, 'en');
    expect(ru.services).toContainEqual({ id: s.service.id, label: s.service.nameRu });
    expect(en.services).toContainEqual({ id: s.service.id, label: s.service.nameEn });
    expect(ru.zones).toContainEqual({ id: s.zone.id, label: s.zone.nameRu });
    expect(en.zones).toContainEqual({ id: s.zone.id, label: s.zone.nameEn });
    expect(ru.workers.map((w) => w.id)).toContain(s.worker.id);
    // Workers only.
    expect(ru.workers.map((w) => w.id)).not.toContain(s.manager.id);
    await expect(filterOptions(t.db, s.client, 'ru')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('analysis on the database', () => {
  it('counts cancelled and failed orders by reason and worker, and drills down to them', async () => {
    const day = new Date(Date.UTC(2030, 0, 8, 9)); // a Tuesday; week starts Monday 2030-01-07
    const a = await scenario(day);
    const b = await scenario(new Date(day.getTime() + 3_600_000));
    const c = await scenario(new Date(day.getTime() + 2 * 3_600_000));
    await transitionOrder(t.db, systemActor, a.order.id, 'match', {
      set: { workerId: a.worker.id, priceLines: lines, priceTotal: 320_000 },
    });
    await failOrder(t.db, a.manager, { orderId: a.order.id, reasonCode: 'no_show' });
    await transitionOrder(t.db, { id: b.client.id, role: 'client' }, b.order.id, 'cancel', {
      reason: 'changed_plans',
      data: { reasonCode: 'changed_plans' },
    });
    await completed(c);
    const f = { from: '2030-01-07', to: '2030-01-13' };
    const cube = await analysisCube(t.db, a.manager, f);
    // 3 closed orders: 1 failed (no_show), 1 cancelled (changed_plans), 1 completed.
    expect(totals(cube).total).toBe(3);
    const reasons = groupBy(cube, 'reason');
    // Each reason is 1 of 3 orders: 3333 bp.
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'failed:no_show', failed: 1, failRateBp: 3333 }),
        expect.objectContaining({ key: 'cancelled:changed_plans', cancelled: 1, cancelRateBp: 3333 }),
      ]),
    );
    expect(groupBy(cube, 'week')).toEqual([
      expect.objectContaining({ key: '2030-01-07', total: 3, failed: 1, cancelled: 1, completed: 1 }),
    ]);
    const drill = await analysisOrders(t.db, a.manager, { ...f, dim: 'reason', key: 'failed:no_show' });
    expect(drill.items.map((o) => o.id)).toEqual([a.order.id]);
    const perf = await performanceRaw(t.db, a.manager, { ...f, workerId: c.worker.id });
    // The completed order's worker: 1 done, started on time once.
    expect(perf[0]).toMatchObject({
      completed: 1,
      failed: 0,
      completionRateBp: 10_000,
      starts: 1,
      onTimeStarts: 1,
      onTimeRateBp: 10_000,
    });
  });
});

describe('dashboard', () => {
  it("counts today's orders and reads this week's revenue from the ledger", async () => {
    const s = await scenario(new Date());
    const before = await dashboard(t.db, s.manager);
    await completed(s);
    const after = await dashboard(t.db, s.manager);
    // The order moved from pending to completed today; its price, 320 000, is now revenue of the week and the month.
    expect(after.todayByStatus.completed - before.todayByStatus.completed).toBe(1);
    expect(after.revenueWeek - before.revenueWeek).toBe(320_000);
    expect(after.revenueMonth - before.revenueMonth).toBe(320_000);
    await expect(dashboard(t.db, s.client)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('access', () => {
  it('clients and workers cannot call any review function; managers cannot build forms', async () => {
    const s = await scenario();
    for (const who of [s.client, s.worker]) {
      await expect(reviewQueue(t.db, who)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(getOrderForManager(t.db, who, s.order.id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(failOrder(t.db, who, { orderId: s.order.id, reasonCode: 'other' })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(
        logContact(t.db, who, { orderId: s.order.id, kind: 'call', outcome: 'reached' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(analysisCube(t.db, who, { from: '2030-01-01', to: '2030-01-31' })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(analysisOrders(t.db, who, { from: '2030-01-01', to: '2030-01-31' })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(performanceRaw(t.db, who, { from: '2030-01-01', to: '2030-01-31' })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(confirmOrder(t.db, who, { orderId: s.order.id })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(createRedoOrder(t.db, who, { orderId: s.order.id }, { match: false })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(formsForOrder(t.db, who, s.order.id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        fillQualityForm(t.db, who, { orderId: s.order.id, formId: s.order.id, answers: {} }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        saveQualityForm(
          t.db,
          who,
          null,
          formTemplateInput.parse({
            nameRu: 'Ещё',
            nameEn: 'More',
            purpose: 'follow_up',
            questions: [{ code: 'a', kind: 'text', ru: 'a', en: 'a' }],
          }),
        ),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    // Nothing was written by the refused calls.
    const [row] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, s.order.id));
    expect(row.status).toBe('pending');
  });
});
