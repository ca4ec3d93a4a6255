import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rows } from '@/db/connect';
import {
  attemptDueSql,
  claimAttempt,
  sendClaimed,
  sweepInChunks,
  type ChargeResult,
  type DueSweep,
} from './charge-attempts';
import { cardChargeContext } from './checkout';
import { buildReceipt } from './receipt';
import type { PaymentProvider } from './types';

// Per-visit charging (company setting autoCharge = 'visit'): each completed visit is charged to the client's saved
// card on its own, once its review window (autoChargeReviewHours) has passed and it is still completed (a failure
// reported in time moves it to 'failed', and it is not charged).
//
// How a visit's charge meets the weekly invoice that bills the visit, so nothing is charged twice and an
// invoice's paid amount is the sum of its own payments:
// - the visit is already on an open invoice (the review window ended after the invoice run): the charge is a
//   payment of that invoice, for the visit's part of what it still owes;
// - the visit is not invoiced yet (the usual case): the money is held as the client's credit (a payment with no
//   invoice, Dr cash / Cr client credit). The weekly invoice run applies the client's credit to their open
//   invoices in the same transaction that issues them, each application a payment of that invoice (provider
//   'credit'), so the invoice billing the visit is issued paid, or owing only what was not charged.
// In this mode the job charges visits only, never whole invoices: an invoice's other items (a cancellation fee,
// a charge for a failed visit) are paid by hand.

/**
 * How long after its review window a visit is still charged on its own: a month (a card saved after the visit,
 * a job that did not run) plus the retry schedule. Older unpaid visits are left to their invoices.
 */
const horizonDays = (retryDays: number[]) => 30 + retryDays.reduce((s, d) => s + d, 0);

type VisitToCharge = {
  id: string;
  number: string;
  client_id: string;
  client_email: string;
  currency: string;
  service_ru: string;
  /** Still to pay for this visit. */
  outstanding: string | number;
};

/**
 * A completed visit past its review window and what it still owes: its price when no invoice bills it yet; its
 * line (at most what the invoice still owes) on an open invoice; nothing on a paid or void one.
 */
async function visitToCharge(tx: Db, orderId: string, reviewedBefore: Date): Promise<VisitToCharge | null> {
  const [visit] = await rows<VisitToCharge>(
    tx,
    sql`select o.id, o.number, o.client_id, u.email as client_email, o.currency, s.name_ru as service_ru,
               case when l.order_id is null then coalesce(o.price_total, o.estimate_total)
                    when i.status = 'open' then least(l.amount, greatest(0, i.total - i.credited_amount - i.paid_amount))
                    else 0 end as outstanding
          from orders o
          join users u on u.id = o.client_id
          join services s on s.id = o.service_id
          left join invoice_lines l on l.order_id = o.id
          left join invoices i on i.id = l.invoice_id
         where o.id = ${orderId}::uuid and o.status = 'completed'
           and o.finished_at <= ${reviewedBefore.toISOString()}::timestamptz`,
  );
  return visit ?? null;
}

/**
 * Charges a client's saved card off-session for exactly what one completed visit still owes, through the
 * company's provider, with an idempotency key derived from the visit and the attempt number. Safe to call again
 * and at once from two runs: the claim runs under a transaction-scoped advisory lock of the visit, and the
 * attempt rows are unique per (visit, attempt); then as chargeInvoice: the provider is asked outside any
 * transaction, and its answer is stored by settleAttempt (same failure handling, email and retries).
 */
export async function chargeVisit(
  db: Db,
  orderId: string,
  opts: { now?: Date; provider?: PaymentProvider } = {},
): Promise<ChargeResult> {
  const context = await cardChargeContext(db, opts);
  if (!context) return { outcome: 'unavailable' };
  const { now, settings, provider } = context;
  const reviewedBefore = new Date(now.getTime() - settings.autoChargeReviewHours * 3_600_000);

  const claim = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`charge:visit:${orderId}`}))`);
    const visit = await visitToCharge(tx, orderId, reviewedBefore);
    const amount = visit ? Number(visit.outstanding) : 0;
    if (!visit || amount <= 0) return { outcome: 'nothing_due' as const };
    const claimed = await claimAttempt(
      tx,
      { orderId },
      { provider: provider.name, clientId: visit.client_id, amount, currency: visit.currency, now },
    );
    return 'outcome' in claimed ? claimed : { ...claimed, visit };
  });
  if ('outcome' in claim) return claim;

  const { visit } = claim;
  return sendClaimed(db, context, claim, {
    invoiceId: null,
    orderId,
    number: visit.number,
    clientId: visit.client_id,
    // 54-FZ: the visit is the one item, paid in full by this charge.
    receipt: buildReceipt({
      customerEmail: visit.client_email,
      lines: [{ description: `${visit.service_ru}, заказ ${visit.number}`, amount: claim.amount }],
      amount: claim.amount,
      vatCode: settings.receiptVatCode,
      settlesInvoice: true,
    }),
  });
}

/**
 * The sweep of the `charges` job in 'visit' mode: completed visits past their review window (and within the
 * horizon of the retry schedule), whose client has a saved card, not paid by an earlier charge nor billed on a
 * settled invoice, whose last attempt lets them be charged now (attemptDueSql: never tried, retry due, or left
 * pending by a crash). Chunks of visits keyed by id; resumable (selected by state) and safe to run twice at once
 * (chargeVisit claims under the visit's lock).
 */
export const chargeVisitsDue: DueSweep = async (db, opts, settings) => {
  const { now, provider } = opts;
  const reviewedBefore = new Date(now.getTime() - settings.autoChargeReviewHours * 3_600_000);
  const horizon = new Date(reviewedBefore.getTime() - horizonDays(settings.autoChargeRetryDays) * 86_400_000);
  const due = (after: string | null, limit: number) =>
    rows<{ id: string }>(
      db,
      sql`select o.id from orders o
           where o.status = 'completed'
             -- a visit finishes within a week of its start: lets orders_status_start_idx narrow the scan
             and o.scheduled_start >= ${new Date(horizon.getTime() - 7 * 86_400_000).toISOString()}::timestamptz
             and o.finished_at <= ${reviewedBefore.toISOString()}::timestamptz
             and o.finished_at >= ${horizon.toISOString()}::timestamptz
             and (${after}::uuid is null or o.id > ${after}::uuid)
             and exists (select 1 from saved_payment_methods m where m.client_id = o.client_id
                           and m.provider = ${provider.name} and m.removed_at is null)
             and not exists (select 1 from charge_attempts a where a.order_id = o.id and a.status = 'succeeded')
             and not exists (select 1 from invoice_lines l join invoices i on i.id = l.invoice_id
                              where l.order_id = o.id
                                and (i.status <> 'open' or i.total - i.credited_amount - i.paid_amount <= 0))
             and ${attemptDueSql('order_id', sql`o.id`, { provider: provider.name, retryDays: settings.autoChargeRetryDays, now })}
           order by o.id
           limit ${limit}`,
    );
  return sweepInChunks(opts, due, (id) => chargeVisit(db, id, { now, provider }));
};
