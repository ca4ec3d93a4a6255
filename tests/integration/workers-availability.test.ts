import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { workerProfiles } from '@/db/schema';
import { seedIfEmpty } from '@/lib/demo';
import { addTimeOff, getAvailability, getSchedule, removeTimeOff, setWeeklySchedule } from '@/lib/workers';
import { DomainError } from '@/lib/errors';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();

describe('worker availability in the database', () => {
  it('returns free intervals per worker, empty for inactive ones', async () => {
    await seedIfEmpty(t.db);
    const a = await createWorker(t.db);
    const b = await createWorker(t.db);
    await setWeeklySchedule(t.db, a, a.id, [{ weekday: 1, from: '08:00', to: '20:00' }]);
    await setWeeklySchedule(t.db, b, b.id, [{ weekday: 1, from: '20:00', to: '02:00' }]);
    // Booked on Sunday 29 November, ahead of the day.
    await addTimeOff(
      t.db,
      b,
      b.id,
      { fromDate: '2026-12-07', toDate: '2026-12-07', reason: 'врач' },
      new Date('2026-11-29T12:00:00Z'),
    );
    // Monday 2026-11-30 and Monday 2026-12-07 (Moscow, UTC+3).
    const m = await getAvailability(
      t.db,
      [a.id, b.id],
      new Date('2026-11-30T00:00:00Z'),
      new Date('2026-12-08T21:00:00Z'),
    );
    expect(m.get(a.id)?.map((i) => i.start.toISOString())).toEqual([
      '2026-11-30T05:00:00.000Z',
      '2026-12-07T05:00:00.000Z',
    ]);
    // b: Monday 30 Nov 20:00 → Tuesday 02:00; 7 Dec is off, so only its Tuesday tail 00:00-02:00 MSK remains.
    expect(m.get(b.id)?.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2026-11-30T17:00:00.000Z', '2026-11-30T23:00:00.000Z'],
      ['2026-12-07T21:00:00.000Z', '2026-12-07T23:00:00.000Z'],
    ]);
    await t.db.update(workerProfiles).set({ active: false }).where(eq(workerProfiles.userId, a.id));
    expect(
      (await getAvailability(t.db, [a.id], new Date('2026-11-30T00:00:00Z'), new Date('2026-12-01T00:00:00Z'))).get(
        a.id,
      ),
    ).toEqual([]);
  });

  it('refuses schedule and time-off changes that strand an assigned order, listing it, and changes nothing', async () => {
    const zone = await createZone(t.db);
    const service = await createService(t.db);
    const client = await createUser(t.db, 'client');
    const w = await createWorker(t.db);
    const slots = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '20:00' }));
    await setWeeklySchedule(t.db, w, w.id, slots);
    // Far in the future so it is always ahead: 2099-01-05 is a Monday; 10:00 MSK = 07:00Z.
    const order = await insertOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      workerId: w.id,
      start: new Date('2099-01-05T07:00:00Z'),
    });
    const refused = await setWeeklySchedule(
      t.db,
      w,
      w.id,
      slots.filter((s) => s.weekday !== 1),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('conflict');
    expect((refused as DomainError).fields.orders).toBe(order.number);
    expect((await getSchedule(t.db, w, w.id)).slots).toHaveLength(7);
    const refusedOff = await addTimeOff(t.db, w, w.id, {
      fromDate: '2099-01-04',
      toDate: '2099-01-06',
      reason: 'отпуск',
    }).catch((e: unknown) => e);
    expect((refusedOff as DomainError).fields.orders).toBe(order.number);
    expect((await getSchedule(t.db, w, w.id)).timeOff).toHaveLength(0);
    // A day off elsewhere is fine, and can be removed again.
    const off = await addTimeOff(t.db, w, w.id, { fromDate: '2099-01-07', toDate: '2099-01-07', reason: '' });
    await removeTimeOff(t.db, w, w.id, off.id);
  });

  it('another worker cannot read or change someone else’s schedule', async () => {
    const a = await createWorker(t.db);
    const b = await createWorker(t.db);
    await expect(getSchedule(t.db, a, b.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(setWeeklySchedule(t.db, a, b.id, [])).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses time off that starts before today in the company zone, and saves nothing', async () => {
    const w = await createWorker(t.db);
    // Friday 4 December 2026, 23:30 in Moscow (20:30 UTC): "today" is the 4th there.
    const now = new Date('2026-12-04T20:30:00Z');
    await expect(
      addTimeOff(t.db, w, w.id, { fromDate: '2026-12-03', toDate: '2026-12-05', reason: '' }, now),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { fromDate: 'workers.errors.pastDate' } });
    expect((await getSchedule(t.db, w, w.id)).timeOff).toEqual([]);
    const off = await addTimeOff(t.db, w, w.id, { fromDate: '2026-12-04', toDate: '2026-12-05', reason: '' }, now);
    expect(off.fromDate).toBe('2026-12-04');
  });
});
