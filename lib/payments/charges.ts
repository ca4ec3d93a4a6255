import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { chargeAttempts, invoices, savedPaymentMethods, users } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { PAGE_SIZE, COUNT_CAP, afterCursor, cappedCount, decodeCursor, toPage, type Page } from '@/lib/paging';
import { amountDue, getInvoice, invoiceMoneyColumns } from '@/lib/finance';
import { enqueue } from '@/lib/notifications';
import { getSettings } from '@/lib/settings';
import { applyPayment } from './apply-payment';
import { invoiceReceipt, providers } from './checkout';
import type { OffSessionChargeResult, PaymentProvider } from './types';

/** What one call of chargeInvoice did. */
export type ChargeOutcome =
  | 'charged'
  | 'declined'
  | 'authentication_required'
  /** The provider took the request and has not decided yet; its notification records the payment. */
  | 'pending'
  /** Another run is charging this invoice right now (its attempt is fresh): nothing sent. */
  | 'busy'
  | 'nothing_due'
  | 'no_card'
  | 'unavailable';

export type ChargeResult = { outcome: ChargeOutcome; attempt?: number; amount?: number; paymentId?: string };

/** A pending attempt younger than this belongs to a run still in flight; an older one was left by a crash and is sent again. */
export const PENDING_ATTEMPT_MS = 10 * 60_000;

/** The idempotency key of an attempt: the same invoice and attempt number is the same operation at the provider. */
export const chargeKey = (invoiceId: string, attempt: number) => `charge:${invoiceId}:${attempt}`;

type Claimed = {
  id: string;
  attempt: number;
  amount: number;
  currency: string;
  providerMethodId: string;
  providerCustomerId: string | null;
  last4: string;
};

/**
 * Charges a client's saved card off-session for exactly what an invoice still owes, through the company's
 * provider. Safe to call again and at once from two runs:
 * 1. in one transaction, with the invoice row locked, an attempt row (invoice, attempt number) is claimed — or
 *    a run finds a fresh pending attempt and stops ('busy'), or a stale one (a crashed run) and sends it again
 *    with the same idempotency key, so the provider replays its first answer instead of charging twice;
 * 2. the provider is asked (outside any transaction: a network call must not hold locks);
 * 3. in one transaction the answer is stored: success records the payment exactly as an online payment
 *    (applyPayment: ledger, invoice paid, receipt email); a decline or an authentication the client must give
 *    leaves the invoice open, marks the attempt failed and emails the client a link to pay by hand.
 * A new attempt after a failed one is the caller's decision (the job's retry schedule).
 */
export async function chargeInvoice(
  db: Db,
  invoiceId: string,
  opts: { now?: Date; provider?: PaymentProvider } = {},
): Promise<ChargeResult> {
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);
  const provider = opts.provider ?? providers[settings.paymentProvider];
  if (!provider.enabled() || !provider.chargeSavedCard) return { outcome: 'unavailable' };

  const claim = await db.transaction(async (tx): Promise<ChargeResult | Claimed> => {
    const [inv] = await tx.select(invoiceMoneyColumns).from(invoices).where(eq(invoices.id, invoiceId)).for('update');
    if (!inv || inv.status !== 'open') return { outcome: 'nothing_due' };
    const amount = amountDue(inv);
    if (amount <= 0) return { outcome: 'nothing_due' };
    const [last] = await tx
      .select({
        id: chargeAttempts.id,
        attempt: chargeAttempts.attempt,
        status: chargeAttempts.status,
        amount: chargeAttempts.amount,
        currency: chargeAttempts.currency,
        createdAt: chargeAttempts.createdAt,
        providerMethodId: savedPaymentMethods.providerMethodId,
        providerCustomerId: savedPaymentMethods.providerCustomerId,
        last4: savedPaymentMethods.last4,
      })
      .from(chargeAttempts)
      .innerJoin(savedPaymentMethods, eq(savedPaymentMethods.id, chargeAttempts.savedMethodId))
      .where(and(eq(chargeAttempts.invoiceId, invoiceId), eq(chargeAttempts.provider, provider.name)))
      .orderBy(desc(chargeAttempts.attempt))
      .limit(1);
    if (last?.status === 'pending') {
      if (now.getTime() - last.createdAt.getTime() < PENDING_ATTEMPT_MS)
        return { outcome: 'busy', attempt: last.attempt };
      return last;
    }
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
          eq(savedPaymentMethods.clientId, inv.clientId),
          eq(savedPaymentMethods.provider, provider.name),
          isNull(savedPaymentMethods.removedAt),
        ),
      )
      .orderBy(desc(savedPaymentMethods.createdAt))
      .limit(1);
    if (!card) return { outcome: 'no_card' };
    const attempt = (last?.attempt ?? 0) + 1;
    const [row] = await tx
      .insert(chargeAttempts)
      .values({
        invoiceId,
        clientId: inv.clientId,
        attempt,
        provider: provider.name,
        savedMethodId: card.id,
        amount,
        currency: inv.currency,
        idempotencyKey: chargeKey(invoiceId, attempt),
        createdAt: now,
      })
      .returning({ id: chargeAttempts.id });
    return {
      id: row.id,
      attempt,
      amount,
      currency: inv.currency,
      providerMethodId: card.providerMethodId,
      providerCustomerId: card.providerCustomerId,
      last4: card.last4,
    };
  });
  if ('outcome' in claim) return claim;

  // The receipt is the client's own invoice as they would see it (their own view; no staff rights needed).
  const inv = await getInvoice(db, clientViewer(await invoiceClient(db, invoiceId)), invoiceId);
  const answer = await provider.chargeSavedCard({
    idempotencyKey: chargeKey(invoiceId, claim.attempt),
    invoiceId,
    invoiceNumber: inv.number,
    clientId: inv.clientId,
    amount: claim.amount,
    currency: claim.currency,
    providerMethodId: claim.providerMethodId,
    providerCustomerId: claim.providerCustomerId,
    receipt: invoiceReceipt(inv, claim.amount, settings.receiptVatCode),
  });
  return recordAnswer(db, provider.name, claim, inv, answer, now);
}

async function recordAnswer(
  db: Db,
  provider: string,
  claim: Claimed,
  inv: { id: string; number: string; clientId: string },
  answer: OffSessionChargeResult,
  now: Date,
): Promise<ChargeResult> {
  return db.transaction(async (tx) => {
    if (answer.status === 'pending') {
      await tx.update(chargeAttempts).set({ providerRef: answer.providerRef }).where(eq(chargeAttempts.id, claim.id));
      return { outcome: 'pending', attempt: claim.attempt, amount: claim.amount };
    }
    if (answer.status === 'succeeded') {
      const applied = await applyPayment(tx, {
        provider,
        providerRef: answer.providerRef,
        invoiceId: inv.id,
        amount: answer.amount,
        currency: answer.currency,
        receivedAt: answer.paidAt,
        note: `charge ${claim.attempt}`,
      });
      await tx
        .update(chargeAttempts)
        .set({ status: 'succeeded', providerRef: answer.providerRef, finishedAt: now })
        .where(eq(chargeAttempts.id, claim.id));
      return { outcome: 'charged', attempt: claim.attempt, amount: answer.amount, paymentId: applied.paymentId };
    }
    await tx
      .update(chargeAttempts)
      .set({ status: answer.status, providerRef: answer.providerRef, failureCode: answer.code, finishedAt: now })
      .where(eq(chargeAttempts.id, claim.id));
    await enqueue(
      tx,
      { userId: inv.clientId },
      'charge_failed',
      {
        invoiceId: inv.id,
        number: inv.number,
        outstanding: claim.amount,
        currency: claim.currency,
        last4: claim.last4,
        reason: answer.status,
      },
      { idempotencyKey: `charge_failed:${claim.id}` },
    );
    return { outcome: answer.status, attempt: claim.attempt, amount: claim.amount };
  });
}

async function invoiceClient(db: Db, invoiceId: string): Promise<string> {
  const [row] = await db.select({ clientId: invoices.clientId }).from(invoices).where(eq(invoices.id, invoiceId));
  return row.clientId;
}

/** The client as the reader of their own invoice (getInvoice lets a client read only their own). */
const clientViewer = (clientId: string): Actor => ({ id: clientId, role: 'client', name: '', email: '', locale: 'ru' });

/** The statuses of an attempt that did not take the money. */
export const FAILED_CHARGE = ['declined', 'authentication_required'] as const;

export type ChargeAttemptDto = {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  invoiceStatus: string;
  clientName: string;
  attempt: number;
  provider: string;
  amount: number;
  currency: string;
  status: string;
  failureCode: string | null;
  last4: string;
  createdAt: Date;
};

const attemptColumns = {
  id: chargeAttempts.id,
  invoiceId: chargeAttempts.invoiceId,
  invoiceNumber: invoices.number,
  invoiceStatus: invoices.status,
  clientName: users.name,
  attempt: chargeAttempts.attempt,
  provider: chargeAttempts.provider,
  amount: chargeAttempts.amount,
  currency: chargeAttempts.currency,
  status: chargeAttempts.status,
  failureCode: chargeAttempts.failureCode,
  last4: savedPaymentMethods.last4,
  createdAt: chargeAttempts.createdAt,
};

function attemptsQuery(db: Db) {
  return db
    .select(attemptColumns)
    .from(chargeAttempts)
    .innerJoin(invoices, eq(invoices.id, chargeAttempts.invoiceId))
    .innerJoin(users, eq(users.id, chargeAttempts.clientId))
    .innerJoin(savedPaymentMethods, eq(savedPaymentMethods.id, chargeAttempts.savedMethodId));
}

/** Every automatic charge of an invoice, first attempt first (the invoice page, for managers). */
export async function chargeAttemptsOfInvoice(db: Db, actor: Actor, invoiceId: string): Promise<ChargeAttemptDto[]> {
  assertStaff(actor);
  return attemptsQuery(db).where(eq(chargeAttempts.invoiceId, invoiceId)).orderBy(chargeAttempts.attempt);
}

/** Failed automatic charges, newest first, keyset-paged (the "failed charges" list, for managers). */
export async function listFailedCharges(
  db: Db,
  actor: Actor,
  filter: { cursor?: string } = {},
): Promise<Page<ChargeAttemptDto>> {
  assertStaff(actor);
  const failed = inArray(chargeAttempts.status, [...FAILED_CHARGE]);
  const key = decodeCursor(filter.cursor, 2);
  const [rows, [{ n }]] = await Promise.all([
    attemptsQuery(db)
      .where(
        and(failed, afterCursor([chargeAttempts.createdAt, chargeAttempts.id], key, ['timestamptz', 'uuid'], 'desc')),
      )
      .orderBy(desc(chargeAttempts.createdAt), desc(chargeAttempts.id))
      .limit(PAGE_SIZE + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1` })
        .from(chargeAttempts)
        .where(failed)
        .limit(COUNT_CAP + 1)
        .as('failed'),
    ),
  ]);
  return toPage(
    rows,
    PAGE_SIZE,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => r,
    cappedCount(n),
  );
}

export type ChargeSweep = { skipped?: string; checked: number; counts: Partial<Record<ChargeOutcome, number>> };

/** Invoices looked at per query; the sweep pages on through all that are due (keyset on the invoice id). */
const SWEEP_CHUNK = 100;

/**
 * The `charges` job (/api/cron/charges): with the company's setting 'invoice', charges every open invoice that
 * owes something and whose client has a saved card — never tried; or its last attempt failed and the retry
 * schedule (autoChargeRetryDays, days after that failure) says it is time again; or a crashed run left its
 * attempt pending. Each invoice goes through chargeInvoice, which claims its attempt under the invoice's lock,
 * so two sweeps at once charge each invoice once. Chunks of SWEEP_CHUNK invoices, stopping when `budgetMs` is
 * spent: what is left is still due (selected by state), so the next call resumes it.
 */
export async function chargeDue(
  db: Db,
  opts: { now?: Date; provider?: PaymentProvider; budgetMs?: number; chunk?: number } = {},
): Promise<ChargeSweep> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);
  const counts: ChargeSweep['counts'] = {};
  if (settings.autoCharge !== 'invoice') return { skipped: `autoCharge=${settings.autoCharge}`, checked: 0, counts };
  const provider = opts.provider ?? providers[settings.paymentProvider];
  if (!provider.enabled() || !provider.chargeSavedCard) return { skipped: 'provider', checked: 0, counts };
  const retryDays = settings.autoChargeRetryDays;
  // retry n (1-based) waits retryDays[n-1] days after the n-th failure; none once they are used up.
  const schedule = sql`(${sql.raw(`array[${retryDays.map(Number).join(',') || 'null'}]::int[]`)})`;
  const pendingBefore = new Date(now.getTime() - PENDING_ATTEMPT_MS);
  let after: string | null = null;
  let checked = 0;
  for (;;) {
    const rows: { id: string }[] = await db
      .select({ id: invoices.id })
      .from(invoices)
      .where(
        and(
          eq(invoices.status, 'open'),
          sql`${invoices.total} - ${invoices.creditedAmount} - ${invoices.paidAmount} > 0`,
          after ? sql`${invoices.id} > ${after}::uuid` : undefined,
          sql`exists (select 1 from ${savedPaymentMethods} where ${savedPaymentMethods.clientId} = ${invoices.clientId}
                and ${savedPaymentMethods.provider} = ${provider.name} and ${savedPaymentMethods.removedAt} is null)`,
          sql`coalesce((
                select case
                  when a.status = 'pending' then a.created_at <= ${pendingBefore.toISOString()}::timestamptz
                  when a.status in ('declined', 'authentication_required') then
                    a.finished_at + make_interval(days => coalesce(${schedule}[a.attempt], 100000)) <= ${now.toISOString()}::timestamptz
                    and a.attempt <= ${retryDays.length}
                  else false end
                from ${chargeAttempts} a
                where a.invoice_id = ${invoices.id} and a.provider = ${provider.name}
                order by a.attempt desc limit 1), true)`,
        ),
      )
      .orderBy(invoices.id)
      .limit(opts.chunk ?? SWEEP_CHUNK);
    for (const row of rows) {
      const result = await chargeInvoice(db, row.id, { now, provider });
      counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
      checked += 1;
    }
    if (rows.length < (opts.chunk ?? SWEEP_CHUNK)) break;
    after = rows[rows.length - 1].id;
    if (Date.now() - started > (opts.budgetMs ?? 45_000)) break;
  }
  return { checked, counts };
}
