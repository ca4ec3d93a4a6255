import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notificationAttempts, notifications, orders, users } from '@/db/schema';
import { transitionOrder, systemActor } from '@/lib/orders';
import { dispatchNotifications, enqueue, smtpTransport } from '@/lib/notifications';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import type { Db } from '@/db';
import { startSmtpSink } from '../support/notifications-smtp-sink';

const t = setupTestDb();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

async function pendingOrder(db: Db, clientId: string) {
  const zone = await createZone(db);
  const service = await createService(db, { nameRu: 'Генеральная уборка', nameEn: 'Deep cleaning' });
  const start = new Date('2030-03-04T07:00:00Z');
  const [order] = await db
    .insert(orders)
    .values({
      number: `BR-2030-${Math.floor(Math.random() * 1e6)
        .toString()
        .padStart(6, '0')}`,
      clientId,
      serviceId: service.id,
      zoneId: zone.id,
      address: 'ул. Тверская, 7, кв. 12',
      accessNotes: 'Домофон 12',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 3 * 3600_000),
      estimateLines: [{ code: 'base', labelRu: 'Уборка', labelEn: 'Cleaning', amount: 500000 }],
      estimateTotal: 500000,
      currency: 'RUB',
    })
    .returning({ id: orders.id, number: orders.number });
  return { order, zone, service };
}

describe('an order assignment over SMTP', () => {
  it('sends one email to the client and one to the worker, each in their language', async () => {
    const client = await createUser(t.db, 'client', { name: 'Alice Client', locale: 'en' });
    const { order, zone } = await pendingOrder(t.db, client.id);
    const worker = await createWorker(t.db, { name: 'Анна Петрова', skills: ['cleaning'], zoneIds: [zone.id] });
    await t.db.update(users).set({ locale: 'ru' }).where(eq(users.id, worker.id));
    // Final price: 5 000.00 base + 500.00 senior surcharge = 5 500.00 RUB = 550 000 kopecks.
    const priceLines = [
      { code: 'base', labelRu: 'Уборка', labelEn: 'Cleaning', amount: 500000 },
      { code: 'grade', labelRu: 'Опытный исполнитель', labelEn: 'Senior cleaner', amount: 50000 },
    ];
    await transitionOrder(t.db, systemActor, order.id, 'match', {
      set: { workerId: worker.id, priceLines, priceTotal: 550000 },
    });

    const before = sink.received.length;
    const summary = await dispatchNotifications(t.db, { transport: smtpTransport(sink.url) });
    expect(summary).toMatchObject({ sent: 2, retrying: 0, dead: 0 });
    const mails = sink.received.slice(before);
    expect(mails).toHaveLength(2);

    const toClient = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === client.email);
    const toWorker = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === worker.email);
    expect(toClient?.subject).toBe(`Cleaner assigned: order ${order.number}`);
    expect(toClient?.text).toContain('Анна Петрова will do your order');
    expect(toClient?.text).toContain('Senior cleaner');
    // en-GB currency format of 550 000 kopecks (Intl puts a no-break space after the code).
    expect(toClient?.text).toMatch(/Total\s+RUB\s5,500\.00/);
    expect(toClient?.html).toContain(`/orders/${order.id}`);
    expect(toWorker?.subject).toBe(`Новое задание: Генеральная уборка, ${order.number}`);
    expect(toWorker?.text).toContain('Как попасть: Домофон 12');
    expect(toWorker?.text).toContain('ул. Тверская, 7, кв. 12');
    expect(toWorker?.html).toContain('lang="ru"');

    // The provider's id is recorded with each attempt; the Message-ID is derived from the idempotency key.
    const rows = await t.db
      .select({
        id: notifications.id,
        status: notifications.status,
        providerMessageId: notifications.providerMessageId,
      })
      .from(notifications)
      .where(eq(notifications.kind, 'task_assigned'));
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('sent');
    expect(rows[0].providerMessageId).toBe(toWorker?.messageId);
    const attempts = await t.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, rows[0].id));
    expect(attempts).toMatchObject([
      { attemptNo: 1, ok: true, transport: 'smtp', providerMessageId: toWorker?.messageId },
    ]);

    // A second dispatcher run finds nothing to send.
    expect(await dispatchNotifications(t.db, { transport: smtpTransport(sink.url) })).toMatchObject({ claimed: 0 });
  });
});

describe('a mail server that misbehaves', () => {
  it('retries with backoff after refusals and delivers exactly once, recording every attempt', async () => {
    const client = await createUser(t.db, 'client');
    const id = await enqueue(t.db, { userId: client.id }, 'welcome', {});
    const transport = smtpTransport(sink.url);
    const before = sink.received.length;
    sink.refuseNext(2);
    const t0 = new Date('2030-01-01T00:00:00Z');
    expect(await dispatchNotifications(t.db, { transport, now: t0 })).toMatchObject({ claimed: 1, retrying: 1 });
    // Not due yet: the first retry waits notificationRetryBaseSeconds (30 s).
    expect(await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 10_000) })).toMatchObject({
      claimed: 0,
    });
    expect(await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 31_000) })).toMatchObject({
      retrying: 1,
    });
    // The second retry waits 60 s after that.
    expect(await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 62_000) })).toMatchObject({
      claimed: 0,
    });
    expect(await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 92_000) })).toMatchObject({
      sent: 1,
    });
    expect(
      await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 10 * 86_400_000) }),
    ).toMatchObject({ claimed: 0 });

    expect(
      sink.received.slice(before).filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === client.email),
    ).toHaveLength(1);
    const attempts = await t.db
      .select({
        attemptNo: notificationAttempts.attemptNo,
        ok: notificationAttempts.ok,
        error: notificationAttempts.error,
      })
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, id!))
      .orderBy(notificationAttempts.attemptNo);
    expect(attempts.map((a) => [a.attemptNo, a.ok])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(attempts[0].error).toContain('451');
    const [row] = await t.db
      .select({ status: notifications.status, attempts: notifications.attempts, lastError: notifications.lastError })
      .from(notifications)
      .where(eq(notifications.id, id!));
    expect(row).toEqual({ status: 'sent', attempts: 3, lastError: null });
  });

  it('turns a message into a dead letter when the server stays down', async () => {
    const client = await createUser(t.db, 'client');
    const id = await enqueue(t.db, { userId: client.id }, 'welcome', {});
    const transport = smtpTransport(sink.url);
    sink.down(true);
    try {
      // Default notificationMaxAttempts = 8; jumping a day ahead each time makes every retry due.
      let now = new Date('2031-01-01T00:00:00Z');
      for (let i = 0; i < 8; i++) {
        await dispatchNotifications(t.db, { transport, now });
        now = new Date(now.getTime() + 86_400_000);
      }
      expect(await dispatchNotifications(t.db, { transport, now })).toMatchObject({ claimed: 0 });
    } finally {
      sink.down(false);
    }
    const [row] = await t.db
      .select({ status: notifications.status, attempts: notifications.attempts, lastError: notifications.lastError })
      .from(notifications)
      .where(eq(notifications.id, id!));
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(8);
    expect(row.lastError).toContain('451');
    expect(await t.db.$count(notificationAttempts, eq(notificationAttempts.notificationId, id!))).toBe(8);
  });

  it('a dispatcher that died mid-send: the row is sent again once its lease ends, and never past the attempt limit', async () => {
    const client = await createUser(t.db, 'client');
    const transport = smtpTransport(sink.url);
    const t0 = new Date('2032-01-01T00:00:00Z');
    // What a crash leaves behind: claimed (attempt 1 counted, lease until t0 + 5 min), nothing recorded.
    const crashed = await enqueue(t.db, { userId: client.id }, 'welcome', {});
    await t.db
      .update(notifications)
      .set({
        status: 'sending',
        attempts: 1,
        lockedUntil: new Date(t0.getTime() + 300_000),
        claimToken: crypto.randomUUID(),
      })
      .where(eq(notifications.id, crashed!));
    expect(await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 60_000) })).toMatchObject({
      claimed: 0,
    });
    expect(await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 301_000) })).toMatchObject({
      claimed: 1,
      sent: 1,
    });
    const [row] = await t.db
      .select({ status: notifications.status, attempts: notifications.attempts })
      .from(notifications)
      .where(eq(notifications.id, crashed!));
    expect(row).toEqual({ status: 'sent', attempts: 2 });

    // The same crash on the last allowed attempt (8): not sent again, a dead letter for an admin.
    const last = await enqueue(t.db, { userId: client.id }, 'welcome', {});
    await t.db
      .update(notifications)
      .set({ status: 'sending', attempts: 8, lockedUntil: t0, claimToken: crypto.randomUUID() })
      .where(eq(notifications.id, last!));
    expect(await dispatchNotifications(t.db, { transport, now: new Date(t0.getTime() + 301_000) })).toMatchObject({
      claimed: 0,
      dead: 1,
    });
    const [dead] = await t.db
      .select({ status: notifications.status })
      .from(notifications)
      .where(eq(notifications.id, last!));
    expect(dead.status).toBe('dead');
  });
});
