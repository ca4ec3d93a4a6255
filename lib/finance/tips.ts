import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoiceLines, invoices, orders, payslipLines, tips, type TipMethod, type TipStatus } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/actor';
import { personEmail, personFirstName } from '@/lib/auth';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { conflict, forbidden, notFound, validationFailed } from '@/lib/errors';
import { enqueue } from '@/lib/notifications';
import { getSettings } from '@/lib/settings';
import { postEntry, type EntryLine } from './ledger';
import type { TipRequest } from './schemas';

// Tips: a client thanks the worker of a completed visit. The whole amount goes to the worker (their payable),
// never to the company's revenue, and is paid out on their next payslip as a tip line. Paid with the client's next
// weekly invoice (Dr the client's receivable, posted at once) or at once with their saved card (Dr cash, posted
// when the provider took the money: lib/payments/tips.ts drives that charge through these functions).

/** The tip's one journal entry: the same tip never posts twice. */
export const tipEntryKey = (tipId: string) => `tip:${tipId}`;

/** A card tip whose charge was asked for less than this ago belongs to a request still in flight. */
export const TIP_CHARGE_STALE_MS = 10 * 60_000;

export type TipDto = {
  id: string;
  orderId: string;
  orderNumber: string;
  amount: number;
  currency: string;
  method: TipMethod;
  status: TipStatus;
  failureCode: string | null;
  /** Given back to the client from a card tip (in part, or all of it when equal to amount). */
  refundedAmount: number;
  workerFirstName: string;
  /** The invoice that bills it (method 'invoice', once the weekly run put it on one). */
  invoice: { id: string; number: string; status: 'open' | 'paid' | 'void' } | null;
  createdAt: Date;
};

/** What lib/payments needs to charge a card tip. */
export type ClaimedTip = TipDto & {
  clientId: string;
  clientEmail: string;
  savedMethodId: string | null;
  /** True: this call inserted it; false: a repeated submit found it. */
  created: boolean;
};

type Target = {
  orderId: string;
  orderNumber: string;
  clientId: string;
  workerId: string;
  currency: string;
};

const SYSTEM: AuditActor = { id: null, role: 'system' };

/**
 * The order a tip is for, checked: its own client or staff (on the client's behalf) may tip, workers never;
 * another client's order is NotFound (it does not say the order exists); only a completed visit with its worker
 * can be tipped. The order row is share-locked so a review cannot fail it while the tip is written.
 */
async function tipTarget(tx: Db, actor: Actor, orderId: string): Promise<Target> {
  if (actor.role !== 'client' && !isStaff(actor)) throw forbidden();
  const [order] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      clientId: orders.clientId,
      workerId: orders.workerId,
      status: orders.status,
      currency: orders.currency,
    })
    .from(orders)
    .where(eq(orders.id, orderId))
    .for('share');
  if (!order || (actor.role === 'client' && order.clientId !== actor.id))
    throw notFound('finance.errors.tipOrderNotFound', `order ${orderId}`);
  if (order.status !== 'completed' || !order.workerId)
    throw conflict('finance.errors.tipNotCompleted', `order ${order.number} is ${order.status}`);
  return {
    orderId: order.id,
    orderNumber: order.number,
    clientId: order.clientId,
    workerId: order.workerId,
    currency: order.currency,
  };
}

/** Pure: a tip is a whole number of minor units, above zero and at most the company's limit. */
export function checkTipAmount(amount: number, max: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw validationFailed({ amount: 'finance.errors.tipAmountInvalid' }, 'finance.errors.tipAmountInvalid');
  if (amount > max) throw validationFailed({ amount: 'finance.errors.tipTooLarge' }, 'finance.errors.tipTooLarge');
}

/**
 * Inserts the tip, or finds the one this same form already sent (its request key). A second tip on an order that
 * has one (not failed) is refused: one tip per visit.
 */
async function insertTip(
  tx: Db,
  actor: Actor,
  target: Target,
  input: TipRequest,
  method: TipMethod,
  card: { provider: string; savedMethodId: string } | null,
): Promise<{ id: string; created: boolean }> {
  const [inserted] = await tx
    .insert(tips)
    .values({
      orderId: target.orderId,
      clientId: target.clientId,
      workerId: target.workerId,
      amount: input.amount,
      currency: target.currency,
      method,
      status: method === 'invoice' ? 'owed' : 'charging',
      requestKey: input.requestId,
      provider: card?.provider ?? null,
      savedMethodId: card?.savedMethodId ?? null,
      createdBy: actor.id,
    })
    .onConflictDoNothing()
    .returning({ id: tips.id });
  if (inserted) return { id: inserted.id, created: true };
  const [same] = await tx
    .select({ id: tips.id, orderId: tips.orderId })
    .from(tips)
    .where(eq(tips.requestKey, input.requestId));
  if (same && same.orderId === target.orderId) return { id: same.id, created: false };
  throw conflict('finance.errors.tipAlreadyGiven', `order ${target.orderNumber} has a tip`);
}

async function postTip(
  tx: Db,
  tip: { id: string; workerId: string; orderId: string; orderNumber: string; amount: number },
  debit: EntryLine['account'],
  at: Date,
  actorId: string | null,
): Promise<{ entryId: string; created: boolean }> {
  const posted = await postEntry(tx, {
    key: tipEntryKey(tip.id),
    kind: 'tip',
    memo: tip.orderNumber,
    orderId: tip.orderId,
    at,
    actorId,
    lines: [
      { account: debit, amount: tip.amount },
      // The whole tip is the worker's: their payable, not revenue, and no commission is taken.
      { account: { type: 'payable', workerId: tip.workerId }, amount: -tip.amount },
    ],
  });
  if (posted.created) {
    await tx.update(tips).set({ entryId: posted.entryId, postedAt: at }).where(eq(tips.id, tip.id));
    await enqueue(
      tx,
      { userId: tip.workerId },
      'tip_received',
      { amount: tip.amount, currency: (await getSettings(tx)).currency, orderNumber: tip.orderNumber },
      { idempotencyKey: `tip_received:${tip.id}` },
    );
  }
  return posted;
}

/**
 * A tip paid with the client's next weekly invoice: the tip, its journal entry (Dr the client's receivable,
 * Cr the worker's payable), the audit row and the worker's email commit together. The weekly run then bills it as
 * a line "Tip for <worker>". A repeated submit of the same form returns the same tip.
 */
export async function tipOnInvoice(
  db: Db,
  actor: Actor,
  input: TipRequest,
  opts: { now?: Date } = {},
): Promise<TipDto> {
  const { tipMax } = await getSettings(db);
  checkTipAmount(input.amount, tipMax);
  const id = await db.transaction(async (tx) => {
    const target = await tipTarget(tx, actor, input.orderId);
    const tip = await insertTip(tx, actor, target, input, 'invoice', null);
    if (!tip.created) return tip.id;
    const at = opts.now ?? new Date();
    await postTip(
      tx,
      { ...target, id: tip.id, amount: input.amount },
      { type: 'receivable', clientId: target.clientId },
      at,
      actor.id,
    );
    await recordAudit(tx, actor, {
      action: 'tip.create',
      entity: 'tip',
      entityId: tip.id,
      after: { orderId: target.orderId, workerId: target.workerId, amount: input.amount, method: 'invoice' },
    });
    return tip.id;
  });
  return getTip(db, id);
}

/**
 * The first half of a card tip, in one transaction: the order is checked, the client's saved card is found
 * (`findCard`, lib/payments' table, read in this transaction) and the tip is recorded as 'charging' with nothing
 * posted yet; audited. A repeated submit of the same form finds its tip (created: false), in whatever state it
 * reached. No card: refused, nothing written.
 */
export async function claimCardTip(
  db: Db,
  actor: Actor,
  input: TipRequest,
  provider: string,
  findCard: (tx: Db, clientId: string) => Promise<{ savedMethodId: string } | null>,
): Promise<ClaimedTip> {
  const { tipMax } = await getSettings(db);
  checkTipAmount(input.amount, tipMax);
  const claimed = await db.transaction(async (tx) => {
    const target = await tipTarget(tx, actor, input.orderId);
    const [same] = await tx
      .select({ id: tips.id, orderId: tips.orderId })
      .from(tips)
      .where(eq(tips.requestKey, input.requestId));
    if (same?.orderId === target.orderId) return { id: same.id, created: false };
    const card = await findCard(tx, target.clientId);
    if (!card) throw conflict('finance.errors.tipNoCard');
    const tip = await insertTip(tx, actor, target, input, 'card', { provider, savedMethodId: card.savedMethodId });
    if (tip.created)
      await recordAudit(tx, actor, {
        action: 'tip.create',
        entity: 'tip',
        entityId: tip.id,
        after: { orderId: target.orderId, workerId: target.workerId, amount: input.amount, method: 'card' },
      });
    return tip;
  });
  const dto = await getTip(db, claimed.id);
  const [extra] = await db
    .select({ clientId: tips.clientId, clientEmail: personEmail(tips.clientId), savedMethodId: tips.savedMethodId })
    .from(tips)
    .where(eq(tips.id, claimed.id));
  return { ...dto, ...extra, created: claimed.created };
}

/** A card tip's charge the provider has taken and not decided yet: its payment id, for the notification. */
export async function markTipChargeSentTx(tx: Db, tipId: string, providerRef: string): Promise<void> {
  await tx
    .update(tips)
    .set({ providerRef })
    .where(and(eq(tips.id, tipId), eq(tips.status, 'charging')));
}

/**
 * The card was charged: the tip's journal entry (Dr cash, Cr the worker's payable), the tip marked paid, the
 * worker's email, in the caller's transaction (with lib/payments' payment row). Only a tip still charging is
 * settled, so a late or repeated answer posts nothing (created: false).
 */
export async function settleCardTipTx(
  tx: Db,
  tipId: string,
  paid: { providerRef: string; paidAt: Date; amount: number },
): Promise<{ created: boolean; entryId: string | null; clientId: string }> {
  const [tip] = await tx
    .select({
      id: tips.id,
      status: tips.status,
      amount: tips.amount,
      orderId: tips.orderId,
      orderNumber: orders.number,
      workerId: tips.workerId,
      clientId: tips.clientId,
      entryId: tips.entryId,
    })
    .from(tips)
    .innerJoin(orders, eq(orders.id, tips.orderId))
    .where(eq(tips.id, tipId))
    .for('update', { of: tips });
  if (!tip) throw notFound('finance.errors.tipNotFound');
  if (tip.status !== 'charging') return { created: false, entryId: tip.entryId, clientId: tip.clientId };
  // The provider's figure is what was taken; it is the tip's own amount unless the provider is wrong.
  if (paid.amount !== tip.amount) throw conflict('finance.errors.tipAmountMismatch', `${paid.amount} ≠ ${tip.amount}`);
  await tx.update(tips).set({ status: 'paid', providerRef: paid.providerRef }).where(eq(tips.id, tip.id));
  const posted = await postTip(tx, tip, { type: 'cash' }, paid.paidAt, null);
  await recordAudit(tx, SYSTEM, {
    action: 'tip.charge',
    entity: 'tip',
    entityId: tip.id,
    after: { status: 'paid', providerRef: paid.providerRef, amount: tip.amount },
  });
  return { created: posted.created, entryId: posted.entryId, clientId: tip.clientId };
}

/** The card was refused (declined, or the bank wants the client present): nothing posted, the order can be tipped again. */
export async function failCardTipTx(
  tx: Db,
  tipId: string,
  failure: { providerRef: string | null; code: string },
): Promise<void> {
  const [changed] = await tx
    .update(tips)
    .set({ status: 'failed', providerRef: failure.providerRef, failureCode: failure.code })
    .where(and(eq(tips.id, tipId), eq(tips.status, 'charging')))
    .returning({ id: tips.id });
  if (changed)
    await recordAudit(tx, SYSTEM, {
      action: 'tip.charge_failed',
      entity: 'tip',
      entityId: tipId,
      after: { status: 'failed', code: failure.code },
    });
}

/** A card tip as its payment's refund sees it: what is left of it for the worker, and whether a payslip paid it. */
export type RefundableTip = {
  id: string;
  workerId: string;
  workerFirstName: string;
  orderId: string;
  orderNumber: string;
  amount: number;
  refundedAmount: number;
  onPayslip: boolean;
};

/**
 * The paid card tip a provider's payment is (lib/payments refunds a tip's payment through it), or null. With
 * `lock`, the tip row is locked for update: every refund of one tip queues here, and a payslip line written
 * for it before this lock was taken is seen.
 */
export async function paidTipByRef(
  tx: Db,
  provider: string,
  providerRef: string,
  opts: { lock?: boolean } = {},
): Promise<RefundableTip | null> {
  const q = tx
    .select({
      id: tips.id,
      workerId: tips.workerId,
      workerFirstName: personFirstName(tips.workerId),
      orderId: tips.orderId,
      orderNumber: orders.number,
      amount: tips.amount,
      refundedAmount: tips.refundedAmount,
    })
    .from(tips)
    .innerJoin(orders, eq(orders.id, tips.orderId))
    .where(and(eq(tips.provider, provider), eq(tips.providerRef, providerRef), eq(tips.status, 'paid')));
  const [tip] = opts.lock ? await q.for('update', { of: tips }) : await q;
  if (!tip) return null;
  const [line] = await tx
    .select({ id: payslipLines.sourceId })
    .from(payslipLines)
    .where(eq(payslipLines.sourceId, tip.id))
    .limit(1);
  return { ...tip, onPayslip: line !== undefined };
}

/**
 * Part or all of a card tip went back to the client (lib/payments, in its transaction, the tip locked by
 * paidTipByRef): the reversal Dr the worker's payable, Cr cash, keyed as the refund is, and the tip's refunded
 * amount grows by it, so the next payslip's tip line is the tip less what was given back. A tip a payslip has
 * paid already is refunded only when the provider reports a refund made at its dashboard: the worker then owes
 * it (their payable goes into debit until an adjustment settles it).
 */
export async function refundTipTx(
  tx: Db,
  tip: RefundableTip,
  refund: {
    key: string;
    amount: number;
    at: Date;
    actorId: string | null;
    reason: string;
    reversesEntryId: string | null;
  },
  actor: AuditActor,
): Promise<string> {
  const refunded = Math.min(tip.amount, tip.refundedAmount + refund.amount);
  const entry = await postEntry(tx, {
    key: refund.key,
    kind: 'refund',
    memo: tip.orderNumber,
    orderId: tip.orderId,
    at: refund.at,
    actorId: refund.actorId,
    reason: refund.reason || undefined,
    reversesEntryId: refund.reversesEntryId ?? undefined,
    lines: [
      { account: { type: 'payable', workerId: tip.workerId }, amount: refund.amount },
      { account: { type: 'cash' }, amount: -refund.amount },
    ],
  });
  if (entry.created) {
    await tx.update(tips).set({ refundedAmount: refunded }).where(eq(tips.id, tip.id));
    await recordAudit(tx, actor, {
      action: 'tip.refund',
      entity: 'tip',
      entityId: tip.id,
      after: { amount: refund.amount, refunded, onPayslip: tip.onPayslip },
    });
  }
  return entry.entryId;
}

/** The card tip a provider's payment id belongs to, while it is still charging (a notification settles it). */
export async function chargingTipByRef(tx: Db, provider: string, providerRef: string): Promise<{ id: string } | null> {
  const [row] = await tx
    .select({ id: tips.id })
    .from(tips)
    .where(and(eq(tips.provider, provider), eq(tips.providerRef, providerRef), eq(tips.status, 'charging')));
  return row ?? null;
}

const tipColumns = {
  id: tips.id,
  orderId: tips.orderId,
  orderNumber: orders.number,
  amount: tips.amount,
  currency: tips.currency,
  method: tips.method,
  status: tips.status,
  failureCode: tips.failureCode,
  refundedAmount: tips.refundedAmount,
  workerFirstName: personFirstName(tips.workerId),
  invoiceId: invoices.id,
  invoiceNumber: invoices.number,
  invoiceStatus: invoices.status,
  createdAt: tips.createdAt,
};

function tipQuery(db: Db) {
  return db
    .select(tipColumns)
    .from(tips)
    .innerJoin(orders, eq(orders.id, tips.orderId))
    .leftJoin(invoiceLines, eq(invoiceLines.orderId, tips.id))
    .leftJoin(invoices, eq(invoices.id, invoiceLines.invoiceId));
}

type TipRowOut = Awaited<ReturnType<ReturnType<typeof tipQuery>['execute']>>[number];

function toDto(r: TipRowOut): TipDto {
  const { invoiceId, invoiceNumber, invoiceStatus, ...rest } = r;
  return {
    ...rest,
    invoice:
      invoiceId && invoiceNumber && invoiceStatus
        ? { id: invoiceId, number: invoiceNumber, status: invoiceStatus }
        : null,
  };
}

async function getTip(db: Db, tipId: string): Promise<TipDto> {
  const [row] = await tipQuery(db).where(eq(tips.id, tipId));
  if (!row) throw notFound('finance.errors.tipNotFound');
  return toDto(row);
}

/**
 * An order's tips, newest first (at most one that did not fail, and any refused card attempts before it): for the
 * order's client, staff, or the worker it was for. Anyone else reads nothing.
 */
export async function tipsOfOrder(db: Db, actor: Actor, orderId: string): Promise<TipDto[]> {
  const owner =
    actor.role === 'client'
      ? eq(tips.clientId, actor.id)
      : actor.role === 'worker'
        ? eq(tips.workerId, actor.id)
        : isStaff(actor)
          ? undefined
          : sql`false`;
  const found = await tipQuery(db)
    .where(and(eq(tips.orderId, orderId), owner))
    .orderBy(desc(tips.createdAt));
  return found.map(toDto);
}
