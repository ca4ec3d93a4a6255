import 'server-only';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { invites, users, workerProfiles, type Role } from '@/db/schema';
import { DomainError, notFound, validationFailed } from '@/lib/errors';
import { assertRole, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { assertPasswordAcceptable, hashPassword } from './password';
import { hashToken, newLinkToken } from './tokens';
import { acceptInviteInput, inviteInput, type AcceptInviteInput, type InviteInput } from './schemas';

export const INVITE_TTL_DAYS = 7;

export type CreatedInvite = { id: string; email: string; role: Role; token: string; path: string; expiresAt: Date };

/**
 * Hook for the notifications module: called inside the invite's transaction with the link to send.
 * Until an email exists, the link is shown to the admin and logged.
 */
export type InviteMailer = (
  tx: Db,
  invite: { email: string; name: string; role: Role; locale: 'ru' | 'en'; path: string; expiresAt: Date },
) => Promise<void>;

/** An admin invites a worker or a manager. The token is single-use and expires; earlier open invites for the email are revoked. */
export async function createInvite(
  db: Db,
  actor: Actor,
  raw: InviteInput,
  mailer?: InviteMailer,
  now = new Date(),
): Promise<CreatedInvite> {
  assertRole(actor, 'admin');
  const input = inviteInput.parse(raw);
  const token = newLinkToken(24);
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) throw validationFailed({ email: 'errors.emailTaken' });
    await tx
      .update(invites)
      .set({ revokedAt: now })
      .where(and(eq(invites.email, input.email), isNull(invites.usedAt), isNull(invites.revokedAt)));
    const [row] = await tx
      .insert(invites)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        locale: input.locale,
        tokenHash: hashToken(token),
        invitedBy: actor.id,
        expiresAt,
      })
      .returning({ id: invites.id });
    await recordAudit(tx, actor, {
      action: 'user.invite',
      entity: 'invite',
      entityId: row.id,
      after: { email: input.email, name: input.name, role: input.role },
    });
    const path = `/invite/${token}`;
    if (mailer)
      await mailer(tx, {
        email: input.email,
        name: input.name,
        role: input.role,
        locale: input.locale,
        path,
        expiresAt,
      });
    else console.info(`[mailbox] invite for ${input.email} (${input.role}): ${path}`);
    return { id: row.id, email: input.email, role: input.role, token, path, expiresAt };
  });
}

export type InviteView = { email: string; name: string; role: Role };

async function findOpenInvite(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ id: invites.id, email: invites.email, name: invites.name, role: invites.role, locale: invites.locale })
    .from(invites)
    .where(
      and(
        eq(invites.tokenHash, hashToken(token)),
        isNull(invites.usedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    );
  return row;
}

/** What the invite page shows; used, revoked, expired and unknown links all read as not found. */
export async function getInvite(db: Db, token: string, now = new Date()): Promise<InviteView> {
  const row = await findOpenInvite(db, token, now);
  if (!row) throw notFound('errors.inviteInvalid');
  return { email: row.email, name: row.name, role: row.role };
}

/** Sets the password and creates the account; the invite is used up in the same transaction. */
export async function acceptInvite(
  db: Db,
  raw: AcceptInviteInput,
  now = new Date(),
): Promise<{ userId: string; email: string }> {
  const input = acceptInviteInput.parse(raw);
  assertPasswordAcceptable(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const invite = await findOpenInvite(tx, input.token, now);
    if (!invite) throw notFound('errors.inviteInvalid');
    // Claim the invite first: of two concurrent accepts only one updates the row.
    const claimed = await tx
      .update(invites)
      .set({ usedAt: now })
      .where(and(eq(invites.id, invite.id), isNull(invites.usedAt)))
      .returning({ id: invites.id });
    if (claimed.length === 0) throw notFound('errors.inviteInvalid');
    const inserted = await tx
      .insert(users)
      .values({
        email: invite.email,
        name: invite.name,
        role: invite.role,
        locale: invite.locale,
        passwordHash,
        // The invite link came to this address: it is proven.
        emailVerifiedAt: now,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (inserted.length === 0) throw new DomainError('conflict', 'errors.emailTaken');
    if (invite.role === 'worker') await tx.insert(workerProfiles).values({ userId: inserted[0].id });
    return { userId: inserted[0].id, email: invite.email };
  });
}

export type InviteListItem = {
  id: string;
  email: string;
  name: string;
  role: Role;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
};

export async function listInvites(db: Db, actor: Actor): Promise<InviteListItem[]> {
  assertRole(actor, 'admin');
  return db
    .select({
      id: invites.id,
      email: invites.email,
      name: invites.name,
      role: invites.role,
      expiresAt: invites.expiresAt,
      usedAt: invites.usedAt,
      revokedAt: invites.revokedAt,
    })
    .from(invites)
    .orderBy(desc(invites.createdAt))
    .limit(50);
}
