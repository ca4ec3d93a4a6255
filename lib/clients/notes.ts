import 'server-only';
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientStaffNotes, orders } from '@/db/schema';
import { isStaff, assertStaff, type Actor } from '@/lib/actor';
import { account, personName } from '@/lib/auth';
import { recordAudit } from '@/lib/audit';
import { afterCursor, countUpTo, decodeCursor, exactTime, toPage, type Page } from '@/lib/paging';
import { notFound, validationFailed } from '@/lib/errors';
import { archiveNoteInput, staffNoteInput, type ArchiveNoteInput, type StaffNoteInput } from './schemas';

export type StaffNoteDto = {
  id: string;
  kind: 'permanent' | 'one_off';
  body: string;
  orderId: string | null;
  orderNumber: string | null;
  authorName: string | null;
  createdAt: Date;
};

async function assertClient(tx: Db, clientId: string): Promise<void> {
  if ((await account(tx, clientId))?.role !== 'client') throw notFound('clients.errors.notFound');
}

/**
 * Staff write a note about a client. A permanent note travels to every order of the client (staff and the
 * worker see it on the order); a one-off note belongs to one of the client's orders. Never shown to the client.
 */
export async function addStaffNote(
  db: Db,
  actor: Actor,
  raw: StaffNoteInput,
  now = new Date(),
): Promise<{ id: string }> {
  assertStaff(actor);
  const input = staffNoteInput.parse(raw);
  return db.transaction(async (tx) => {
    await assertClient(tx, input.clientId);
    let orderNumber: string | null = null;
    if (input.kind === 'one_off') {
      const [order] = await tx
        .select({ number: orders.number })
        .from(orders)
        .where(and(eq(orders.id, input.orderId), eq(orders.clientId, input.clientId)));
      if (!order) throw validationFailed({ orderId: 'clients.errors.noteOrderRequired' });
      orderNumber = order.number;
    }
    const [row] = await tx
      .insert(clientStaffNotes)
      .values({
        clientId: input.clientId,
        kind: input.kind,
        orderId: input.kind === 'one_off' ? input.orderId : null,
        body: input.body,
        authorId: actor.id,
        createdAt: now,
      })
      .returning({ id: clientStaffNotes.id });
    await recordAudit(tx, actor, {
      action: 'client.note_add',
      entity: 'client',
      entityId: input.clientId,
      after: { noteId: row.id, kind: input.kind, orderNumber, body: input.body },
    });
    return row;
  });
}

/** Removes a note from the record and from the orders it travels to; the row stays (archived) for the audit. */
export async function archiveStaffNote(db: Db, actor: Actor, raw: ArchiveNoteInput, now = new Date()): Promise<void> {
  assertStaff(actor);
  const input = archiveNoteInput.parse(raw);
  await db.transaction(async (tx) => {
    const [note] = await tx
      .update(clientStaffNotes)
      .set({ archivedAt: now })
      .where(and(eq(clientStaffNotes.id, input.noteId), isNull(clientStaffNotes.archivedAt)))
      .returning({ clientId: clientStaffNotes.clientId, kind: clientStaffNotes.kind, body: clientStaffNotes.body });
    if (!note) throw notFound('clients.errors.noteNotFound');
    await recordAudit(tx, actor, {
      action: 'client.note_remove',
      entity: 'client',
      entityId: note.clientId,
      before: { noteId: input.noteId, kind: note.kind, body: note.body },
      after: null,
    });
  });
}

function noteColumns() {
  return {
    id: clientStaffNotes.id,
    kind: clientStaffNotes.kind,
    body: clientStaffNotes.body,
    orderId: clientStaffNotes.orderId,
    orderNumber: orders.number,
    authorName: personName(clientStaffNotes.authorId),
    createdAt: clientStaffNotes.createdAt,
  };
}

/**
 * Every note on the client's record (permanent and one-off), newest first, keyset-paged on (created_at, id)
 * with their count. Staff only.
 */
export async function listStaffNotes(
  db: Db,
  actor: Actor,
  clientId: string,
  cursor?: string,
  limit = 20,
): Promise<Page<StaffNoteDto>> {
  assertStaff(actor);
  const where = and(eq(clientStaffNotes.clientId, clientId), isNull(clientStaffNotes.archivedAt));
  const key = decodeCursor(cursor, 2);
  const [found, n] = await Promise.all([
    db
      .select({ ...noteColumns(), createdKey: exactTime(clientStaffNotes.createdAt) })
      .from(clientStaffNotes)
      .leftJoin(orders, eq(orders.id, clientStaffNotes.orderId))
      .where(
        and(
          where,
          afterCursor([clientStaffNotes.createdAt, clientStaffNotes.id], key, ['timestamptz', 'uuid'], 'desc'),
        ),
      )
      .orderBy(desc(clientStaffNotes.createdAt), desc(clientStaffNotes.id))
      .limit(limit + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(clientStaffNotes)
        .where(where),
    ),
  ]);
  return toPage(
    found,
    limit,
    (r) => [r.createdKey, r.id],
    ({ createdKey: _key, ...r }) => r,
    n,
  );
}

/**
 * The notes that go with one order: the client's permanent notes and the one-offs for this order. Staff, and
 * the worker assigned to the order, may read them; anyone else (the client above all) gets NotFound.
 */
export async function staffNotesForOrder(db: Db, actor: Actor, orderId: string): Promise<StaffNoteDto[]> {
  const [order] = await db
    .select({ clientId: orders.clientId, workerId: orders.workerId })
    .from(orders)
    .where(eq(orders.id, orderId));
  const allowed = isStaff(actor) || (actor.role === 'worker' && order?.workerId === actor.id);
  if (!order || !allowed) throw notFound('clients.errors.noteNotFound');
  return db
    .select(noteColumns())
    .from(clientStaffNotes)
    .leftJoin(orders, eq(orders.id, clientStaffNotes.orderId))
    .where(
      and(
        eq(clientStaffNotes.clientId, order.clientId),
        isNull(clientStaffNotes.archivedAt),
        or(eq(clientStaffNotes.kind, 'permanent'), eq(clientStaffNotes.orderId, orderId)),
      ),
    )
    .orderBy(desc(clientStaffNotes.createdAt))
    .limit(50);
}
