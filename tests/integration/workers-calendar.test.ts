import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { workerProfiles } from '@/db/schema';
import {
  calendarForToken,
  FEED_DAYS_AHEAD,
  FEED_DAYS_BACK,
  getIcalLinkCreatedAt,
  regenerateIcalToken,
  renderCalendar,
} from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

describe('calendar feed', () => {
  it('streams every task of its window in batches, none twice, and none outside the window', async () => {
    const zone = await createZone(t.db);
    const service = await createService(t.db);
    const client = await createUser(t.db, 'client');
    const w = await createWorker(t.db);
    const now = new Date();
    const day = 86_400_000;
    // Seven tasks a day apart from tomorrow, two of them at the same instant (one cancelled; the keyset's id
    // breaks the tie), read in batches of 2: four steps, every task once.
    const starts = [1, 2, 3, 3, 4, 5, 6].map((d) => new Date(now.getTime() + d * day));
    const inside = [];
    for (const [i, start] of starts.entries())
      inside.push(
        await insertOrder(t.db, {
          clientId: client.id,
          serviceId: service.id,
          zoneId: zone.id,
          workerId: w.id,
          start,
          status: i === 3 ? 'cancelled' : 'assigned',
        }),
      );
    const outside = [
      new Date(now.getTime() - (FEED_DAYS_BACK + 1) * day),
      new Date(now.getTime() + (FEED_DAYS_AHEAD + 1) * day),
    ];
    const far = [];
    for (const start of outside)
      far.push(
        await insertOrder(t.db, { clientId: client.id, serviceId: service.id, zoneId: zone.id, workerId: w.id, start }),
      );
    const token = await regenerateIcalToken(t.db, w, w.id, now);
    const feed = (await calendarForToken(t.db, token, now, 2))!;
    const uids = [...feed.matchAll(/^UID:(.+)@brigada\r$/gm)].map((m) => m[1]);
    expect(new Set(uids)).toEqual(new Set(inside.map((o) => o.id)));
    expect(uids).toHaveLength(inside.length);
    for (const o of far) expect(feed).not.toContain(o.id);
    expect(feed.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('serves the worker’s tasks for their secret token; a new token revokes the old one', async () => {
    const zone = await createZone(t.db);
    const service = await createService(t.db, { nameRu: 'Мытьё окон' });
    const client = await createUser(t.db, 'client');
    const w = await createWorker(t.db);
    const other = await createWorker(t.db);
    const now = new Date();
    const mine = await insertOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      workerId: w.id,
      start: new Date(now.getTime() + 86_400_000),
    });
    const theirs = await insertOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      workerId: other.id,
      start: new Date(now.getTime() + 86_400_000),
    });
    expect(await getIcalLinkCreatedAt(t.db, w, w.id)).toBeNull();
    await expect(regenerateIcalToken(t.db, other, w.id)).rejects.toMatchObject({ code: 'not_found' });
    const first = await regenerateIcalToken(t.db, w, w.id, now);
    // Only the token's hash is stored: nothing in the row reads as the token.
    const [row] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, w.id));
    expect(JSON.stringify(row)).not.toContain(first);
    expect(row.icalTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await getIcalLinkCreatedAt(t.db, w, w.id)).toEqual(now);
    const feed = await calendarForToken(t.db, first, now);
    expect(feed).toContain(`UID:${mine.id}@brigada`);
    expect(feed).not.toContain(theirs.id);
    expect(feed).toContain('SUMMARY:Мытьё окон');
    const second = await regenerateIcalToken(t.db, w, w.id);
    expect(second).not.toBe(first);
    expect(await calendarForToken(t.db, first, now)).toBeNull();
    expect(await calendarForToken(t.db, second, now)).toContain(mine.number);
  });

  it('escapes every kind of line break, a bare carriage return included, so a note cannot add a property', () => {
    const feed = renderCalendar('Бригада', [
      {
        id: 'e1',
        number: 'BR-2026-000001',
        start: new Date('2026-12-07T09:00:00Z'),
        end: new Date('2026-12-07T11:00:00Z'),
        summary: 'Уборка',
        location: 'Тверская, 1',
        description: 'код 12\rSTATUS:CANCELLED\r\nATTENDEE:x\nконец',
        cancelled: false,
      },
    ]);
    const lines = feed.split('\r\n');
    expect(lines).toContain('DESCRIPTION:код 12\\nSTATUS:CANCELLED\\nATTENDEE:x\\nконец');
    // No stray CR or LF inside a line; every property line stays one line.
    expect(lines.every((l) => !/[\r\n]/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('STATUS:'))).toEqual(['STATUS:CONFIRMED']);
  });
});
