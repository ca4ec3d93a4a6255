import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { orders } from '@/db/schema';
import { transitionOrder } from '@/lib/orders';
import { analysisCube, analysisOrders } from '@/lib/quality';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';

const t = setupTestDb();

describe('failure analysis by the date it happened', () => {
  it('counts a cancellation made this week of next week’s job in this week only by the date it happened', async () => {
    const zone = await createZone(t.db);
    const service = await createService(t.db);
    const client = await createUser(t.db, 'client');
    const manager = await createUser(t.db, 'manager');
    // Scheduled Monday 10 March 2031, cancelled the Monday before (3 March, 12:00 Moscow).
    const start = new Date('2031-03-10T07:00:00Z');
    const [order] = await t.db
      .insert(orders)
      .values({
        number: `T-${randomUUID().slice(0, 8)}`,
        clientId: client.id,
        serviceId: service.id,
        zoneId: zone.id,
        address: 'ул. Тестовая, 1',
        contactPhone: '+7 900 000-00-00',
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + 2 * 3_600_000),
        estimateTotal: 100_000,
        currency: 'RUB',
      })
      .returning({ id: orders.id, number: orders.number });
    await transitionOrder(t.db, manager, order.id, 'cancel', {
      reason: 'plans_changed',
      data: { reasonCode: 'plans_changed' },
      at: new Date('2031-03-03T09:00:00Z'),
    });
    const week = { from: '2031-03-03', to: '2031-03-09', zoneId: zone.id };
    const cancelled = (cube: Awaited<ReturnType<typeof analysisCube>>) =>
      cube.filter((r) => r.set === 'reason' && r.status === 'cancelled').reduce((s, r) => s + r.n, 0);

    expect(cancelled(await analysisCube(t.db, manager, week))).toBe(0);
    const happened = await analysisCube(t.db, manager, { ...week, basis: 'happened' });
    expect(cancelled(happened)).toBe(1);
    expect(happened.find((r) => r.set === 'week' && r.status === 'cancelled')?.week).toBe('2031-03-03');
    const drill = await analysisOrders(t.db, manager, { ...week, basis: 'happened', status: 'cancelled' });
    expect(drill.map((o) => o.number)).toEqual([order.number]);
    // By the scheduled date it belongs to the week of 10 March.
    expect(
      cancelled(await analysisCube(t.db, manager, { from: '2031-03-10', to: '2031-03-16', zoneId: zone.id })),
    ).toBe(1);
  });
});
