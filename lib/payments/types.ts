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
};

export type CheckoutCreated = { providerSessionId: string; url: string };

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
    }
  | { id: string; type: 'checkout_expired' | 'checkout_failed'; raw: Record<string, unknown>; sessionId: string }
  | { id: string; type: 'ignored'; raw: Record<string, unknown> };

/** What the webhook knows besides the request: the sender's address and the company's trusted ranges. */
export type WebhookContext = { senderAddress: string; notificationRanges: string[] };

/** An online payment provider: a hosted checkout per invoice, and signed webhook events. */
export interface PaymentProvider {
  readonly name: string;
  /** False when the provider is not configured (no keys): the pay button is hidden. */
  enabled(): boolean;
  createCheckout(request: CheckoutRequest): Promise<CheckoutCreated>;
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
