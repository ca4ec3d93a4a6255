import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { notifications, orders } from '@/db/schema';
import { systemActor, transitionOrder } from '@/lib/orders';
import { getOutboxItem, listOutbox, resendDeadLetter } from '@/lib/notifications';
import { notifyOrderCreated } from '@/lib/orders';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';

const t = setupTestDb();

async function newOrder(db: Db) {
  const client = await createUser(db, 'client', { locale: 'en' });
  const zone = await createZone(db);
  const service = await createService(db);
  const start = new Date('2030-05-06T07:00:00Z');
  const [order] = await db
    .insert(orders)
    .values({
      number: `BR-2030-${Math.floor(Math.random() * 1e6)
        .toString()
        .padStart(6, '0')}`,
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      address: 'Main street 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 2 * 3600_000),
      estimateLines: [{ code: 'base', labelRu: 'Уборка', labelEn: 'Cleaning', amount: 300000 }],
      estimateTotal: 300000,
      currency: 'RUB',
    })
    .returning({ id: orders.id });
  const w1 = await createWorker(db, { skills: ['cleaning'], zoneIds: [zone.id] });
  const w2 = await createWorker(db, { skills: ['cleaning'], zoneIds: [zone.id] });
  return { client, orderId: order.id, w1, w2 };
}

/**
 * (kind, recipient, change) of every outbox row about this order, by order event (the key carries the event
 * id; rows of one transaction share their created_at) and then by kind.
 */
async function sent(db: Db, orderId: string) {
  const rows = await db
    .select({
      kind: notifications.kind,
      userId: notifications.userId,
      data: notifications.data,
      key: notifications.idempotencyKey,
    })
    .from(notifications);
  const eventOf = (key: string) => Number(/^order-event:(\d+):/.exec(key)?.[1] ?? 0);
  return rows
    .filter((r) => (r.data.order as { id?: string } | undefined)?.id === orderId)
    .sort((a, b) => eventOf(a.key) - eventOf(b.key) || a.kind.localeCompare(b.kind))
    .map((r) => [r.kind, r.userId, (r.data as { change?: string }).change ?? null]);
}

describe('order transitions send the right emails', () => {
  it('created, matched, reassigned, rescheduled, matched again, cancelled', async () => {
    const { client, orderId, w1, w2 } = await newOrder(t.db);
    await t.db.transaction((tx) => notifyOrderCreated(tx, { id: orderId }));
    await transitionOrder(t.db, systemActor, orderId, 'match', { set: { workerId: w1.id, priceTotal: 300000 } });
    await transitionOrder(t.db, systemActor, orderId, 'reassign', { set: { workerId: w2.id, priceTotal: 300000 } });
    await transitionOrder(t.db, client, orderId, 'reschedule', {
      set: {
        workerId: null,
        scheduledStart: new Date('2030-05-07T07:00:00Z'),
        scheduledEnd: new Date('2030-05-07T09:00:00Z'),
      },
    });
    await transitionOrder(t.db, systemActor, orderId, 'match', { set: { workerId: w1.id, priceTotal: 300000 } });
    await transitionOrder(t.db, client, orderId, 'cancel', { reason: 'plans changed', set: { workerId: null } });
    expect(await sent(t.db, orderId)).toEqual([
      ['order_received', client.id, null],
      ['task_assigned', w1.id, null],
      ['worker_matched', client.id, null],
      ['task_assigned', w2.id, null],
      ['task_changed', w1.id, 'reassigned'],
      ['worker_matched', client.id, null],
      ['order_rescheduled', client.id, null],
      ['task_changed', w2.id, 'rescheduled'],
      ['task_assigned', w1.id, null],
      ['worker_matched', client.id, null],
      ['order_cancelled', client.id, null],
      ['task_changed', w1.id, 'cancelled'],
    ]);
    const [cancelled] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'order_cancelled'), eq(notifications.userId, client.id)));
    expect(cancelled.data).toMatchObject({ by: 'client', reason: 'plans changed' });
  });

  it('a decline tells the worker only; start and finish tell the client; a failure tells the client and every manager', async () => {
    const { client, orderId, w1 } = await newOrder(t.db);
    const manager = await createUser(t.db, 'manager');
    await transitionOrder(t.db, systemActor, orderId, 'match', { set: { workerId: w1.id, priceTotal: 300000 } });
    await transitionOrder(t.db, w1, orderId, 'decline', { data: { reasonCode: 'sick' }, set: { workerId: null } });
    await transitionOrder(t.db, systemActor, orderId, 'match', { set: { workerId: w1.id, priceTotal: 300000 } });
    await transitionOrder(t.db, w1, orderId, 'start', { set: { startedAt: new Date('2030-05-06T07:02:00Z') } });
    await transitionOrder(t.db, w1, orderId, 'finish', { set: { finishedAt: new Date('2030-05-06T09:00:00Z') } });
    await transitionOrder(t.db, manager, orderId, 'review_fail', {
      reason: 'windows not cleaned',
      data: { reasonCode: 'quality' },
    });
    const kinds = await sent(t.db, orderId);
    expect(kinds.filter((k) => k[0] !== 'order_failed_manager')).toEqual([
      ['task_assigned', w1.id, null],
      ['worker_matched', client.id, null],
      ['task_changed', w1.id, 'declined'],
      ['task_assigned', w1.id, null],
      ['worker_matched', client.id, null],
      ['work_started', client.id, null],
      ['work_finished', client.id, null],
      ['order_failed', client.id, null],
    ]);
    // Every active manager and admin of this database (the first test created none).
    expect(kinds.filter((k) => k[0] === 'order_failed_manager').map((k) => k[1])).toEqual([manager.id]);
  });
});

describe('the admin outbox', () => {
  it('lists by view, shows a rendering, and sends a dead letter again', async () => {
    const admin = await createUser(t.db, 'admin');
    const client = await createUser(t.db, 'client');
    const [row] = await t.db
      .insert(notifications)
      .values({
        kind: 'welcome',
        userId: client.id,
        toEmail: client.email,
        toName: client.name,
        locale: 'ru',
        data: {},
        idempotencyKey: `dead:${client.id}`,
        status: 'dead',
        attempts: 8,
        lastError: '451 down',
      })
      .returning({ id: notifications.id });
    const dead = await listOutbox(t.db, admin, { view: 'dead' });
    expect(dead.items.map((i) => i.id)).toContain(row.id);
    expect(dead.counts.dead.total).toBeGreaterThanOrEqual(1);
    const detail = await getOutboxItem(t.db, admin, row.id);
    expect(detail).toMatchObject({ preview: true, subject: 'Добро пожаловать в Чистый дом' });
    expect(detail.html).toContain('lang="ru"');

    await expect(listOutbox(t.db, client, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(resendDeadLetter(t.db, client, row.id)).rejects.toMatchObject({ code: 'forbidden' });
    await resendDeadLetter(t.db, admin, row.id);
    const [after] = await t.db
      .select({ status: notifications.status, attempts: notifications.attempts })
      .from(notifications)
      .where(eq(notifications.id, row.id));
    expect(after).toEqual({ status: 'pending', attempts: 0 });
    // Only a dead letter can be sent again.
    await expect(resendDeadLetter(t.db, admin, row.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('masks the token of a password-reset or invite link, before and after sending', async () => {
    const admin = await createUser(t.db, 'admin');
    const client = await createUser(t.db, 'client');
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';
    const [pending] = await t.db
      .insert(notifications)
      .values({
        kind: 'password_reset',
        userId: client.id,
        toEmail: client.email,
        toName: client.name,
        locale: 'en',
        data: { path: `/reset-password/${token}`, expiresAt: new Date().toISOString() },
        idempotencyKey: `reset:${client.id}`,
      })
      .returning({ id: notifications.id });
    const preview = await getOutboxItem(t.db, admin, pending.id);
    expect(preview.preview).toBe(true);
    expect(preview.text).toContain('/reset-password/••••••');
    for (const part of [preview.html, preview.text]) expect(part).not.toContain(token);
    // A sent invite's stored copy is masked too.
    const [sent] = await t.db
      .insert(notifications)
      .values({
        kind: 'invite',
        userId: null,
        toEmail: 'new@x.local',
        toName: 'New',
        locale: 'ru',
        data: {},
        idempotencyKey: `invite:${client.id}`,
        status: 'sent',
        subject: 'Invite',
        html: `<a href="https://app.example/invite/${token}">go</a>`,
        text: `https://app.example/invite/${token}`,
      })
      .returning({ id: notifications.id });
    const stored = await getOutboxItem(t.db, admin, sent.id);
    expect(stored).toMatchObject({
      preview: false,
      text: 'https://app.example/invite/••••••',
      html: '<a href="https://app.example/invite/••••••">go</a>',
    });
  });
});
