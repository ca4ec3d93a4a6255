import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loginAttempts, users, workerProfiles } from '@/db/schema';
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
  PAIR_FREE_FAILURES,
  ADDRESS_MAX_FAILURES,
} from '@/lib/auth';
import { toHttp } from '@/lib/errors';
import { onPostgres, setupTestDb } from '../support/db';
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
  it('accepts the right password, and answers an unknown email exactly as a wrong password', async () => {
    const user = await createUser(t.db, 'manager');
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.0.0.1')).resolves.toMatchObject({
      userId: user.id,
      role: 'manager',
    });
    const wrong = await verifyLogin(t.db, { email: user.email, password: 'nope' }, '10.0.0.1').catch((e: unknown) => e);
    const unknown = await verifyLogin(t.db, { email: 'nobody@test.local', password: 'nope' }, '10.0.0.1').catch(
      (e: unknown) => e,
    );
    expect(wrong).toMatchObject({ code: 'validation_failed', fields: { password: 'errors.wrongCredentials' } });
    expect(unknown).toMatchObject({ code: 'validation_failed', fields: { password: 'errors.wrongCredentials' } });
    expect(toHttp(unknown)).toEqual(toHttp(wrong));
  });

  it('refuses a disabled account', async () => {
    const user = await createUser(t.db, 'worker', { disabled: true });
    await expect(verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.0.0.2')).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it("a stranger's ten wrong passwords lock only the stranger's address out of that account, never the owner", async () => {
    const admin = await createUser(t.db, 'admin');
    // Spaced out past the growing delays (1 s, 2 s, 4 s … ≤ 5 min), all within the 15-minute window.
    let at = new Date('2026-12-01T09:00:00Z').getTime();
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(
        verifyLogin(t.db, { email: admin.email, password: 'guess' }, '203.0.113.7', new Date(at)),
      ).rejects.toMatchObject({ code: 'validation_failed' });
      at += 70_000;
    }
    // The stranger's address is now refused for this account, even with the right password …
    await expect(
      verifyLogin(t.db, { email: admin.email, password: TEST_PASSWORD }, '203.0.113.7', new Date(at)),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    // … while the admin signs in from their own address at the same moment.
    await expect(
      verifyLogin(t.db, { email: admin.email, password: TEST_PASSWORD }, '198.51.100.20', new Date(at)),
    ).resolves.toMatchObject({ userId: admin.id });
    // 16 minutes after the last failure the window has passed for the stranger's address too.
    await expect(
      verifyLogin(t.db, { email: admin.email, password: TEST_PASSWORD }, '203.0.113.7', new Date(at + 16 * 60_000)),
    ).resolves.toMatchObject({ userId: admin.id });
  });

  it('slows repeated failures from one address with growing delays', async () => {
    const user = await createUser(t.db, 'client');
    const t0 = new Date('2026-12-01T10:00:00Z').getTime();
    const attempt = (ms: number, password = 'wrong') =>
      verifyLogin(t.db, { email: user.email, password }, '10.2.0.1', new Date(t0 + ms));
    for (let i = 0; i < PAIR_FREE_FAILURES; i++)
      await expect(attempt(i)).rejects.toMatchObject({ code: 'validation_failed' });
    // 3 failures so far: the next needs 1 s since the last one (at +2 ms).
    await expect(attempt(500)).rejects.toMatchObject({ code: 'rate_limited' });
    // The refused attempt counts too (4 failures): now 2 s since it (at +500 ms) …
    await expect(attempt(1_600)).rejects.toMatchObject({ code: 'rate_limited' });
    // … and after that one (5 failures) 4 s since +1.6 s: refused at +5.5 s, let through at +5.6 s.
    await expect(attempt(5_500, TEST_PASSWORD)).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(attempt(5_500 + 8_000, TEST_PASSWORD)).resolves.toMatchObject({ userId: user.id });
  });

  it('caps one address across accounts', async () => {
    const at = new Date('2026-12-01T11:00:00Z');
    await t.db.insert(loginAttempts).values(
      Array.from({ length: ADDRESS_MAX_FAILURES }, (_, i) => ({
        email: `ghost${i}@test.local`,
        ip: '10.9.9.9',
        succeeded: false,
        at: new Date(at.getTime() - 60_000),
      })),
    );
    const user = await createUser(t.db, 'client');
    await expect(
      verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.9.9.9', at),
    ).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await expect(
      verifyLogin(t.db, { email: user.email, password: TEST_PASSWORD }, '10.9.9.10', at),
    ).resolves.toMatchObject({ userId: user.id });
  });

  it.skipIf(!onPostgres())(
    'a parallel burst gets no more checks than the limits allow (needs PostgreSQL)',
    async () => {
      const user = await createUser(t.db, 'client');
      const at = new Date('2026-12-01T12:00:00Z');
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          verifyLogin(t.db, { email: user.email, password: 'wrong' }, '10.3.0.1', at).catch(
            (e: { code?: string }) => e.code,
          ),
        ),
      );
      // Each attempt is counted before it is checked, so at most PAIR_FREE_FAILURES reach the password check
      // (checking first would let all 20 through); the rest are refused.
      const checked = results.filter((r) => r === 'validation_failed').length;
      expect(checked).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
      expect(results.filter((r) => r === 'rate_limited').length).toBe(20 - checked);
      // A person's double click is no burst: both are checked.
      const other = await createUser(t.db, 'client');
      const twice = await Promise.all(
        [0, 1].map(() =>
          verifyLogin(t.db, { email: other.email, password: 'wrong' }, '10.3.0.2', at).catch(
            (e: { code?: string }) => e.code,
          ),
        ),
      );
      expect(twice).toEqual(['validation_failed', 'validation_failed']);
    },
  );
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

describe('sign-up is limited per address', () => {
  it('refuses the sign-up past the hourly limit from one address (a taken email counts too), not from another', async () => {
    const at = new Date('2026-12-01T13:00:00Z');
    const from = (ip: string, ms = 0) => ({ ip, limitPerHour: 3, now: new Date(at.getTime() + ms) });
    const person = (n: number) => ({ ...signUp, email: `limit-${n}@example.com`, phone: `+7 900 555-00-0${n}` });
    await signUpClient(t.db, person(1), 'ru', from('10.4.0.1'));
    await signUpClient(t.db, person(2), 'ru', from('10.4.0.1'));
    await expect(signUpClient(t.db, person(1), 'ru', from('10.4.0.1'))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const before = await t.db.$count(users);
    await expect(signUpClient(t.db, person(3), 'ru', from('10.4.0.1'))).rejects.toMatchObject({ code: 'rate_limited' });
    expect(await t.db.$count(users)).toBe(before);
    await expect(signUpClient(t.db, person(3), 'ru', from('10.4.0.2'))).resolves.toMatchObject({
      userId: expect.any(String),
    });
    // An hour later the address may sign up again.
    await expect(signUpClient(t.db, person(4), 'ru', from('10.4.0.1', 61 * 60_000))).resolves.toMatchObject({
      userId: expect.any(String),
    });
  });
});

describe('the admin user list', () => {
  it('pages by role then name with a cursor, nothing left out', async () => {
    const admin = await createUser(t.db, 'admin');
    const tag = `Пагинация${Date.now()}`;
    for (let i = 0; i < 55; i++)
      await createUser(t.db, i % 2 ? 'worker' : 'client', { name: `${tag} ${String(i).padStart(2, '0')}` });
    const first = await listUsers(t.db, admin, { q: tag });
    expect(first.items).toHaveLength(50);
    expect(first).toMatchObject({ total: 55, capped: false });
    const second = await listUsers(t.db, admin, { q: tag, cursor: first.next! });
    expect(second.items).toHaveLength(5);
    expect(second.next).toBeNull();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((u) => u.id)).size).toBe(55);
    // Clients before workers (the role's order), each by name.
    expect(all.slice(0, 28).every((u) => u.role === 'client')).toBe(true);
    expect(all.slice(28).every((u) => u.role === 'worker')).toBe(true);
  });
});
