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

/** An online payment provider: a hosted checkout per invoice, and signed webhook events. */
export interface PaymentProvider {
  readonly name: string;
  /** False when the provider is not configured (no keys): the pay button is hidden. */
  enabled(): boolean;
  createCheckout(request: CheckoutRequest): Promise<CheckoutCreated>;
  /** Verifies the signature and freshness; throws WebhookRejected for anything it would not act on. */
  verifyWebhook(rawBody: string, headers: Headers): ProviderEvent;
}

export class WebhookRejected extends Error {
  constructor(readonly reason: 'signature' | 'unknown_event' | 'malformed') {
    super(`webhook rejected: ${reason}`);
  }
}
