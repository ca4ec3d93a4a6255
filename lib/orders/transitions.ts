import type { OrderStatus } from '@/db/schema/orders';
import type { Role } from '@/db/schema/auth';

/**
 * The order state machine as one table. Every change of an order's status (and the few changes that keep
 * the status but matter, such as a reassignment or a reschedule) is one of these named transitions.
 *
 *   pending --match--> assigned --start--> in_progress --finish--> completed
 *      ^  |              |  |                   |                      |
 *      |  +--cancel-->   |  +--decline/unassign-+--> pending           +--review_fail--> failed
 *      |        cancelled <--cancel (before start)                     +--(review confirm keeps completed)
 *      +--reschedule (pending or assigned: back to matching)
 *   assigned|in_progress --fail--> failed (no-show, quality, damage …)
 */
export type ActorKind = Role | 'system';

/** Who may run a transition: a role, and for clients and workers whose order it must be. */
export type Party = 'owner_client' | 'assigned_worker' | 'manager' | 'admin' | 'system';

export type TransitionName =
  'match' | 'reassign' | 'unassign' | 'decline' | 'start' | 'finish' | 'fail' | 'review_fail' | 'cancel' | 'reschedule';

export type TransitionDef = { from: readonly OrderStatus[]; to: OrderStatus; by: readonly Party[] };

export const transitionTable: Record<TransitionName, TransitionDef> = {
  match: { from: ['pending'], to: 'assigned', by: ['system', 'manager', 'admin'] },
  reassign: { from: ['assigned'], to: 'assigned', by: ['system', 'manager', 'admin'] },
  unassign: { from: ['assigned'], to: 'pending', by: ['system', 'manager', 'admin'] },
  decline: { from: ['assigned'], to: 'pending', by: ['assigned_worker'] },
  start: { from: ['assigned'], to: 'in_progress', by: ['assigned_worker'] },
  finish: { from: ['in_progress'], to: 'completed', by: ['assigned_worker'] },
  fail: { from: ['assigned', 'in_progress'], to: 'failed', by: ['system', 'manager', 'admin'] },
  review_fail: { from: ['completed'], to: 'failed', by: ['manager', 'admin'] },
  cancel: { from: ['pending', 'assigned'], to: 'cancelled', by: ['owner_client', 'manager', 'admin', 'system'] },
  // A new time sends an order back to matching, whoever had it.
  reschedule: { from: ['pending', 'assigned'], to: 'pending', by: ['owner_client', 'manager', 'admin'] },
};

export type OrderParties = { clientId: string; workerId: string | null };
export type TransitionActor = { id: string | null; role: ActorKind };

/** The parties an actor is for this order. */
export function partiesOf(actor: TransitionActor, order: OrderParties): Party[] {
  switch (actor.role) {
    case 'system':
      return ['system'];
    case 'admin':
      return ['admin'];
    case 'manager':
      return ['manager'];
    case 'client':
      return actor.id !== null && actor.id === order.clientId ? ['owner_client'] : [];
    case 'worker':
      return actor.id !== null && actor.id === order.workerId ? ['assigned_worker'] : [];
  }
}

export type TransitionCheck = { ok: true; to: OrderStatus } | { ok: false; reason: 'not_allowed' | 'wrong_state' };

/** Pure: may this actor run this transition on an order in this state? */
export function checkTransition(
  name: TransitionName,
  actor: TransitionActor,
  order: OrderParties & { status: OrderStatus },
): TransitionCheck {
  const def = transitionTable[name];
  const parties = partiesOf(actor, order);
  if (!def.by.some((p) => parties.includes(p))) return { ok: false, reason: 'not_allowed' };
  if (!def.from.includes(order.status)) return { ok: false, reason: 'wrong_state' };
  return { ok: true, to: def.to };
}

export const activeStatuses = ['pending', 'assigned', 'in_progress'] as const satisfies readonly OrderStatus[];
export const closedStatuses = ['completed', 'failed', 'cancelled'] as const satisfies readonly OrderStatus[];

/** Whether an actor could run any of these transitions on the order as it stands (what a page offers). */
export function canRunAny(
  actor: TransitionActor,
  order: OrderParties & { status: OrderStatus },
  names: TransitionName[],
) {
  return names.some((name) => checkTransition(name, actor, order).ok);
}
