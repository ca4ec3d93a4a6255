import type { Receipt } from './receipt';

/** What a hosted checkout needs to know about the invoice being paid. */
export type CheckoutRequest = {
  invoiceId: string;
  invoiceNumber: string;
  clientId: string;
  clientEmail: string;
  amount: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  locale: 'ru' | 'en';
  /** The 54-FZ receipt for this payment (YooKassa sends it with the payment; Stripe ignores it). */
  receipt: Receipt;
  /** The client ticked "save this card": the provider keeps the card for off-session charges. */
  saveCard: boolean;
  /** The client's customer at the provider (Stripe), from a card they saved before. */
  providerCustomerId: string | null;
};

/** A client saving a card without paying (Stripe Checkout in setup mode). */
export type CardSetupRequest = {
  clientId: string;
  clientEmail: string;
  /** The provider's customer the card goes on, when the client has one already. */
  providerCustomerId: string | null;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  locale: 'ru' | 'en';
};

/** A card the provider keeps: its ids and what the client recognises it by, never the card data. */
export type SavedCardFact = {
  providerMethodId: string;
  providerCustomerId: string | null;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
};

/** An off-session charge of a saved card (the client is not there): exactly what an invoice or a visit owes. */
export type OffSessionChargeRequest = {
  /**
   * Derived from the invoice or visit and the attempt number: the provider replays a repeated request, never
   * charges twice.
   */
  idempotencyKey: string;
  /**
   * The charge_attempts row: sent as metadata, so the provider's later notification finds the attempt it settles.
   * Null for a tip's charge, which is its own record (lib/payments/tips.ts) and is found by its tipId.
   */
  attemptId: string | null;
  /** What is charged for: an invoice, or one visit (per-visit charging); at most one is set (neither for a tip). */
  invoiceId: string | null;
  orderId: string | null;
  /** The invoice's or the order's number, the payment's description unless `description` is given. */
  number: string;
  /** Set when the charge pays a tip instead of an invoice or a visit: it goes in the provider's metadata. */
  tipId?: string;
  /** What the client's statement shows; the number when absent. */
  description?: string;
  clientId: string;
  amount: number;
  currency: string;
  providerMethodId: string;
  providerCustomerId: string | null;
  /** The 54-FZ receipt (YooKassa sends it; Stripe ignores it). */
  receipt: Receipt;
};

/**
 * What the provider answered: the money was taken, or it was not — declined by the bank, or the bank wants the
 * client to authenticate (SCA), which cannot happen off-session.
 */
export type OffSessionChargeResult =
  | { status: 'succeeded'; providerRef: string; amount: number; currency: string; paidAt: Date }
  | { status: 'declined' | 'authentication_required'; providerRef: string | null; code: string }
  | { status: 'pending'; providerRef: string };

export type CheckoutCreated = { providerSessionId: string; url: string };

/** Money given back on a payment the provider took (lib/payments/refunds.ts). */
export type RefundRequest = {
  /** Derived from the payment and the refund's number: a retried request is the same refund at the provider. */
  idempotencyKey: string;
  /** The payment as Brigada knows it at the provider (payments.provider_ref). */
  paymentRef: string;
  amount: number;
  currency: string;
  /** The admin's reason (the provider keeps it with the refund). */
  reason: string;
  /** Ours, so a webhook names the refund row it settles. */
  metadata: { paymentId: string; refundId: string };
  /** The 54-FZ refund receipt (YooKassa sends it; Stripe ignores it). */
  receipt: Receipt;
};

/** What the provider answered: the refund is done, still on its way, or refused. */
export type RefundResult =
  | { status: 'succeeded' | 'pending'; providerRefundId: string; amount: number; at: Date }
  | { status: 'failed'; providerRefundId: string | null; code: string };

/** A refund as the provider reports it (webhook), reduced to what settles it. */
export type RefundFact = {
  providerRefundId: string;
  /** References that may be the payment's provider_ref (Stripe: the PaymentIntent and its Checkout Session). */
  paymentRefs: string[];
  /** From the refund's metadata when Brigada asked for it; null for one made at the provider's dashboard. */
  paymentId: string | null;
  refundId: string | null;
  amount: number;
  currency: string;
  at: Date;
};

/** A verified provider event, reduced to what Brigada acts on. */
export type ProviderEvent =
  | {
      id: string;
      type: 'checkout_paid';
      raw: Record<string, unknown>;
      sessionId: string;
      invoiceId: string | null;
      amount: number;
      currency: string;
      paidAt: Date;
      /** The card the payment used, when the provider saved it (the client asked to). */
      savedCard?: SavedCardFact | null;
    }
  | { id: string; type: 'card_saved'; raw: Record<string, unknown>; sessionId: string; card: SavedCardFact }
  /**
   * The provider decided an off-session charge it had left undecided (Stripe 'processing', YooKassa 'pending'),
   * or repeats its decision: the attempt named in the payment's metadata is settled with it.
   */
  | {
      id: string;
      type: 'charge_settled';
      raw: Record<string, unknown>;
      attemptId: string;
      result: OffSessionChargeResult;
    }
  | { id: string; type: 'checkout_expired' | 'checkout_failed'; raw: Record<string, unknown>; sessionId: string }
  /** Refunds the provider reports as done (Stripe charge.refunded / refund.updated, YooKassa refund.succeeded). */
  | { id: string; type: 'refunds_succeeded'; raw: Record<string, unknown>; refunds: RefundFact[] }
  | { id: string; type: 'ignored'; raw: Record<string, unknown> };

/** What the webhook knows besides the request: the sender's address and the company's trusted ranges. */
export type WebhookContext = { senderAddress: string; notificationRanges: string[] };

/** An online payment provider: a hosted checkout per invoice, and signed webhook events. */
export interface PaymentProvider {
  readonly name: string;
  /** False when the provider is not configured (no keys): the pay button is hidden. */
  enabled(): boolean;
  createCheckout(request: CheckoutRequest): Promise<CheckoutCreated>;
  /** A hosted page to save a card without paying; absent where the provider saves cards only with a payment. */
  createCardSetup?(request: CardSetupRequest): Promise<CheckoutCreated>;
  /** Tells the provider a saved card is no longer to be used (Stripe detaches it); absent where there is no such call. */
  detachCard?(card: { providerMethodId: string }): Promise<void>;
  /** Charges a saved card off-session (Stripe: a confirmed PaymentIntent; YooKassa: a payment by payment_method_id). */
  chargeSavedCard?(request: OffSessionChargeRequest): Promise<OffSessionChargeResult>;
  /** Gives back part or all of a payment it took (Stripe POST /v1/refunds; YooKassa POST /v3/refunds with a receipt). */
  refund?(request: RefundRequest): Promise<RefundResult>;
  /**
   * Verifies an event before anything is written (Stripe: signature and freshness; YooKassa, which signs
   * nothing: the sender's address, then the payment as the API reports it); throws WebhookRejected for
   * anything it would not act on.
   */
  verifyWebhook(rawBody: string, headers: Headers, context: WebhookContext): ProviderEvent | Promise<ProviderEvent>;
}

export class WebhookRejected extends Error {
  constructor(readonly reason: 'signature' | 'unknown_event' | 'malformed' | 'sender' | 'mismatch') {
    super(`webhook rejected: ${reason}`);
  }
}

/** The metadata an off-session charge carries (both providers): the attempt it belongs to, and what it is for. */
export function chargeMetadata(r: OffSessionChargeRequest): Record<string, string> {
  return {
    ...(r.attemptId ? { chargeAttemptId: r.attemptId } : {}),
    ...(r.tipId ? { tipId: r.tipId } : {}),
    clientId: r.clientId,
    number: r.number,
    ...(r.invoiceId ? { invoiceId: r.invoiceId, invoiceNumber: r.number } : {}),
    ...(r.orderId ? { orderId: r.orderId } : {}),
  };
}
