import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { orders } from '@/db/schema';
import { reviewQueue } from '@/lib/quality';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';
import { walkPages } from '../support/paging';

const t = setupTestDb();
const HOUR = 3_600_000;

describe('keyset paging of the staff lists that were capped', () => {
  it('pages a review queue once while orders fail around the cursor, keeping the zone, service and period', async () => {
    const manager = await createUser(t.db, 'manager');
    const zone = await createZone(t.db);
    const service = await createService(t.db);
    const client = await createUser(t.db, 'client');
    const tag = randomUUID().slice(0, 6);
    const start = Date.UTC(2033, 2, 20, 12);
    let n = 0;
    const order = (at: number, status: 'failed' | 'cancelled') => ({
      number: `BR-2033-${tag}${String(n++).padStart(5, '0')}`,
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      status,
      address: 'ул. Очередная, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: new Date(at),
      scheduledEnd: new Date(at + HOUR),
      estimateTotal: 100_000,
      currency: 'RUB',
    });
    // 120 failed and 40 cancelled orders an hour apart; two failed ones share one start (the id breaks the tie).
    const made = await t.db
      .insert(orders)
      .values(
        Array.from({ length: 160 }, (_, i) =>
          order(start - (i === 1 ? 0 : i) * HOUR, i % 4 === 3 ? 'cancelled' : 'failed'),
        ),
      )
      .returning({ id: orders.id, status: orders.status });
    const failed = made.filter((m) => m.status === 'failed').map((m) => m.id);
    const filter = {
      kind: 'failed' as const,
      zoneId: zone.id,
      serviceId: service.id,
      from: new Date(start - 30 * 24 * HOUR),
      to: new Date(start + HOUR),
    };
    const first = await reviewQueue(t.db, manager, filter);
    // The queue's total is its exact count in the period: 160 orders, every fourth cancelled, 120 failed.
    expect(first).toMatchObject({ total: 120, capped: false, counts: { failed: 120, cancelled: 40 } });
    const { pages } = await walkPages({
      page: (cursor) => reviewQueue(t.db, manager, { ...filter, cursor, limit: 25 }),
      id: (o) => o.id,
      before: failed,
      matches: (o) => o.status === 'failed',
      // An order fails ahead of the cursor (newer) and one behind it, between pages; a cancelled one too.
      between: async (_round, last) => {
        const at = last.scheduledStart.getTime();
        await t.db
          .insert(orders)
          .values([
            order(start - HOUR / 2, 'failed'),
            order(at - HOUR / 2, 'failed'),
            order(at - HOUR / 3, 'cancelled'),
          ]);
      },
    });
    // 120 at 25 a page, and more land behind the cursor: at least 5 pages.
    expect(pages).toBeGreaterThanOrEqual(5);
    // Outside the period nothing comes back.
    const later = await reviewQueue(t.db, manager, {
      ...filter,
      from: new Date(start + HOUR),
      to: new Date(start + 2 * HOUR),
    });
    expect(later).toMatchObject({ items: [], total: 0, next: null });
  });
});
