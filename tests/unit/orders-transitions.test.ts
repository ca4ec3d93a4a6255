import { describe, expect, it } from 'vitest';
import {
  canRunAny,
  checkTransition,
  transitionTable,
  type TransitionActor,
  type TransitionName,
} from '@/lib/orders/transitions';
import type { OrderStatus } from '@/db/schema/orders';

const statuses: OrderStatus[] = ['pending', 'assigned', 'in_progress', 'completed', 'failed', 'cancelled'];
const client = 'c-1';
const worker = 'w-1';
const order = (status: OrderStatus) => ({ status, clientId: client, workerId: status === 'pending' ? null : worker });

// Every actor kind, as the party it is for the order above, plus the outsiders of each role.
const actors: { label: string; actor: TransitionActor; party: string | null }[] = [
  { label: 'owner client', actor: { id: client, role: 'client' }, party: 'owner_client' },
  { label: 'other client', actor: { id: 'c-2', role: 'client' }, party: null },
  { label: 'assigned worker', actor: { id: worker, role: 'worker' }, party: 'assigned_worker' },
  { label: 'other worker', actor: { id: 'w-2', role: 'worker' }, party: null },
  { label: 'manager', actor: { id: 'm-1', role: 'manager' }, party: 'manager' },
  { label: 'admin', actor: { id: 'a-1', role: 'admin' }, party: 'admin' },
  { label: 'system', actor: { id: null, role: 'system' }, party: 'system' },
];

// The expected table, written out independently of transitionTable: [from statuses, to, parties].
const expected: Record<TransitionName, [OrderStatus[], OrderStatus, string[]]> = {
  match: [['pending'], 'assigned', ['system', 'manager', 'admin']],
  reassign: [['assigned'], 'assigned', ['system', 'manager', 'admin']],
  unassign: [['assigned'], 'pending', ['system', 'manager', 'admin']],
  decline: [['assigned'], 'pending', ['assigned_worker']],
  start: [['assigned'], 'in_progress', ['assigned_worker']],
  finish: [['in_progress'], 'completed', ['assigned_worker']],
  fail: [['assigned', 'in_progress'], 'failed', ['system', 'manager', 'admin']],
  review_fail: [['completed'], 'failed', ['manager', 'admin']],
  cancel: [['pending', 'assigned'], 'cancelled', ['owner_client', 'manager', 'admin', 'system']],
  reschedule: [['pending', 'assigned'], 'pending', ['owner_client', 'manager', 'admin']],
};

describe('order transition table', () => {
  it('names exactly the expected transitions', () => {
    expect(Object.keys(transitionTable).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const name of Object.keys(expected) as TransitionName[]) {
    const [from, to, parties] = expected[name];
    describe(name, () => {
      for (const { label, actor, party } of actors) {
        for (const status of statuses) {
          const o = order(status);
          // A worker is party to an order only while assigned to it; a pending order has no worker.
          const mayAct =
            party !== null && parties.includes(party) && (actor.role !== 'worker' || o.workerId === actor.id);
          const inState = from.includes(status);
          const verdict =
            mayAct && inState ? `allowed → ${to}` : mayAct ? 'refused (wrong state)' : 'refused (not allowed)';
          it(`${label} from ${status}: ${verdict}`, () => {
            const result = checkTransition(name, actor, o);
            if (mayAct && inState) expect(result).toEqual({ ok: true, to });
            else if (mayAct) expect(result).toEqual({ ok: false, reason: 'wrong_state' });
            else expect(result).toEqual({ ok: false, reason: 'not_allowed' });
          });
        }
      }
    });
  }

  it('the client cannot cancel an order in progress', () => {
    expect(checkTransition('cancel', { id: client, role: 'client' }, order('in_progress'))).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
  });
});

describe('canRunAny: what a page offers comes from the table', () => {
  const manager: TransitionActor = { id: 'm', role: 'manager' };
  const worker: TransitionActor = { id: 'w', role: 'worker' };
  const order = (status: OrderStatus) => ({ clientId: 'c', workerId: 'w', status });
  const failing: TransitionName[] = ['fail', 'review_fail'];

  it('a manager may fail an order before the work (fail) and after it (review_fail), not otherwise', () => {
    const offered = (['pending', 'assigned', 'in_progress', 'completed', 'failed', 'cancelled'] as const).filter((s) =>
      canRunAny(manager, order(s), failing),
    );
    expect(offered).toEqual(['assigned', 'in_progress', 'completed']);
  });

  it('the assigned worker may not fail their own order', () => {
    expect(canRunAny(worker, order('in_progress'), failing)).toBe(false);
  });
});
