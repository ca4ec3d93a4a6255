import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { orders } from '@/db/schema';
import { searchOrders } from '@/lib/orders';
import { decodeCursor, encodeCursor } from '@/lib/paging';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';

const t = setupTestDb();

async function desk() {
  const zone = await createZone(t.db);
  const service = await createService(t.db);
  const manager = await createUser(t.db, 'manager');
  const anna = await createUser(t.db, 'client', { name: `Анна Смирнова ${randomUUID().slice(0, 4)}` });
  const boris = await createUser(t.db, 'client', { name: `Борис Петров ${randomUUID().slice(0, 4)}` });
  const tag = randomUUID().slice(0, 6);
  const made: { id: string; number: string; start: Date }[] = [];
  // Five orders an hour apart; Anna's third is cancelled and has her own phone and address.
  for (let i = 0; i < 5; i++) {
    const start = new Date(Date.UTC(2031, 0, 10, 8 + i));
    const [row] = await t.db
      .insert(orders)
      .values({
        number: `BR-2031-${tag}${i}`,
        clientId: i % 2 === 0 ? anna.id : boris.id,
        serviceId: service.id,
        zoneId: zone.id,
        status: i === 2 ? 'cancelled' : 'pending',
        address: i === 2 ? `ул. Садовая-${tag}, 5` : 'ул. Тестовая, 1',
        contactPhone: i === 2 ? '+7 (916) 555-12-34' : '+7 900 000-00-00',
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + 3_600_000),
        estimateTotal: 100_000 * (i + 1),
        currency: 'RUB',
      })
      .returning({ id: orders.id, number: orders.number });
    made.push({ ...row, start });
  }
  return { zone, manager, anna, boris, tag, made };
}

describe('the order desk', () => {
  it('finds an order by number, client, phone typed any way, and address', async () => {
    const d = await desk();
    const numbers = async (q: string) =>
      (await searchOrders(t.db, d.manager, { q, zoneId: d.zone.id })).items.map((o) => o.number);
    expect(await numbers(d.made[3].number)).toEqual([d.made[3].number]);
    expect(await numbers(d.anna.name)).toEqual([d.made[4].number, d.made[2].number, d.made[0].number]);
    expect(await numbers('89165551234')).toEqual([d.made[2].number]);
    expect(await numbers('555-12-34')).toEqual([d.made[2].number]);
    expect(await numbers(`Садовая-${d.tag}`)).toEqual([d.made[2].number]);
    // LIKE's own characters are searched for literally.
    expect(await numbers('%')).toEqual([]);
  });

  it('filters by status and dates, and pages by keyset without repeating or losing a row', async () => {
    const d = await desk();
    const open = await searchOrders(t.db, d.manager, { zoneId: d.zone.id, status: ['pending'] });
    expect(open.items.map((o) => o.number)).toEqual([4, 3, 1, 0].map((i) => d.made[i].number));
    expect(open).toMatchObject({ total: 4, capped: false, next: null });
    const window = await searchOrders(t.db, d.manager, {
      zoneId: d.zone.id,
      from: d.made[1].start,
      to: d.made[3].start,
    });
    expect(window.items.map((o) => o.number)).toEqual([d.made[2].number, d.made[1].number]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchOrders(t.db, d.manager, { zoneId: d.zone.id, limit: 2, cursor });
      expect(page.total).toBe(5);
      seen.push(...page.items.map((o) => o.number));
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => d.made[i].number));
    // The amount is the final price, else the estimate: 5 000 ₽ for the fifth order.
    const [latest] = (await searchOrders(t.db, d.manager, { zoneId: d.zone.id, limit: 1 })).items;
    expect(latest.total).toBe(500_000);
  });

  it('a cursor that is not ours is page one; the desk is for staff only', async () => {
    const d = await desk();
    expect(decodeCursor('not-a-cursor', 2)).toBeNull();
    expect(decodeCursor(encodeCursor(['x']), 2)).toBeNull();
    const first = await searchOrders(t.db, d.manager, { zoneId: d.zone.id, cursor: 'garbage' });
    expect(first.items).toHaveLength(5);
    await expect(searchOrders(t.db, d.anna, {})).rejects.toMatchObject({ code: 'forbidden' });
  });
});
