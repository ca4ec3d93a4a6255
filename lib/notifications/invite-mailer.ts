import 'server-only';
import type { InviteMailer } from '@/lib/auth';
import { enqueue } from './enqueue';

/** Emails an invitation (createInvite calls it inside the invite's transaction); the admin still sees the link. */
export const inviteMailer: InviteMailer = async (tx, invite) => {
  await enqueue(
    tx,
    { email: invite.email, name: invite.name, locale: invite.locale },
    'invite',
    { path: invite.path, role: invite.role, expiresAt: invite.expiresAt.toISOString() },
    // One email per invitation: a new invite for the same address (which revokes the old one) gets its own.
    { idempotencyKey: `invite:${invite.email}:${invite.expiresAt.toISOString()}` },
  );
};
