import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { matchRuns, notifications, orderEvents, orders } from '@/db/schema';
import { BoardClash, boardOptions, boardVersion, getBoard, moveOnBoard } from '@/lib/board';
import { DomainError } from '@/lib/errors';
import { pgErrorCode } from '@/lib/matching/errors';
import { addDays, fromWallTime, parseDateString, toDateString } from '@/lib/time';
import { createUser } from '@/tests/support/factories';
import { onPostgres, setupTestDb } from '@/tests/support/db';
import { walkPages } from '@/tests/support/paging';
import { HOUR, company, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();
const TZ = 'Europe/Moscow';

/** A company date nine days ahead and its wall times (the demo zone), so every time is bookable and future. */
const day = addDays(toDateString(new Date(), TZ), 9);
const at = (hour: number, minute = 0, date = day) => fromWallTime({ ...parseDateString(date), hour, minute }, TZ);

async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const orderRow = async (id: string) =>
  (
    await t.db
      .select({ status: orders.status, workerId: orders.workerId, start: orders.scheduledStart })
      .from(orders)
      .where(eq(orders.id, id))
  )[0];

describe('the schedule board', () => {
  it('assigns from the tray, reassigns to another lane and moves along the time axis, emailing the client', async () => {
    const { center, service, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager', { name: 'Мария' });
    const olga = await worker(t.db, { zoneIds: [center.id], name: 'Ольга' });
    const anna = await worker(t.db, { zoneIds: [center.id], name: 'Анна' });
    const id = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: at(10),
    });

    const before = await getBoard(t.db, manager, { view: 'day', date: day });
    expect(before.tray.map((o) => o.id)).toContain(id);
    expect(before.workers.map((w) => w.name)).toEqual(expect.arrayContaining(['Анна', 'Ольга']));

    // Tray → Ольга's lane: assigned.
    expect(await moveOnBoard(t.db, manager, { orderId: id, workerId: olga.id })).toEqual({
      status: 'assigned',
      moved: false,
    });
    expect(await orderRow(id)).toMatchObject({ status: 'assigned', workerId: olga.id });
    const assigned = await getBoard(t.db, manager, { view: 'day', date: day });
    expect(assigned.tray.map((o) => o.id)).not.toContain(id);
    expect(assigned.blocks.find((b) => b.id === id)).toMatchObject({ workerId: olga.id, late: false, plan: false });
    expect(assigned.version).not.toBe(before.version);

    // Ольга → Анна: reassigned.
    await moveOnBoard(t.db, manager, { orderId: id, workerId: anna.id });
    expect(await orderRow(id)).toMatchObject({ status: 'assigned', workerId: anna.id });

    // Along Анна's lane to 14:00: rescheduled and still hers, the client emailed about the new time.
    expect(await moveOnBoard(t.db, manager, { orderId: id, workerId: anna.id, start: at(14).toISOString() })).toEqual({
      status: 'assigned',
      moved: true,
    });
    expect(await orderRow(id)).toMatchObject({ status: 'assigned', workerId: anna.id, start: at(14) });
    const kinds = await t.db
      .select({ kind: orderEvents.kind })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, id))
      .orderBy(orderEvents.id);
    expect(kinds.map((k) => k.kind)).toEqual(['match', 'reassign', 'reschedule', 'match']);
    const emails = await t.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.userId, client.id), eq(notifications.kind, 'order_rescheduled')));
    expect(emails).toHaveLength(1);
  });

  it('refuses an overlap with who holds the time, an override without a reason, a started job and the past', async () => {
    const { center, north, service, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager');
    const olga = await worker(t.db, { zoneIds: [center.id], name: 'Ольга Б.' });
    const held = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: at(10),
      status: 'assigned',
      workerId: olga.id,
    });
    const [{ number: heldNumber }] = await t.db
      .select({ number: orders.number })
      .from(orders)
      .where(eq(orders.id, held));
    const other = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: at(11),
    });

    const clash = await failure(moveOnBoard(t.db, manager, { orderId: other, workerId: olga.id }));
    expect(clash).toBeInstanceOf(BoardClash);
    expect((clash as BoardClash).clash).toEqual({
      workerName: 'Ольга Б.',
      number: heldNumber,
      start: at(10),
      end: at(12),
    });
    expect((await orderRow(other)).status).toBe('pending');

    // The menu says the same: Ольга is there, not eligible, with 'overlap', and not overridable.
    const menu = await boardOptions(t.db, manager, { orderId: other });
    expect(menu.options.find((o) => o.workerId === olga.id)).toMatchObject({
      eligible: false,
      overridable: false,
      reasons: ['overlap'],
    });
    // At 15:00 she is free: eligible, with the facts of her cost.
    const later = await boardOptions(t.db, manager, { orderId: other, start: at(15).toISOString() });
    const olgaLater = later.options.find((o) => o.workerId === olga.id)!;
    expect(olgaLater.eligible).toBe(true);
    expect(olgaLater.facts.map((f) => f.key)).toContain('km');

    // Out of her zone: only with a written reason.
    const far = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: north.id,
      start: at(16),
    });
    const noReason = await failure(moveOnBoard(t.db, manager, { orderId: far, workerId: olga.id }));
    expect(noReason.fields.overrideReason).toBe('matching.errors.reasonRequired');
    await moveOnBoard(t.db, manager, { orderId: far, workerId: olga.id, overrideReason: 'Клиент просил' });
    expect((await orderRow(far)).workerId).toBe(olga.id);

    // Started: refused.
    await t.db.update(orders).set({ status: 'in_progress', startedAt: new Date() }).where(eq(orders.id, held));
    const anna = await worker(t.db, { zoneIds: [center.id], name: 'Анна Б.' });
    expect((await failure(moveOnBoard(t.db, manager, { orderId: held, workerId: anna.id }))).message).toBe(
      'board.errors.started',
    );

    // Into the past: refused, the order untouched.
    const past = new Date(Date.now() - 2 * HOUR).toISOString();
    expect(
      (await failure(moveOnBoard(t.db, manager, { orderId: other, workerId: anna.id, start: past }))).message,
    ).toBe('board.errors.past');
    expect((await orderRow(other)).status).toBe('pending');

    // Outside bookable hours: the booking rule is the message.
    expect(
      (await failure(moveOnBoard(t.db, manager, { orderId: other, workerId: anna.id, start: at(22).toISOString() })))
        .message,
    ).toBe('orders.errors.outsideHours');

    // Only staff.
    expect((await failure(moveOnBoard(t.db, client, { orderId: other, workerId: anna.id }))).code).toBe('forbidden');
    expect((await failure(getBoard(t.db, client, { view: 'week' }))).code).toBe('forbidden');
  });

  it('shows lanes with free time and days off, late starts and travel buffers, filtered by zone, skill and grade', async () => {
    const { center, north, service, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager');
    const senior = await worker(t.db, { zoneIds: [north.id], name: 'Вера', grade: 'senior', skills: ['windows'] });
    const w = await worker(t.db, { zoneIds: [center.id], name: 'Галина' });
    const a = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: at(9),
      status: 'assigned',
      workerId: w.id,
    });
    await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: north.id,
      start: at(11, 15),
      status: 'assigned',
      workerId: w.id,
    });
    const board = await getBoard(t.db, manager, { view: 'week', date: day });
    expect(board.days).toHaveLength(7);
    expect(board.days).toContain(day);
    const first = board.blocks.find((b) => b.id === a)!;
    // 11:15 − 11:00 = 15 min between a centre job and a north one, less than the other-zone buffer.
    expect(first.bufferAfterMinutes).toBeGreaterThan(15);
    expect(first.tight).toBe(true);
    const lane = board.workers.find((x) => x.id === w.id)!;
    expect(lane.free.length).toBeGreaterThan(0);

    const byZone = await getBoard(t.db, manager, { view: 'day', date: day, zone: north.id });
    expect(byZone.workers.map((x) => x.id)).toContain(senior.id);
    expect(byZone.workers.map((x) => x.id)).not.toContain(w.id);
    const bySkill = await getBoard(t.db, manager, { view: 'day', date: day, skill: 'windows', grade: 'senior' });
    expect(bySkill.workers.map((x) => x.id)).toEqual([senior.id]);

    // A job an hour past its start with no start recorded is late.
    const yesterday = new Date(Date.now() - HOUR);
    const lateId = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: yesterday,
      status: 'assigned',
      workerId: senior.id,
    });
    const today = await getBoard(t.db, manager, { view: 'day' });
    expect(today.blocks.find((b) => b.id === lateId)?.late).toBe(true);
    expect(await boardVersion(t.db, manager, today.from, today.to)).toBe(today.version);
  });

  it('pages the lanes by name and the tray by start, every row once while rows arrive, with totals over all lanes', async () => {
    // A day of its own, so the other tests' orders stay out of its tray and totals.
    const date = addDays(day, 1);
    const { center, service, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager');
    await worker(t.db, { zoneIds: [center.id], name: 'Зоя' }); // not matched by the search below
    const lena = [];
    for (const n of [1, 2, 3, 4, 5]) lena.push(await worker(t.db, { zoneIds: [center.id], name: `Лена ${n}` }));
    // One two-hour job each on the day: 5 jobs and 600 minutes over every matching lane, whichever page shows.
    for (const [i, w] of lena.entries())
      await pendingOrder(t.db, {
        clientId: client.id,
        serviceId: service.id,
        zoneId: center.id,
        start: at(8 + i, 0, date),
        hours: 2,
        status: 'assigned',
        workerId: w.id,
      });
    const waiting = [];
    for (const h of [9, 10, 11, 12, 13])
      waiting.push(
        await pendingOrder(t.db, {
          clientId: client.id,
          serviceId: service.id,
          zoneId: center.id,
          start: at(h, 0, date),
        }),
      );
    const size = { lanes: 2, tray: 2 };

    const first = await getBoard(t.db, manager, { view: 'day', date, q: 'лена' }, new Date(), size);
    expect(first.workers.map((w) => w.name)).toEqual(['Лена 1', 'Лена 2']);
    expect(first.lanes).toMatchObject({ total: 5, capped: false });
    expect(first.totals).toEqual([{ date, jobs: 5, minutes: 5 * 120 }]);
    // Only the page's lanes bring their blocks.
    expect(new Set(first.blocks.map((b) => b.workerId))).toEqual(new Set([lena[0].id, lena[1].id]));
    expect(first.trayPaging).toMatchObject({ total: 5, capped: false });

    // Lanes: a worker added ahead of the cursor is met, one behind it is not repeated; all match the search.
    const lanes = await walkPages({
      page: async (cursor) => {
        const b = await getBoard(t.db, manager, { view: 'day', date, q: 'лена', lanes: cursor }, new Date(), size);
        return { items: b.workers, next: b.lanes.next };
      },
      id: (w) => w.id,
      before: lena.map((w) => w.id),
      matches: (w) => w.name.startsWith('Лена'),
      between: async (round) => {
        if (round === 1) {
          await worker(t.db, { zoneIds: [center.id], name: 'Лена 0' });
          await worker(t.db, { zoneIds: [center.id], name: 'Лена 9' });
        }
      },
    });
    expect(lanes.seen).toHaveLength(6);

    // Tray: soonest first, page after page, a pending order added later in the day is met once.
    const tray = await walkPages({
      page: async (cursor) => {
        const b = await getBoard(t.db, manager, { view: 'day', date, tray: cursor }, new Date(), size);
        return { items: b.tray, next: b.trayPaging.next };
      },
      id: (o) => o.id,
      before: waiting,
      between: async (round) => {
        if (round === 1)
          await pendingOrder(t.db, {
            clientId: client.id,
            serviceId: service.id,
            zoneId: center.id,
            start: at(15, 0, date),
          });
      },
    });
    expect(tray.seen).toHaveLength(6);
    expect(tray.pages).toBe(3);
  });

  it('shows a job across the period start, and its version follows orders moving in and out and finished sweeps', async () => {
    // A day of its own, so no other test's order changes its version.
    const date = addDays(day, 3);
    const { center, service, client } = await company(t.db);
    const manager = await createUser(t.db, 'manager');
    const vera = await worker(t.db, { zoneIds: [center.id], name: 'Вера Ночная' });
    // 22:00 the evening before to 02:00 on the day: it starts before the period but overlaps it.
    const night = await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: at(22, 0, addDays(date, -1)),
      hours: 4,
      status: 'assigned',
      workerId: vera.id,
    });
    const query = { view: 'day' as const, date, q: 'Вера Ночная' };
    const before = await getBoard(t.db, manager, query);
    expect(before.blocks.map((b) => b.id)).toEqual([night]);
    // Day totals count a job on the day it starts: the evening before, not this day.
    expect(before.totals).toEqual([{ date, jobs: 0, minutes: 0 }]);
    expect(await boardVersion(t.db, manager, before.from, before.to)).toBe(before.version);

    // Moved to a later day: out of the period, so the version changes and the block is gone.
    await moveOnBoard(t.db, manager, {
      orderId: night,
      workerId: vera.id,
      start: at(10, 0, addDays(date, 2)).toISOString(),
    });
    const moved = await getBoard(t.db, manager, query);
    expect(moved.blocks).toEqual([]);
    expect(moved.version).not.toBe(before.version);

    // Moved back into the period (10:00 on the day): changes it again, and the day now counts the job (as long as
    // the reschedule made it: the service's duration, not the four hours inserted above).
    await moveOnBoard(t.db, manager, { orderId: night, workerId: vera.id, start: at(10, 0, date).toISOString() });
    const back = await getBoard(t.db, manager, query);
    expect(back.blocks.map((b) => b.id)).toEqual([night]);
    const [row] = await t.db
      .select({ start: orders.scheduledStart, end: orders.scheduledEnd })
      .from(orders)
      .where(eq(orders.id, night));
    expect(back.totals).toEqual([{ date, jobs: 1, minutes: (row.end.getTime() - row.start.getTime()) / 60_000 }]);
    expect(back.version).not.toBe(moved.version);
    expect(back.version).not.toBe(before.version);

    // A sweep that finishes is listed on the board, so it changes the version too; one still running does not.
    await t.db.insert(matchRuns).values({ trigger: 'manual', startedAt: new Date() });
    expect(await boardVersion(t.db, manager, back.from, back.to)).toBe(back.version);
    await t.db.insert(matchRuns).values({ trigger: 'manual', startedAt: new Date(), finishedAt: new Date() });
    expect(await boardVersion(t.db, manager, back.from, back.to)).not.toBe(back.version);
  });

  it('refuses an order longer than a day, which the period reads rely on', async () => {
    const { center, service, client } = await company(t.db);
    let code: string | undefined;
    try {
      await pendingOrder(t.db, {
        clientId: client.id,
        serviceId: service.id,
        zoneId: center.id,
        start: at(8),
        hours: 25,
      });
    } catch (error) {
      code = pgErrorCode(error);
    }
    expect(code).toBe('23514');
    // A full day is allowed.
    await pendingOrder(t.db, {
      clientId: client.id,
      serviceId: service.id,
      zoneId: center.id,
      start: at(8),
      hours: 24,
    });
  });

  it.runIf(onPostgres())(
    'two managers drop different orders on the same worker and hour at once: one wins, one hears who has it',
    async () => {
      const { center, service, client } = await company(t.db);
      const maria = await createUser(t.db, 'manager', { name: 'Мария' });
      const ivan = await createUser(t.db, 'manager', { name: 'Иван' });
      const olga = await worker(t.db, { zoneIds: [center.id], name: 'Ольга В.' });
      const first = await pendingOrder(t.db, {
        clientId: client.id,
        serviceId: service.id,
        zoneId: center.id,
        start: at(12),
      });
      const second = await pendingOrder(t.db, {
        clientId: client.id,
        serviceId: service.id,
        zoneId: center.id,
        start: at(12, 30),
      });
      const results = await Promise.allSettled([
        moveOnBoard(t.db, maria, { orderId: first, workerId: olga.id }),
        moveOnBoard(t.db, ivan, { orderId: second, workerId: olga.id }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = (lost[0] as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(BoardClash);
      const winner = results[0].status === 'fulfilled' ? first : second;
      const [{ number }] = await t.db.select({ number: orders.number }).from(orders).where(eq(orders.id, winner));
      expect((error as BoardClash).clash).toMatchObject({ workerName: 'Ольга В.', number });
      const held = await t.db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.workerId, olga.id), eq(orders.status, 'assigned')));
      expect(held.map((h) => h.id)).toEqual([winner]);
    },
  );
});
