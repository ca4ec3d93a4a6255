import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { authSessions, type Role } from '@/db/schema';
import { getSettings } from '@/lib/settings';

/** A request updates last_seen_at at most this often, so browsing does not write on every page. */
const TOUCH_EVERY_MS = 60_000;
const STAFF: Role[] = ['manager', 'admin'];

/** A new session for a sign-in; its id travels in the session token. */
export async function openSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({ userId, createdAt: now, lastSeenAt: now })
    .returning({ id: authSessions.id });
  return row.id;
}

/**
 * Whether the session may serve this request: it exists, belongs to the user, is not revoked, and for staff
 * is neither idle past staffSession.idleMinutes nor older than staffSession.maxHours (both settings). An
 * expired staff session is revoked on the spot. A live one is touched at most once a minute.
 */
export async function checkSession(
  db: Db,
  sessionId: string,
  user: { id: string; role: Role },
  now = new Date(),
): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const [s] = await db
    .select({ createdAt: authSessions.createdAt, lastSeenAt: authSessions.lastSeenAt })
    .from(authSessions)
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, user.id), isNull(authSessions.revokedAt)));
  if (!s) return false;
  if (STAFF.includes(user.role)) {
    const { staffSession } = await getSettings(db);
    const idle = now.getTime() - s.lastSeenAt.getTime() > staffSession.idleMinutes * 60_000;
    const old = now.getTime() - s.createdAt.getTime() > staffSession.maxHours * 3_600_000;
    if (idle || old) {
      await revokeSession(db, sessionId, now);
      return false;
    }
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, sessionId));
  return true;
}

/** Sign-out: the session ends on the server, so a token copied before it no longer works. */
export async function revokeSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db
    .update(authSessions)
    .set({ revokedAt: sql`coalesce(${authSessions.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(authSessions.id, sessionId));
}
