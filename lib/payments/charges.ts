import 'server-only';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { chargeAttempts, invoiceLines, invoices, orders, refunds, savedPaymentMethods } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { PAGE_SIZE, COUNT_CAP, afterCursor, cappedCount, decodeCursor, toPage, type Page } from '@/lib/paging';
import { amountDue, getInvoice, invoiceMoney } from '@/lib/finance';
import { getSettings } from '@/lib/settings';
import {
  attemptDueSql,
  claimAttempt,
  sendClaimed,
  sweepInChunks,
  type ChargeResult,
  type ChargeSweep,
  type DueSweep,
  type SweepOptions,
} from './charge-attempts';
import { chargeVisitsDue } from './charge-visits';
import { cardChargeContext, cardChargingProvider, invoiceReceipt } from './checkout';
import { reconcilePendingRefunds } from './refunds';
import type { PaymentProvider } from './types';

/**
 * Charges a client's saved card off-session for exactly what an invoice still owes, through the company's
 * provider. Safe to call again and at once from two runs:
 * 1. in one transaction, with the invoice row locked, an attempt row (invoice, attempt number) is claimed — or
 *    a run finds a fresh pending attempt and stops ('busy'), or a stale one (a crashed run) and sends it again
 *    with the same idempotency key, so the provider replays its first answer instead of charging twice;
 * 2. the provider is asked (outside any transaction: a network call must not hold locks);
 * 3. in one transaction the answer is stored (settleAttempt): success records the payment exactly as an online
 *    payment (applyPayment: ledger, invoice paid, receipt email); a decline or an authentication the client
 *    must give leaves the invoice open, marks the attempt failed and emails the client a link to pay by hand;
 *    an undecided answer (pending) waits for the provider's notification.
 * A new attempt after a failed one is the caller's decision (the job's retry schedule).
 */
export async function chargeInvoice(
  db: Db,
  invoiceId: string,
  opts: { now?: Date; provider?: PaymentProvider } = {},
): Promise<ChargeResult> {
  const context = await cardChargeContext(db, opts);
  if (!context) return { outcome: 'unavailable' };
  const { now, settings, provider } = context;

  const claim = await db.transaction(async (tx) => {
    const inv = await invoiceMoney(tx, invoiceId, { lock: true });
    if (!inv || inv.status !== 'open') return { outcome: 'nothing_due' as const };
    const amount = amountDue(inv);
    if (amount <= 0) return { outcome: 'nothing_due' as const };
    return claimAttempt(
      tx,
      { invoiceId },
      { provider: provider.name, clientId: inv.clientId, amount, currency: inv.currency, now },
    );
  });
  if ('outcome' in claim) return claim;

  // The receipt is the client's own invoice as they would see it (their own view; no staff rights needed).
  const inv = await getInvoice(db, clientViewer((await invoiceMoney(db, invoiceId))!.clientId), invoiceId);
  return sendClaimed(db, context, claim, {
    invoiceId,
    orderId: null,
    number: inv.number,
    clientId: inv.clientId,
    receipt: invoiceReceipt(inv, claim.amount, settings.receiptVatCode),
  });
}

/** The client as the reader of their own invoice (getInvoice lets a client read only their own). */
const clientViewer = (clientId: string): Actor => ({ id: clientId, role: 'client', name: '', email: '', locale: 'ru' });

/** The statuses of an attempt that did not take the money. */
export const FAILED_CHARGE = ['declined', 'authentication_required'] as const;

export type ChargeAttemptDto = {
  id: string;
  /** The invoice charged, or (per-visit charging) the visit: exactly one of the two is set. */
  invoiceId: string | null;
  invoiceNumber: string | null;
  invoiceStatus: string | null;
  orderId: string | null;
  orderNumber: string | null;
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
  orderId: chargeAttempts.orderId,
  orderNumber: orders.number,
  clientName: personName(chargeAttempts.clientId),
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
    .leftJoin(invoices, eq(invoices.id, chargeAttempts.invoiceId))
    .leftJoin(orders, eq(orders.id, chargeAttempts.orderId))
    .innerJoin(savedPaymentMethods, eq(savedPaymentMethods.id, chargeAttempts.savedMethodId));
}

/**
 * Every automatic charge of an invoice, and of the visits it bills (per-visit charging), oldest first (the
 * invoice page, for managers).
 */
export async function chargeAttemptsOfInvoice(db: Db, actor: Actor, invoiceId: string): Promise<ChargeAttemptDto[]> {
  assertStaff(actor);
  return attemptsQuery(db)
    .where(
      or(
        eq(chargeAttempts.invoiceId, invoiceId),
        inArray(
          chargeAttempts.orderId,
          db.select({ id: invoiceLines.orderId }).from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)),
        ),
      ),
    )
    .orderBy(chargeAttempts.createdAt, chargeAttempts.attempt);
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

/**
 * The `charges` job (/api/cron/charges): first it asks again about refunds a crash left pending
 * (reconcilePendingRefunds); then, by the company's setting autoCharge: 'invoice' charges open invoices
 * (below), 'visit' charges completed visits once their review window has passed (chargeVisitsDue), 'never'
 * nothing.
 */
export async function chargeDue(db: Db, opts: SweepOptions = {}): Promise<ChargeSweep> {
  // First, whatever the charging setting: refunds a crash left without their provider's answer.
  const reconciled = await reconcilePendingRefunds(db, { now: opts.now, provider: opts.provider });
  const refunded = Object.keys(reconciled).length ? { refunds: reconciled } : {};
  const settings = await getSettings(db);
  if (settings.autoCharge === 'never') return { skipped: 'autoCharge=never', checked: 0, counts: {}, ...refunded };
  const provider = cardChargingProvider(settings, opts.provider);
  if (!provider) return { skipped: 'provider', checked: 0, counts: {}, ...refunded };
  const sweep = { ...opts, now: opts.now ?? new Date(), provider };
  const charged = await (settings.autoCharge === 'visit'
    ? chargeVisitsDue(db, sweep, settings)
    : chargeInvoicesDue(db, sweep, settings));
  return { ...charged, ...refunded };
}

/**
 * Charges every open invoice that owes something and whose client has a saved card — never tried; or its last
 * attempt failed and the retry schedule (autoChargeRetryDays, days after that failure) says it is time again; or
 * a crashed run left its attempt pending. Each invoice goes through chargeInvoice, which claims its attempt under
 * the invoice's lock, so two sweeps at once charge each invoice once. Chunks of SWEEP_CHUNK invoices, stopping
 * when `budgetMs` is spent: what is left is still due (selected by state), so the next call resumes it.
 */
const chargeInvoicesDue: DueSweep = async (db, opts, { autoChargeRetryDays: retryDays }) => {
  const { now, provider } = opts;
  const due = (after: string | null, limit: number) =>
    db
      .select({ id: invoices.id })
      .from(invoices)
      .where(
        and(
          eq(invoices.status, 'open'),
          sql`${invoices.total} - ${invoices.creditedAmount} - ${invoices.paidAmount} > 0`,
          after ? sql`${invoices.id} > ${after}::uuid` : undefined,
          sql`exists (select 1 from ${savedPaymentMethods} where ${savedPaymentMethods.clientId} = ${invoices.clientId}
                and ${savedPaymentMethods.provider} = ${provider.name} and ${savedPaymentMethods.removedAt} is null)`,
          attemptDueSql('invoice_id', sql`${invoices.id}`, { provider: provider.name, retryDays, now }),
          // A refund reopens the invoice it paid (the money is owed again), but taking it back from the card is
          // staff's decision, not the job's: the admin refunded it on purpose (a credit note forgives it).
          sql`not exists (select 1 from ${refunds} where ${refunds.invoiceId} = ${invoices.id})`,
        ),
      )
      .orderBy(invoices.id)
      .limit(limit);
  return sweepInChunks(opts, due, (id) => chargeInvoice(db, id, { now, provider }));
};
