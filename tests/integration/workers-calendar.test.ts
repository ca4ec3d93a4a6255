import { describe, expect, it } from 'vitest';
import { calendarForToken, getIcalToken, regenerateIcalToken } from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

describe('calendar feed', () => {
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
    expect(await getIcalToken(t.db, w, w.id)).toBeNull();
    await expect(regenerateIcalToken(t.db, other, w.id)).rejects.toMatchObject({ code: 'not_found' });
    const first = await regenerateIcalToken(t.db, w, w.id);
    const feed = await calendarForToken(t.db, first, now);
    expect(feed).toContain(`UID:${mine.id}@brigada`);
    expect(feed).not.toContain(theirs.id);
    expect(feed).toContain('SUMMARY:Мытьё окон');
    const second = await regenerateIcalToken(t.db, w, w.id);
    expect(second).not.toBe(first);
    expect(await calendarForToken(t.db, first, now)).toBeNull();
    expect(await calendarForToken(t.db, second, now)).toContain(mine.number);
  });
});
