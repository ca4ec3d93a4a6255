import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { payments, savedPaymentMethods } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { conflict } from '@/lib/errors';
import {
  chargingTipByRef,
  claimCardTip,
  failCardTipTx,
  markTipChargeSentTx,
  settleCardTipTx,
  tipOnInvoice,
  tipsOfOrder,
  TIP_CHARGE_STALE_MS,
  type ClaimedTip,
  type TipDto,
  type TipRequest,
} from '@/lib/finance';
import { getSettings } from '@/lib/settings';
import { cardChargingProvider, tipReceiptText } from './checkout';
import { buildReceipt } from './receipt';
import type { OffSessionChargeResult, PaymentProvider } from './types';

/** The idempotency key of a tip's charge: the same tip is the same operation at the provider, however often sent. */
export const tipChargeKey = (tipId: string) => `tip:${tipId}`;

/**
 * A client (or staff on their behalf) tips the worker of a completed order: with the next weekly invoice
 * (lib/finance tipOnInvoice), or at once off-session with the client's saved card:
 * 1. lib/finance checks the order and records the tip as 'charging' with the card (one transaction; a repeated
 *    submit of the same form finds it);
 * 2. the provider is asked through the adapters' off-session charge, keyed by the tip, outside any transaction —
 *    unless another request is charging it right now (then its state is returned as it is); a request that
 *    crashed after asking is repeated with the same key, and the provider replays its first answer;
 * 3. the answer is stored in one transaction: taken — the payment row (once per provider reference) and the
 *    tip's ledger entry (Dr cash, Cr the worker's payable); refused — the tip is marked failed and nothing is
 *    posted; still deciding (YooKassa 'pending') — its notification settles it (settleTipFromNotification).
 */
export async function giveTip(
  db: Db,
  actor: Actor,
  input: TipRequest,
  opts: { provider?: PaymentProvider; now?: Date } = {},
): Promise<TipDto> {
  if (input.method === 'invoice') return tipOnInvoice(db, actor, input, { now: opts.now });
  const settings = await getSettings(db);
  const provider = cardChargingProvider(settings, opts.provider);
  if (!provider?.chargeSavedCard) throw conflict('finance.errors.tipCardUnavailable');
  const tip = await claimCardTip(db, actor, input, provider.name, async (tx, clientId) => {
    const [card] = await tx
      .select({ savedMethodId: savedPaymentMethods.id })
      .from(savedPaymentMethods)
      .where(
        and(
          eq(savedPaymentMethods.clientId, clientId),
          eq(savedPaymentMethods.provider, provider.name),
          isNull(savedPaymentMethods.removedAt),
        ),
      )
      .orderBy(desc(savedPaymentMethods.createdAt))
      .limit(1);
    return card ?? null;
  });
  const now = opts.now ?? new Date();
  const inFlight = !tip.created && now.getTime() - tip.createdAt.getTime() < TIP_CHARGE_STALE_MS;
  if (tip.status !== 'charging' || inFlight || !tip.savedMethodId) return publicTip(tip);
  const [card] = await db
    .select({
      providerMethodId: savedPaymentMethods.providerMethodId,
      providerCustomerId: savedPaymentMethods.providerCustomerId,
    })
    .from(savedPaymentMethods)
    .where(eq(savedPaymentMethods.id, tip.savedMethodId));
  const description = tipReceiptText(tip.workerFirstName, tip.orderNumber);
  const answer = await provider.chargeSavedCard({
    idempotencyKey: tipChargeKey(tip.id),
    attemptId: null,
    invoiceId: null,
    orderId: null,
    number: tip.orderNumber,
    tipId: tip.id,
    description,
    clientId: tip.clientId,
    amount: tip.amount,
    currency: tip.currency,
    providerMethodId: card.providerMethodId,
    providerCustomerId: card.providerCustomerId,
    // 54-FZ: one item, the tip, for its whole amount.
    receipt: buildReceipt({
      customerEmail: tip.clientEmail,
      lines: [{ description, amount: tip.amount }],
      amount: tip.amount,
      vatCode: settings.receiptVatCode,
      settlesInvoice: true,
    }),
  });
  await db.transaction((tx) => recordTipAnswer(tx, provider.name, tip, answer));
  const [after] = (await tipsOfOrder(db, actor, tip.orderId)).filter((t) => t.id === tip.id);
  return after;
}

function publicTip(tip: ClaimedTip): TipDto {
  const { clientId: _c, clientEmail: _e, savedMethodId: _s, created: _n, ...dto } = tip;
  void [_c, _e, _s, _n];
  return dto;
}

async function recordTipAnswer(
  tx: Db,
  provider: string,
  tip: { id: string; clientId: string; currency: string },
  answer: OffSessionChargeResult,
): Promise<void> {
  if (answer.status === 'pending') return markTipChargeSentTx(tx, tip.id, answer.providerRef);
  if (answer.status !== 'succeeded') return failCardTipTx(tx, tip.id, answer);
  await settleTipPayment(tx, provider, tip.id, answer);
}

/** The money a provider took for a tip: the tip's entry (lib/finance) and one payment row per provider reference. */
async function settleTipPayment(
  tx: Db,
  provider: string,
  tipId: string,
  paid: { providerRef: string; amount: number; currency: string; paidAt: Date },
): Promise<'tip_paid' | 'already_recorded'> {
  const settled = await settleCardTipTx(tx, tipId, paid);
  if (!settled.created || !settled.entryId) return 'already_recorded';
  await tx
    .insert(payments)
    .values({
      provider,
      providerRef: paid.providerRef,
      invoiceId: null,
      clientId: settled.clientId,
      amount: paid.amount,
      // All of it pays the tip: nothing is applied to an invoice, nothing becomes credit.
      appliedAmount: paid.amount,
      creditAmount: 0,
      currency: paid.currency,
      receivedAt: paid.paidAt,
      note: 'tip',
      entryId: settled.entryId,
    })
    .onConflictDoNothing({ target: [payments.provider, payments.providerRef] });
  return 'tip_paid';
}

/**
 * A provider's verified notification of a payment no invoice claims (the webhook, in its transaction): a tip's
 * charge the provider had not decided when asked is settled, or marked failed when it was cancelled. Null: not a
 * tip's either.
 */
export async function settleTipFromNotification(
  tx: Db,
  provider: string,
  event:
    | { type: 'paid'; providerRef: string; amount: number; currency: string; paidAt: Date }
    | { type: 'failed'; providerRef: string },
): Promise<string | null> {
  const tip = await chargingTipByRef(tx, provider, event.providerRef);
  if (!tip) return null;
  if (event.type === 'failed') {
    await failCardTipTx(tx, tip.id, { providerRef: event.providerRef, code: 'canceled' });
    return 'tip_failed';
  }
  return settleTipPayment(tx, provider, tip.id, event);
}
