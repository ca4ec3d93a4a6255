import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { orders } from '@/db/schema';
import { transitionOrder } from '@/lib/orders';
import { analysisCube, analysisOrders } from '@/lib/quality';
import { setupTestDb } from '../support/db';
import { walkPages } from '../support/paging';
import { insertOrder } from '../support/workers-helpers';
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
    expect(drill.items.map((o) => o.number)).toEqual([order.number]);
    // By the scheduled date it belongs to the week of 10 March.
    expect(
      cancelled(await analysisCube(t.db, manager, { from: '2031-03-10', to: '2031-03-16', zoneId: zone.id })),
    ).toBe(1);
  });

  it('pages the orders behind a group newest first, each once while orders arrive, with the group’s count', async () => {
    const zone = await createZone(t.db);
    const service = await createService(t.db);
    const client = await createUser(t.db, 'client');
    const manager = await createUser(t.db, 'manager');
    const cancelledAt = async (iso: string) =>
      (
        await insertOrder(t.db, {
          clientId: client.id,
          serviceId: service.id,
          zoneId: zone.id,
          status: 'cancelled',
          start: new Date(iso),
        })
      ).id;
    // Five cancellations in the week of 7 April 2031, two at the same instant (the id breaks the tie).
    const before = [];
    for (const iso of [
      '2031-04-07T07:00Z',
      '2031-04-08T07:00Z',
      '2031-04-08T07:00Z',
      '2031-04-09T07:00Z',
      '2031-04-10T07:00Z',
    ])
      before.push(await cancelledAt(iso));
    const group = { from: '2031-04-07', to: '2031-04-13', dim: 'zone' as const, key: zone.id };
    const first = await analysisOrders(t.db, manager, group, { limit: 2 });
    expect(first).toMatchObject({ total: 5, capped: false });
    const { seen, pages } = await walkPages({
      page: (cursor) => analysisOrders(t.db, manager, group, { cursor, limit: 2 }),
      id: (o) => o.id,
      before,
      between: async (round) => {
        // Newest first: one later than the page (behind the cursor) is not met, an older one ahead is.
        if (round === 1) {
          await cancelledAt('2031-04-12T07:00Z');
          before.push(await cancelledAt('2031-04-07T05:00Z'));
        }
      },
    });
    expect(seen).toHaveLength(6);
    expect(pages).toBe(3);
    const starts = (await analysisOrders(t.db, manager, group, { limit: 10 })).items.map((o) =>
      o.scheduledStart.getTime(),
    );
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });
});
