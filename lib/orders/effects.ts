import 'server-only';
import type { Db } from '@/db';
import type { OrderRow } from '@/db/schema';
import type { TransitionActor, TransitionName } from './transitions';

export type OrderChange = {
  name: TransitionName;
  before: OrderRow;
  after: OrderRow;
  actor: TransitionActor;
  eventId: number;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
};

/**
 * Reacts to the order changes one transaction commits: usually one, several when a dispatch commits a
 * batch of matches together (transitionOrders). Each change is a different order; a handler that has
 * nothing to gain from seeing them together wraps a per-change function in `eachChange`.
 */
export type OrderChangeHandler = (tx: Db, changes: readonly OrderChange[]) => Promise<void>;

export const eachChange =
  (handle: (tx: Db, change: OrderChange) => Promise<void>): OrderChangeHandler =>
  async (tx, changes) => {
    for (const change of changes) await handle(tx, change);
  };

/**
 * Other modules react to order transitions inside the same transaction (ledger entries, outbox rows,
 * supply usage, matching re-queues). The subscribers are listed statically in subscribers.ts — not
 * registered at import time — so no route can run a transition without them. They run in list order,
 * and a throw rolls the whole transition back.
 */
export async function afterTransitions(tx: Db, changes: readonly OrderChange[]): Promise<void> {
  if (changes.length === 0) return;
  const { orderSubscribers } = await import('./subscribers');
  for (const handle of orderSubscribers) await handle(tx, changes);
}
