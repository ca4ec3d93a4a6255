import 'server-only';
import { and, eq, gt, sql, count } from 'drizzle-orm';
import type { Db } from '@/db';
import { loginAttempts, users, type Role } from '@/db/schema';
import { DomainError, validationFailed } from '@/lib/errors';
import { burnPasswordCheck, verifyPassword } from './password';
import type { SignInInput } from './schemas';

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES = 10;

export type VerifiedLogin = { userId: string; role: Role };

/**
 * Checks an email and password. At most MAX_FAILURES failures per account and per IP in the window;
 * past that every attempt is refused with rate_limited, even with the right password.
 */
export async function verifyLogin(
  db: Db,
  input: Pick<SignInInput, 'email' | 'password'>,
  ip: string,
  now = new Date(),
): Promise<VerifiedLogin> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const [byEmail] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, input.email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  if (byEmail.n >= MAX_FAILURES || byIp.n >= MAX_FAILURES) {
    throw new DomainError('rate_limited', 'errors.tooManyAttempts');
  }

  const [user] = await db
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, input.email));

  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : (await burnPasswordCheck(input.password), false);
  await db.insert(loginAttempts).values({ email: input.email, ip, succeeded: ok, at: now });
  // Old attempts are of no use; trim them now and then rather than with a separate job.
  if (Math.random() < 0.01) await db.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`);

  if (!user) throw validationFailed({ email: 'errors.unknownEmail' }, 'errors.unknownEmail');
  if (!ok) throw validationFailed({ password: 'errors.wrongPassword' }, 'errors.wrongPassword');
  if (user.disabledAt) throw new DomainError('forbidden', 'errors.accountDisabled');
  return { userId: user.id, role: user.role };
}
