import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientProfiles, users, type Locale } from '@/db/schema';
import { validationFailed } from '@/lib/errors';
import { enqueue } from '@/lib/notifications';
import { assertPasswordAcceptable, hashPassword } from './password';
import { takeRateSlot } from './rate-limit';
import { startEmailVerification } from './email-verification';
import { env } from '@/lib/env';
import { signUpInput, type SignUpInput } from './schemas';

/**
 * A visitor signs up as a client: the user and the client profile are written together. At most
 * SIGNUP_LIMIT_PER_HOUR attempts per address (env, default 20: a family or an office is well inside it, a
 * script is not), counted before anything else, so a taken email counts too.
 */
export async function signUpClient(
  db: Db,
  raw: SignUpInput,
  locale: Locale,
  from: { ip: string; limitPerHour?: number; now?: Date } = { ip: 'unknown' },
): Promise<{ userId: string }> {
  const input = signUpInput.parse(raw);
  const limit = from.limitPerHour ?? env().SIGNUP_LIMIT_PER_HOUR;
  await takeRateSlot(db, `signup:${from.ip}`, limit, 60, from.now);
  assertPasswordAcceptable(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken) throw validationFailed({ email: 'errors.emailTaken' });
    const inserted = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, phone: input.phone, passwordHash, role: 'client', locale })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    // Two sign-ups racing for one email: the loser sees the same message.
    if (inserted.length === 0) throw validationFailed({ email: 'errors.emailTaken' });
    await tx.insert(clientProfiles).values({ userId: inserted[0].id });
    // One email: the welcome carries the link that confirms the address.
    const link = await startEmailVerification(tx, inserted[0].id, from.now);
    await enqueue(
      tx,
      { userId: inserted[0].id },
      'welcome',
      { verifyPath: link.path, verifyUntil: link.expiresAt.toISOString() },
      { idempotencyKey: `welcome:${inserted[0].id}` },
    );
    return { userId: inserted[0].id };
  });
}
