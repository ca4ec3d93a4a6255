import type { Locale, Role } from '@/db/schema/auth';
import { forbidden } from '@/lib/errors';

/** Who is acting: resolved from the session and re-checked against the user row on every request. */
export type Actor = { id: string; role: Role; name: string; email: string; locale: Locale };

export const staffRoles = ['manager', 'admin'] as const satisfies readonly Role[];

export function isStaff(actor: Actor): boolean {
  return actor.role === 'manager' || actor.role === 'admin';
}

/** Throws Forbidden unless the actor has one of the roles. Module functions call this first. */
export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden();
}

export function assertStaff(actor: Actor): void {
  assertRole(actor, ...staffRoles);
}

/** Where each role lands after signing in. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'client':
      return '/orders';
    case 'worker':
      return '/worker';
    default:
      return '/admin';
  }
}
