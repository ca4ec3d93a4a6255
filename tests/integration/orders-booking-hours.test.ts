import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders } from '@/db/schema';
import { cancelOrder, createOrder, rescheduleOrder } from '@/lib/orders';
import type { OrderInput } from '@/lib/orders/schemas';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';

const t = setupTestDb();

// 2026-12-01 12:00 in Moscow (UTC+3). Bookable hours are 08:00-20:00 Moscow by default.
const now = new Date('2026-12-01T09:00:00Z');

async function fixture() {
  const client = await createUser(t.db, 'client');
  const zone = await createZone(t.db, { travelFee: 20000 });
  // 120 min + 3 min per m²: 60 m² take 120 + 180 = 300 min (5 h).
  const service = await createService(t.db, { unitPrice: 12000, baseMinutes: 120, minutesPerUnitX100: 300 });
  const input = (over: Partial<OrderInput> = {}): OrderInput => ({
    serviceId: service.id,
    areaM2: 60,
    bathrooms: 1,
    extras: [],
    zoneId: zone.id,
    address: 'ул. Тверская, 1, кв. 5',
    date: '2026-12-08',
    time: '10:00',
    accessNotes: '',
    contactPhone: '+7 900 123-45-67',
    saveAddress: false,
    ...over,
  });
  return { client, input };
}

describe('a job is booked only when it ends within the bookable hours', () => {
  it('refuses a 5 h job at 15:01 (ends 20:01) on the time field and saves nothing; 15:00 (ends 20:00) is booked', async () => {
    const { client, input } = await fixture();
    await expect(createOrder(t.db, client, input({ time: '15:01' }), { now, match: false })).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { time: 'orders.errors.endsAfterHours' },
    });
    expect(await t.db.$count(orders, eq(orders.clientId, client.id))).toBe(0);

    const { id } = await createOrder(t.db, client, input({ time: '15:00' }), { now, match: false });
    const [o] = await t.db.select({ end: orders.scheduledEnd }).from(orders).where(eq(orders.id, id));
    // 15:00 Moscow + 5 h = 20:00 Moscow = 17:00 UTC.
    expect(o.end.toISOString()).toBe('2026-12-08T17:00:00.000Z');
  });

  it('refuses to reschedule a job to a start at which it would end after hours, and keeps the old time', async () => {
    const { client, input } = await fixture();
    const { id } = await createOrder(t.db, client, input(), { now, match: false });
    await expect(
      rescheduleOrder(t.db, client, { orderId: id, date: '2026-12-09', time: '17:30' }, { now, match: false }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { time: 'orders.errors.endsAfterHours' } });
    const [o] = await t.db.select({ start: orders.scheduledStart }).from(orders).where(eq(orders.id, id));
    // Still 2026-12-08 10:00 Moscow.
    expect(o.start.toISOString()).toBe('2026-12-08T07:00:00.000Z');
  });
});

describe('free cancellation right after booking', () => {
  it('an urgent job cancelled a minute after booking costs nothing; the same cancel 11 min later pays the fee', async () => {
    const { client, input } = await fixture();
    // Booked at 12:00 Moscow for 15:00 the same day (3 h ahead): inside the full-price-free 24 h window.
    const urgent = input({ date: '2026-12-01', time: '15:00' });
    const a = await createOrder(t.db, client, urgent, { now, match: false });
    const { fee } = await cancelOrder(
      t.db,
      client,
      { orderId: a.id, reasonCode: 'plans_changed', comment: '' },
      new Date(now.getTime() + 60_000),
    );
    expect(fee).toBe(0);

    const b = await createOrder(t.db, client, urgent, { now, match: false });
    const [o] = await t.db.select({ estimateTotal: orders.estimateTotal }).from(orders).where(eq(orders.id, b.id));
    const late = await cancelOrder(
      t.db,
      client,
      { orderId: b.id, reasonCode: 'plans_changed', comment: '' },
      new Date(now.getTime() + 11 * 60_000),
    );
    // 3 h − 11 min before the start: the late tier, 30 % of the estimate.
    expect(late.fee).toBe(Math.round((o.estimateTotal * 3000) / 10000));
  });
});
