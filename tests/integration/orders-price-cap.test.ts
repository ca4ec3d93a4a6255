import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, orderEvents, orders } from '@/db/schema';
import { PRICE_CAP_LINE } from '@/lib/finance/shared';
import { dispatch } from '@/lib/matching';
import { acceptPrice, cancelOrder, pricesByGrade } from '@/lib/orders';
import { updateSettings } from '@/lib/settings';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { company, HOUR, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

/** A pending order booked "never more than the estimate": its cap is the standard grade's price. */
async function cappedOrder(opts: {
  grades: ('junior' | 'standard' | 'senior')[];
  startsInHours?: number;
  /** The standard worker lives in the north district, ~9 km away: without the cap the senior would win. */
  standardFar?: boolean;
}) {
  const c = await company(t.db);
  const workers = [];
  for (const grade of opts.grades)
    workers.push(
      await worker(t.db, {
        zoneIds: [c.center.id, c.north.id],
        homeZoneId: grade === 'standard' && opts.standardFar ? c.north.id : c.center.id,
        grade,
        name: grade,
      }),
    );
  const start = opts.startsInHours
    ? new Date(Date.now() + opts.startsInHours * HOUR)
    : new Date(nextMonday().getTime() + 10 * HOUR);
  const id = await pendingOrder(t.db, { clientId: c.client.id, serviceId: c.service.id, zoneId: c.center.id, start });
  const cap = (await pricesByGrade(t.db, id)).standard.total;
  await t.db.update(orders).set({ priceCap: cap }).where(eq(orders.id, id));
  return { c, workers, id, cap };
}

const row = async (id: string) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0];

describe('never more than the estimate', () => {
  it('matching prefers a grade within the cap over a senior one', async () => {
    const s = await cappedOrder({ grades: ['senior', 'standard'], standardFar: true });
    await dispatch(t.db, { orderIds: [s.id] });
    const o = await row(s.id);
    expect(o.workerId).toBe(s.workers[1].id);
    expect(o.priceTotal).toBe(s.cap);
    expect(o.priceConsent).toBeNull();
  });

  it('only a senior free, the company absorbs: the client pays the cap, the worker is paid as a senior', async () => {
    const s = await cappedOrder({ grades: ['senior'] });
    const senior = (await pricesByGrade(t.db, s.id)).senior;
    // Fixed 3 000 ₽ at the senior coefficient (120 %) is above the standard price the client was promised.
    expect(senior.overCap).toBe(true);
    await dispatch(t.db, { orderIds: [s.id] });
    const o = await row(s.id);
    expect(o.workerId).toBe(s.workers[0].id);
    expect(o.priceTotal).toBe(s.cap);
    const capLine = o.priceLines!.find((l) => l.code === PRICE_CAP_LINE)!;
    // The discount is exactly the difference: senior price − cap.
    const uncapped = o.priceLines!.filter((l) => l.code !== PRICE_CAP_LINE).reduce((a, l) => a + l.amount, 0);
    expect(capLine.amount).toBe(s.cap - uncapped);
    expect(uncapped).toBeGreaterThan(s.cap);
    // Pay ignores discounts: the same as for the senior lines without the company's gift.
    expect(o.payTotal).toBeGreaterThan(0);
  });

  it('only a senior free, the client is asked: the higher price waits for their yes, and saying no is free', async () => {
    const admin = await createUser(t.db, 'admin');
    await updateSettings(t.db, admin, { priceCapPolicy: 'ask' });
    try {
      const s = await cappedOrder({ grades: ['senior'] });
      await dispatch(t.db, { orderIds: [s.id] });
      const o = await row(s.id);
      expect(o.priceConsent).toBe('pending');
      expect(o.priceTotal).toBeGreaterThan(s.cap);
      const [mail] = await t.db
        .select({ data: notifications.data })
        .from(notifications)
        .where(and(eq(notifications.kind, 'worker_matched'), eq(notifications.userId, s.c.client.id)));
      expect(mail.data).toMatchObject({ consentCap: s.cap, priceTotal: o.priceTotal });

      await acceptPrice(t.db, s.c.client, s.id);
      expect((await row(s.id)).priceConsent).toBe('accepted');
      await expect(acceptPrice(t.db, s.c.client, s.id)).rejects.toMatchObject({ code: 'conflict' });
      const [event] = await t.db
        .select({ kind: orderEvents.kind })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, s.id), eq(orderEvents.kind, 'price_accepted')));
      expect(event).toBeDefined();

      // Another capped order starting in an hour (full price to cancel) is cancelled while the yes is pending: free.
      const late = await cappedOrder({ grades: ['senior'], startsInHours: 3 });
      await t.db
        .update(orders)
        .set({ bookedAt: new Date(Date.now() - 2 * 24 * HOUR) })
        .where(eq(orders.id, late.id));
      await dispatch(t.db, { orderIds: [late.id] });
      expect((await row(late.id)).priceConsent).toBe('pending');
      expect(await cancelOrder(t.db, late.c.client, { orderId: late.id, reasonCode: 'too_expensive' })).toEqual({
        fee: 0,
      });
    } finally {
      await updateSettings(t.db, admin, { priceCapPolicy: 'absorb' });
    }
  });
});
