import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, type OrderRow, type PriceLine } from '@/db/schema';
import type { ServiceExtra } from '@/db/schema/catalog';
import { orderScope } from './scope';
import type { OrderChangeHandler } from './effects';
import type { OrderRef } from '@/emails/define';
import type { KindData, NotificationKind } from '@/emails/registry';
import { enqueue, enqueueMany, enqueueToRole, type EmailContent, type EnqueueItem } from '@/lib/notifications';
import { accounts } from '@/lib/auth';

type Fresh = Pick<
  OrderRow,
  | 'id'
  | 'number'
  | 'clientId'
  | 'workerId'
  | 'scheduledStart'
  | 'address'
  | 'accessNotes'
  | 'currency'
  | 'estimateLines'
  | 'estimateTotal'
  | 'priceTotal'
  | 'priceCap'
  | 'priceConsent'
  | 'payTotal'
  | 'cancellationFee'
  | 'startedAt'
  | 'finishedAt'
> & {
  priceLines: PriceLine[] | null;
  serviceRu: string;
  serviceEn: string;
  options: Record<string, unknown>;
  serviceExtras: ServiceExtra[];
};

/** The orders as they stand now in this transaction: earlier subscribers (finance) may have set pay or fees. */
async function loadOrders(tx: Db, orderIds: readonly string[]): Promise<Map<string, Fresh>> {
  const rows = await tx
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
      priceCap: orders.priceCap,
      priceConsent: orders.priceConsent,
      payTotal: orders.payTotal,
      cancellationFee: orders.cancellationFee,
      startedAt: orders.startedAt,
      finishedAt: orders.finishedAt,
      serviceRu: services.nameRu,
      serviceEn: services.nameEn,
      options: orders.options,
      serviceExtras: services.extras,
    })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(orderIds.length === 1 ? eq(orders.id, orderIds[0]) : inArray(orders.id, [...orderIds]));
  return new Map(rows.map((r) => [r.id, r]));
}

function ref(o: Fresh): OrderRef {
  return {
    id: o.id,
    number: o.number,
    service: { ru: o.serviceRu, en: o.serviceEn },
    startsAt: o.scheduledStart.toISOString(),
    address: o.address,
    currency: o.currency,
  };
}

async function userNames(tx: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id) => id !== null))];
  if (wanted.length === 0) return new Map();
  return new Map([...(await accounts(tx, wanted)).values()].map((u) => [u.id, u.name]));
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * The client's and the worker's emails for every order transition, in the transition's transaction; the
 * emails of a batch (a dispatch's matches) are read and written together.
 *
 * Decisions: a client is not emailed when their worker is taken off (unassign / decline) — matching usually
 * finds a replacement at once and the client then gets "worker matched" with the new name and price; if no
 * one is found in time, managers get "order unmatched" and call the client. A reassignment does tell the
 * client (new name, price for the new worker's grade). A client who cancels or reschedules gets the email
 * too: it confirms the fee and the new time in writing.
 */
export const emailsOnOrderChange: OrderChangeHandler = async (tx, changes) => {
  const fresh = await loadOrders(
    tx,
    changes.map((c) => c.after.id),
  );
  const names = await userNames(
    tx,
    changes.flatMap((c) => [c.after.workerId, c.before.workerId]),
  );
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const emails: EnqueueItem[] = [];
  for (const change of changes) {
    const o = fresh.get(change.after.id)!;
    const order = ref(o);
    const key = (kind: NotificationKind, who: string) => `order-event:${change.eventId}:${kind}:${who}`;
    const toClient = (content: EmailContent) =>
      emails.push({ ...content, recipient: { userId: o.clientId }, idempotencyKey: key(content.kind, o.clientId) });
    const toWorker = (workerId: string | null, content: EmailContent) => {
      if (workerId)
        emails.push({ ...content, recipient: { userId: workerId }, idempotencyKey: key(content.kind, workerId) });
    };
    const taskChanged = (workerId: string | null, kind: KindData<'task_changed'>['change']) =>
      toWorker(workerId, {
        kind: 'task_changed',
        data: {
          order,
          change: kind,
          reason: change.reason,
          previousStartsAt: change.before.scheduledStart.toISOString(),
        },
      });
    const matched = () => {
      toClient({
        kind: 'worker_matched',
        data: {
          order,
          workerName: nameOf(o.workerId) ?? '—',
          priceLines: o.priceLines ?? o.estimateLines,
          priceTotal: o.priceTotal ?? o.estimateTotal,
          consentCap: o.priceConsent === 'pending' ? o.priceCap : null,
          substitute: change.data.substitute === true,
          replanned: change.data.replan === true,
        },
      });
      toWorker(o.workerId, {
        kind: 'task_assigned',
        data: {
          order,
          accessNotes: o.accessNotes,
          payTotal: o.payTotal,
          scope: orderScope(o.options, o.serviceExtras),
        },
      });
    };

    switch (change.name) {
      case 'match':
        matched();
        break;
      case 'reassign':
        if (change.before.workerId !== o.workerId) taskChanged(change.before.workerId, 'reassigned');
        matched();
        break;
      case 'unassign':
        taskChanged(change.before.workerId, 'unassigned');
        break;
      case 'decline':
        taskChanged(change.before.workerId, 'declined');
        break;
      case 'start':
        toClient({
          kind: 'work_started',
          data: { order, workerName: nameOf(o.workerId) ?? '—', startedAt: (o.startedAt ?? change.at).toISOString() },
        });
        break;
      case 'finish':
        toClient({
          kind: 'work_finished',
          data: { order, finishedAt: (o.finishedAt ?? change.at).toISOString(), priceTotal: o.priceTotal },
        });
        break;
      case 'fail':
      case 'review_fail':
        toClient({ kind: 'order_failed', data: { order, reason: change.reason } });
        await enqueueToRole(
          tx,
          'manager',
          'order_failed_manager',
          {
            order,
            reason: change.reason,
            reasonCode: text(change.data.reasonCode),
            workerName: nameOf(o.workerId ?? change.before.workerId),
          },
          { idempotencyKey: `order-event:${change.eventId}:order_failed_manager` },
        );
        break;
      case 'cancel':
        toClient({
          kind: 'order_cancelled',
          data: {
            order,
            by: change.actor.role === 'client' ? 'client' : 'company',
            reason: change.reason,
            fee: o.cancellationFee,
          },
        });
        taskChanged(change.before.workerId, 'cancelled');
        break;
      case 'reschedule':
        toClient({
          kind: 'order_rescheduled',
          data: { order, previousStartsAt: change.before.scheduledStart.toISOString() },
        });
        taskChanged(change.before.workerId, 'rescheduled');
        break;
    }
  }
  await enqueueMany(tx, emails);
};

/** For lib/orders createOrder: the client's "order received" email, in the order's transaction. */
export async function notifyOrderCreated(
  tx: Db,
  created: { id: string },
  opts: { redoOf?: string } = {},
): Promise<void> {
  const o = (await loadOrders(tx, [created.id])).get(created.id)!;
  await enqueue(
    tx,
    { userId: o.clientId },
    'order_received',
    { order: ref(o), estimateTotal: o.estimateTotal, redoOf: opts.redoOf ?? null },
    { idempotencyKey: `order-created:${o.id}` },
  );
}

/** The rating at or below which managers are alerted (1–2 stars of 5). */
export const LOW_RATING = 2;

/** A low rating (LOW_RATING or less) alerts every manager at once, in the rating's own transaction. */
export async function notifyLowRating(
  tx: Db,
  feedback: { orderId: string; rating: number; comment: string },
): Promise<void> {
  if (feedback.rating > LOW_RATING) return;
  const o = (await loadOrders(tx, [feedback.orderId])).get(feedback.orderId)!;
  const names = await userNames(tx, [o.workerId]);
  await enqueueToRole(
    tx,
    'manager',
    'low_rating',
    {
      order: ref(o),
      rating: feedback.rating,
      comment: feedback.comment,
      workerName: o.workerId ? (names.get(o.workerId) ?? null) : null,
    },
    { idempotencyKey: `low-rating:${o.id}` },
  );
}
