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

export type OrderChangeHandler = (tx: Db, change: OrderChange) => Promise<void>;

/**
 * Other modules react to order transitions inside the same transaction (ledger entries, outbox rows,
 * supply usage, matching re-queues). The subscribers are listed statically in subscribers.ts — not
 * registered at import time — so no route can run a transition without them. They run in list order,
 * and a throw rolls the whole transition back.
 */
export async function afterTransition(tx: Db, change: OrderChange): Promise<void> {
  const { orderSubscribers } = await import('./subscribers');
  for (const handle of orderSubscribers) await handle(tx, change);
}
