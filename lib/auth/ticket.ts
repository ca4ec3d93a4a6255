import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/env';

/** A short-lived, signed "<userId>.<expiry>.<mac>" for one purpose; a ticket of one purpose never passes for another. */
function signedUserToken(purpose: string, ttlMs: number) {
  const sign = (payload: string) =>
    createHmac('sha256', authSecret()).update(`${purpose}:${payload}`).digest('base64url');
  return {
    issue(userId: string, now = Date.now()): string {
      const payload = `${userId}.${now + ttlMs}`;
      return `${payload}.${sign(payload)}`;
    },
    read(token: string, now = Date.now()): string | null {
      const [userId, expires, mac] = token.split('.');
      if (!userId || !expires || !mac) return null;
      const expected = Buffer.from(sign(`${userId}.${expires}`));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      if (Number(expires) < now) return null;
      return userId;
    },
  };
}

// The sign-in action checks the password (with rate limiting) itself, then hands Auth.js a short-lived
// signed ticket for that user, so the password is hashed once and Auth.js' own endpoint cannot bypass the limit.
const loginTicket = signedUserToken('login-ticket', 60_000);
export const issueLoginTicket = loginTicket.issue;
export const readLoginTicket = loginTicket.read;

// Between the password and the authenticator code: names the user whose password was right. It is not a
// session; only the code step redeems it (for a login ticket).
const challenge = signedUserToken('2fa-challenge', 5 * 60_000);
export const issueTwoFactorChallenge = challenge.issue;
export const readTwoFactorChallenge = challenge.read;
