import 'server-only';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { chargeAttempts, savedPaymentMethods } from '@/db/schema';
import { invoiceMoney, openInvoiceOfVisit } from '@/lib/finance';
import { enqueue } from '@/lib/notifications';
import { orderNumbers } from '@/lib/orders';
import { applyPayment, receiveUnappliedPayment } from './apply-payment';
import type { Settings } from '@/lib/settings';
import type { CardCharger } from './checkout';
import type { OffSessionChargeRequest, OffSessionChargeResult, PaymentProvider } from './types';

// What an automatic charge of a saved card goes through, whether it is for an invoice (charges.ts) or for one
// visit (charge-visits.ts): claiming the attempt, and recording the provider's answer — at once, or later from
// its notification (webhook.ts), in any order and as often as it comes.

/** What one call of chargeInvoice or chargeVisit did. */
export type ChargeOutcome =
  | 'charged'
  | 'declined'
  | 'authentication_required'
  /** The provider took the request and has not decided yet; its notification records the payment. */
  | 'pending'
  /** Another run is charging this invoice or visit right now (its attempt is fresh): nothing sent. */
  | 'busy'
  | 'nothing_due'
  | 'no_card'
  | 'unavailable';

export type ChargeResult = { outcome: ChargeOutcome; attempt?: number; amount?: number; paymentId?: string };

/** A pending attempt younger than this belongs to a run still in flight; an older one was left by a crash and is sent again. */
export const PENDING_ATTEMPT_MS = 10 * 60_000;

/** The idempotency key of an attempt: the same invoice and attempt number is the same operation at the provider. */
export const chargeKey = (invoiceId: string, attempt: number) => `charge:${invoiceId}:${attempt}`;
/** The idempotency key of a visit's attempt, derived from the visit (order) and the attempt number. */
export const visitChargeKey = (orderId: string, attempt: number) => `charge:visit:${orderId}:${attempt}`;

/** What is charged: an invoice, or one visit. */
export type ChargeSubject = { invoiceId: string } | { orderId: string };

/** An attempt claimed for sending: its row and the card it goes to. */
export type Claimed = {
  id: string;
  attempt: number;
  amount: number;
  currency: string;
  idempotencyKey: string;
  providerMethodId: string;
  providerCustomerId: string | null;
  last4: string;
};

const subjectIs = (subject: ChargeSubject) =>
  'invoiceId' in subject
    ? eq(chargeAttempts.invoiceId, subject.invoiceId)
    : eq(chargeAttempts.orderId, subject.orderId);

/**
 * In the caller's transaction, which holds the subject's lock (the invoice row; the visit's advisory lock): the
 * attempt to send for `amount` now. A fresh pending attempt is another run's ('busy'); a stale one (a crashed
 * run) is returned to be sent again with its own key, so the provider replays its first answer; a succeeded
 * visit attempt means the visit is paid ('nothing_due'); otherwise a new attempt on the client's newest card.
 */
export async function claimAttempt(
  tx: Db,
  subject: ChargeSubject,
  c: { provider: string; clientId: string; amount: number; currency: string; now: Date },
): Promise<ChargeResult | Claimed> {
  const [last] = await tx
    .select({
      id: chargeAttempts.id,
      attempt: chargeAttempts.attempt,
      status: chargeAttempts.status,
      amount: chargeAttempts.amount,
      currency: chargeAttempts.currency,
      idempotencyKey: chargeAttempts.idempotencyKey,
      createdAt: chargeAttempts.createdAt,
      providerMethodId: savedPaymentMethods.providerMethodId,
      providerCustomerId: savedPaymentMethods.providerCustomerId,
      last4: savedPaymentMethods.last4,
    })
    .from(chargeAttempts)
    .innerJoin(savedPaymentMethods, eq(savedPaymentMethods.id, chargeAttempts.savedMethodId))
    .where(and(subjectIs(subject), eq(chargeAttempts.provider, c.provider)))
    .orderBy(desc(chargeAttempts.attempt))
    .limit(1);
  if (last?.status === 'pending') {
    if (c.now.getTime() - last.createdAt.getTime() < PENDING_ATTEMPT_MS)
      return { outcome: 'busy', attempt: last.attempt };
    return last;
  }
  if (last?.status === 'succeeded' && 'orderId' in subject) return { outcome: 'nothing_due' };
  const [card] = await tx
    .select({
      id: savedPaymentMethods.id,
      providerMethodId: savedPaymentMethods.providerMethodId,
      providerCustomerId: savedPaymentMethods.providerCustomerId,
      last4: savedPaymentMethods.last4,
    })
    .from(savedPaymentMethods)
    .where(
      and(
        eq(savedPaymentMethods.clientId, c.clientId),
        eq(savedPaymentMethods.provider, c.provider),
        isNull(savedPaymentMethods.removedAt),
      ),
    )
    .orderBy(desc(savedPaymentMethods.createdAt))
    .limit(1);
  if (!card) return { outcome: 'no_card' };
  const attempt = (last?.attempt ?? 0) + 1;
  const idempotencyKey =
    'invoiceId' in subject ? chargeKey(subject.invoiceId, attempt) : visitChargeKey(subject.orderId, attempt);
  const [row] = await tx
    .insert(chargeAttempts)
    .values({
      ...('invoiceId' in subject ? { invoiceId: subject.invoiceId } : { orderId: subject.orderId }),
      clientId: c.clientId,
      attempt,
      provider: c.provider,
      savedMethodId: card.id,
      amount: c.amount,
      currency: c.currency,
      idempotencyKey,
      createdAt: c.now,
    })
    .returning({ id: chargeAttempts.id });
  return {
    id: row.id,
    attempt,
    amount: c.amount,
    currency: c.currency,
    idempotencyKey,
    providerMethodId: card.providerMethodId,
    providerCustomerId: card.providerCustomerId,
    last4: card.last4,
  };
}

/**
 * Records what the provider said about an attempt — its answer to the request, or a notification later — in
 * the caller's transaction, with the attempt row locked so deliveries of the same decision serialise. The rules
 * make the result the same whatever order answers and notifications come in, and however often:
 * - succeeded: the payment is recorded once per provider payment (applyPayment / receiveUnappliedPayment find
 *   it by the provider's reference) and the attempt is marked succeeded, even after a failure was recorded (the
 *   money was taken: it is never lost);
 * - declined or authentication required: only a pending attempt changes (failed; the client is emailed once);
 *   a late failure never undoes a success;
 * - pending: the provider's reference is kept, nothing else changes.
 * Returns null when no such attempt exists for this provider.
 */
export async function settleAttempt(
  tx: Db,
  provider: string,
  attemptId: string,
  answer: OffSessionChargeResult,
  now: Date,
): Promise<(ChargeResult & { created?: boolean }) | null> {
  const [a] = await tx
    .select({
      id: chargeAttempts.id,
      invoiceId: chargeAttempts.invoiceId,
      orderId: chargeAttempts.orderId,
      clientId: chargeAttempts.clientId,
      attempt: chargeAttempts.attempt,
      status: chargeAttempts.status,
      amount: chargeAttempts.amount,
      currency: chargeAttempts.currency,
      providerRef: chargeAttempts.providerRef,
      savedMethodId: chargeAttempts.savedMethodId,
    })
    .from(chargeAttempts)
    .where(and(eq(chargeAttempts.id, attemptId), eq(chargeAttempts.provider, provider)))
    .for('update');
  if (!a) return null;
  const done = { attempt: a.attempt, amount: a.amount };
  if (answer.status === 'pending') {
    if (!a.providerRef)
      await tx.update(chargeAttempts).set({ providerRef: answer.providerRef }).where(eq(chargeAttempts.id, a.id));
    return { outcome: outcomeOf(a.status), ...done };
  }
  if (answer.status === 'succeeded') {
    const number = await subjectNumber(tx, a);
    const payment = {
      provider,
      providerRef: answer.providerRef,
      amount: answer.amount,
      currency: answer.currency,
      receivedAt: answer.paidAt,
      note: a.orderId ? `charge ${a.attempt}, visit ${number}` : `charge ${a.attempt}`,
    };
    const invoiceId = a.invoiceId ?? (await openInvoiceOfVisit(tx, a.orderId!));
    // A visit not (or no longer openly) invoiced: the money is held as the client's credit, which pays the
    // weekly invoice that bills the visit when it is issued (invoiceBatch applies credit in its transaction).
    const applied = invoiceId
      ? await applyPayment(tx, { ...payment, invoiceId })
      : await receiveUnappliedPayment(tx, { ...payment, clientId: a.clientId });
    if (a.status !== 'succeeded')
      await tx
        .update(chargeAttempts)
        .set({ status: 'succeeded', providerRef: answer.providerRef, failureCode: null, finishedAt: now })
        .where(eq(chargeAttempts.id, a.id));
    return {
      outcome: 'charged',
      attempt: a.attempt,
      amount: answer.amount,
      paymentId: applied.paymentId,
      created: applied.created,
    };
  }
  if (a.status !== 'pending') return { outcome: outcomeOf(a.status), ...done };
  await tx
    .update(chargeAttempts)
    .set({ status: answer.status, providerRef: answer.providerRef, failureCode: answer.code, finishedAt: now })
    .where(eq(chargeAttempts.id, a.id));
  const [card] = await tx
    .select({ last4: savedPaymentMethods.last4 })
    .from(savedPaymentMethods)
    .where(eq(savedPaymentMethods.id, a.savedMethodId));
  await enqueue(
    tx,
    { userId: a.clientId },
    'charge_failed',
    {
      ...(a.invoiceId ? { invoiceId: a.invoiceId } : { orderId: a.orderId! }),
      number: await subjectNumber(tx, a),
      outstanding: a.amount,
      currency: a.currency,
      last4: card.last4,
      reason: answer.status,
    },
    { idempotencyKey: `charge_failed:${a.id}` },
  );
  return { outcome: answer.status, ...done };
}

const outcomeOf = (status: string): ChargeOutcome =>
  status === 'succeeded' ? 'charged' : (status as 'pending' | 'declined' | 'authentication_required');

/** The invoice's or the visit's number, as the client knows it. */
async function subjectNumber(tx: Db, a: { invoiceId: string | null; orderId: string | null }): Promise<string> {
  if (a.invoiceId) return (await invoiceMoney(tx, a.invoiceId))!.number;
  return (await orderNumbers(tx, [a.orderId!])).get(a.orderId!)!;
}

/**
 * A claimed attempt sent and settled (an invoice's or a visit's): the provider is asked outside any transaction (a
 * network call must not hold locks), with the attempt's key, amount and card; then its answer is stored in one
 * transaction (settleAttempt). `charged` is what the charge is for: its invoice or visit, number, client, receipt.
 */
export async function sendClaimed(
  db: Db,
  context: { provider: CardCharger; now: Date },
  claim: Claimed,
  charged: Pick<OffSessionChargeRequest, 'invoiceId' | 'orderId' | 'number' | 'clientId' | 'receipt'>,
): Promise<ChargeResult> {
  const { provider, now } = context;
  const answer = await provider.chargeSavedCard({
    ...charged,
    idempotencyKey: claim.idempotencyKey,
    attemptId: claim.id,
    amount: claim.amount,
    currency: claim.currency,
    providerMethodId: claim.providerMethodId,
    providerCustomerId: claim.providerCustomerId,
  });
  const settled = await db.transaction((tx) => settleAttempt(tx, provider.name, claim.id, answer, now));
  if (!settled) throw new Error(`charge attempt ${claim.id} vanished`);
  return { outcome: settled.outcome, attempt: settled.attempt, amount: settled.amount, paymentId: settled.paymentId };
}

/**
 * For a sweep: whether the latest attempt of this provider for `subject` (an SQL column: the invoice's or the
 * order's id) lets it be charged now — never tried; its last attempt failed and the retry schedule (retryDays[n]
 * days after the n-th failure) says it is time again; or a crashed run left its attempt pending.
 */
export function attemptDueSql(
  subject: 'invoice_id' | 'order_id',
  id: SQL,
  c: { provider: string; retryDays: number[]; now: Date },
): SQL {
  const schedule = sql.raw(`(array[${c.retryDays.map(Number).join(',') || 'null'}]::int[])`);
  const pendingBefore = new Date(c.now.getTime() - PENDING_ATTEMPT_MS);
  return sql`coalesce((
    select case
      when a.status = 'pending' then a.created_at <= ${pendingBefore.toISOString()}::timestamptz
      when a.status in ('declined', 'authentication_required') then
        a.finished_at + make_interval(days => coalesce(${schedule}[a.attempt], 100000)) <= ${c.now.toISOString()}::timestamptz
        and a.attempt <= ${c.retryDays.length}
      else false end
    from ${chargeAttempts} a
    where a.${sql.raw(subject)} = ${id} and a.provider = ${c.provider}
    order by a.attempt desc limit 1), true)`;
}

export type ChargeSweep = {
  skipped?: string;
  checked: number;
  counts: Partial<Record<ChargeOutcome, number>>;
  /** Refunds cut off before their answer was stored, asked again (lib/payments/refunds.ts), by what they became. */
  refunds?: Partial<Record<string, number>>;
};

/** Invoices (or visits) looked at per query; the sweep pages on through all that are due (keyset on the id). */
export const SWEEP_CHUNK = 100;

export type SweepOptions = { now?: Date; provider?: PaymentProvider; budgetMs?: number; chunk?: number };

/** One way of the `charges` job to charge what is due (open invoices, or completed visits). */
export type DueSweep = (
  db: Db,
  opts: SweepOptions & { now: Date; provider: PaymentProvider },
  settings: Pick<Settings, 'autoChargeReviewHours' | 'autoChargeRetryDays'>,
) => Promise<ChargeSweep>;

/** Pages through what `due` selects (keyset on the id), one call of `charge` each, until done or out of budget. */
export async function sweepInChunks(
  opts: { budgetMs?: number; chunk?: number },
  due: (after: string | null, limit: number) => Promise<{ id: string }[]>,
  charge: (id: string) => Promise<ChargeResult>,
): Promise<ChargeSweep> {
  const started = Date.now();
  const chunk = opts.chunk ?? SWEEP_CHUNK;
  const counts: ChargeSweep['counts'] = {};
  let after: string | null = null;
  let checked = 0;
  for (;;) {
    const rows = await due(after, chunk);
    for (const row of rows) {
      const result = await charge(row.id);
      counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
      checked += 1;
    }
    if (rows.length < chunk) break;
    after = rows[rows.length - 1].id;
    if (Date.now() - started > (opts.budgetMs ?? 45_000)) break;
  }
  return { checked, counts };
}
