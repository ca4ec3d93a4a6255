import 'server-only';
import type { Db } from '@/db';
import { orderEvents } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { conflict } from '@/lib/errors';
import { lockOrderRow } from './queries';

/**
 * A manager's confirmation of a completed order on its timeline ('review_confirm', completed → completed). Not
 * a transition: the status stays and nothing reacts (the order is billed and paid as it is). Written here,
 * since lib/orders writes every order event, in the caller's transaction (lib/quality's confirmOrder, which
 * stores the review itself).
 */
export async function recordReviewConfirmed(
  tx: Db,
  actor: Actor,
  orderId: string,
  opts: { note: string | null; at: Date },
): Promise<void> {
  const order = await lockOrderRow(tx, orderId);
  if (order.status !== 'completed') throw conflict('quality.errors.notCompleted');
  await tx.insert(orderEvents).values({
    orderId,
    fromStatus: 'completed',
    toStatus: 'completed',
    kind: 'review_confirm',
    actorId: actor.id,
    actorRole: actor.role,
    reason: opts.note,
    at: opts.at,
  });
}
