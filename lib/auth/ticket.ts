import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/env';

// The sign-in action checks the password (with rate limiting) itself, then hands Auth.js a short-lived
// signed ticket for that user, so the password is hashed once and Auth.js' own endpoint cannot bypass the limit.
const TTL_MS = 60_000;

function sign(payload: string): string {
  return createHmac('sha256', authSecret()).update(`login-ticket:${payload}`).digest('base64url');
}

export function issueLoginTicket(userId: string, now = Date.now()): string {
  const payload = `${userId}.${now + TTL_MS}`;
  return `${payload}.${sign(payload)}`;
}

export function readLoginTicket(ticket: string, now = Date.now()): string | null {
  const [userId, expires, mac] = ticket.split('.');
  if (!userId || !expires || !mac) return null;
  const expected = Buffer.from(sign(`${userId}.${expires}`));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(expires) < now) return null;
  return userId;
}
