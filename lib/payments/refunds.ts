import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { payments, refunds } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { personEmail, personName } from '@/lib/auth';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { DomainError, conflict, notFound } from '@/lib/errors';
import {
  accountBalance,
  applyClientCredit,
  getInvoice,
  invoiceMoney,
  invoiceNumber,
  unpayInvoice,
  paidTipByRef,
  postEntry,
  refundTipTx,
  type RefundableTip,
} from '@/lib/finance';
import { log } from '@/lib/log';
import { enqueue } from '@/lib/notifications';
import { getSettings } from '@/lib/settings';
import { providers, receiptLines, tipReceiptText } from './checkout';
import { buildReceipt } from './receipt';
import type { RefundInput } from './schemas';
import type { PaymentProvider, RefundFact, RefundRequest, RefundResult } from './types';
import { YooKassaError } from './yookassa';

/** Payments that can be given back: the online providers through their API, a bank transfer by hand. */
export const REFUNDABLE_PROVIDERS = ['stripe', 'yookassa', 'bank_transfer'] as const;
type OnlineProvider = keyof typeof providers;
const isOnline = (provider: string): provider is OnlineProvider => Object.hasOwn(providers, provider);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The refund's idempotency key, at the provider and in the ledger: the same payment and number is the same refund. */
export const refundKey = (paymentId: string, number: number) => `refund:${paymentId}:${number}`;

export type RefundOutcome = {
  refundId: string;
  number: number;
  amount: number;
  /** pending: the provider took it and has not finished; its webhook records it. */
  status: 'succeeded' | 'pending';
  /** The invoice the payment paid; null for a card tip's payment. */
  invoiceId: string | null;
};

const paymentColumns = {
  id: payments.id,
  provider: payments.provider,
  providerRef: payments.providerRef,
  invoiceId: payments.invoiceId,
  clientId: payments.clientId,
  amount: payments.amount,
  appliedAmount: payments.appliedAmount,
  creditAmount: payments.creditAmount,
  currency: payments.currency,
  entryId: payments.entryId,
};
type LockedPayment = { [K in keyof typeof paymentColumns]: (typeof payments.$inferSelect)[K] };

/** The payment row, locked: every refund of one payment (asked for, or reported by webhook) queues here. */
async function lockPayment(tx: Db, where: SQL): Promise<LockedPayment | undefined> {
  const [row] = await tx.select(paymentColumns).from(payments).where(where).for('update');
  return row;
}

/** What a payment has given back so far: held (succeeded and pending), and the succeeded split. */
async function refundTotals(tx: Db, paymentId: string) {
  const [row] = await tx
    .select({
      held: sql<string>`coalesce(sum(${refunds.amount}) filter (where ${refunds.status} in ('pending', 'succeeded')), 0)`,
      applied: sql<string>`coalesce(sum(${refunds.appliedAmount}) filter (where ${refunds.status} = 'succeeded'), 0)`,
      credit: sql<string>`coalesce(sum(${refunds.creditAmount}) filter (where ${refunds.status} = 'succeeded'), 0)`,
      last: sql<number>`coalesce(max(${refunds.number}), 0)::int`,
    })
    .from(refunds)
    .where(eq(refunds.paymentId, paymentId));
  return { held: Number(row.held), applied: Number(row.applied), credit: Number(row.credit), last: Number(row.last) };
}

/**
 * The 54-FZ refund receipt (only YooKassa sends it): the invoice's lines, each with its share of the amount, or the
 * tip's one item. `viewer` reads the invoice (the admin asking, or the client themself for the reconciling job).
 */
async function refundReceipt(
  db: Db,
  viewer: Actor,
  paid: { invoiceId: string | null; clientEmail: string },
  tip: RefundableTip | null,
  amount: number,
) {
  const { receiptVatCode } = await getSettings(db);
  const inv = paid.invoiceId ? await getInvoice(db, viewer, paid.invoiceId) : null;
  const lines = inv
    ? receiptLines(inv)
    : tip
      ? [{ description: tipReceiptText(tip.workerFirstName, tip.orderNumber), amount: tip.amount }]
      : [];
  return buildReceipt({
    customerEmail: inv?.clientEmail ?? paid.clientEmail,
    lines,
    amount,
    vatCode: receiptVatCode,
    settlesInvoice: true,
  });
}

/**
 * An admin gives back part or all of a payment, with a reason. The amount may not exceed what is left on the
 * payment (its amount less the refunds that succeeded or are on their way), checked under the payment's row lock,
 * so two admins refunding the same payment at once can never give back more than it.
 * - Bank transfer: the money went back outside Brigada; the refund is recorded at once, in one transaction.
 * - Stripe / YooKassa: a pending refund row holds the amount (transaction 1); the provider is asked with a key
 *   derived from (payment, refund number), outside any transaction; its answer is recorded (transaction 2): the
 *   ledger reversal, the invoice's paid amount, the audit row and the client's email commit together. A refusal
 *   frees the amount again. The provider's webhook about the same refund finds it and records nothing twice.
 */
export async function refundPayment(
  db: Db,
  actor: Actor,
  input: RefundInput,
  opts: { provider?: PaymentProvider } = {},
): Promise<RefundOutcome> {
  assertRole(actor, 'admin');
  const [known] = await db
    .select({
      provider: payments.provider,
      providerRef: payments.providerRef,
      invoiceId: payments.invoiceId,
      clientEmail: personEmail(payments.clientId),
    })
    .from(payments)
    .where(eq(payments.id, input.paymentId));
  if (!known) throw notFound('billing.errors.paymentNotFound');
  // A payment with no invoice is refundable only as a card tip's (anything else there is not the client's money
  // to take back this way).
  const tip = known.invoiceId ? null : await paidTipByRef(db, known.provider, known.providerRef);
  if (!(REFUNDABLE_PROVIDERS as readonly string[]).includes(known.provider) || (!known.invoiceId && !tip))
    throw conflict('billing.errors.refundNotPossible', `provider ${known.provider}`);
  if (tip?.onPayslip) throw conflict('billing.errors.refundTipPaidOut', `tip ${tip.id} is on a payslip`);
  const provider = isOnline(known.provider) ? (opts.provider ?? providers[known.provider]) : null;
  if (provider && (!provider.enabled() || !provider.refund)) throw conflict('billing.errors.paymentsUnavailable');
  const receipt = await refundReceipt(db, actor, known, tip, input.amount);

  const claimed = await db.transaction(async (tx) => {
    const p = await lockPayment(tx, eq(payments.id, input.paymentId));
    if (!p) throw notFound('billing.errors.paymentNotFound');
    // Under the tip's lock: a payroll run that put it on a payslip since is seen, and the refund refused.
    if (!p.invoiceId && (await paidTipByRef(tx, p.provider, p.providerRef, { lock: true }))?.onPayslip)
      throw conflict('billing.errors.refundTipPaidOut', `payment ${p.id}: its tip is on a payslip`);
    const totals = await refundTotals(tx, p.id);
    const left = p.amount - totals.held;
    if (left <= 0) throw conflict('billing.errors.refundNothingLeft');
    if (input.amount > left)
      throw new DomainError(
        'validation_failed',
        'billing.errors.refundTooMuch',
        { amount: 'billing.errors.refundTooMuch' },
        `asked ${input.amount}, left ${left}`,
      );
    const number = totals.last + 1;
    const [row] = await tx
      .insert(refunds)
      .values({
        ...refundOf(p, number),
        provider: p.provider,
        amount: input.amount,
        reason: input.reason,
        requestedBy: actor.id,
      })
      .returning({ id: refunds.id });
    const claim = { payment: p, refundId: row.id, number };
    // Made outside (a bank transfer back): nothing to ask, recorded now, in this transaction.
    if (!provider) await completeRefund(tx, p, claim.refundId, { providerRefundId: null, at: new Date() }, actor);
    return claim;
  });
  const outcome = (status: RefundOutcome['status']): RefundOutcome => ({
    refundId: claimed.refundId,
    number: claimed.number,
    amount: input.amount,
    status,
    invoiceId: known.invoiceId,
  });
  if (!provider?.refund) return outcome('succeeded');

  const request = refundRequest(claimed, { amount: input.amount, reason: input.reason }, receipt);
  let answer: RefundResult;
  try {
    answer = await provider.refund(request);
  } catch (error) {
    // Not knowing whether it went through is recorded as refused: if the provider did make it, its webhook
    // records it then (it names this refund in its metadata).
    log().warn({ err: error, refundId: claimed.refundId }, 'refund request failed');
    answer = {
      status: 'failed',
      providerRefundId: null,
      code: error instanceof YooKassaError ? error.code : 'provider_error',
    };
  }
  const recorded = await recordAnswer(db, claimed, input.amount, answer, actor);
  if (answer.status === 'failed')
    throw conflict('billing.errors.refundRefused', `refund ${claimed.refundId}: ${answer.code}`);
  return outcome(recorded === 'pending' ? 'pending' : 'succeeded');
}

type ClaimedRefund = {
  payment: { id: string; provider: string; providerRef: string; currency: string };
  refundId: string;
  number: number;
};

/** What the provider is asked: keyed by (payment, refund number), so asking again is the same refund. */
function refundRequest(
  claimed: ClaimedRefund,
  what: { amount: number; reason: string },
  receipt: RefundRequest['receipt'],
): RefundRequest {
  return {
    idempotencyKey: refundKey(claimed.payment.id, claimed.number),
    paymentRef: claimed.payment.providerRef,
    amount: what.amount,
    currency: claimed.payment.currency,
    reason: what.reason,
    metadata: { paymentId: claimed.payment.id, refundId: claimed.refundId },
    receipt,
  };
}

/**
 * The provider's answer about a refund row, recorded: refused frees the amount (audited); pending keeps the
 * provider's refund id for its webhook; succeeded is settled (settleRefund: once, whoever reports it first).
 */
async function recordAnswer(
  db: Db,
  claimed: ClaimedRefund,
  amount: number,
  answer: RefundResult,
  actor: AuditActor,
): Promise<RefundResult['status']> {
  if (answer.status === 'failed') {
    await db.transaction(async (tx) => {
      await tx
        .update(refunds)
        .set({ status: 'failed', failureCode: answer.code })
        .where(and(eq(refunds.id, claimed.refundId), eq(refunds.status, 'pending')));
      await recordAudit(tx, actor, {
        action: 'payment.refund_failed',
        entity: 'payment',
        entityId: claimed.payment.id,
        after: { refundId: claimed.refundId, amount, code: answer.code },
      });
    });
    return 'failed';
  }
  if (answer.status === 'pending') {
    await db
      .update(refunds)
      .set({ providerRefundId: answer.providerRefundId })
      .where(and(eq(refunds.id, claimed.refundId), isNull(refunds.providerRefundId)));
    return 'pending';
  }
  await db.transaction((tx) =>
    settleRefund(
      tx,
      claimed.payment.provider,
      {
        providerRefundId: answer.providerRefundId,
        paymentRefs: [claimed.payment.providerRef],
        paymentId: claimed.payment.id,
        refundId: claimed.refundId,
        amount: answer.amount,
        currency: claimed.payment.currency,
        at: answer.at,
      },
      actor,
    ),
  );
  return 'succeeded';
}

/** A refund row left pending this long with no answer stored was cut off (a crash after asking): asked again. */
export const REFUND_RECONCILE_AFTER_MS = 10 * 60_000;
/** Providers keep an idempotency key 24 hours (Stripe, YooKassa); past that, asking again could refund twice. */
const IDEMPOTENCY_KEY_LIFE_MS = 23 * 3_600_000;

/**
 * Refunds an admin asked for whose answer was never stored (the process died between asking the provider and
 * recording the answer): each is asked again with its own key, so the provider replays its first answer (or, if
 * the first request never reached it, makes the refund the admin asked for), and the answer is recorded as
 * refundPayment records it: settled once, refused freed, pending left to the provider's webhook. Only rows
 * older than a few minutes (no request of ours can still be in flight) and younger than the providers'
 * idempotency window; an error asking leaves the row for the next run. Run by the charges job.
 */
export async function reconcilePendingRefunds(
  db: Db,
  opts: { now?: Date; provider?: PaymentProvider; limit?: number } = {},
): Promise<Partial<Record<RefundResult['status'] | 'error', number>>> {
  const now = (opts.now ?? new Date()).getTime();
  const stuck = await db
    .select({
      refundId: refunds.id,
      number: refunds.number,
      amount: refunds.amount,
      reason: refunds.reason,
      by: refunds.requestedBy,
      paymentId: payments.id,
      provider: payments.provider,
      providerRef: payments.providerRef,
      currency: payments.currency,
      invoiceId: payments.invoiceId,
      clientId: payments.clientId,
      clientEmail: personEmail(payments.clientId),
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(
      and(
        eq(refunds.status, 'pending'),
        isNull(refunds.providerRefundId),
        inArray(refunds.provider, Object.keys(providers)),
        sql`${refunds.createdAt} < ${new Date(now - REFUND_RECONCILE_AFTER_MS).toISOString()}::timestamptz`,
        sql`${refunds.createdAt} > ${new Date(now - IDEMPOTENCY_KEY_LIFE_MS).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(opts.limit ?? 100);
  const counts: Partial<Record<RefundResult['status'] | 'error', number>> = {};
  for (const row of stuck) {
    const provider =
      opts.provider?.name === row.provider ? opts.provider : isOnline(row.provider) ? providers[row.provider] : null;
    if (!provider?.refund || !provider.enabled()) continue;
    const claimed: ClaimedRefund = {
      payment: { id: row.paymentId, provider: row.provider, providerRef: row.providerRef, currency: row.currency },
      refundId: row.refundId,
      number: row.number,
    };
    // The client reads their own invoice for the receipt (the same lines the admin's request sent).
    const viewer: Actor = { id: row.clientId, role: 'client', name: '', email: row.clientEmail, locale: 'ru' };
    const tip = row.invoiceId ? null : await paidTipByRef(db, row.provider, row.providerRef);
    let status: RefundResult['status'] | 'error';
    try {
      const receipt = await refundReceipt(db, viewer, row, tip, row.amount);
      const answer = await provider.refund(refundRequest(claimed, row, receipt));
      status = await recordAnswer(db, claimed, row.amount, answer, { id: null, role: 'system' });
    } catch (error) {
      log().warn({ err: error, refundId: row.refundId }, 'refund reconciliation failed; left for the next run');
      status = 'error';
    }
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/**
 * Records a refund the provider made, once, whichever comes first: the answer to our own request or its webhook
 * (or a redelivery of it). Under the payment's lock: a refund already recorded with this provider id is left
 * alone; otherwise the row it belongs to is settled — the one its metadata names, else a pending one of the same
 * amount still waiting for its answer, else a new row (a refund made at the provider's dashboard).
 */
export async function settleRefund(tx: Db, provider: string, reported: RefundFact, actor: AuditActor): Promise<string> {
  // Metadata is ours only when it reads as our ids; anything else is as if there were none.
  const ours = (id: string | null) => (id && UUID.test(id) ? id : null);
  const fact = { ...reported, paymentId: ours(reported.paymentId), refundId: ours(reported.refundId) };
  const p = await lockPayment(
    tx,
    fact.paymentId
      ? sql`${payments.id} = ${fact.paymentId} and ${payments.provider} = ${provider}`
      : sql`${payments.provider} = ${provider} and ${inArray(payments.providerRef, fact.paymentRefs)}`,
  );
  if (!p) return 'unknown_payment';
  if (!p.invoiceId && !(await paidTipByRef(tx, provider, p.providerRef))) return 'unknown_payment';
  const refundColumns = { id: refunds.id, status: refunds.status };
  const [known] = await tx
    .select(refundColumns)
    .from(refunds)
    .where(and(eq(refunds.provider, provider), eq(refunds.providerRefundId, fact.providerRefundId)));
  if (known?.status === 'succeeded') return 'already_refunded';
  let row = known;
  if (!row && fact.refundId)
    [row] = await tx
      .select(refundColumns)
      .from(refunds)
      .where(
        and(eq(refunds.id, fact.refundId), eq(refunds.paymentId, p.id), inArray(refunds.status, ['pending', 'failed'])),
      );
  if (!row)
    [row] = await tx
      .select(refundColumns)
      .from(refunds)
      .where(
        and(
          eq(refunds.paymentId, p.id),
          eq(refunds.status, 'pending'),
          eq(refunds.amount, fact.amount),
          isNull(refunds.providerRefundId),
        ),
      )
      .orderBy(asc(refunds.number))
      .limit(1);
  if (!row) {
    const number = (await refundTotals(tx, p.id)).last + 1;
    [row] = await tx
      .insert(refunds)
      .values({
        ...refundOf(p, number),
        provider,
        amount: fact.amount,
        // Made at the provider: no reason was written in Brigada (the pages say so).
        reason: '',
      })
      .returning(refundColumns);
  }
  // The provider's figure is what went back.
  await tx.update(refunds).set({ amount: fact.amount }).where(eq(refunds.id, row.id));
  await completeRefund(tx, p, row.id, { providerRefundId: fact.providerRefundId, at: fact.at }, actor);
  return 'refund_recorded';
}

/** A new refund row's ties to its payment: its number on the payment, invoice, client, currency and key. */
const refundOf = (p: LockedPayment, number: number) => ({
  paymentId: p.id,
  number,
  invoiceId: p.invoiceId,
  clientId: p.clientId,
  currency: p.currency,
  idempotencyKey: refundKey(p.id, number),
});

type RefundRow = { number: number; amount: number; reason: string; by: string | null };

/** The refund as requested: its number on the payment, amount, reason and who asked. */
async function refundRow(tx: Db, refundId: string): Promise<RefundRow> {
  const [row] = await tx
    .select({ number: refunds.number, amount: refunds.amount, reason: refunds.reason, by: refunds.requestedBy })
    .from(refunds)
    .where(eq(refunds.id, refundId));
  return row;
}

/**
 * A refund the provider made, recorded: the row succeeded with what it took back from the invoice (applied) and
 * from credit, and its journal entry; then the audit entry, with what the kind of payment adds (`more`).
 */
async function recordRefundDone(
  tx: Db,
  actor: AuditActor,
  r: {
    p: LockedPayment;
    refundId: string;
    row: RefundRow;
    done: { providerRefundId: string | null; at: Date };
    outcome: { applied: number; credit: number; entryId: string };
    more: Record<string, unknown>;
  },
): Promise<void> {
  const { p, refundId, row, done, outcome, more } = r;
  await tx
    .update(refunds)
    .set({
      status: 'succeeded',
      providerRefundId: done.providerRefundId,
      appliedAmount: outcome.applied,
      creditAmount: outcome.credit,
      entryId: outcome.entryId,
      refundedAt: done.at,
      failureCode: null,
    })
    .where(eq(refunds.id, refundId));
  await recordAudit(tx, actor, {
    action: 'payment.refund',
    entity: 'payment',
    entityId: p.id,
    after: {
      refundId,
      number: row.number,
      amount: row.amount,
      ...more,
      reason: row.reason,
      provider: p.provider,
      providerRefundId: done.providerRefundId,
    },
  });
}

/**
 * The refund's effect, in the caller's transaction. The invoice row is locked (after the payment's, the order
 * every refund takes). Ledger: an entry reversing the payment's for the amount — Cr cash; Dr the client's credit
 * for the part that was overpayment still held for them; Dr the client's receivable for the rest, up to what the
 * payment applied to the invoice (the invoice owes it again: its paid amount drops and a paid invoice is open
 * again); anything beyond (credit already spent on other invoices) is owed back on the client's credit account.
 * Key: (payment, refund number), so it posts once. Then the row, the audit entry and the client's email.
 */
async function completeRefund(
  tx: Db,
  p: LockedPayment,
  refundId: string,
  done: { providerRefundId: string | null; at: Date },
  actor: AuditActor,
): Promise<void> {
  if (!p.invoiceId) return completeTipRefund(tx, p, refundId, done, actor);
  const inv = await invoiceMoney(tx, p.invoiceId, { lock: true });
  if (!inv) throw notFound('billing.errors.invoiceNotFound');
  const row = await refundRow(tx, refundId);
  const before = await refundTotals(tx, p.id);
  const creditAccount = { type: 'client_credit', clientId: p.clientId } as const;
  // Credit-normal: money held for the client is a negative balance.
  const creditHeld = Math.max(0, -(await accountBalance(tx, creditAccount)));
  const fromCredit = Math.min(row.amount, p.creditAmount - before.credit, creditHeld);
  const applied = Math.max(0, Math.min(row.amount - fromCredit, p.appliedAmount - before.applied));
  const credit = row.amount - applied;
  const entry = await postEntry(tx, {
    key: refundKey(p.id, row.number),
    kind: 'refund',
    memo: inv.number,
    invoiceId: inv.id,
    at: done.at,
    actorId: row.by,
    reason: row.reason || undefined,
    reversesEntryId: p.entryId,
    lines: [
      { account: { type: 'receivable', clientId: p.clientId }, amount: applied },
      { account: creditAccount, amount: credit },
      { account: { type: 'cash' }, amount: -row.amount },
    ],
  });
  // A paid invoice that owes something again is open again (overdue past its due date, as any open invoice).
  const reopens = await unpayInvoice(tx, inv, applied);
  // Credit the client holds pays the invoice the refund made owe again, as it pays any open invoice: otherwise what
  // the invoice shows would depend on the order its payments arrived in (an overpayment that came second sits as
  // credit, one that came first is applied to the invoice and taken back first).
  if (applied > 0) await applyClientCredit(tx, p.clientId, done.at);
  await recordRefundDone(tx, actor, {
    p,
    refundId,
    row,
    done,
    outcome: { applied, credit, entryId: entry.entryId },
    more: { applied, credit, invoiceStatus: reopens ? 'open' : inv.status },
  });
  await enqueue(
    tx,
    { userId: p.clientId },
    'payment_refunded',
    { amount: row.amount, currency: p.currency, invoiceId: inv.id, invoiceNumber: inv.number },
    { idempotencyKey: `payment_refunded:${refundId}` },
  );
}

/**
 * A card tip's payment given back, in the caller's transaction (the payment locked): lib/finance reverses it from
 * the worker's payable (Dr payable, Cr cash) and lowers what the next payslip pays for the tip. Then the row, the
 * audit entry and the client's email. A tip already on a payslip gets here only from a refund made at the
 * provider's dashboard (an admin's is refused before): it is recorded all the same, since the money has gone back,
 * and the worker's payable shows what they now owe.
 */
const completeTipRefund: typeof completeRefund = async (tx, p, refundId, done, actor) => {
  const tip: RefundableTip | null = await paidTipByRef(tx, p.provider, p.providerRef, { lock: true });
  if (!tip) throw conflict('billing.errors.refundNotPossible', `payment ${p.id} is no tip's`);
  const row = await refundRow(tx, refundId);
  const entryId = await refundTipTx(
    tx,
    tip,
    {
      key: refundKey(p.id, row.number),
      amount: row.amount,
      at: done.at,
      actorId: row.by,
      reason: row.reason,
      reversesEntryId: p.entryId,
    },
    actor,
  );
  await recordRefundDone(tx, actor, {
    p,
    refundId,
    row,
    done,
    outcome: { applied: row.amount, credit: 0, entryId },
    more: { tipId: tip.id },
  });
  // A tip has no invoice to show: the email names the tip's order and worker (and YooKassa sent the receipt).
  await enqueue(
    tx,
    { userId: p.clientId },
    'tip_refunded',
    {
      amount: row.amount,
      currency: p.currency,
      orderId: tip.orderId,
      orderNumber: tip.orderNumber,
      workerFirstName: tip.workerFirstName,
    },
    { idempotencyKey: `payment_refunded:${refundId}` },
  );
};

/** Refunds reported by a provider's webhook, each settled once (the webhook's own transaction). */
export async function settleReportedRefunds(tx: Db, provider: string, facts: RefundFact[]): Promise<string> {
  const results = [];
  for (const fact of facts) results.push(await settleRefund(tx, provider, fact, { id: null, role: 'system' }));
  if (results.includes('refund_recorded')) return 'refund_recorded';
  return results[0] ?? 'no_change';
}

export type RefundDto = {
  id: string;
  paymentId: string;
  number: number;
  amount: number;
  currency: string;
  status: string;
  reason: string;
  /** Made at the provider's dashboard (no one in Brigada asked for it). */
  atProvider: boolean;
  failureCode: string | null;
  createdAt: Date;
  refundedAt: Date | null;
};

export type RefundablePaymentDto = {
  id: string;
  provider: string;
  reference: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  clientName: string;
  amount: number;
  currency: string;
  receivedAt: Date;
  refunded: number;
  /** What may still be refunded: the amount less refunds done or on their way; 0 where refunds are not possible. */
  left: number;
  refunds: RefundDto[];
};

const refundDtoColumns = {
  id: refunds.id,
  paymentId: refunds.paymentId,
  number: refunds.number,
  amount: refunds.amount,
  currency: refunds.currency,
  status: refunds.status,
  reason: refunds.reason,
  requestedBy: refunds.requestedBy,
  failureCode: refunds.failureCode,
  createdAt: refunds.createdAt,
  refundedAt: refunds.refundedAt,
};

function toRefundDto({ requestedBy, ...r }: { requestedBy: string | null } & Omit<RefundDto, 'atProvider'>): RefundDto {
  return { ...r, atProvider: requestedBy === null };
}

/** Payments with their refunds and what is left to refund (staff: the refund page and the invoice page). */
async function refundablePayments(db: Db, where: SQL): Promise<RefundablePaymentDto[]> {
  const rows = await db
    .select({
      id: payments.id,
      provider: payments.provider,
      reference: payments.providerRef,
      invoiceId: payments.invoiceId,
      invoiceNumber: invoiceNumber(payments.invoiceId),
      note: payments.note,
      clientName: personName(payments.clientId),
      amount: payments.amount,
      currency: payments.currency,
      receivedAt: payments.receivedAt,
    })
    .from(payments)
    .where(where)
    .orderBy(asc(payments.receivedAt), asc(payments.id));
  if (rows.length === 0) return [];
  const all = await db
    .select(refundDtoColumns)
    .from(refunds)
    .where(
      inArray(
        refunds.paymentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(desc(refunds.number));
  return rows.map((p) => {
    const own = all.filter((r) => r.paymentId === p.id).map(toRefundDto);
    const sum = (statuses: string[]) =>
      own.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + r.amount, 0);
    const { note, ...rest } = p;
    const refundable =
      (REFUNDABLE_PROVIDERS as readonly string[]).includes(p.provider) && (p.invoiceId !== null || note === 'tip');
    return {
      ...rest,
      refunded: sum(['succeeded']),
      left: refundable ? p.amount - sum(['succeeded', 'pending']) : 0,
      refunds: own,
    };
  });
}

/** One payment with its refunds, for the refund page (staff read it; only admins refund). */
export async function getRefundablePayment(db: Db, actor: Actor, paymentId: string): Promise<RefundablePaymentDto> {
  assertRole(actor, 'manager', 'admin');
  const [found] = await refundablePayments(db, eq(payments.id, paymentId));
  if (!found) throw notFound('billing.errors.paymentNotFound');
  return found;
}

/** An invoice's payments that came from outside (not credit moved between invoices) with their refunds. */
export async function refundsOfInvoice(db: Db, actor: Actor, invoiceId: string): Promise<RefundablePaymentDto[]> {
  assertRole(actor, 'manager', 'admin');
  return (await refundablePayments(db, eq(payments.invoiceId, invoiceId))).filter(
    (p) => p.left > 0 || p.refunds.length > 0,
  );
}
