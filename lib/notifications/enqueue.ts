import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { rows } from '@/db/connect';
import type { Db } from '@/db';
import { notificationOptOuts, notifications, users, type Locale, type Role } from '@/db/schema';
import { kindDefinition, type KindData, type NotificationKind } from '@/emails/registry';
import { dispatchSoon } from './dispatch-soon';

/**
 * A user of the app (address and language read now; `locale` overrides the stored language, e.g. a password
 * reset answers in the language of the page it was asked from), or a bare address (an invitee).
 */
export type Recipient = { userId: string; locale?: Locale } | { email: string; name: string; locale: Locale };

export type EnqueueOptions = {
  /**
   * One notification per key: enqueueing the same key twice is a no-op, so a retried job or request never
   * doubles an email. Defaults to a fresh random key.
   */
  idempotencyKey?: string;
};

/** A kind with the data that kind takes (checked against its schema at enqueue). */
export type EmailContent = { [K in NotificationKind]: { kind: K; data: KindData<K> } }[NotificationKind];

/** One email of a batch: its content for a recipient. */
export type EnqueueItem = EmailContent & { recipient: Recipient } & EnqueueOptions;

/**
 * Puts one email into the outbox in the caller's transaction: a rolled-back change sends nothing, a committed
 * one is never forgotten. The data is checked against the kind's schema (a bad shape throws and rolls the
 * caller back — it is a programming error). Skipped, returning null, when the user is disabled or turned the
 * kind off (non-essential kinds only); otherwise returns the outbox id (also when the key already existed).
 * Callers need not call dispatchSoon(): enqueue schedules it.
 */
export async function enqueue<K extends NotificationKind>(
  tx: Db,
  recipient: Recipient,
  kind: K,
  data: KindData<K>,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const [id] = await enqueueMany(tx, [{ recipient, kind, data, ...opts } as EnqueueItem]);
  return id;
}

/**
 * enqueue for several emails at once, with the same rules per email, in a fixed number of statements
 * (recipients, opt-outs, one insert): an order transition batch sends its emails this way. Returns the
 * outbox ids in the items' order (null where skipped).
 */
export async function enqueueMany(tx: Db, items: readonly EnqueueItem[]): Promise<(string | null)[]> {
  if (items.length === 0) return [];
  const userIds = [...new Set(items.flatMap((i) => ('userId' in i.recipient ? [i.recipient.userId] : [])))];
  const optional = [
    ...new Set(items.filter((i) => 'userId' in i.recipient && !kindDefinition(i.kind).essential).map((i) => i.kind)),
  ];
  const people = userIds.length
    ? await tx
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          locale: users.locale,
          disabledAt: users.disabledAt,
        })
        .from(users)
        .where(inArray(users.id, userIds))
    : [];
  const optOuts = optional.length
    ? await tx
        .select({ userId: notificationOptOuts.userId, kind: notificationOptOuts.kind })
        .from(notificationOptOuts)
        .where(and(inArray(notificationOptOuts.userId, userIds), inArray(notificationOptOuts.kind, optional)))
    : [];
  const userById = new Map(people.map((u) => [u.id, u]));
  const optedOut = new Set(optOuts.map((o) => `${o.userId}|${o.kind}`));

  const rows = items.map((item) => {
    const def = kindDefinition(item.kind);
    const data = def.schema.parse(item.data) as Record<string, unknown>;
    const idempotencyKey = item.idempotencyKey ?? `${item.kind}:${randomUUID()}`;
    if (!('userId' in item.recipient))
      return {
        kind: item.kind,
        userId: null,
        toEmail: item.recipient.email,
        toName: item.recipient.name,
        locale: item.recipient.locale,
        data,
        idempotencyKey,
      };
    const user = userById.get(item.recipient.userId);
    if (!user || user.disabledAt) return null;
    if (!def.essential && optedOut.has(`${user.id}|${item.kind}`)) return null;
    return {
      kind: item.kind,
      userId: user.id,
      toEmail: user.email,
      toName: user.name,
      locale: item.recipient.locale ?? user.locale,
      data,
      idempotencyKey,
    };
  });
  const toInsert = rows.filter((r) => r !== null);
  if (toInsert.length === 0) return rows.map(() => null);
  const inserted = await tx
    .insert(notifications)
    .values(toInsert)
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id, key: notifications.idempotencyKey });
  // Sent right after the response when there is one (the cron otherwise); a rolled-back row is simply not found.
  if (inserted.length) dispatchSoon();
  const idOf = new Map(inserted.map((r) => [r.key, r.id]));
  const existingKeys = toInsert.map((r) => r.idempotencyKey).filter((k) => !idOf.has(k));
  if (existingKeys.length) {
    const existing = await tx
      .select({ id: notifications.id, key: notifications.idempotencyKey })
      .from(notifications)
      .where(inArray(notifications.idempotencyKey, existingKeys));
    for (const r of existing) idOf.set(r.key, r.id);
  }
  return rows.map((r) => (r ? (idOf.get(r.idempotencyKey) ?? null) : null));
}

/**
 * Staff kinds: for 'manager', one email to every active manager and admin (admins do everything managers do);
 * for 'admin', to every active admin only. With an idempotency key, each recipient's copy gets
 * `<key>:<userId>`.
 */
export async function enqueueToRole<K extends NotificationKind>(
  tx: Db,
  role: 'manager' | 'admin',
  kind: K,
  data: KindData<K>,
  opts: EnqueueOptions = {},
): Promise<number> {
  const roles: Role[] = role === 'manager' ? ['manager', 'admin'] : [role];
  const staff = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles), isNull(users.disabledAt)))
    .orderBy(users.createdAt);
  const ids = await enqueueMany(
    tx,
    staff.map(
      ({ id }) =>
        ({
          recipient: { userId: id },
          kind,
          data,
          idempotencyKey: opts.idempotencyKey ? `${opts.idempotencyKey}:${id}` : undefined,
        }) as EnqueueItem,
    ),
  );
  return ids.filter((id) => id !== null).length;
}

/**
 * enqueue for a set of emails of one kind chosen by a query, in one statement however many: `source` selects
 * `user_id` (uuid), `data` (jsonb, the kind's data) and `idempotency_key` (text), one row per email. The same
 * rules as enqueue apply per row (disabled users and, for optional kinds, opted-out users are skipped; a key
 * already queued is left alone), in the caller's transaction. The data is built by the query, not parsed
 * here: an email whose data does not fit its template fails at rendering and goes dead with the reason.
 * Returns how many emails were queued.
 */
export async function enqueueSelected(tx: Db, kind: NotificationKind, source: SQL): Promise<number> {
  const optional = !kindDefinition(kind).essential;
  // Only the count comes back: a weekly run queues 100 000 at once, and their ids would be 100 000 rows sent for nothing.
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`with queued as (
          insert into notifications (kind, user_id, to_email, to_name, locale, data, idempotency_key)
          select ${kind}, u.id, u.email, u.name, u.locale, s.data, s.idempotency_key
            from (${source}) as s
            join users u on u.id = s.user_id
           where u.disabled_at is null
             and (${!optional}::boolean or not exists (
                   select 1 from notification_opt_outs o where o.user_id = u.id and o.kind = ${kind}))
          on conflict (idempotency_key) do nothing
          returning 1)
        select count(*)::int as n from queued`,
  );
  if (n) dispatchSoon();
  return n;
}
