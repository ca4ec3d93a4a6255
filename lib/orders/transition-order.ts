import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderEvents, orders, type OrderRow, type OrderStatus } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { DomainError, notFound } from '@/lib/errors';
import { checkTransition, type TransitionActor, type TransitionName } from './transitions';
import { afterTransition, type OrderChange } from './effects';

export const systemActor: TransitionActor = { id: null, role: 'system' };

export type TransitionOptions = {
  reason?: string;
  /** Extra facts for the event (e.g. the decline reason code, the late flag, matching explanation id). */
  data?: Record<string, unknown>;
  /** Columns the transition changes besides status (worker, times, price). */
  set?: Partial<Pick<typeof orders.$inferInsert, 'workerId' | 'scheduledStart' | 'scheduledEnd' | 'priceTotal'>> & Record<string, unknown>;
  /** Overrides the event's time (tests; imports). */
  at?: Date;
};

function asTransitionActor(actor: Actor | TransitionActor): TransitionActor {
  return { id: actor.id, role: actor.role };
}

/**
 * Runs a named transition on an order: locks the row, checks the transition table and the actor, writes
 * the new status and an order event, and lets other modules react — all in one transaction (the caller's,
 * when given one). A client or worker who is not party to the order gets NotFound, never a hint it exists.
 */
export async function transitionOrder(db: Db, actor: Actor | TransitionActor, orderId: string, name: TransitionName, opts: TransitionOptions = {}): Promise<OrderChange> {
  const who = asTransitionActor(actor);
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) throw notFound('errors.orderNotFound');
    const check = checkTransition(name, who, order);
    if (!check.ok) {
      const outsider = (who.role === 'client' && order.clientId !== who.id) || (who.role === 'worker' && order.workerId !== who.id);
      if (outsider) throw notFound('errors.orderNotFound');
      if (check.reason === 'not_allowed') throw new DomainError('forbidden', 'errors.transitionForbidden');
      throw new DomainError('invalid_transition', `errors.transition.${name}.${order.status}`);
    }
    const at = opts.at ?? new Date();
    const to: OrderStatus = check.to;
    const set = opts.set ?? {};
    const [updated] = await tx
      .update(orders)
      .set({ ...set, status: to, updatedAt: at, version: sql`${orders.version} + 1` })
      .where(eq(orders.id, orderId))
      .returning();
    const [event] = await tx
      .insert(orderEvents)
      .values({ orderId, fromStatus: order.status, toStatus: to, kind: name, actorId: who.id, actorRole: who.role === 'system' ? null : who.role, reason: opts.reason ?? null, data: opts.data ?? {}, at })
      .returning({ id: orderEvents.id });
    const change: OrderChange = { name, before: order, after: updated as OrderRow, actor: who, eventId: event.id, reason: opts.reason ?? null, data: opts.data ?? {}, at };
    await afterTransition(tx, change);
    return change;
  });
}
