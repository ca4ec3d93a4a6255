import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { clientAddresses, clientProfiles, orderEvents, orderFeedback, orders } from '@/db/schema';
import {
  cancelOrder,
  createOrder,
  finalPriceFor,
  getOrderForClient,
  getOrderStatusForClient,
  listOrdersForClient,
  rateOrder,
  rescheduleOrder,
} from '@/lib/orders';
import type { OrderInput } from '@/lib/orders/schemas';
import { onPostgres, setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone, type TestUser } from '../support/factories';

const t = setupTestDb();
const H = 3_600_000;

// 2026-12-01 12:00 in Moscow (UTC+3). Bookable hours are 08:00-20:00 Moscow by default.
const now = new Date('2026-12-01T09:00:00Z');

async function fixture() {
  const client = await createUser(t.db, 'client');
  const zone = await createZone(t.db, { travelFee: 20000 });
  // Deep-cleaning-like: 120.00 ₽ per m², minimum 5 000.00 ₽, second bathroom 1 000.00 ₽, 120 min + 3 min/m².
  const service = await createService(t.db, {
    unitPrice: 12000,
    minPrice: 500000,
    bathroomPrice: 100000,
    baseMinutes: 120,
    minutesPerUnitX100: 300,
    extras: [{ code: 'windows', nameRu: 'Окна', nameEn: 'Windows', price: 150000, minutes: 60 }],
  });
  const input = (over: Partial<OrderInput> = {}): OrderInput => ({
    serviceId: service.id,
    areaM2: 60,
    bathrooms: 2,
    extras: ['windows'],
    zoneId: zone.id,
    address: 'ул. Тверская, 1, кв. 5',
    date: '2026-12-08',
    time: '10:00',
    accessNotes: 'Код 123',
    contactPhone: '+7 900 123-45-67',
    saveAddress: false,
    ...over,
  });
  return { client, zone, service, input };
}

const create = (client: TestUser, input: OrderInput, at = now) =>
  createOrder(t.db, client, input, { now: at, match: false });

describe('createOrder', () => {
  it('stores a pending order with a number, the estimate lines and a created event', async () => {
    const { client, input } = await fixture();
    const { id, number } = await create(client, input({ saveAddress: true }));
    expect(number).toMatch(/^BR-2026-\d{6}$/);
    const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
    expect(o.status).toBe('pending');
    // 10:00 Moscow = 07:00 UTC; 120 + 60 × 3 = 300 min + windows 60 = 360 min → ends 13:00 UTC.
    expect(o.scheduledStart.toISOString()).toBe('2026-12-08T07:00:00.000Z');
    expect(o.scheduledEnd.toISOString()).toBe('2026-12-08T13:00:00.000Z');
    // base 60 × 12 000 = 720 000; 1 extra bathroom 100 000; windows 150 000; standard grade ±0; a week ahead, not
    // urgent; travel 20 000 → 990 000.
    expect(o.estimateLines.map((l) => [l.code, l.amount])).toEqual([
      ['base', 720000],
      ['bathrooms', 100000],
      ['extra:windows', 150000],
      ['travel', 20000],
    ]);
    expect(o.estimateTotal).toBe(990000);
    expect(o.priceTotal).toBeNull();
    const events = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      fromStatus: null,
      toStatus: 'pending',
      kind: 'created',
      actorId: client.id,
      actorRole: 'client',
    });
    const saved = await t.db
      .select({ address: clientAddresses.address })
      .from(clientAddresses)
      .where(eq(clientAddresses.clientId, client.id));
    expect(saved).toEqual([{ address: 'ул. Тверская, 1, кв. 5' }]);
  });

  it('numbers orders uniquely and in sequence', async () => {
    const { client, input } = await fixture();
    const a = await create(client, input());
    const b = await create(client, input());
    expect(Number(b.number.slice(-6))).toBe(Number(a.number.slice(-6)) + 1);
  });

  it('applies the client discount and the urgency surcharge', async () => {
    const { client, input } = await fixture();
    await t.db.update(clientProfiles).set({ discountBp: 1000 }).where(eq(clientProfiles.userId, client.id));
    // Tomorrow 10:00 Moscow is 22 h after now: urgent.
    const { id } = await create(client, input({ date: '2026-12-02', bathrooms: 1, extras: [] }));
    const [o] = await t.db
      .select({ total: orders.estimateTotal, lines: orders.estimateLines })
      .from(orders)
      .where(eq(orders.id, id));
    // work 720 000; urgency 20 % = 144 000; travel 20 000 → 884 000; discount 10 % = 88 400 → 795 600.
    expect(o.lines.map((l) => [l.code, l.amount])).toEqual([
      ['base', 720000],
      ['urgency', 144000],
      ['travel', 20000],
      ['discount', -88400],
    ]);
    expect(o.total).toBe(795600);
  });

  it('refuses bad input with field messages and saves nothing', async () => {
    const { client, input, service } = await fixture();
    const inactive = await createZone(t.db, { active: false });
    const before = await t.db.$count(orders);
    await expect(create(client, input({ date: '2026-11-30' }))).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { date: 'orders.errors.pastDate' },
    });
    await expect(create(client, input({ time: '21:30' }))).rejects.toMatchObject({
      fields: { time: 'orders.errors.outsideHours' },
    });
    await expect(create(client, input({ date: '2026-12-01', time: '12:30' }))).rejects.toMatchObject({
      fields: { time: 'orders.errors.tooSoon' },
    });
    await expect(create(client, input({ date: '2027-03-01' }))).rejects.toMatchObject({
      fields: { date: 'orders.errors.beyondHorizon' },
    });
    await expect(create(client, input({ zoneId: inactive.id }))).rejects.toMatchObject({
      fields: { zoneId: 'orders.errors.zoneNotServed' },
    });
    await expect(create(client, input({ areaM2: undefined }))).rejects.toMatchObject({
      fields: { areaM2: 'orders.errors.areaRequired' },
    });
    await expect(create(client, input({ extras: ['sauna'] }))).rejects.toMatchObject({
      fields: { extras: 'orders.errors.unknownExtra' },
    });
    // zod: area 0 or absurd, a missing address.
    await expect(create(client, input({ areaM2: 0 }))).rejects.toMatchObject({ name: 'ZodError' });
    await expect(create(client, input({ areaM2: 5000 }))).rejects.toMatchObject({ name: 'ZodError' });
    await expect(create(client, input({ address: '  ' }))).rejects.toMatchObject({ name: 'ZodError' });
    await expect(
      create(client, input({ serviceId: (await createService(t.db, { archivedAt: now })).id })),
    ).rejects.toMatchObject({ fields: { serviceId: 'orders.errors.serviceUnavailable' } });
    expect(await t.db.$count(orders)).toBe(before);
    void service;
  });

  it('is for clients, and for staff only when they name the client they book for', async () => {
    const { input, client } = await fixture();
    const manager = await createUser(t.db, 'manager');
    const worker = await createUser(t.db, 'worker');
    await expect(createOrder(t.db, manager, input(), { now, match: false })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(createOrder(t.db, worker, input(), { now, match: false, clientId: client.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const other = await createUser(t.db, 'client');
    await expect(createOrder(t.db, other, input(), { now, match: false, clientId: client.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('cancelOrder', () => {
  // The order starts 2026-12-08 07:00 UTC; its estimate is 990 000 (see above).
  const start = new Date('2026-12-08T07:00:00Z');

  async function cancelAt(msBefore: number) {
    const { client, input } = await fixture();
    const { id } = await create(client, input());
    const result = await cancelOrder(
      t.db,
      client,
      { orderId: id, reasonCode: 'plans_changed', comment: '' },
      new Date(start.getTime() - msBefore),
    );
    const [o] = await t.db
      .select({ status: orders.status, fee: orders.cancellationFee })
      .from(orders)
      .where(eq(orders.id, id));
    const [ev] = await t.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, id), eq(orderEvents.kind, 'cancel')));
    return { result, o, ev };
  }

  it('is free at exactly 24 h before the start', async () => {
    const { result, o, ev } = await cancelAt(24 * H);
    expect(result.fee).toBe(0);
    expect(o).toEqual({ status: 'cancelled', fee: 0 });
    expect(ev).toMatchObject({
      fromStatus: 'pending',
      toStatus: 'cancelled',
      reason: 'plans_changed',
      data: { reasonCode: 'plans_changed', fee: 0, tier: 'free' },
    });
  });

  it('charges 30 % just under 24 h and at exactly 2 h', async () => {
    // 30 % of 990 000 = 297 000.
    expect((await cancelAt(24 * H - 60_000)).o).toEqual({ status: 'cancelled', fee: 297000 });
    const { o, ev } = await cancelAt(2 * H);
    expect(o.fee).toBe(297000);
    expect(ev.data).toMatchObject({ fee: 297000, tier: 'late' });
  });

  it('charges the full price under 2 h, on the final price once matched', async () => {
    expect((await cancelAt(2 * H - 60_000)).o.fee).toBe(990000);
    const { client, input } = await fixture();
    const { id } = await create(client, input());
    const worker = await createWorker(t.db);
    await t.db
      .update(orders)
      .set({ status: 'assigned', workerId: worker.id, priceTotal: 1100000 })
      .where(eq(orders.id, id));
    const { fee } = await cancelOrder(
      t.db,
      client,
      { orderId: id, reasonCode: 'other', comment: 'Уезжаю' },
      new Date(start.getTime() - H),
    );
    // Full final price 1 100 000.
    expect(fee).toBe(1100000);
  });

  it('refuses an order in progress with a 409-class error', async () => {
    const { client, input } = await fixture();
    const { id } = await create(client, input());
    const worker = await createWorker(t.db);
    await t.db.update(orders).set({ status: 'in_progress', workerId: worker.id }).where(eq(orders.id, id));
    await expect(
      cancelOrder(t.db, client, { orderId: id, reasonCode: 'plans_changed', comment: '' }, now),
    ).rejects.toMatchObject({ code: 'invalid_transition', message: 'errors.transition.cancel.in_progress' });
  });

  it.skipIf(!onPostgres())('two concurrent cancels leave one cancellation event', async () => {
    const { client, input } = await fixture();
    const { id } = await create(client, input());
    const results = await Promise.allSettled([
      cancelOrder(t.db, client, { orderId: id, reasonCode: 'plans_changed', comment: '' }, now),
      cancelOrder(t.db, client, { orderId: id, reasonCode: 'wrong_time', comment: '' }, now),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toMatchObject({ code: 'invalid_transition' });
    expect(await t.db.$count(orderEvents, and(eq(orderEvents.orderId, id), eq(orderEvents.kind, 'cancel')))).toBe(1);
  });
});

describe('rescheduleOrder', () => {
  it('moves a matched order back to pending at the new time and re-estimates', async () => {
    const { client, input } = await fixture();
    const { id } = await create(client, input());
    const worker = await createWorker(t.db);
    await t.db
      .update(orders)
      .set({ status: 'assigned', workerId: worker.id, priceTotal: 1100000, priceLines: [] })
      .where(eq(orders.id, id));
    const later = new Date(now.getTime() + H);
    await rescheduleOrder(
      t.db,
      client,
      { orderId: id, date: '2026-12-10', time: '13:30' },
      { now: later, match: false },
    );
    const [o] = await t.db.select().from(orders).where(eq(orders.id, id));
    // 13:30 Moscow = 10:30 UTC; 360 min later 16:30 UTC (19:30 Moscow, within the hours).
    expect(o).toMatchObject({
      status: 'pending',
      workerId: null,
      priceTotal: null,
      priceLines: null,
      estimateTotal: 990000,
    });
    expect(o.scheduledStart.toISOString()).toBe('2026-12-10T10:30:00.000Z');
    expect(o.scheduledEnd.toISOString()).toBe('2026-12-10T16:30:00.000Z');
    expect(o.bookedAt.toISOString()).toBe(later.toISOString());
    const [ev] = await t.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, id), eq(orderEvents.kind, 'reschedule')));
    expect(ev).toMatchObject({
      fromStatus: 'assigned',
      toStatus: 'pending',
      data: { previousWorkerId: worker.id, toStart: '2026-12-10T10:30:00.000Z' },
    });
  });

  it('refuses a bad new time, and any change once cancelling is no longer free', async () => {
    const { client, input } = await fixture();
    // A 6 h job at 14:00 ends at 20:00, the close of the bookable hours.
    const { id } = await create(client, input({ date: '2026-12-02', time: '14:00' }));
    await expect(
      rescheduleOrder(t.db, client, { orderId: id, date: '2026-12-02', time: '22:00' }, { now, match: false }),
    ).rejects.toMatchObject({ fields: { time: 'orders.errors.outsideHours' } });
    // The order starts in 26 h; 4 h later only 22 h are left.
    await expect(
      rescheduleOrder(
        t.db,
        client,
        { orderId: id, date: '2026-12-09', time: '10:00' },
        { now: new Date(now.getTime() + 4 * H), match: false },
      ),
    ).rejects.toMatchObject({ code: 'conflict', message: 'orders.errors.rescheduleTooLate' });
  });
});

describe('rateOrder', () => {
  it('rates a completed order once', async () => {
    const { client, input } = await fixture();
    const { id } = await create(client, input());
    await expect(rateOrder(t.db, client, { orderId: id, rating: 5, comment: '' })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    const worker = await createWorker(t.db);
    await t.db.update(orders).set({ status: 'completed', workerId: worker.id }).where(eq(orders.id, id));
    await rateOrder(t.db, client, { orderId: id, rating: 4, comment: 'Хорошо' });
    await expect(rateOrder(t.db, client, { orderId: id, rating: 1, comment: '' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'orders.errors.alreadyRated',
    });
    const rows = await t.db.select().from(orderFeedback).where(eq(orderFeedback.orderId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 4, comment: 'Хорошо', workerId: worker.id, clientId: client.id });
    const dto = await getOrderForClient(t.db, client, id, now);
    expect(dto.feedback).toEqual({ rating: 4, comment: 'Хорошо' });
    expect(dto.can.rate).toBe(false);
  });
});

describe("another client's order", () => {
  it('is NotFound for reads and changes alike', async () => {
    const { client, input } = await fixture();
    const other = await createUser(t.db, 'client');
    const { id } = await create(client, input());
    const nf = { code: 'not_found' };
    await expect(getOrderForClient(t.db, other, id)).rejects.toMatchObject(nf);
    await expect(getOrderStatusForClient(t.db, other, id)).rejects.toMatchObject(nf);
    await expect(
      cancelOrder(t.db, other, { orderId: id, reasonCode: 'plans_changed', comment: '' }, now),
    ).rejects.toMatchObject(nf);
    await expect(
      rescheduleOrder(t.db, other, { orderId: id, date: '2026-12-10', time: '10:00' }, { now, match: false }),
    ).rejects.toMatchObject(nf);
    await expect(rateOrder(t.db, other, { orderId: id, rating: 5, comment: '' })).rejects.toMatchObject(nf);
    expect((await listOrdersForClient(t.db, other, { tab: 'active', page: 1 })).total).toBe(0);
  });
});

describe('order page and history', () => {
  it('shows the timeline, the worker first name and the cancellation terms', async () => {
    const { client, input } = await fixture();
    const { id } = await create(client, input());
    const worker = await createWorker(t.db, { name: 'Анна Смирнова' });
    await t.db.update(orders).set({ status: 'assigned', workerId: worker.id }).where(eq(orders.id, id));
    const dto = await getOrderForClient(t.db, client, id, now);
    expect(dto.workerFirstName).toBe('Анна');
    expect(dto.timeline.map((e) => e.kind)).toEqual(['created']);
    expect(dto.cancellation).toMatchObject({ tier: 'free', fee: 0 });
    expect(dto.can).toEqual({ cancel: true, reschedule: true, rate: false, acceptPrice: false });
  });

  it('lists by tab, newest first, with service and date filters', async () => {
    const { client, input, service } = await fixture();
    const other = await createService(t.db);
    const a = await create(client, input({ date: '2026-12-05' }), new Date(now.getTime() - 2 * H));
    const b = await create(client, input({ date: '2026-12-09' }), new Date(now.getTime() - H));
    const c = await create(client, input({ serviceId: other.id, areaM2: 30, bathrooms: 1, extras: [] }));
    await cancelOrder(t.db, client, { orderId: a.id, reasonCode: 'plans_changed', comment: '' }, now);
    const active = await listOrdersForClient(t.db, client, { tab: 'active', page: 1 });
    expect(active.items.map((i) => i.number)).toEqual([c.number, b.number]);
    const cancelled = await listOrdersForClient(t.db, client, { tab: 'cancelled', page: 1 });
    expect(cancelled.items.map((i) => i.id)).toEqual([a.id]);
    expect(
      (await listOrdersForClient(t.db, client, { tab: 'active', service: service.id, page: 1 })).items.map((i) => i.id),
    ).toEqual([b.id]);
    expect(
      (
        await listOrdersForClient(t.db, client, { tab: 'active', from: '2026-12-09', to: '2026-12-09', page: 1 })
      ).items.map((i) => i.id),
    ).toEqual([b.id]);
    const events = await t.db
      .select({ kind: orderEvents.kind })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, a.id))
      .orderBy(asc(orderEvents.id));
    expect(events.map((e) => e.kind)).toEqual(['created', 'cancel']);
  });
});

describe('finalPriceFor', () => {
  it('prices the booked order for a worker grade, from the same inputs as the estimate', async () => {
    const { client, input } = await fixture();
    // Booked 22 h ahead: urgent, and stays urgent at matching because urgency counts from bookedAt.
    const { id } = await create(client, input({ date: '2026-12-02', bathrooms: 1, extras: [] }));
    const senior = await finalPriceFor(t.db, id, 'senior');
    // work 720 000; senior +20 % = 144 000 → 864 000; urgency 20 % = 172 800; travel 20 000 → 1 056 800.
    expect(senior.lines.map((l) => [l.code, l.amount])).toEqual([
      ['base', 720000],
      ['grade', 144000],
      ['urgency', 172800],
      ['travel', 20000],
    ]);
    expect(senior.total).toBe(1056800);
    const worker = await createWorker(t.db, { grade: 'senior' });
    await t.db
      .update(orders)
      .set({ status: 'assigned', workerId: worker.id, priceLines: senior.lines, priceTotal: senior.total })
      .where(eq(orders.id, id));
    const dto = await getOrderForClient(t.db, client, id, now);
    // The estimate was 720 000 + 144 000 urgency + 20 000 travel = 884 000; the page shows both.
    expect(dto.estimate.total).toBe(884000);
    expect(dto.final?.total).toBe(1056800);
  });
});
