import 'server-only';
import { and, desc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { notificationAttempts, notifications, type Locale, type NotificationStatus } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { conflict, notFound } from '@/lib/errors';
import { env } from '@/lib/env';
import { getSettings } from '@/lib/settings';
import { isNotificationKind } from '@/emails/registry';
import { renderEmail } from '@/emails/render';
import { afterCursorDesc, countUpTo, decodeCursor, exactTime, PAGE_SIZE, toPage } from '@/lib/paging';
import { dispatchSoon } from './dispatch-soon';

/** What admins filter by: 'failed' is a pending row whose last attempt failed (it waits for its retry). */
export const outboxViews = ['all', 'pending', 'failed', 'sending', 'sent', 'dead'] as const;
export type OutboxView = (typeof outboxViews)[number];

export type OutboxItem = {
  id: string;
  kind: string;
  toEmail: string;
  toName: string;
  locale: Locale;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  subject: string | null;
  transport: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
};

const listColumns = {
  id: notifications.id,
  kind: notifications.kind,
  toEmail: notifications.toEmail,
  toName: notifications.toName,
  locale: notifications.locale,
  status: notifications.status,
  attempts: notifications.attempts,
  lastError: notifications.lastError,
  subject: notifications.subject,
  transport: notifications.transport,
  createdAt: notifications.createdAt,
  sentAt: notifications.sentAt,
  nextAttemptAt: notifications.nextAttemptAt,
};

function viewFilter(view: OutboxView): SQL | undefined {
  switch (view) {
    case 'all':
      return undefined;
    case 'failed':
      return and(eq(notifications.status, 'pending'), gt(notifications.attempts, 0));
    case 'pending':
      return and(eq(notifications.status, 'pending'), eq(notifications.attempts, 0));
    default:
      return eq(notifications.status, view);
  }
}

/** How many emails a view holds: exact up to COUNT_CAP, else COUNT_CAP with `capped` ("10,000+"). */
export type OutboxCount = { total: number; capped: boolean };

/**
 * The outbox for admins, newest first, keyset-paged on (created_at, id), with the number of rows in each view
 * counted up to COUNT_CAP (the view's count is the pager's total; a text search counts its matches instead).
 */
export async function listOutbox(
  db: Db,
  actor: Actor,
  filter: { view?: OutboxView; q?: string; cursor?: string } = {},
) {
  assertRole(actor, 'admin');
  const view = filter.view ?? 'all';
  const q = filter.q?.trim().slice(0, 100);
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const search = like
    ? or(ilike(notifications.toEmail, like), ilike(notifications.kind, like), ilike(notifications.subject, like))
    : undefined;
  const where = and(viewFilter(view), search);
  const key = decodeCursor(filter.cursor, 2);
  const rows = await db
    .select({ ...listColumns, keyAt: exactTime(notifications.createdAt) })
    .from(notifications)
    .where(and(where, afterCursorDesc(notifications.createdAt, notifications.id, key, 'timestamptz')))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(PAGE_SIZE + 1);
  // Each view's count reads no further than COUNT_CAP + 1 rows (the status index answers all but 'all'), so
  // the tabs stay cheap with years of sent email: past the cap a tab says "10,000+". The counts ignore the
  // text search; the chosen view's count with a search is the matches, capped the same way.
  const [countsList, matched] = await Promise.all([
    Promise.all(
      outboxViews.map(
        async (v) =>
          [
            v,
            await countUpTo(
              db,
              db
                .select({ one: sql`1` })
                .from(notifications)
                .where(viewFilter(v)),
            ),
          ] as const,
      ),
    ),
    search
      ? countUpTo(
          db,
          db
            .select({ one: sql`1` })
            .from(notifications)
            .where(where),
        )
      : null,
  ]);
  const counts = Object.fromEntries(countsList) as Record<OutboxView, OutboxCount>;
  const page = toPage(
    rows,
    PAGE_SIZE,
    (r) => [r.keyAt, r.id],
    ({ keyAt: _k, ...r }): OutboxItem => r,
    matched ?? counts[view],
  );
  return { ...page, view, counts };
}

export type OutboxAttempt = {
  attemptNo: number;
  transport: string;
  ok: boolean;
  providerMessageId: string | null;
  error: string | null;
  durationMs: number;
  at: Date;
};

export type OutboxDetail = OutboxItem & {
  idempotencyKey: string;
  providerMessageId: string | null;
  html: string;
  text: string;
  /** True when the email shown was rendered now (it has not been sent yet), not the stored copy. */
  preview: boolean;
  attemptsLog: OutboxAttempt[];
};

/**
 * Emails that carry a sign-in secret (an invite or a password-reset link) are shown to admins with the token
 * masked: the outbox is for seeing what was sent, not a way into somebody's account. The development mailbox,
 * which is off on production PostgreSQL, still shows the real link.
 */
const SECRET_LINK = /\/(invite|reset-password)\/[A-Za-z0-9_-]{16,}/g;
const maskSecretLinks = (s: string) => s.replace(SECRET_LINK, '/$1/••••••');

/** One email with its attempts and its rendering (the stored copy once sent, a fresh render before), secret links masked. */
export async function getOutboxItem(db: Db, actor: Actor, id: string): Promise<OutboxDetail> {
  assertRole(actor, 'admin');
  const [row] = await db
    .select({
      ...listColumns,
      idempotencyKey: notifications.idempotencyKey,
      providerMessageId: notifications.providerMessageId,
      html: notifications.html,
      text: notifications.text,
      data: notifications.data,
    })
    .from(notifications)
    .where(eq(notifications.id, id));
  if (!row) throw notFound('errors.notFound');
  const attemptsLog = await db
    .select({
      attemptNo: notificationAttempts.attemptNo,
      transport: notificationAttempts.transport,
      ok: notificationAttempts.ok,
      providerMessageId: notificationAttempts.providerMessageId,
      error: notificationAttempts.error,
      durationMs: notificationAttempts.durationMs,
      at: notificationAttempts.at,
    })
    .from(notificationAttempts)
    .where(eq(notificationAttempts.notificationId, id))
    .orderBy(notificationAttempts.id);
  const { data, html, text, ...rest } = row;
  if (html !== null && text !== null)
    return { ...rest, html: maskSecretLinks(html), text: maskSecretLinks(text), preview: false, attemptsLog };
  let rendered = { subject: row.subject, html: '', text: '' };
  if (isNotificationKind(row.kind)) {
    try {
      const settings = await getSettings(db);
      rendered = await renderEmail(row.kind, data, {
        locale: row.locale,
        companyName: settings.companyName,
        timeZone: settings.timeZone,
        appUrl: env().APP_URL.replace(/\/$/, ''),
        recipientName: row.toName,
      });
    } catch (error) {
      rendered.text = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    ...rest,
    subject: rendered.subject,
    html: maskSecretLinks(rendered.html),
    text: maskSecretLinks(rendered.text),
    preview: true,
    attemptsLog,
  };
}

/** An admin sends a dead letter again: it becomes due now with a fresh attempt budget. */
export async function resendDeadLetter(db: Db, actor: Actor, id: string): Promise<void> {
  assertRole(actor, 'admin');
  const updated = await db
    .update(notifications)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null, claimToken: null })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'dead')))
    .returning({ id: notifications.id });
  if (updated.length === 0) {
    const [exists] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.id, id));
    if (!exists) throw notFound('errors.notFound');
    throw conflict('notifications.errors.notDead');
  }
  dispatchSoon();
}
