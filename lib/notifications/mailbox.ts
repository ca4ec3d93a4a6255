import 'server-only';
import { and, desc, eq, ilike, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { notifications } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { dispatchNotifications } from './dispatch';
import { mailboxEnabled, mailboxTransport } from './transports';

/*
 * The development mailbox: with no email provider configured (and not a production server on PostgreSQL,
 * see mailboxEnabled) every email is "delivered" to its own outbox row, and /dev/mailbox shows them. There is
 * no sign-in: it is a local tool for a developer or a demo, and it is a 404 wherever real email is configured.
 */

export type MailboxEntry = { id: string; kind: string; toEmail: string; toName: string; subject: string; sentAt: Date };

/** Delivers what is due first, so the page never lags behind the request that enqueued an email. */
async function deliverDue(db: Db): Promise<void> {
  await dispatchNotifications(db, { transport: mailboxTransport, budgetMs: 5_000 });
}

const entryColumns = {
  id: notifications.id,
  kind: notifications.kind,
  toEmail: notifications.toEmail,
  toName: notifications.toName,
  subject: notifications.subject,
  sentAt: notifications.sentAt,
};

export async function listMailbox(db: Db, filter: { to?: string; limit?: number } = {}): Promise<MailboxEntry[]> {
  if (!mailboxEnabled()) throw notFound();
  await deliverDue(db);
  const to = filter.to?.trim().toLowerCase();
  const rows = await db
    .select(entryColumns)
    .from(notifications)
    .where(
      and(
        eq(notifications.transport, 'mailbox'),
        eq(notifications.status, 'sent'),
        isNotNull(notifications.sentAt),
        to ? ilike(notifications.toEmail, `%${to}%`) : undefined,
      ),
    )
    .orderBy(desc(notifications.sentAt), desc(notifications.id))
    .limit(Math.min(filter.limit ?? 100, 500));
  return rows.map((r) => ({ ...r, subject: r.subject ?? '', sentAt: r.sentAt as Date }));
}

export type MailboxEmail = MailboxEntry & { html: string; text: string };

export async function getMailboxEmail(db: Db, id: string): Promise<MailboxEmail> {
  if (!mailboxEnabled()) throw notFound();
  const [row] = await db
    .select({
      ...entryColumns,
      html: notifications.html,
      text: notifications.text,
    })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.transport, 'mailbox'), eq(notifications.status, 'sent')));
  if (!row || !row.sentAt) throw notFound();
  return { ...row, subject: row.subject ?? '', sentAt: row.sentAt, html: row.html ?? '', text: row.text ?? '' };
}
