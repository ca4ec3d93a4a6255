import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientProfiles, passwordResets, users, type Role } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { validationFailed } from '@/lib/errors';
import { enqueue } from '@/lib/notifications';
import { INVITE_TTL_DAYS } from './invites';
import { newClientInput, type NewClientInput } from './schemas';
import { hashToken, newLinkToken } from './tokens';

/** An account that already holds the email a manager typed: offered instead of a second account. */
export type ExistingAccount = { id: string; role: Role; name: string; email: string; phone: string | null };

export type StaffClientResult = { created: true; clientId: string } | { created: false; existing: ExistingAccount };

/**
 * A manager creates the account of a client who phoned in. The client has no password yet: they get the
 * invitation email (kind `invite`, role client) with a single-use link to set one, valid as long as an
 * invite ({@link INVITE_TTL_DAYS} days). The link is a password-reset link (`/reset-password/<token>`): the
 * account exists already, so that flow sets its password, proves the address and signs the client in.
 *
 * A taken email is not an error: the existing account comes back, and the caller offers it (a client to
 * book for) instead of failing. Two managers racing for one email: the loser gets the winner's account.
 */
export async function createClientByStaff(
  db: Db,
  actor: Actor,
  raw: NewClientInput,
  now = new Date(),
): Promise<StaffClientResult> {
  assertStaff(actor);
  const input = newClientInput.parse(raw);
  return db.transaction(async (tx) => {
    const existing = await accountByEmail(tx, input.email);
    if (existing) return { created: false, existing };
    const [inserted] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, phone: input.phone, role: 'client', locale: input.locale })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!inserted) {
      const winner = await accountByEmail(tx, input.email);
      if (winner) return { created: false, existing: winner };
      throw validationFailed({ email: 'errors.emailTaken' });
    }
    await tx.insert(clientProfiles).values({ userId: inserted.id });
    const token = newLinkToken();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
    await tx.insert(passwordResets).values({
      userId: inserted.id,
      tokenHash: hashToken(token),
      // Not a visitor's request: the per-IP limit of "forgot password" does not count it.
      requestedIp: 'staff',
      expiresAt,
      createdAt: now,
    });
    await enqueue(
      tx,
      { userId: inserted.id },
      'invite',
      { path: `/reset-password/${token}`, role: 'client', expiresAt: expiresAt.toISOString() },
      { idempotencyKey: `client_invite:${inserted.id}` },
    );
    await recordAudit(tx, actor, {
      action: 'client.create',
      entity: 'client',
      entityId: inserted.id,
      after: { name: input.name, email: input.email, phone: input.phone, locale: input.locale },
    });
    return { created: true, clientId: inserted.id };
  });
}

async function accountByEmail(tx: Db, email: string): Promise<ExistingAccount | undefined> {
  const [row] = await tx
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, phone: users.phone })
    .from(users)
    .where(eq(users.email, email));
  return row;
}
