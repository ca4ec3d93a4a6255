import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientBlockedWorkers } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertStaff, type Actor } from '@/lib/actor';
import { accounts, personName } from '@/lib/auth';
import { notFound, validationFailed } from '@/lib/errors';
import { requestMatching } from '@/lib/orders';
import { releaseFutureOrders } from '@/lib/workers';
import { lockWorker } from './dispatch';
import { blockWorkerInput, unblockWorkerInput, type BlockWorkerInput, type UnblockWorkerInput } from './schemas';

/** The order event's reason code when a block takes a worker off a client's orders. */
export const CLIENT_BLOCKED_WORKER = 'client_blocked_worker';

export type BlockedWorkerDto = {
  workerId: string;
  workerName: string;
  reason: string;
  blockedById: string | null;
  blockedByName: string | null;
  blockedAt: Date;
};

export type BlockResult = {
  /** False when the worker was already blocked for this client (the reason was replaced). */
  created: boolean;
  /** The client's future orders taken off the worker; matching looks for someone else after the commit. */
  unassigned: string[];
};

/** The ids must name a client and a worker; anything else is a form error on the field, not a 500 from a foreign key. */
async function assertParties(tx: Db, clientId: string, workerId: string): Promise<void> {
  const people = await accounts(tx, [clientId, workerId]);
  const roleOf = (id: string) => people.get(id)?.role;
  if (roleOf(clientId) !== 'client')
    throw validationFailed({ clientId: 'matching.errors.notAClient' }, 'matching.errors.notAClient');
  if (roleOf(workerId) !== 'worker')
    throw validationFailed({ workerId: 'matching.errors.notAWorker' }, 'matching.errors.notAWorker');
}

/**
 * A manager blocks a worker for a client: matching never offers that worker to the client again (eligibility
 * reads the block), and every future order of the client the worker holds but has not started goes back to
 * matching with an 'unassign' event, in the same transaction. Orders in progress stay with the worker: the
 * work has begun and is finished first. Blocking again keeps the one row (the primary key is the pair) and
 * replaces the reason and who set it; the block's date stays the first one. Returns the orders to re-match.
 */
export async function blockWorkerForClient(
  db: Db,
  actor: Actor,
  raw: BlockWorkerInput,
  now = new Date(),
): Promise<BlockResult> {
  assertStaff(actor);
  const input = blockWorkerInput.parse(raw);
  const result = await db.transaction(async (tx) => {
    await assertParties(tx, input.clientId, input.workerId);
    // Worker first, then orders (the order dispatch and lib/workers lock in): an assignment of this worker
    // being committed right now finishes first and is then seen, and unassigned, below.
    await lockWorker(tx, input.workerId);
    const pair = and(
      eq(clientBlockedWorkers.clientId, input.clientId),
      eq(clientBlockedWorkers.workerId, input.workerId),
    );
    const [before] = await tx.select({ reason: clientBlockedWorkers.reason }).from(clientBlockedWorkers).where(pair);
    await tx
      .insert(clientBlockedWorkers)
      .values({
        clientId: input.clientId,
        workerId: input.workerId,
        reason: input.reason,
        createdBy: actor.id,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [clientBlockedWorkers.clientId, clientBlockedWorkers.workerId],
        set: { reason: input.reason, createdBy: actor.id },
      });
    const unassigned = await releaseFutureOrders(tx, actor, input.workerId, CLIENT_BLOCKED_WORKER, now, {
      clientId: input.clientId,
    });
    await recordAudit(tx, actor, {
      action: 'client.block_worker',
      entity: 'client',
      entityId: input.clientId,
      // No `before`: recordAudit would then keep only the changed keys and drop the worker's id.
      after: { workerId: input.workerId, reason: input.reason, previousReason: before?.reason ?? null, unassigned },
    });
    return { created: !before, unassigned };
  });
  // The client's orders the worker lost are pending again: matching finds someone else after the commit, and
  // eligibility already sees the block.
  requestMatching(result.unassigned);
  return result;
}

/** Lifts a block: the worker is eligible for the client's orders again from the next dispatch on. */
export async function unblockWorkerForClient(db: Db, actor: Actor, raw: UnblockWorkerInput): Promise<void> {
  assertStaff(actor);
  const input = unblockWorkerInput.parse(raw);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(clientBlockedWorkers)
      .where(and(eq(clientBlockedWorkers.clientId, input.clientId), eq(clientBlockedWorkers.workerId, input.workerId)))
      .returning({ reason: clientBlockedWorkers.reason });
    if (!removed) throw notFound('matching.errors.blockNotFound');
    await recordAudit(tx, actor, {
      action: 'client.unblock_worker',
      entity: 'client',
      entityId: input.clientId,
      before: { workerId: input.workerId, reason: removed.reason },
      after: null,
    });
  });
}

/** The workers a client has blocked, newest first, with the reason and the manager who blocked them. */
export async function listBlocksForClient(db: Db, actor: Actor, clientId: string): Promise<BlockedWorkerDto[]> {
  assertStaff(actor);
  return db
    .select({
      workerId: clientBlockedWorkers.workerId,
      workerName: personName(clientBlockedWorkers.workerId),
      reason: clientBlockedWorkers.reason,
      blockedById: clientBlockedWorkers.createdBy,
      blockedByName: personName(clientBlockedWorkers.createdBy),
      blockedAt: clientBlockedWorkers.createdAt,
    })
    .from(clientBlockedWorkers)
    .where(eq(clientBlockedWorkers.clientId, clientId))
    .orderBy(desc(clientBlockedWorkers.createdAt), asc(personName(clientBlockedWorkers.workerId)));
}
