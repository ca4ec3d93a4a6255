import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { checkoutSessions, paymentEvents } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { applyPayment } from './apply-payment';
import { settleAttempt } from './charge-attempts';
import { keepSavedCard } from './cards';
import { settleReportedRefunds } from './refunds';
import { settleTipFromNotification } from './tips';
import { WebhookRejected, type PaymentProvider, type ProviderEvent } from './types';

export type WebhookOutcome = {
  status: 200 | 400;
  body: { received: boolean; duplicate?: boolean; result?: string; error?: string };
};

/**
 * A provider's webhook delivery: verified (signature, age) before anything is written — a rejected one gets
 * 400 and changes nothing; a genuine event of a type we do not handle gets 200 ("ignored"), so the provider
 * stops retrying it. The event row (unique by provider event id) and its effect
 * commit together, so a redelivery finds the row and applies nothing, whatever order events come in.
 */
export async function handlePaymentWebhook(
  db: Db,
  rawBody: string,
  headers: Headers,
  provider: PaymentProvider,
  opts: { senderAddress?: string } = {},
): Promise<WebhookOutcome> {
  try {
    const { yookassaNotificationRanges } = await getSettings(db);
    const event = await provider.verifyWebhook(rawBody, headers, {
      senderAddress: opts.senderAddress ?? 'unknown',
      notificationRanges: yookassaNotificationRanges,
    });
    return await storeAndApply(db, provider, event);
  } catch (error) {
    if (error instanceof WebhookRejected) return { status: 400, body: { received: false, error: error.reason } };
    throw error;
  }
}

/** The event row and its effect, in one transaction; a refusal inside rolls both back. */
function storeAndApply(db: Db, provider: PaymentProvider, event: ProviderEvent): Promise<WebhookOutcome> {
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(paymentEvents)
      .values({ provider: provider.name, eventId: event.id, type: event.type, payload: event.raw })
      .onConflictDoNothing({ target: [paymentEvents.provider, paymentEvents.eventId] })
      .returning({ id: paymentEvents.id });
    if (!stored) {
      await tx
        .update(paymentEvents)
        .set({ deliveries: sql`${paymentEvents.deliveries} + 1` })
        .where(and(eq(paymentEvents.provider, provider.name), eq(paymentEvents.eventId, event.id)));
      return { status: 200, body: { received: true, duplicate: true } };
    }
    const result = await applyEvent(tx, provider.name, event);
    await tx.update(paymentEvents).set({ processedAt: new Date(), result }).where(eq(paymentEvents.id, stored.id));
    return { status: 200, body: { received: true, result } };
  });
}

async function applyEvent(tx: Db, provider: string, event: ProviderEvent): Promise<string> {
  if (event.type === 'ignored') return 'ignored';
  if (event.type === 'refunds_succeeded') return settleReportedRefunds(tx, provider, event.refunds);
  if (event.type === 'charge_settled') {
    // An automatic charge the provider had not decided when asked (Stripe 'processing', YooKassa 'pending').
    const settled = await settleAttempt(tx, provider, event.attemptId, event.result, new Date());
    if (!settled) return 'unknown_attempt';
    if (settled.outcome === 'charged') return settled.created ? 'payment_recorded' : 'already_recorded';
    return settled.outcome === 'pending' ? 'charge_pending' : `charge_${settled.outcome}`;
  }
  const [session] = await tx
    .select({
      id: checkoutSessions.id,
      invoiceId: checkoutSessions.invoiceId,
      clientId: checkoutSessions.clientId,
      status: checkoutSessions.status,
      purpose: checkoutSessions.purpose,
      saveCard: checkoutSessions.saveCard,
    })
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.provider, provider), eq(checkoutSessions.providerSessionId, event.sessionId)))
    .for('update');
  if (event.type === 'card_saved') {
    // Only a setup we started keeps a card, for the client who started it.
    if (!session || session.purpose !== 'setup') return 'unknown_session';
    await keepSavedCard(tx, session.clientId, provider, event.card);
    await tx
      .update(checkoutSessions)
      .set({ status: 'complete', completedAt: new Date() })
      .where(eq(checkoutSessions.id, session.id));
    return 'card_saved';
  }
  if (event.type === 'checkout_paid') {
    // A verified event naming another invoice than the one we opened the session for is refused whole.
    if (session && event.invoiceId && event.invoiceId !== session.invoiceId) throw new WebhookRejected('mismatch');
    // Our own record names the invoice; the signed metadata is the fallback for a session we lost track of.
    const invoiceId = session?.invoiceId ?? event.invoiceId;
    // No invoice: a tip's card charge the provider decided after we asked (YooKassa 'pending'), or nothing of ours.
    if (!invoiceId)
      return (
        (await settleTipFromNotification(tx, provider, {
          type: 'paid',
          providerRef: event.sessionId,
          amount: event.amount,
          currency: event.currency,
          paidAt: event.paidAt,
        })) ?? 'unknown_session'
      );
    const applied = await applyPayment(tx, {
      provider,
      providerRef: event.sessionId,
      invoiceId,
      amount: event.amount,
      currency: event.currency,
      receivedAt: event.paidAt,
    });
    if (session)
      await tx
        .update(checkoutSessions)
        .set({ status: 'complete', completedAt: event.paidAt })
        .where(eq(checkoutSessions.id, session.id));
    // The card is kept only when the client ticked "save this card" for this session.
    if (session?.saveCard && event.savedCard) await keepSavedCard(tx, session.clientId, provider, event.savedCard);
    return applied.created
      ? applied.creditAmount > 0
        ? 'payment_recorded_with_credit'
        : 'payment_recorded'
      : 'already_recorded';
  }
  // Expired or failed: only an open session changes; a late "expired" never undoes a completed payment.
  if (!session && event.type === 'checkout_failed')
    return (
      (await settleTipFromNotification(tx, provider, { type: 'failed', providerRef: event.sessionId })) ?? 'no_change'
    );
  if (!session || session.status !== 'open') return 'no_change';
  await tx
    .update(checkoutSessions)
    .set({ status: event.type === 'checkout_expired' ? 'expired' : 'failed' })
    .where(eq(checkoutSessions.id, session.id));
  return event.type === 'checkout_expired' ? 'session_expired' : 'session_failed';
}
