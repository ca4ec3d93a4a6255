import 'server-only';
import type { Db } from '@/db';
import { orderEvents } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { conflict, notFound } from '@/lib/errors';
import { lockOrderRows } from './queries';

/**
 * A manager's confirmations of completed orders on their timelines ('review_confirm', completed → completed),
 * each at its own time. Not a transition: the status stays and nothing reacts (the order is billed and paid as
 * it is). Written here, since lib/orders writes every order event, in the caller's transaction (lib/quality's
 * confirmOrders, which stores the reviews themselves): the orders are locked in id order, each must still be
 * completed, and the events are one insert.
 */
export async function recordReviewsConfirmed(
  tx: Db,
  actor: Actor,
  items: readonly { orderId: string; note: string | null; at: Date }[],
): Promise<void> {
  if (items.length === 0) return;
  const locked = new Map(
    (
      await lockOrderRows(
        tx,
        items.map((i) => i.orderId),
      )
    ).map((o) => [o.id, o]),
  );
  for (const { orderId } of items) {
    const order = locked.get(orderId);
    if (!order) throw notFound('errors.orderNotFound');
    if (order.status !== 'completed') throw conflict('quality.errors.notCompleted');
  }
  await tx.insert(orderEvents).values(
    items.map((i) => ({
      orderId: i.orderId,
      fromStatus: 'completed' as const,
      toStatus: 'completed' as const,
      kind: 'review_confirm',
      actorId: actor.id,
      actorRole: actor.role,
      reason: i.note,
      at: i.at,
    })),
  );
}
