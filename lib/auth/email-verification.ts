import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { emailVerifications, users } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { notFound } from '@/lib/errors';
import { enqueue } from '@/lib/notifications';
import { takeRateSlot } from './rate-limit';
import { hashToken, newLinkToken } from './tokens';

export const VERIFY_TTL_DAYS = 7;
/** Verification emails a client may ask for again in an hour. */
export const VERIFY_RESEND_PER_HOUR = 3;

/**
 * Makes a new confirmation link for the user's email (inside the caller's transaction) and returns its path;
 * links made before stop working. The caller sends it: sign-up in the welcome email, a resend on its own.
 * The account works meanwhile: booking is one flow, only capped (lib/orders assertOpenOrderRoom).
 */
export async function startEmailVerification(
  tx: Db,
  userId: string,
  now = new Date(),
): Promise<{ path: string; expiresAt: Date }> {
  await tx
    .update(emailVerifications)
    .set({ revokedAt: now })
    .where(
      and(
        eq(emailVerifications.userId, userId),
        isNull(emailVerifications.usedAt),
        isNull(emailVerifications.revokedAt),
      ),
    );
  const token = newLinkToken();
  const expiresAt = new Date(now.getTime() + VERIFY_TTL_DAYS * 86_400_000);
  await tx.insert(emailVerifications).values({ userId, tokenHash: hashToken(token), expiresAt, createdAt: now });
  return { path: `/verify-email/${token}`, expiresAt };
}

/** The signed-in client asks for the link again: at most VERIFY_RESEND_PER_HOUR an hour; nothing if verified. */
export async function resendEmailVerification(db: Db, actor: Actor, now = new Date()): Promise<{ sent: boolean }> {
  assertRole(actor, 'client');
  await takeRateSlot(db, `verify:${actor.id}`, VERIFY_RESEND_PER_HOUR, 60, now);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, actor.id))
      .for('update');
    if (!user || user.verifiedAt) return { sent: false };
    const link = await startEmailVerification(tx, actor.id, now);
    await enqueue(
      tx,
      { userId: actor.id },
      'verify_email',
      { path: link.path, expiresAt: link.expiresAt.toISOString() },
      { idempotencyKey: `verify_email:${hashToken(link.path)}` },
    );
    return { sent: true };
  });
}

/**
 * Follows a confirmation link: the address is verified and the link used up. No sign-in is needed (the link
 * may be opened on another device); an unknown, used, revoked or expired link is one not_found answer.
 */
export async function verifyEmail(db: Db, token: string, now = new Date()): Promise<{ userId: string }> {
  if (token.length < 20 || token.length > 200) throw notFound('errors.verifyInvalid');
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(
        and(
          eq(emailVerifications.tokenHash, hashToken(token)),
          isNull(emailVerifications.usedAt),
          isNull(emailVerifications.revokedAt),
          gt(emailVerifications.expiresAt, now),
        ),
      )
      .returning({ userId: emailVerifications.userId });
    if (!link) throw notFound('errors.verifyInvalid');
    await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(users.id, link.userId));
    return { userId: link.userId };
  });
}

/** Whether the user has verified their email (staff and workers are verified by accepting their invite). */
export async function isEmailVerified(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  return Boolean(row?.at);
}
