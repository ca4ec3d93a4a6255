import 'server-only';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { loginAttempts, passwordResets, users, type Locale, type Role } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { notFound } from '@/lib/errors';
import { enqueue } from '@/lib/notifications';
import { assertPasswordAcceptable, hashPassword } from './password';
import { emailField, resetPasswordInput, type ResetPasswordInput } from './schemas';
import { hashToken, newLinkToken } from './tokens';

export const RESET_TTL_MINUTES = 60;
/** At most this many links per account and per requesting IP in the window; more requests quietly do nothing. */
export const RESET_LIMIT_PER_ACCOUNT = { max: 3, minutes: 60 } as const;
export const RESET_LIMIT_PER_IP = { max: 10, minutes: 15 } as const;

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
const invalidLink = () => notFound('errors.resetInvalid');

export type PasswordResetRequest = { email: string; ip: string; locale: Locale };

/**
 * "Forgot password": emails an active user a link to set a new password, valid RESET_TTL_MINUTES. Returns
 * nothing, and nothing different, for an unknown, disabled or rate-limited address, so the page cannot be used
 * to find out which emails have accounts. A new link revokes the user's earlier unused ones. The email goes out
 * in the language of the page the request came from.
 *
 * The limits count password_resets rows, i.e. links actually sent: requests for unknown addresses send
 * nothing and so cost nothing worth limiting.
 */
export async function requestPasswordReset(db: Db, input: PasswordResetRequest, now = new Date()): Promise<void> {
  const email = emailField.parse(input.email);
  const ip = input.ip.slice(0, 100);
  const token = newLinkToken();
  await db.transaction(async (tx) => {
    // The row lock serialises two requests for one account, so the per-account limit and the revoking hold under a race.
    const [user] = await tx
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.email, email))
      .for('update');
    if (!user || user.disabledAt) return;
    const [byAccount] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.userId, user.id),
          gt(passwordResets.createdAt, minutesBefore(now, RESET_LIMIT_PER_ACCOUNT.minutes)),
        ),
      );
    const [byIp] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.requestedIp, ip),
          gt(passwordResets.createdAt, minutesBefore(now, RESET_LIMIT_PER_IP.minutes)),
        ),
      );
    if (byAccount.n >= RESET_LIMIT_PER_ACCOUNT.max || byIp.n >= RESET_LIMIT_PER_IP.max) return;

    await tx
      .update(passwordResets)
      .set({ revokedAt: now })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)));
    const expiresAt = new Date(now.getTime() + RESET_TTL_MINUTES * 60_000);
    const [row] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: hashToken(token), requestedIp: ip, expiresAt, createdAt: now })
      .returning({ id: passwordResets.id });
    await enqueue(
      tx,
      { userId: user.id, locale: input.locale },
      'password_reset',
      { path: `/reset-password/${token}`, expiresAt: expiresAt.toISOString() },
      { idempotencyKey: `password_reset:${row.id}` },
    );
  });
}

async function findOpenReset(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({
      id: passwordResets.id,
      userId: users.id,
      email: users.email,
      role: users.role,
      sessionVersion: users.sessionVersion,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        isNull(passwordResets.revokedAt),
        gt(passwordResets.expiresAt, now),
        // A user disabled after asking cannot get back in through the link.
        isNull(users.disabledAt),
      ),
    );
  return row;
}

/** What the reset page shows (the account's email); used, revoked, expired and unknown links all read as invalid. */
export async function getPasswordReset(db: Db, token: string, now = new Date()): Promise<{ email: string }> {
  const row = await findOpenReset(db, token, now);
  if (!row) throw invalidLink();
  return { email: row.email };
}

/**
 * Sets the new password from a reset link, in one transaction: the link is used up (and the user's other
 * open links revoked), the session version bumped so every other session ends, the account's sign-in
 * lockout cleared (the link proves the owner), and the change audited as the user's own.
 */
export async function resetPassword(
  db: Db,
  raw: ResetPasswordInput,
  now = new Date(),
): Promise<{ userId: string; role: Role }> {
  const input = resetPasswordInput.parse(raw);
  assertPasswordAcceptable(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const reset = await findOpenReset(tx, input.token, now);
    if (!reset) throw invalidLink();
    // Claim the link first: of two concurrent resets only one updates the row.
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)))
      .returning({ id: passwordResets.id });
    if (claimed.length === 0) throw invalidLink();
    await tx
      .update(passwordResets)
      .set({ revokedAt: now })
      .where(
        and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)),
      );
    const [updated] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        // The reset link came to this address, which proves it as a verification link would.
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(eq(users.id, reset.userId))
      .returning({ sessionVersion: users.sessionVersion });
    await tx.delete(loginAttempts).where(and(eq(loginAttempts.email, reset.email), eq(loginAttempts.succeeded, false)));
    await recordAudit(
      tx,
      { id: reset.userId, role: reset.role },
      {
        action: 'user.password_reset',
        entity: 'user',
        entityId: reset.userId,
        before: { sessionVersion: reset.sessionVersion },
        after: { sessionVersion: updated.sessionVersion },
      },
    );
    return { userId: reset.userId, role: reset.role };
  });
}
