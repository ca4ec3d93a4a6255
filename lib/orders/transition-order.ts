import 'server-only';
import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { orderEvents, orders, type OrderRow, type OrderStatus, type PriceLine } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { DomainError, notFound } from '@/lib/errors';
import { checkTransition, type TransitionActor, type TransitionName } from './transitions';
import { afterTransitions, orderReactions, type OrderChange, type OrderPay } from './effects';

export const systemActor: TransitionActor = { id: null, role: 'system' };

export type TransitionOptions = {
  reason?: string;
  /** Extra facts for the event (e.g. the decline reason code, the late flag, matching explanation id). */
  data?: Record<string, unknown>;
  /** Columns the transition changes besides status (worker, times, price). */
  set?: Partial<Pick<typeof orders.$inferInsert, 'workerId' | 'scheduledStart' | 'scheduledEnd' | 'priceTotal'>> &
    Record<string, unknown>;
  /** Overrides the event's time (tests; imports). */
  at?: Date;
  /**
   * A match or reassignment: the lines the worker's pay is priced from when they are not the order's price (a
   * free re-do costs the client nothing, but its worker is paid for the work). Else the pay is priced from the
   * price lines the transition writes (or the estimate's).
   */
  payBasis?: PriceLine[];
};

/**
 * One order of a batch transition, with what changes on it. `at` and `actor` default to the batch's; an item
 * of its own is a confirmation that happened at its own time or by its own worker (a day's starts of many
 * workers committed together).
 */
export type TransitionItem = TransitionOptions & { orderId: string; actor?: Actor | TransitionActor };

function asTransitionActor(actor: Actor | TransitionActor): TransitionActor {
  return { id: actor.id, role: actor.role };
}

/**
 * Runs a named transition on an order: locks the row, checks the transition table and the actor, writes
 * the new status and an order event, and lets other modules react — all in one transaction (the caller's,
 * when given one). A client or worker who is not party to the order gets NotFound, never a hint it exists.
 */
export async function transitionOrder(
  db: Db,
  actor: Actor | TransitionActor,
  orderId: string,
  name: TransitionName,
  opts: TransitionOptions = {},
): Promise<OrderChange> {
  const [change] = await transitionOrders(db, actor, name, [{ ...opts, orderId }]);
  return change;
}

type Step = { item: TransitionItem; before: OrderRow; to: OrderStatus; at: Date };

/** Transitions that take the order from its worker (or move it back to matching): the pay priced for them goes. */
const clearsPay = new Set<TransitionName>(['unassign', 'decline', 'reschedule']);

/**
 * Adds the worker's pay to what each step writes: priced (by the installed pay function, lib/finance's) for a
 * match or reassignment, from the worker and lines the row will have; cleared when the worker is taken off.
 */
async function withPay(tx: Db, name: TransitionName, steps: readonly Step[]): Promise<Step[]> {
  if (clearsPay.has(name))
    return steps.map((s) => ({ ...s, item: { ...s.item, set: { ...s.item.set, payLines: null, payTotal: null } } }));
  if (name !== 'match' && name !== 'reassign') return [...steps];
  const requests = steps.flatMap(({ item, before, at }) => {
    const after = { ...before, ...item.set } as OrderRow;
    if (after.workerId === null) return [];
    const lines = item.payBasis ?? after.priceLines ?? after.estimateLines;
    return [{ orderId: item.orderId, serviceId: after.serviceId, workerId: after.workerId, lines, at }];
  });
  const pays = requests.length ? await orderReactions().pay(tx, requests) : new Map<string, OrderPay>();
  return steps.map((s) => {
    const pay = pays.get(s.item.orderId);
    return pay ? { ...s, item: { ...s.item, set: { ...s.item.set, payLines: pay.lines, payTotal: pay.total } } } : s;
  });
}

/** Columns whose values survive a trip through JSON as they are (dates as ISO strings). */
const jsonSafe = new Set(['string', 'number', 'boolean', 'date', 'json']);

/**
 * Writes each step's new status and columns. Several orders changing the same columns take one UPDATE from
 * a JSON recordset (a dispatch batch's 50 matches: one statement, not 50); anything else one UPDATE each.
 */
async function writeSteps(tx: Db, steps: readonly Step[]): Promise<Map<string, OrderRow>> {
  const common = { version: sql`${orders.version} + 1` };
  const keys = Object.keys(steps[0].item.set ?? {}).sort();
  const columns = getTableColumns(orders) as Record<string, PgColumn>;
  const sameShape = steps.every(
    (s) =>
      Object.keys(s.item.set ?? {})
        .sort()
        .join() === keys.join(),
  );
  if (steps.length === 1 || !sameShape || !keys.every((k) => columns[k] && jsonSafe.has(columns[k].dataType))) {
    const out = new Map<string, OrderRow>();
    for (const { item, to, at } of steps) {
      const [row] = await tx
        .update(orders)
        .set({ ...item.set, ...common, updatedAt: at, status: to })
        .where(eq(orders.id, item.orderId))
        .returning();
      out.set(row.id, row as OrderRow);
    }
    return out;
  }
  const records = JSON.stringify(
    steps.map(({ item, to, at }) => ({ ...item.set, id: item.orderId, status: to, updatedAt: at })),
  );
  const field = (key: string) => {
    const column = columns[key];
    // JSON null is SQL NULL for a jsonb column too.
    return column.dataType === 'json'
      ? sql`nullif(v.r -> ${key}, 'null'::jsonb)`
      : sql`(v.r ->> ${key})::${sql.raw(column.getSQLType())}`;
  };
  const set = {
    ...Object.fromEntries(keys.map((k) => [k, field(k)])),
    ...common,
    updatedAt: field('updatedAt'),
    status: field('status'),
  } as PgUpdateSetSource<typeof orders>;
  const rows = await tx
    .update(orders)
    .set(set)
    .from(sql`jsonb_array_elements(${records}::jsonb) as v(r)`)
    .where(eq(orders.id, sql`(v.r ->> 'id')::uuid`))
    .returning(columns as typeof orders._.columns);
  return new Map(rows.map((r) => [r.id, r as OrderRow]));
}

/**
 * The same transition on several orders in one transaction, all or nothing: the first order that may not
 * take it throws (as transitionOrder would) and nothing is written. The rows are locked in id order, so two
 * batches never wait on each other in a cycle; the subscribers see all the changes at once, which lets
 * them read and write set-wise (a dispatch commits its matches this way). Each item is checked against its
 * own actor when it names one (else the batch's), and happens at its own `at` (else `opts.at`, else now).
 */
export async function transitionOrders(
  db: Db,
  actor: Actor | TransitionActor,
  name: TransitionName,
  items: readonly TransitionItem[],
  opts: { at?: Date } = {},
): Promise<OrderChange[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.orderId);
  if (new Set(ids).size !== ids.length) throw new RangeError('transitionOrders: an order appears twice in one batch');
  const batchActor = asTransitionActor(actor);
  return db.transaction(async (tx) => {
    const locked = await tx
      .select()
      .from(orders)
      .where(ids.length === 1 ? eq(orders.id, ids[0]) : inArray(orders.id, ids))
      .orderBy(asc(orders.id))
      .for('update');
    const byId = new Map(locked.map((o) => [o.id, o]));
    const now = new Date();
    const steps = items.map((item) => {
      const who = item.actor ? asTransitionActor(item.actor) : batchActor;
      const order = byId.get(item.orderId);
      if (!order) throw notFound('errors.orderNotFound');
      const check = checkTransition(name, who, order);
      if (!check.ok) {
        const outsider =
          (who.role === 'client' && order.clientId !== who.id) || (who.role === 'worker' && order.workerId !== who.id);
        if (outsider) throw notFound('errors.orderNotFound');
        if (check.reason === 'not_allowed') throw new DomainError('forbidden', 'errors.transitionForbidden');
        throw new DomainError(
          'invalid_transition',
          `errors.transition.${name}.${order.status}`,
          {},
          `order ${order.id}`,
        );
      }
      return { item, who, before: order, to: check.to, at: item.at ?? opts.at ?? now };
    });
    const updated = await writeSteps(tx, await withPay(tx, name, steps));
    const events = await tx
      .insert(orderEvents)
      .values(
        steps.map(({ item, who, before, to, at }) => ({
          orderId: item.orderId,
          fromStatus: before.status,
          toStatus: to,
          kind: name,
          actorId: who.id,
          actorRole: who.role === 'system' ? null : who.role,
          reason: item.reason ?? null,
          data: item.data ?? {},
          at,
        })),
      )
      .returning({ id: orderEvents.id, orderId: orderEvents.orderId });
    const eventOf = new Map(events.map((e) => [e.orderId, e.id]));
    const changes: OrderChange[] = steps.map(({ item, who, before, at }) => ({
      name,
      before,
      after: updated.get(item.orderId)!,
      actor: who,
      eventId: eventOf.get(item.orderId)!,
      reason: item.reason ?? null,
      data: item.data ?? {},
      at,
    }));
    await afterTransitions(tx, changes);
    return changes;
  });
}
