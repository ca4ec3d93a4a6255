import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, notifications, passwordResets, users } from '@/db/schema';
import {
  findSessionUser,
  getPasswordReset,
  requestPasswordReset,
  resetPassword,
  verifyLogin,
  MAX_FAILURES,
  RESET_LIMIT_PER_IP,
} from '@/lib/auth';
import { toFormState } from '@/lib/errors';
import { setupTestDb } from '../support/db';
import { createUser, TEST_PASSWORD } from '../support/factories';

const t = setupTestDb();
const NEW_PASSWORD = 'new-secret-pass-2';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The password_reset emails in the outbox for a user, oldest first. */
async function resetEmails(userId: string) {
  return t.db
    .select({ data: notifications.data, locale: notifications.locale, toEmail: notifications.toEmail })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'password_reset')))
    .orderBy(asc(notifications.createdAt));
}

async function resetRows(userId: string) {
  return t.db
    .select({
      id: passwordResets.id,
      tokenHash: passwordResets.tokenHash,
      requestedIp: passwordResets.requestedIp,
      expiresAt: passwordResets.expiresAt,
      createdAt: passwordResets.createdAt,
      usedAt: passwordResets.usedAt,
      revokedAt: passwordResets.revokedAt,
    })
    .from(passwordResets)
    .where(eq(passwordResets.userId, userId))
    .orderBy(asc(passwordResets.createdAt));
}

/** The token of the latest emailed link: the last segment of `/reset-password/<token>`. */
async function latestToken(userId: string): Promise<string> {
  const emails = await resetEmails(userId);
  const path = String(emails.at(-1)?.data.path);
  expect(path).toMatch(/^\/reset-password\/[\w-]{40,}$/);
  return path.split('/').pop()!;
}

async function passwordHashOf(userId: string) {
  const [row] = await t.db
    .select({ hash: users.passwordHash, sv: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

describe('requesting a reset', () => {
  it('for an existing email stores one hashed token and emails the link, valid one hour, in the page’s language', async () => {
    const user = await createUser(t.db, 'client', { locale: 'ru' });
    const now = new Date();
    await requestPasswordReset(t.db, { email: `  ${user.email.toUpperCase()} `, ip: '10.50.0.1', locale: 'en' }, now);

    const rows = await resetRows(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ requestedIp: '10.50.0.1', usedAt: null, revokedAt: null });
    // 60 minutes × 60 000 ms.
    expect(rows[0].expiresAt.getTime() - now.getTime()).toBe(3_600_000);

    const emails = await resetEmails(user.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      toEmail: user.email,
      locale: 'en',
      data: { expiresAt: rows[0].expiresAt.toISOString() },
    });
    const token = await latestToken(user.id);
    // Only the hash is stored; the token itself is only in the link.
    expect(rows[0].tokenHash).toBe(sha256(token));
    await expect(getPasswordReset(t.db, token)).resolves.toEqual({ email: user.email });
  });

  it('answers the same for an unknown email and writes nothing', async () => {
    const user = await createUser(t.db, 'client');
    const [resetsBefore, emailsBefore] = [await t.db.$count(passwordResets), await t.db.$count(notifications)];
    const known = await requestPasswordReset(t.db, { email: user.email, ip: '10.50.1.1', locale: 'ru' });
    const unknown = await requestPasswordReset(t.db, {
      email: 'nobody-here@test.local',
      ip: '10.50.1.1',
      locale: 'ru',
    });
    expect(unknown).toEqual(known);
    // The known address made one row of each; the unknown one nothing.
    expect(await t.db.$count(passwordResets)).toBe(resetsBefore + 1);
    expect(await t.db.$count(notifications)).toBe(emailsBefore + 1);
  });

  it('sends nothing to a disabled user', async () => {
    const user = await createUser(t.db, 'worker', { disabled: true });
    await requestPasswordReset(t.db, { email: user.email, ip: '10.50.2.1', locale: 'ru' });
    expect(await resetRows(user.id)).toHaveLength(0);
    expect(await resetEmails(user.id)).toHaveLength(0);
  });

  it('a second request revokes the first link', async () => {
    const user = await createUser(t.db, 'manager');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.50.3.1', locale: 'ru' });
    const first = await latestToken(user.id);
    await requestPasswordReset(t.db, { email: user.email, ip: '10.50.3.1', locale: 'ru' });
    const second = await latestToken(user.id);
    expect(second).not.toBe(first);

    const rows = await resetRows(user.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.tokenHash === sha256(first))?.revokedAt).not.toBeNull();
    expect(rows.find((r) => r.tokenHash === sha256(second))?.revokedAt).toBeNull();
    await expect(getPasswordReset(t.db, first)).rejects.toMatchObject({
      code: 'not_found',
      message: 'errors.resetInvalid',
    });
    await expect(resetPassword(t.db, { token: first, password: NEW_PASSWORD })).rejects.toMatchObject({
      message: 'errors.resetInvalid',
    });
    await expect(getPasswordReset(t.db, second)).resolves.toEqual({ email: user.email });
  });

  it('sends at most 3 links per account in an hour; the 4th request quietly sends nothing', async () => {
    const user = await createUser(t.db, 'client');
    const start = new Date();
    // Each from its own IP, so only the per-account limit can apply.
    for (let i = 0; i < 4; i++) {
      await requestPasswordReset(
        t.db,
        { email: user.email, ip: `10.51.0.${i}`, locale: 'ru' },
        new Date(start.getTime() + i * 60_000),
      );
    }
    expect(await resetRows(user.id)).toHaveLength(3);
    expect(await resetEmails(user.id)).toHaveLength(3);
    // The 4th did not revoke the 3rd either: the last emailed link still works.
    await expect(
      getPasswordReset(t.db, await latestToken(user.id), new Date(start.getTime() + 4 * 60_000)),
    ).resolves.toEqual({ email: user.email });

    // An hour after the first request one slot is free again (the first left the window).
    await requestPasswordReset(
      t.db,
      { email: user.email, ip: '10.51.0.9', locale: 'ru' },
      new Date(start.getTime() + 61 * 60_000),
    );
    expect(await resetEmails(user.id)).toHaveLength(4);
  });

  it('sends at most 10 links per IP in 15 minutes, across accounts', async () => {
    const ip = '10.52.0.1';
    const people = await Promise.all(
      Array.from({ length: RESET_LIMIT_PER_IP.max + 1 }, () => createUser(t.db, 'client')),
    );
    for (const person of people) await requestPasswordReset(t.db, { email: person.email, ip, locale: 'ru' });
    const sent = await Promise.all(people.map(async (p) => (await resetEmails(p.id)).length));
    // 10 sent, the 11th account got nothing.
    expect(sent).toEqual([...Array(RESET_LIMIT_PER_IP.max).fill(1), 0]);
    await requestPasswordReset(t.db, { email: people.at(-1)!.email, ip: '10.52.0.2', locale: 'ru' });
    expect(await resetEmails(people.at(-1)!.id)).toHaveLength(1);
  });
});

describe('resetting the password', () => {
  it('sets the new password, uses the link up, signs out other sessions and is audited', async () => {
    const user = await createUser(t.db, 'client');
    const before = await findSessionUser(t.db, user.id);
    await requestPasswordReset(t.db, { email: user.email, ip: '10.53.0.1', locale: 'ru' });
    const token = await latestToken(user.id);

    await expect(resetPassword(t.db, { token, password: NEW_PASSWORD })).resolves.toEqual({
      userId: user.id,
      role: 'client',
    });

    await expect(verifyLogin(t.db, { email: user.email, password: NEW_PASSWORD }, '10.53.0.2')).resolves.toMatchObject({
      userId: user.id,
    });
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.53.0.2')).rejects.toMatchObject({
      fields: { password: 'errors.wrongCredentials' },
    });
    const after = await findSessionUser(t.db, user.id);
    expect(after?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);
    const [row] = await resetRows(user.id);
    expect(row.usedAt).not.toBeNull();

    const audit = await t.db
      .select({ actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.password_reset'), eq(auditLog.entityId, user.id)));
    expect(audit).toEqual([
      {
        actorId: user.id,
        before: { sessionVersion: before?.sessionVersion },
        after: { sessionVersion: after?.sessionVersion },
      },
    ]);
  });

  it('refuses the same link a second time', async () => {
    const user = await createUser(t.db, 'worker');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.54.0.1', locale: 'ru' });
    const token = await latestToken(user.id);
    await resetPassword(t.db, { token, password: NEW_PASSWORD });
    const { hash, sv } = await passwordHashOf(user.id);
    await expect(resetPassword(t.db, { token, password: 'another-pass-3' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'errors.resetInvalid',
    });
    expect(await passwordHashOf(user.id)).toEqual({ hash, sv });
  });

  it('refuses an expired link', async () => {
    const user = await createUser(t.db, 'client');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.55.0.1', locale: 'ru' });
    const token = await latestToken(user.id);
    await t.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, user.id));
    await expect(getPasswordReset(t.db, token)).rejects.toMatchObject({ message: 'errors.resetInvalid' });
    await expect(resetPassword(t.db, { token, password: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'not_found',
      message: 'errors.resetInvalid',
    });
    // Also without touching the row: 61 minutes after the request.
    await t.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(passwordResets.userId, user.id));
    await expect(
      resetPassword(t.db, { token, password: NEW_PASSWORD }, new Date(Date.now() + 61 * 60_000)),
    ).rejects.toMatchObject({ message: 'errors.resetInvalid' });
  });

  it('refuses an unknown or malformed token', async () => {
    await expect(resetPassword(t.db, { token: 'x'.repeat(43), password: NEW_PASSWORD })).rejects.toMatchObject({
      message: 'errors.resetInvalid',
    });
    const short = await resetPassword(t.db, { token: 'short', password: NEW_PASSWORD }).catch((e: unknown) =>
      toFormState(e),
    );
    expect(short).toMatchObject({ ok: false, fields: { token: 'errors.resetInvalid' } });
  });

  it('refuses a weak password with a field message and changes nothing', async () => {
    const user = await createUser(t.db, 'client');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.56.0.1', locale: 'ru' });
    const token = await latestToken(user.id);
    const before = await passwordHashOf(user.id);
    for (const [password, message] of [
      ['short1', 'errors.passwordShort'],
      ['password123', 'errors.passwordCommon'],
      ['Qwerty123', 'errors.passwordCommon'],
    ] as const) {
      const failure = await resetPassword(t.db, { token, password }).catch((e: unknown) => toFormState(e));
      expect(failure).toMatchObject({ ok: false, fields: { password: message } });
    }
    expect(await passwordHashOf(user.id)).toEqual(before);
    const [row] = await resetRows(user.id);
    expect(row.usedAt).toBeNull();
    await expect(getPasswordReset(t.db, token)).resolves.toEqual({ email: user.email });
  });

  it('lifts the account’s sign-in lockout', async () => {
    const user = await createUser(t.db, 'client');
    // Failures from this address, spaced past the growing delays, until it is refused for the account.
    const t0 = Date.now() - 14 * 60_000;
    for (let i = 0; i < MAX_FAILURES; i++)
      await verifyLogin(t.db, { email: user.email, password: 'wrong' }, '10.57.1.1', new Date(t0 + i * 70_000)).catch(
        () => undefined,
      );
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.57.1.1')).rejects.toMatchObject({
      code: 'rate_limited',
    });

    await requestPasswordReset(t.db, { email: user.email, ip: '10.57.2.1', locale: 'ru' });
    await resetPassword(t.db, { token: await latestToken(user.id), password: NEW_PASSWORD });
    await expect(verifyLogin(t.db, { email: user.email, password: NEW_PASSWORD }, '10.57.1.1')).resolves.toMatchObject({
      userId: user.id,
    });
  });

  it('a user disabled after asking cannot use the link', async () => {
    const user = await createUser(t.db, 'worker');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.58.0.1', locale: 'ru' });
    const token = await latestToken(user.id);
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    await expect(resetPassword(t.db, { token, password: NEW_PASSWORD })).rejects.toMatchObject({
      message: 'errors.resetInvalid',
    });
  });

  it('two resets racing with one link: exactly one wins', async () => {
    const user = await createUser(t.db, 'client');
    await requestPasswordReset(t.db, { email: user.email, ip: '10.59.0.1', locale: 'ru' });
    const token = await latestToken(user.id);
    const results = await Promise.allSettled([
      resetPassword(t.db, { token, password: 'racer-pass-1' }),
      resetPassword(t.db, { token, password: 'racer-pass-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toMatchObject([
      { reason: { message: 'errors.resetInvalid' } },
    ]);
    // One bump only, from 0 for a fresh user.
    expect((await findSessionUser(t.db, user.id))?.sessionVersion).toBe(1);
  });
});
