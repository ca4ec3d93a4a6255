import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notifications, users } from '@/db/schema';
import { createInvite, requestPasswordReset, resetPassword } from '@/lib/auth';
import { dispatchNotifications, inviteMailer, mailboxTransport, smtpTransport } from '@/lib/notifications';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { startSmtpSink } from '../support/notifications-smtp-sink';

const t = setupTestDb();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

const rowsOf = (kind: string) => t.db.select().from(notifications).where(eq(notifications.kind, kind));
const tokenIn = (text: string, prefix: string) => new RegExp(`${prefix}([A-Za-z0-9_-]{20,})`).exec(text)?.[1];

describe('secrets in the outbox', () => {
  it('a sent password-reset email keeps no token in its row or stored rendering, and the emailed link still works', async () => {
    const user = await createUser(t.db, 'client');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.70.0.1', locale: 'ru' });
    const [before] = await rowsOf('password_reset');
    const token = String(before.data.path).replace('/reset-password/', '');
    expect(token.length).toBeGreaterThan(20);

    await dispatchNotifications(t.db, { transport: smtpTransport(sink.url) });
    const mail = sink.received.find((m) => m.to && JSON.stringify(m.to).includes(user.email));
    // The recipient got the real link.
    expect(tokenIn(mail?.text ?? '', '/reset-password/')).toBe(token);

    const [after] = await rowsOf('password_reset');
    expect(after.status).toBe('sent');
    expect(JSON.stringify(after)).not.toContain(token);
    expect(after.data.path).toBe('[removed after sending]');
    expect(after.html).toContain('[removed after sending]');
    expect(after.text).toContain('[removed after sending]');

    // The token only lived in the email, and it still resets the password.
    await expect(resetPassword(t.db, { token, password: 'a brand new phrase' })).resolves.toMatchObject({
      userId: user.id,
    });
  });

  it('an invite sent over SMTP loses its token too; emails without secrets are kept whole', async () => {
    const admin = await createUser(t.db, 'admin');
    const created = await createInvite(
      t.db,
      admin,
      { name: 'Ольга Новая', email: 'olga.new@test.local', role: 'worker', locale: 'ru' },
      inviteMailer,
    );
    const token = created.path.replace('/invite/', '');
    await dispatchNotifications(t.db, { transport: smtpTransport(sink.url) });
    const [invite] = await rowsOf('invite');
    expect(invite.status).toBe('sent');
    expect(JSON.stringify(invite)).not.toContain(token);

    // A welcome email has nothing secret: its stored rendering is what was sent.
    const client = await createUser(t.db, 'client');
    const [u] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, client.id));
    const { enqueue } = await import('@/lib/notifications');
    await enqueue(t.db, { userId: client.id }, 'welcome', {}, { idempotencyKey: `welcome:${client.id}` });
    await dispatchNotifications(t.db, { transport: smtpTransport(sink.url) });
    const [welcome] = await rowsOf('welcome');
    expect(welcome.html).not.toContain('[removed after sending]');
    expect(welcome.html).toContain(u.name.split(' ')[0]);
  });

  it('the development mailbox keeps the link: its row is the delivered copy', async () => {
    const user = await createUser(t.db, 'client');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.70.0.2', locale: 'en' });
    const [before] = await rowsOf('password_reset');
    await dispatchNotifications(t.db, { transport: mailboxTransport });
    const [after] = await rowsOf('password_reset');
    expect(after.status).toBe('sent');
    expect(after.data.path).toBe(before.data.path);
    expect(after.text).toContain(String(before.data.path));
  });
});
