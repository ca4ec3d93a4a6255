import { describe, expect, it } from 'vitest';
import { workerSchedules } from '@/db/schema';
import { workerReadiness } from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createUser, createWorker, createZone } from '../support/factories';

const t = setupTestDb();

describe('a worker’s readiness for matching', () => {
  it('a newly invited worker has no skills, districts or hours; once set, they are ready', async () => {
    const manager = await createUser(t.db, 'manager');
    const fresh = await createUser(t.db, 'worker');
    const zone = await createZone(t.db);
    const set = await createWorker(t.db, { skills: ['cleaning'], zoneIds: [zone.id] });
    await t.db.insert(workerSchedules).values({ workerId: set.id, weekday: 1, fromTime: '09:00', toTime: '18:00' });
    const r = await workerReadiness(t.db, manager, [fresh.id, set.id]);
    expect(r.get(fresh.id)).toEqual({ skills: false, zones: false, hours: false, ready: false });
    expect(r.get(set.id)).toEqual({ skills: true, zones: true, hours: true, ready: true });
    // A worker reads their own only; a client is refused.
    expect((await workerReadiness(t.db, fresh, [fresh.id])).get(fresh.id)?.ready).toBe(false);
    await expect(workerReadiness(t.db, fresh, [set.id])).rejects.toMatchObject({ code: 'not_found' });
    const client = await createUser(t.db, 'client');
    await expect(workerReadiness(t.db, client, [fresh.id])).rejects.toMatchObject({ code: 'forbidden' });
  });
});
