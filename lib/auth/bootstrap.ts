import 'server-only';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { passwordResets, users } from '@/db/schema';
import { conflict } from '@/lib/errors';
import { hashToken, newLinkToken } from './tokens';

/** How long the first admin's set-password link stays valid. */
export const SETUP_LINK_TTL_HOURS = 24;

/**
 * A company's first admin on a server without demo logins: creates the admin account (no password yet) and
 * a single-use link to set the password, the same link a password reset sends. Does nothing and returns
 * null when an admin exists already, so every start may call it. An advisory lock makes two starting
 * processes create one admin between them.
 */
export async function bootstrapFirstAdmin(
  db: Db,
  input: { email: string; name?: string },
  now = new Date(),
): Promise<{ path: string; expiresAt: Date } | null> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('brigada:first-admin'))`);
    const [{ admins }] = await tx.select({ admins: count() }).from(users).where(eq(users.role, 'admin'));
    if (admins > 0) return null;
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw conflict('errors.emailTaken');
    const [admin] = await tx
      .insert(users)
      .values({ email, name: input.name ?? 'Administrator', role: 'admin', passwordHash: null })
      .returning({ id: users.id });
    const token = newLinkToken();
    const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_HOURS * 3_600_000);
    await tx
      .insert(passwordResets)
      .values({ userId: admin.id, tokenHash: hashToken(token), requestedIp: 'setup', expiresAt, createdAt: now });
    return { path: `/reset-password/${token}`, expiresAt };
  });
}

/**
 * At server start, when the demo logins are off: with no admin yet, ADMIN_EMAIL gets its account and the
 * set-password link is printed to the server log (the operator's console, never a page); without
 * ADMIN_EMAIL one line says how to get it. Returns the line it logged, or null when an admin exists.
 */
export async function announceFirstAdmin(
  db: Db,
  opts: { adminEmail?: string; appUrl: string; log?: (line: string) => void },
): Promise<string | null> {
  const log = opts.log ?? ((line: string) => console.info(line));
  if (!opts.adminEmail) {
    const [{ admins }] = await db.select({ admins: count() }).from(users).where(eq(users.role, 'admin'));
    if (admins > 0) return null;
    const line =
      'Brigada has no admin yet: set ADMIN_EMAIL and restart (or run `npm run admin:create -- --email you@company.com`) to get a link that sets the first admin password.';
    log(line);
    return line;
  }
  const created = await bootstrapFirstAdmin(db, { email: opts.adminEmail });
  if (!created) return null;
  const line = `Brigada first admin ${opts.adminEmail}: set the password at ${opts.appUrl}${created.path} (valid until ${created.expiresAt.toISOString()}).`;
  log(line);
  return line;
}
