import { describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { signUpClient, verifyLogin } from '@/lib/auth';
import { COMMON_PASSWORD_COUNT, isCommonPassword } from '@/lib/auth/password';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();
const hashOf = async (id: string) =>
  (await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id)))[0].hash;

describe('password storage', () => {
  it('stores new passwords as Argon2id', async () => {
    const { userId } = await signUpClient(
      t.db,
      { name: 'Анна Новая', email: 'anna@test.local', phone: '+7 900 000-00-01', password: 'тихий вечер у реки' },
      'ru',
    );
    expect(await hashOf(userId)).toMatch(/^\$argon2id\$v=19\$/);
    await expect(
      verifyLogin(t.db, { email: 'anna@test.local', password: 'тихий вечер у реки' }, '10.9.0.1'),
    ).resolves.toMatchObject({ userId });
  });

  it('re-hashes a bcrypt hash with Argon2id at the next successful sign-in, and only then', async () => {
    const user = await createUser(t.db, 'worker');
    const legacy = bcrypt.hashSync('old-scheme-pass', 4);
    await t.db.update(users).set({ passwordHash: legacy }).where(eq(users.id, user.id));

    await expect(verifyLogin(t.db, { email: user.email, password: 'wrong-guess-1' }, '10.9.0.2')).rejects.toMatchObject(
      {
        code: 'validation_failed',
      },
    );
    expect(await hashOf(user.id)).toBe(legacy);

    await verifyLogin(t.db, { email: user.email, password: 'old-scheme-pass' }, '10.9.0.2');
    const upgraded = await hashOf(user.id);
    expect(upgraded).toMatch(/^\$argon2id\$/);
    // The same password still signs in, now against the new hash.
    await expect(
      verifyLogin(t.db, { email: user.email, password: 'old-scheme-pass' }, '10.9.0.3'),
    ).resolves.toMatchObject({ userId: user.id });
    expect(await hashOf(user.id)).toBe(upgraded);
  });
});

describe('common passwords', () => {
  it('ships the 10,000 most common and matches them case-insensitively', () => {
    expect(COMMON_PASSWORD_COUNT).toBe(10_000);
    for (const p of ['password', 'Password123', 'qwerty123', '12345678', 'iloveyou'])
      expect(isCommonPassword(p)).toBe(true);
    for (const p of ['тихий вечер у реки', 'test-password-1', 'brigada2026']) expect(isCommonPassword(p)).toBe(false);
  });

  it('refuses one at sign-up with a field message and writes nothing', async () => {
    const before = await t.db.$count(users);
    await expect(
      signUpClient(
        t.db,
        { name: 'Пётр Простой', email: 'petr@test.local', phone: '+7 900 000-00-02', password: 'password123' },
        'ru',
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { password: 'errors.passwordCommon' } });
    expect(await t.db.$count(users)).toBe(before);
  });
});
