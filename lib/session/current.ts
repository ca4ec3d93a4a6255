import 'server-only';
import { cache } from 'react';
import { forbidden as nextForbidden, redirect } from 'next/navigation';
import type { Role } from '@/db/schema';
import { getDb } from '@/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/actor';
import { auth } from './config';
import { checkSession, findSessionUser } from '@/lib/auth';
import { noteActor } from '@/lib/log';

/**
 * The signed-in actor, re-checked against the user row and the session row on every request: a disabled
 * user, one whose role changed (session version bumped), a signed-out session or an idle staff session
 * gets null here even with a valid JWT.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await findSessionUser(db, id);
  if (!user || user.disabled || user.sessionVersion !== session.user.sv) return null;
  // The session itself must still be live on the server (not signed out, not idle or too old for staff).
  if (!(await checkSession(db, session.user.sid, user))) return null;
  // The request's log lines name the actor by id and role (never by name or email).
  noteActor({ id: user.id, role: user.role });
  return { id: user.id, role: user.role, name: user.name, email: user.email, locale: user.locale };
});

/** For pages and layouts: no session → /login; wrong role → 403 page. */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (roles.length && !roles.includes(actor.role)) nextForbidden();
  return actor;
}

/** For route handlers and server actions: throws domain errors the edge maps to 401 / 403. */
export async function requireApiRole(...roles: Role[]): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new DomainError('unauthenticated', 'errors.signInRequired');
  if (roles.length && !roles.includes(actor.role)) throw new DomainError('forbidden', 'errors.forbidden');
  return actor;
}
