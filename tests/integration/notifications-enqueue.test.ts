import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notificationOptOuts, notifications } from '@/db/schema';
import { enqueue, enqueueToRole, inviteMailer, listEmailPreferences, setEmailPreferences } from '@/lib/notifications';
import { createInvite, signUpClient } from '@/lib/auth';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();

describe('enqueue', () => {
  it('writes the row in the caller transaction: a rollback leaves no outbox row', async () => {
    const client = await createUser(t.db, 'client');
    const before = await t.db.$count(notifications);
    await expect(
      t.db.transaction(async (tx) => {
        await enqueue(tx, { userId: client.id }, 'welcome', {});
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.$count(notifications)).toBe(before);
  });

  it('snapshots the address and language, and one key gives one row', async () => {
    const client = await createUser(t.db, 'client', { locale: 'en' });
    const first = await enqueue(t.db, { userId: client.id }, 'welcome', {}, { idempotencyKey: `welcome:${client.id}` });
    const second = await enqueue(
      t.db,
      { userId: client.id },
      'welcome',
      {},
      { idempotencyKey: `welcome:${client.id}` },
    );
    expect(second).toBe(first);
    const rows = await t.db.select().from(notifications).where(eq(notifications.userId, client.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ toEmail: client.email, locale: 'en', status: 'pending', attempts: 0 });
  });

  it('rejects data that does not fit the kind', async () => {
    const client = await createUser(t.db, 'client');
    // @ts-expect-error — the type system already refuses it; the schema refuses it at run time too.
    await expect(enqueue(t.db, { userId: client.id }, 'payment_received', { amount: 'lots' })).rejects.toMatchObject({
      name: 'ZodError',
      issues: expect.arrayContaining([expect.objectContaining({ path: ['amount'] })]),
    });
  });

  it('honours opt-outs of non-essential kinds only, and skips disabled users', async () => {
    const worker = await createUser(t.db, 'worker');
    await t.db.insert(notificationOptOuts).values([
      { userId: worker.id, kind: 'tomorrow_tasks' },
      { userId: worker.id, kind: 'payslip_issued' },
    ]);
    const tomorrow = {
      date: '2026-12-01',
      tasks: [
        {
          orderId: 'o1',
          number: 'BR-1',
          service: { ru: 'У', en: 'S' },
          startsAt: '2026-12-01T07:00:00Z',
          address: 'A',
        },
      ],
    };
    expect(await enqueue(t.db, { userId: worker.id }, 'tomorrow_tasks', tomorrow)).toBeNull();
    // payslip_issued is essential: the opt-out row is ignored.
    expect(
      await enqueue(t.db, { userId: worker.id }, 'payslip_issued', {
        payslipId: 'p1',
        period: '2026-11',
        net: 100,
        currency: 'RUB',
      }),
    ).not.toBeNull();
    const disabled = await createUser(t.db, 'client', { disabled: true });
    expect(await enqueue(t.db, { userId: disabled.id }, 'welcome', {})).toBeNull();
  });

  it('fans a managers’ kind out to every active manager and admin', async () => {
    const m = await createUser(t.db, 'manager');
    const a = await createUser(t.db, 'admin');
    await createUser(t.db, 'manager', { disabled: true });
    const data = {
      items: [{ supplyId: 's1', name: { ru: 'Губки', en: 'Sponges' }, stock: 1, threshold: 5, unit: 'pcs' }],
    };
    await enqueueToRole(t.db, 'manager', 'supplies_low', data, { idempotencyKey: 'low:s1' });
    await enqueueToRole(t.db, 'manager', 'supplies_low', data, { idempotencyKey: 'low:s1' });
    const rows = await t.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.kind, 'supplies_low'));
    expect(rows.map((r) => r.userId).sort()).toEqual([m.id, a.id].sort());
  });

  it('lets a worker turn off the reminder but not an essential kind', async () => {
    const worker = await createUser(t.db, 'worker');
    expect(await listEmailPreferences(t.db, worker)).toEqual([{ kind: 'tomorrow_tasks', enabled: true }]);
    await setEmailPreferences(t.db, worker, { optOut: ['tomorrow_tasks', 'task_assigned', 'supplies_low'] });
    expect(await listEmailPreferences(t.db, worker)).toEqual([{ kind: 'tomorrow_tasks', enabled: false }]);
    // Only the worker's own optional kind was stored.
    const rows = await t.db
      .select({ kind: notificationOptOuts.kind })
      .from(notificationOptOuts)
      .where(eq(notificationOptOuts.userId, worker.id));
    expect(rows).toEqual([{ kind: 'tomorrow_tasks' }]);
    await setEmailPreferences(t.db, worker, { optOut: [] });
    expect(await listEmailPreferences(t.db, worker)).toEqual([{ kind: 'tomorrow_tasks', enabled: true }]);
  });

  it('sign-up enqueues the welcome email; an invitation emails the link to the bare address', async () => {
    const { userId } = await signUpClient(
      t.db,
      { name: 'Новый Клиент', email: 'welcome-me@test.local', phone: '+7 900 111-22-33', password: 'secret-pass-1' },
      'en',
    );
    const [welcomeRow] = await t.db
      .select({ kind: notifications.kind, locale: notifications.locale })
      .from(notifications)
      .where(eq(notifications.userId, userId));
    expect(welcomeRow).toEqual({ kind: 'welcome', locale: 'en' });

    const admin = await createUser(t.db, 'admin');
    const invite = await createInvite(
      t.db,
      admin,
      { email: 'new-worker@test.local', name: 'Новая Работница', role: 'worker', locale: 'ru' },
      inviteMailer,
    );
    const [inviteRow] = await t.db
      .select({ userId: notifications.userId, locale: notifications.locale, data: notifications.data })
      .from(notifications)
      .where(eq(notifications.toEmail, 'new-worker@test.local'));
    expect(inviteRow).toMatchObject({ userId: null, locale: 'ru', data: { path: invite.path, role: 'worker' } });
  });
});
