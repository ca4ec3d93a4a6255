import 'server-only';
import type { Db } from '@/db';
import type { OrderRow, PriceLine } from '@/db/schema';
import type { TransitionActor, TransitionName } from './transitions';

/**
 * What a change hands its reactions. Read-only: the transition has written the row, and a reaction that needs
 * the order changed asks lib/orders for it (a transition), never edits what the others will read.
 */
export type OrderChange = Readonly<{
  name: TransitionName;
  before: Readonly<OrderRow>;
  after: Readonly<OrderRow>;
  actor: TransitionActor;
  eventId: number;
  reason: string | null;
  data: Readonly<Record<string, unknown>>;
  at: Date;
}>;

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

/** An order being matched to a worker: whose pay to price, from which lines, at which time's rates. */
export type PayRequest = { orderId: string; serviceId: string; workerId: string; lines: PriceLine[]; at: Date };
export type OrderPay = { lines: PriceLine[]; total: number };
/** The worker's pay for each order of a batch being matched, by order id (lib/finance prices it). */
export type PayPricer = (tx: Db, requests: readonly PayRequest[]) => Promise<Map<string, OrderPay>>;

/**
 * What the rest of the product does when orders change, handed to orders by the composition root
 * (lib/composition) so that orders depends on none of the modules that react to it.
 * - `onChange`: same-transaction reactions to transitions (ledger entries, outbox rows, supply usage,
 *   matching re-queues), run in list order; a throw rolls the whole transition back.
 * - `matchSoon`: after a commit that left orders waiting for a worker (a booking, a reschedule), match them.
 * - `pay`: the worker's pay for the orders a match or reassignment is about to write; the transition stores it
 *   in the same UPDATE as the worker and the price.
 */
export type OrderReactions = {
  onChange: readonly OrderChangeHandler[];
  pay: PayPricer;
  matchSoon: (orderIds: string[]) => void;
};

// On globalThis: Next.js may load this file in more than one bundle of one server process.
const installed = Symbol.for('brigada.orderReactions');
type WithReactions = { [installed]?: OrderReactions };

/** Called once per process by the composition root; a second call replaces the first (hot reload). */
export function installOrderReactions(reactions: OrderReactions): void {
  (globalThis as WithReactions)[installed] = reactions;
}

/**
 * The installed reactions. Without them an order change would silently skip the ledger and the emails, so
 * this refuses loudly instead: every entry point (instrumentation, the CLIs, the test setup) imports
 * lib/composition first.
 */
export function orderReactions(): OrderReactions {
  const reactions = (globalThis as WithReactions)[installed];
  if (!reactions) throw new Error('Order reactions are not installed: import @/lib/composition at process start');
  return reactions;
}

/** Asks for matching of orders left waiting for a worker, after the caller's transaction commits (the reaction). */
export function requestMatching(orderIds: string[]): void {
  if (orderIds.length > 0) orderReactions().matchSoon(orderIds);
}

export async function afterTransitions(tx: Db, changes: readonly OrderChange[]): Promise<void> {
  if (changes.length === 0) return;
  for (const handle of orderReactions().onChange) await handle(tx, changes);
}
