import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users, workerProfiles } from '@/db/schema';
import {
  acceptInvite,
  createInvite,
  findSessionUser,
  getInvite,
  listUsers,
  setUserDisabled,
  signUpClient,
  verifyLogin,
  MAX_FAILURES,
} from '@/lib/auth';
import { setupTestDb } from '../support/db';
import { createUser, TEST_PASSWORD } from '../support/factories';

const t = setupTestDb();
const signUp = {
  name: 'Клиент Тестовый',
  email: 'New.Client@Example.com',
  phone: '+7 900 111-22-33',
  password: 'secret-pass-1',
};

describe('sign-up', () => {
  it('creates a client with a profile and a hashed password', async () => {
    const { userId } = await signUpClient(t.db, signUp, 'en');
    const user = await findSessionUser(t.db, userId);
    expect(user).toMatchObject({ role: 'client', email: 'new.client@example.com', locale: 'en', disabled: false });
    const [row] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
    expect(row.hash).not.toContain('secret');
  });

  it('refuses a taken email with a field message and writes nothing', async () => {
    const before = await t.db.$count(users);
    await expect(signUpClient(t.db, { ...signUp, email: 'new.client@example.com' }, 'ru')).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { email: 'errors.emailTaken' },
    });
    expect(await t.db.$count(users)).toBe(before);
  });
});

describe('sign-in', () => {
  it('accepts the right password and tells wrong password from unknown email', async () => {
    const user = await createUser(t.db, 'manager');
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.0.0.1')).resolves.toMatchObject({
      userId: user.id,
      role: 'manager',
    });
    await expect(verifyLogin(t.db, { email: user.email, password: 'nope' }, '10.0.0.1')).rejects.toMatchObject({
      fields: { password: 'errors.wrongPassword' },
    });
    await expect(verifyLogin(t.db, { email: 'nobody@test.local', password: 'nope' }, '10.0.0.1')).rejects.toMatchObject(
      { fields: { email: 'errors.unknownEmail' } },
    );
  });

  it('refuses a disabled account', async () => {
    const user = await createUser(t.db, 'worker', { disabled: true });
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.0.0.2')).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('locks an account after 10 failures in 15 minutes, even for the right password', async () => {
    const user = await createUser(t.db, 'client');
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(verifyLogin(t.db, { email: user.email, password: 'wrong' }, `10.1.0.${i}`)).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.1.1.1')).rejects.toMatchObject({
      code: 'rate_limited',
    });
    // 16 minutes later the window has passed.
    const later = new Date(Date.now() + 16 * 60_000);
    await expect(
      verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.1.1.1', later),
    ).resolves.toMatchObject({ userId: user.id });
  });

  it('locks an IP after 10 failures across accounts', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      await verifyLogin(t.db, { email: `ghost${i}@test.local`, password: 'x' }, '10.9.9.9').catch(() => undefined);
    }
    const user = await createUser(t.db, 'client');
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.9.9.9')).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.9.9.10')).resolves.toMatchObject(
      { userId: user.id },
    );
  });
});

describe('invites', () => {
  it('an admin invites a worker; the link works once and creates the worker profile', async () => {
    const admin = await createUser(t.db, 'admin');
    const invite = await createInvite(t.db, admin, {
      name: 'Ольга',
      email: 'Olga@Test.local',
      role: 'worker',
      locale: 'ru',
    });
    expect(await getInvite(t.db, invite.token)).toEqual({ email: 'olga@test.local', name: 'Ольга', role: 'worker' });
    const { userId } = await acceptInvite(t.db, {
      token: invite.token,
      password: 'secret-pass-1',
      confirm: 'secret-pass-1',
    });
    expect(await t.db.$count(workerProfiles, eq(workerProfiles.userId, userId))).toBe(1);
    await expect(
      verifyLogin(t.db, { email: 'olga@test.local', password: 'secret-pass-1' }, '10.2.0.1'),
    ).resolves.toMatchObject({ role: 'worker' });
    await expect(
      acceptInvite(t.db, { token: invite.token, password: 'secret-pass-1', confirm: 'secret-pass-1' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an expired link is refused', async () => {
    const admin = await createUser(t.db, 'admin');
    const invite = await createInvite(t.db, admin, {
      name: 'Пётр',
      email: 'petr@test.local',
      role: 'manager',
      locale: 'en',
    });
    const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);
    await expect(getInvite(t.db, invite.token, eightDaysLater)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a new invite revokes the earlier one for the same email', async () => {
    const admin = await createUser(t.db, 'admin');
    const first = await createInvite(t.db, admin, {
      name: 'Вера',
      email: 'vera@test.local',
      role: 'worker',
      locale: 'ru',
    });
    await createInvite(t.db, admin, { name: 'Вера', email: 'vera@test.local', role: 'worker', locale: 'ru' });
    await expect(getInvite(t.db, first.token)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('only admins invite', async () => {
    const manager = await createUser(t.db, 'manager');
    await expect(
      createInvite(t.db, manager, { name: 'Х', email: 'x@test.local', role: 'worker', locale: 'ru' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('disabling users', () => {
  it('bumps the session version so existing sessions stop working', async () => {
    const admin = await createUser(t.db, 'admin');
    const worker = await createUser(t.db, 'worker');
    const before = await findSessionUser(t.db, worker.id);
    await setUserDisabled(t.db, admin, worker.id, true);
    const after = await findSessionUser(t.db, worker.id);
    expect(after?.disabled).toBe(true);
    expect(after?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);
  });

  it('is admin-only and never on oneself', async () => {
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    await expect(setUserDisabled(t.db, manager, admin.id, true)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setUserDisabled(t.db, admin, admin.id, true)).rejects.toMatchObject({ code: 'conflict' });
    await expect(listUsers(t.db, manager)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
