import 'server-only';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { contactLog } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { notFound, validationFailed } from '@/lib/errors';
import { recordAudit } from '@/lib/audit';
import { afterCursor, cappedCount, COUNT_CAP, decodeCursor, PAGE_SIZE, toPage, type Page } from '@/lib/paging';
import { enqueue } from '@/lib/notifications';
import { orderFacts, orderNumbers } from '@/lib/orders';
import { contactInput, type ContactInput } from './schemas';

export type ContactDto = {
  id: number;
  kind: 'call' | 'email' | 'note';
  outcome: string;
  subject: string;
  body: string;
  authorName: string;
  at: Date;
};

/** Parses the form's 'YYYY-MM-DDTHH:mm' (sent with the browser's offset appended) or an ISO string; empty = now. */
function contactTime(value: string, now: Date): Date | null {
  if (!value) return now;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  // A contact cannot be logged in the future (a minute of clock skew allowed).
  return d.getTime() > now.getTime() + 60_000 ? null : d;
}

/**
 * Records a call, an email or a note about an order, with its outcome and time. An email is really sent:
 * it goes into the notifications outbox in the same transaction (free text from the manager).
 */
export async function logContact(
  db: Db,
  actor: Actor,
  raw: ContactInput,
  now = new Date(),
): Promise<{ id: number; notificationId: string | null }> {
  assertStaff(actor);
  const input = contactInput.parse(raw);
  const at = contactTime(input.at, now);
  if (!at) throw validationFailed({ at: 'quality.errors.contactTime' });
  return db.transaction(async (tx) => {
    const order = await orderFacts(tx, input.orderId);
    if (!order) throw notFound('errors.orderNotFound');
    let notificationId: string | null = null;
    if (input.kind === 'email') {
      notificationId = await enqueue(tx, { userId: order.clientId }, 'manager_message', {
        subject: input.subject,
        body: input.body,
        orderId: order.id,
        orderNumber: order.number,
      });
      if (!notificationId) throw validationFailed({ body: 'quality.errors.emailNotSent' });
    }
    const [row] = await tx
      .insert(contactLog)
      .values({
        orderId: order.id,
        clientId: order.clientId,
        kind: input.kind,
        outcome: input.kind === 'email' ? 'sent' : input.outcome,
        subject: input.subject,
        body: input.body,
        authorId: actor.id,
        at,
        createdAt: now,
      })
      .returning({ id: contactLog.id });
    await recordAudit(tx, actor, {
      action: `contact.${input.kind}`,
      entity: 'order',
      entityId: order.id,
      after: { number: order.number, outcome: input.outcome, subject: input.subject || undefined, at },
    });
    return { id: row.id, notificationId };
  });
}

/** A contact as staff read it: what, how it went, who wrote it and when. */
const contactColumns = {
  id: contactLog.id,
  kind: contactLog.kind,
  outcome: contactLog.outcome,
  subject: contactLog.subject,
  body: contactLog.body,
  authorName: personName(contactLog.authorId),
  at: contactLog.at,
};

export async function listContacts(db: Db, actor: Actor, orderId: string): Promise<ContactDto[]> {
  assertStaff(actor);
  return db
    .select(contactColumns)
    .from(contactLog)
    .where(eq(contactLog.orderId, orderId))
    .orderBy(desc(contactLog.at), desc(contactLog.id));
}

export type ClientContactDto = ContactDto & { orderId: string; orderNumber: string };

/** The contact log across all of a client's orders (the client record), newest first, keyset-paged on (at, id). */
export async function listContactsForClient(
  db: Db,
  actor: Actor,
  clientId: string,
  cursor?: string,
): Promise<Page<ClientContactDto>> {
  assertStaff(actor);
  const key = decodeCursor(cursor, 2);
  const mine = eq(contactLog.clientId, clientId);
  const [list, [{ n }]] = await Promise.all([
    db
      .select({ ...contactColumns, orderId: sql<string>`${contactLog.orderId}` })
      .from(contactLog)
      // The list shows each contact with its order (every contact logged here has one).
      .where(
        and(
          mine,
          isNotNull(contactLog.orderId),
          afterCursor([contactLog.at, contactLog.id], key, ['timestamptz', 'bigint'], 'desc'),
        ),
      )
      .orderBy(desc(contactLog.at), desc(contactLog.id))
      .limit(PAGE_SIZE + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1` })
        .from(contactLog)
        .where(mine)
        .limit(COUNT_CAP + 1)
        .as('matching'),
    ),
  ]);
  // The page's order numbers in one read through lib/orders (every contact has its order: a foreign key).
  const numbers = await orderNumbers(
    db,
    list.map((r) => r.orderId),
  );
  return toPage(
    list,
    PAGE_SIZE,
    (r) => [r.at.toISOString(), r.id],
    (r) => ({ ...r, orderNumber: numbers.get(r.orderId) ?? '' }),
    cappedCount(n),
  );
}
