import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { notificationOptOuts, notifications, users, type Locale, type Role } from '@/db/schema';
import { kindDefinition, type KindData, type NotificationKind } from '@/emails/registry';
import { dispatchSoon } from './dispatch-soon';

/** A user of the app (address and language read now), or a bare address (an invitee). */
export type Recipient = { userId: string } | { email: string; name: string; locale: Locale };

export type EnqueueOptions = {
  /**
   * One notification per key: enqueueing the same key twice is a no-op, so a retried job or request never
   * doubles an email. Defaults to a fresh random key.
   */
  idempotencyKey?: string;
};

/**
 * Puts one email into the outbox in the caller's transaction: a rolled-back change sends nothing, a committed
 * one is never forgotten. The data is checked against the kind's schema (a bad shape throws and rolls the
 * caller back — it is a programming error). Skipped, returning null, when the user is disabled or turned the
 * kind off (non-essential kinds only); otherwise returns the outbox id (also when the key already existed).
 * Callers need not call dispatchSoon(): enqueue schedules it.
 */
export async function enqueue<K extends NotificationKind>(tx: Db, recipient: Recipient, kind: K, data: KindData<K>, opts: EnqueueOptions = {}): Promise<string | null> {
  const def = kindDefinition(kind);
  const parsed = def.schema.parse(data) as Record<string, unknown>;
  let to: { userId: string | null; email: string; name: string; locale: Locale };
  if ('userId' in recipient) {
    const [user] = await tx
      .select({ email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, recipient.userId));
    if (!user || user.disabledAt) return null;
    if (!def.essential) {
      const [optOut] = await tx
        .select({ kind: notificationOptOuts.kind })
        .from(notificationOptOuts)
        .where(and(eq(notificationOptOuts.userId, recipient.userId), eq(notificationOptOuts.kind, kind)));
      if (optOut) return null;
    }
    to = { userId: recipient.userId, email: user.email, name: user.name, locale: user.locale };
  } else {
    to = { userId: null, email: recipient.email, name: recipient.name, locale: recipient.locale };
  }
  const idempotencyKey = opts.idempotencyKey ?? `${kind}:${randomUUID()}`;
  const inserted = await tx
    .insert(notifications)
    .values({ kind, userId: to.userId, toEmail: to.email, toName: to.name, locale: to.locale, data: parsed, idempotencyKey })
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id });
  if (inserted[0]) {
    // Sent right after the response when there is one (the cron otherwise); a rolled-back row is simply not found.
    dispatchSoon();
    return inserted[0].id;
  }
  const [existing] = await tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.idempotencyKey, idempotencyKey));
  return existing?.id ?? null;
}

/**
 * Managers' kinds: one email to every active manager and admin (admins do everything managers do). With an
 * idempotency key, each recipient's copy gets `<key>:<userId>`.
 */
export async function enqueueToRole<K extends NotificationKind>(tx: Db, role: 'manager', kind: K, data: KindData<K>, opts: EnqueueOptions = {}): Promise<number> {
  const roles: Role[] = role === 'manager' ? ['manager', 'admin'] : [role];
  const staff = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles), isNull(users.disabledAt)))
    .orderBy(users.createdAt);
  let count = 0;
  for (const { id } of staff) {
    const key = opts.idempotencyKey ? `${opts.idempotencyKey}:${id}` : undefined;
    if (await enqueue(tx, { userId: id }, kind, data, { idempotencyKey: key })) count++;
  }
  return count;
}
