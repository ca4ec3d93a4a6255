'use server';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import {
  acceptInvite,
  homeOf,
  findSessionUser,
  issueLoginTicket,
  issueTwoFactorChallenge,
  readTwoFactorChallenge,
  requestPasswordReset,
  resetPassword,
  revokeSession,
  signUpClient,
  twoFactorEnabled,
  verifyLogin,
  verifySecondFactor,
} from '@/lib/auth';
import { auth, signIn, signOut } from '@/lib/session';
import {
  acceptInviteInput,
  forgotPasswordInput,
  resetPasswordForm,
  signInInput,
  signUpInput,
  twoFactorInput,
} from '@/lib/auth/shared';
import { validationFailed } from '@/lib/errors';
import { publicAction } from '@/lib/action';
import { clientAddress } from '@/lib/auth/shared';
import { env } from '@/lib/env';
import { requestLocale } from '@/lib/i18n';
import type { Role } from '@/db/schema';

/** The client's address from the trusted proxy hop (TRUSTED_PROXY_HOPS), never the leftmost entry a client wrote. */
async function clientIp(): Promise<string> {
  return clientAddress((await headers()).get('x-forwarded-for'), env().TRUSTED_PROXY_HOPS);
}

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | undefined, role: Role): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  return homeOf(role);
}

async function startSession(userId: string, to: string): Promise<never> {
  await signIn('credentials', { ticket: issueLoginTicket(userId), redirectTo: to });
  throw new Error('unreachable: signIn redirects');
}

/**
 * The password step. A staff member with an authenticator gets a challenge back instead of a session, and
 * the form asks for their code (twoFactorAction).
 */
export const signInAction = publicAction(signInInput, async (input): Promise<{ challenge: string }> => {
  const db = await getDb();
  const { userId, role } = await verifyLogin(db, input, await clientIp());
  if (await twoFactorEnabled(db, userId)) return { challenge: issueTwoFactorChallenge(userId) };
  return startSession(userId, safeNext(input.next, role));
});

/** The code step: a current authenticator code or a recovery code redeems the challenge for a session. */
export const twoFactorAction = publicAction(twoFactorInput, async (input) => {
  const userId = readTwoFactorChallenge(input.challenge);
  if (!userId) throw validationFailed({ code: 'errors.twoFactorExpired' }, 'errors.twoFactorExpired');
  const db = await getDb();
  await verifySecondFactor(db, userId, input.code, await clientIp());
  const user = await findSessionUser(db, userId);
  if (!user || user.disabled) throw validationFailed({ code: 'errors.twoFactorExpired' }, 'errors.twoFactorExpired');
  return startSession(userId, safeNext(input.next, user.role));
});

export const signUpAction = publicAction(signUpInput, async (input) => {
  const { userId } = await signUpClient(await getDb(), input, await requestLocale(), { ip: await clientIp() });
  return startSession(userId, '/orders');
});

export const acceptInviteAction = publicAction(acceptInviteInput, async (input) => {
  const db = await getDb();
  const { userId } = await acceptInvite(db, input);
  const user = await findSessionUser(db, userId);
  return startSession(userId, homeOf(user?.role ?? 'worker'));
});

/** Answers the same for every address (the module sends only when it should), so the form cannot probe for accounts. */
export const requestPasswordResetAction = publicAction(forgotPasswordInput, async (input) => {
  await requestPasswordReset(await getDb(), {
    email: input.email,
    ip: await clientIp(),
    locale: await requestLocale(),
  });
});

/** Like accepting an invite: the new password is set, then the user is signed in (this browser only; others are signed out). */
export const resetPasswordAction = publicAction(resetPasswordForm, async (input) => {
  const { userId, role } = await resetPassword(await getDb(), { token: input.token, password: input.password });
  return startSession(userId, homeOf(role));
});

export async function signOutAction(): Promise<void> {
  // End the session on the server first: the cookie is cleared below, but a copy of it must stop working too.
  const session = await auth();
  if (session?.user?.sid) await revokeSession(await getDb(), session.user.sid);
  await signOut({ redirectTo: '/login' });
}
