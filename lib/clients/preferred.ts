import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientPreferredWorkers } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { accounts, personName } from '@/lib/auth';
import { recordAudit } from '@/lib/audit';
import { notFound, validationFailed } from '@/lib/errors';
import {
  preferredWorkerInput,
  removePreferredInput,
  type PreferredWorkerInput,
  type RemovePreferredInput,
} from './schemas';

export type PreferredWorkerDto = { workerId: string; workerName: string; note: string; createdAt: Date };

/**
 * Staff record that a client asks for a worker again. Shown on the client record and next to the manual
 * assignment of the client's orders. Adding the same worker again replaces the note.
 */
export async function addPreferredWorker(db: Db, actor: Actor, raw: PreferredWorkerInput, now = new Date()) {
  assertStaff(actor);
  const input = preferredWorkerInput.parse(raw);
  await db.transaction(async (tx) => {
    const people = await accounts(tx, [input.clientId, input.workerId]);
    const roleOf = (id: string) => people.get(id)?.role;
    if (roleOf(input.clientId) !== 'client') throw notFound('clients.errors.notFound');
    if (roleOf(input.workerId) !== 'worker') throw validationFailed({ workerId: 'clients.errors.workerRequired' });
    await tx
      .insert(clientPreferredWorkers)
      .values({
        clientId: input.clientId,
        workerId: input.workerId,
        note: input.note,
        createdBy: actor.id,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [clientPreferredWorkers.clientId, clientPreferredWorkers.workerId],
        set: { note: input.note, createdBy: actor.id },
      });
    await recordAudit(tx, actor, {
      action: 'client.prefer_worker',
      entity: 'client',
      entityId: input.clientId,
      after: { workerId: input.workerId, note: input.note },
    });
  });
}

export async function removePreferredWorker(db: Db, actor: Actor, raw: RemovePreferredInput): Promise<void> {
  assertStaff(actor);
  const input = removePreferredInput.parse(raw);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(clientPreferredWorkers)
      .where(
        and(eq(clientPreferredWorkers.clientId, input.clientId), eq(clientPreferredWorkers.workerId, input.workerId)),
      )
      .returning({ note: clientPreferredWorkers.note });
    if (!removed) throw notFound('clients.errors.preferredNotFound');
    await recordAudit(tx, actor, {
      action: 'client.unprefer_worker',
      entity: 'client',
      entityId: input.clientId,
      before: { workerId: input.workerId, note: removed.note },
      after: null,
    });
  });
}

export async function listPreferredWorkers(db: Db, actor: Actor, clientId: string): Promise<PreferredWorkerDto[]> {
  assertStaff(actor);
  return db
    .select({
      workerId: clientPreferredWorkers.workerId,
      workerName: personName(clientPreferredWorkers.workerId),
      note: clientPreferredWorkers.note,
      createdAt: clientPreferredWorkers.createdAt,
    })
    .from(clientPreferredWorkers)
    .where(eq(clientPreferredWorkers.clientId, clientId))
    .orderBy(asc(personName(clientPreferredWorkers.workerId)));
}

/**
 * The preferred workers of each of these clients (clients without any are absent), for matching's cost. A
 * read for the system, not for a person: it returns ids only.
 */
export async function preferredWorkersOf(db: Db, clientIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (clientIds.length === 0) return out;
  const rows = await db
    .select({ clientId: clientPreferredWorkers.clientId, workerId: clientPreferredWorkers.workerId })
    .from(clientPreferredWorkers)
    .where(inArray(clientPreferredWorkers.clientId, [...clientIds]));
  for (const r of rows) {
    const set = out.get(r.clientId);
    if (set) set.add(r.workerId);
    else out.set(r.clientId, new Set([r.workerId]));
  }
  return out;
}
