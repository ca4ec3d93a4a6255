import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, users, type OrderRow, type PriceLine } from '@/db/schema';
import type { OrderChangeHandler } from '@/lib/orders';
import type { OrderRef } from '@/emails/define';
import type { KindData, NotificationKind } from '@/emails/registry';
import { enqueue, enqueueToRole } from './enqueue';

type Fresh = Pick<OrderRow, 'id' | 'number' | 'clientId' | 'workerId' | 'scheduledStart' | 'address' | 'accessNotes' | 'currency' | 'estimateLines' | 'estimateTotal' | 'priceTotal' | 'payTotal' | 'cancellationFee' | 'startedAt' | 'finishedAt'> & {
  priceLines: PriceLine[] | null;
  serviceRu: string;
  serviceEn: string;
};

/** The order as it stands now in this transaction: earlier subscribers (finance) may have set pay or fees. */
async function loadOrder(tx: Db, orderId: string): Promise<Fresh> {
  const [row] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      clientId: orders.clientId,
      workerId: orders.workerId,
      scheduledStart: orders.scheduledStart,
      address: orders.address,
      accessNotes: orders.accessNotes,
      currency: orders.currency,
      estimateLines: orders.estimateLines,
      estimateTotal: orders.estimateTotal,
      priceLines: orders.priceLines,
      priceTotal: orders.priceTotal,
      payTotal: orders.payTotal,
      cancellationFee: orders.cancellationFee,
      startedAt: orders.startedAt,
      finishedAt: orders.finishedAt,
      serviceRu: services.nameRu,
      serviceEn: services.nameEn,
    })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(eq(orders.id, orderId));
  return row;
}

function ref(o: Fresh): OrderRef {
  return { id: o.id, number: o.number, service: { ru: o.serviceRu, en: o.serviceEn }, startsAt: o.scheduledStart.toISOString(), address: o.address, currency: o.currency };
}

async function userName(tx: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, id));
  return u?.name ?? null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * The client's and the worker's emails for every order transition, in the transition's transaction.
 *
 * Decisions: a client is not emailed when their worker is taken off (unassign / decline) — matching usually
 * finds a replacement at once and the client then gets "worker matched" with the new name and price; if no
 * one is found in time, managers get "order unmatched" and call the client. A reassignment does tell the
 * client (new name, price for the new worker's grade). A client who cancels or reschedules gets the email
 * too: it confirms the fee and the new time in writing.
 */
export const notificationsOnOrderChange: OrderChangeHandler = async (tx, change) => {
  const o = await loadOrder(tx, change.after.id);
  const order = ref(o);
  const keyOf = (kind: NotificationKind, who: string) => ({ idempotencyKey: `order-event:${change.eventId}:${kind}:${who}` });
  const toClient = <K extends NotificationKind>(kind: K, data: KindData<K>) => enqueue(tx, { userId: o.clientId }, kind, data, keyOf(kind, o.clientId));
  const toWorker = <K extends NotificationKind>(workerId: string | null, kind: K, data: KindData<K>) =>
    workerId ? enqueue(tx, { userId: workerId }, kind, data, keyOf(kind, workerId)) : Promise.resolve(null);
  const taskChanged = (workerId: string | null, kind: KindData<'task_changed'>['change']) =>
    toWorker(workerId, 'task_changed', { order, change: kind, reason: change.reason, previousStartsAt: change.before.scheduledStart.toISOString() });
  const matched = async () => {
    await toClient('worker_matched', {
      order,
      workerName: (await userName(tx, o.workerId)) ?? '—',
      priceLines: o.priceLines ?? o.estimateLines,
      priceTotal: o.priceTotal ?? o.estimateTotal,
    });
    await toWorker(o.workerId, 'task_assigned', { order, accessNotes: o.accessNotes, payTotal: o.payTotal });
  };

  switch (change.name) {
    case 'match':
      await matched();
      break;
    case 'reassign':
      if (change.before.workerId !== o.workerId) await taskChanged(change.before.workerId, 'reassigned');
      await matched();
      break;
    case 'unassign':
      await taskChanged(change.before.workerId, 'unassigned');
      break;
    case 'decline':
      await taskChanged(change.before.workerId, 'declined');
      break;
    case 'start':
      await toClient('work_started', { order, workerName: (await userName(tx, o.workerId)) ?? '—', startedAt: (o.startedAt ?? change.at).toISOString() });
      break;
    case 'finish':
      await toClient('work_finished', { order, finishedAt: (o.finishedAt ?? change.at).toISOString(), priceTotal: o.priceTotal });
      break;
    case 'fail':
    case 'review_fail':
      await toClient('order_failed', { order, reason: change.reason });
      await enqueueToRole(
        tx,
        'manager',
        'order_failed_manager',
        { order, reason: change.reason, reasonCode: text(change.data.reasonCode), workerName: await userName(tx, o.workerId ?? change.before.workerId) },
        { idempotencyKey: `order-event:${change.eventId}:order_failed_manager` },
      );
      break;
    case 'cancel':
      await toClient('order_cancelled', { order, by: change.actor.role === 'client' ? 'client' : 'company', reason: change.reason, fee: o.cancellationFee });
      await taskChanged(change.before.workerId, 'cancelled');
      break;
    case 'reschedule':
      await toClient('order_rescheduled', { order, previousStartsAt: change.before.scheduledStart.toISOString() });
      await taskChanged(change.before.workerId, 'rescheduled');
      break;
  }
};

/** For lib/orders createOrder: the client's "order received" email, in the order's transaction. */
export async function notifyOrderCreated(tx: Db, created: { id: string }): Promise<void> {
  const o = await loadOrder(tx, created.id);
  await enqueue(tx, { userId: o.clientId }, 'order_received', { order: ref(o), estimateTotal: o.estimateTotal }, { idempotencyKey: `order-created:${o.id}` });
}
