import 'server-only';
import { and, eq, gt, lt, sql, count, max } from 'drizzle-orm';
import type { Db } from '@/db';
import { loginAttempts, users, type Role } from '@/db/schema';
import { DomainError, validationFailed } from '@/lib/errors';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';
import type { SignInInput } from './schemas';

export const LOGIN_WINDOW_MINUTES = 15;
/** Failures of one account from one address that pass with no delay; each further one doubles the wait (1 s, 2 s, 4 s …). */
export const PAIR_FREE_FAILURES = 3;
/** Failures of one account from one address in the window after which that address is refused for that account. */
export const MAX_FAILURES = 10;
/** Failures from one address across all accounts in the window after which the address is refused. */
export const ADDRESS_MAX_FAILURES = 100;
const MAX_DELAY_SECONDS = 300;

export type VerifiedLogin = { userId: string; role: Role };

const tooMany = () => new DomainError('rate_limited', 'errors.tooManyAttempts');

/**
 * Checks an email and password, throttled per (account, address) and per address, never per account alone:
 * a stranger's wrong passwords from their address cannot lock the owner out from theirs.
 *  - The attempt is counted before it is checked (its row is written first), so a parallel burst cannot get
 *    more checks through than the limits allow.
 *  - One account from one address: PAIR_FREE_FAILURES failures pass at once, then each needs a growing wait
 *    since the previous one, and past MAX_FAILURES the address is refused for that account for the window.
 *  - One address across accounts: past ADDRESS_MAX_FAILURES it is refused.
 *  - An unknown email and a wrong password get the same answer, so sign-in does not tell which accounts exist.
 */
export async function verifyLogin(
  db: Db,
  input: Pick<SignInInput, 'email' | 'password'>,
  ip: string,
  now = new Date(),
): Promise<VerifiedLogin> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const [attempt] = await db
    .insert(loginAttempts)
    .values({ email: input.email, ip, succeeded: false, at: now })
    .returning({ id: loginAttempts.id });
  const failed = and(eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since));
  const [[pair], [address]] = await Promise.all([
    db
      .select({
        n: count(),
        last: max(sql`case when ${loginAttempts.id} <> ${attempt.id} then ${loginAttempts.at} end`),
      })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, input.email), eq(loginAttempts.ip, ip), failed)),
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), failed)),
  ]);
  const previous = pair.n - 1;
  if (pair.n > MAX_FAILURES || address.n > ADDRESS_MAX_FAILURES) throw tooMany();
  if (previous >= PAIR_FREE_FAILURES && pair.last) {
    const waitMs = Math.min(2 ** (previous - PAIR_FREE_FAILURES), MAX_DELAY_SECONDS) * 1000;
    if (now.getTime() - new Date(pair.last as string | Date).getTime() < waitMs) throw tooMany();
  }

  const [user] = await db
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, input.email));
  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : (await burnPasswordCheck(input.password), false);
  if (ok) await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attempt.id));
  // A hash from before Argon2id (bcrypt) is replaced now that the password is known; only if it is still the
  // same hash, so a password changed meanwhile is never overwritten.
  if (ok && user.passwordHash && needsRehash(user.passwordHash))
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
  // Old attempts are of no use; trim them now and then rather than with a separate job.
  if (Math.random() < 0.01)
    await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - 86_400_000)));

  if (!user || !ok) throw validationFailed({ password: 'errors.wrongCredentials' }, 'errors.wrongCredentials');
  if (user.disabledAt) throw new DomainError('forbidden', 'errors.accountDisabled');
  return { userId: user.id, role: user.role };
}
