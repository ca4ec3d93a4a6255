import 'server-only';
import Stripe from 'stripe';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import {
  WebhookRejected,
  chargeMetadata,
  type SavedCardFact,
  type OffSessionChargeResult,
  type PaymentProvider,
  type ProviderEvent,
  type RefundFact,
} from './types';

/** Signed events older than this are refused (replays). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

let client: Stripe | undefined;

/** The SDK client, built on first use (it throws without a key), pointed at STRIPE_API_BASE when set. */
function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE } = env();
  if (!STRIPE_SECRET_KEY) throw new DomainError('conflict', 'billing.errors.paymentsUnavailable');
  if (!client) {
    const base = STRIPE_API_BASE ? new URL(STRIPE_API_BASE) : null;
    client = new Stripe(
      STRIPE_SECRET_KEY,
      base
        ? {
            host: base.hostname,
            port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
            protocol: base.protocol === 'https:' ? 'https' : 'http',
            maxNetworkRetries: 1,
            timeout: 15_000,
          }
        : { maxNetworkRetries: 2, timeout: 15_000 },
    );
  }
  return client;
}

// The event types we act on; anything else is acknowledged and ignored (we only subscribe to these).
const handled = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
  'refund.created',
  'refund.updated',
]);
// An off-session charge's PaymentIntent that was 'processing' when confirmed is decided by one of these.
const intentEvents = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed']);

/** What a PaymentIntent of an off-session charge says about it now. */
function intentResult(intent: Stripe.PaymentIntent): OffSessionChargeResult {
  if (intent.status === 'succeeded')
    return {
      status: 'succeeded',
      providerRef: intent.id,
      amount: intent.amount_received || intent.amount,
      currency: intent.currency.toUpperCase(),
      paidAt: new Date(intent.created * 1000),
    };
  if (intent.status === 'processing') return { status: 'pending', providerRef: intent.id };
  if (intent.status === 'requires_action')
    return { status: 'authentication_required', providerRef: intent.id, code: 'authentication_required' };
  // A failed attempt returns the intent to requires_payment_method, with the bank's reason in last_payment_error.
  const error = intent.last_payment_error;
  const code = error?.decline_code || error?.code || intent.status;
  return {
    status: error?.code === 'authentication_required' ? 'authentication_required' : 'declined',
    providerRef: intent.id,
    code,
  };
}

/** The client's Stripe Customer: the one their saved cards are on, or a new one (one per client: the key says so). */
async function customerFor(clientId: string, email: string, known: string | null): Promise<string> {
  if (known) return known;
  const customer = await stripeClient().customers.create(
    { email, metadata: { clientId } },
    { idempotencyKey: `customer:${clientId}` },
  );
  return customer.id;
}

/** A PaymentMethod as the card the client recognises. */
function cardOf(pm: Stripe.PaymentMethod | string | null | undefined, customer: string | null): SavedCardFact | null {
  if (!pm || typeof pm === 'string' || !pm.card) return null;
  return {
    providerMethodId: pm.id,
    providerCustomerId: customer,
    brand: pm.card.brand,
    last4: pm.card.last4,
    expMonth: pm.card.exp_month,
    expYear: pm.card.exp_year,
  };
}

const customerId = (c: string | Stripe.Customer | Stripe.DeletedCustomer | null): string | null =>
  c === null ? null : typeof c === 'string' ? c : c.id;

export const stripeProvider: PaymentProvider = {
  name: 'stripe',
  enabled: () => Boolean(env().STRIPE_SECRET_KEY && env().STRIPE_WEBHOOK_SECRET),

  async createCheckout(r) {
    // "Save this card": the payment goes on the client's Customer and keeps its method for off-session use.
    const saving = r.saveCard ? await customerFor(r.clientId, r.clientEmail, r.providerCustomerId) : null;
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: r.invoiceId,
        ...(saving
          ? { customer: saving, payment_intent_data: { setup_future_usage: 'off_session' as const } }
          : { customer_email: r.clientEmail }),
        locale: r.locale,
        metadata: { invoiceId: r.invoiceId, invoiceNumber: r.invoiceNumber, clientId: r.clientId },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: r.currency.toLowerCase(),
              unit_amount: r.amount,
              product_data: { name: r.invoiceNumber },
            },
          },
        ],
        success_url: r.successUrl,
        cancel_url: r.cancelUrl,
      },
      // A double click within the same minute gets the same session back from Stripe.
      {
        idempotencyKey: `checkout:${r.invoiceId}:${r.amount}:${r.saveCard ? 'save' : 'once'}:${Math.floor(Date.now() / 60_000)}`,
      },
    );
    if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
    return { providerSessionId: session.id, url: session.url };
  },

  async createCardSetup(r) {
    const customer = await customerFor(r.clientId, r.clientEmail, r.providerCustomerId);
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: 'setup',
        currency: r.currency.toLowerCase(),
        customer,
        locale: r.locale,
        metadata: { clientId: r.clientId, purpose: 'setup' },
        success_url: r.successUrl,
        cancel_url: r.cancelUrl,
      },
      { idempotencyKey: `card_setup:${r.clientId}:${Math.floor(Date.now() / 60_000)}` },
    );
    if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
    return { providerSessionId: session.id, url: session.url };
  },

  async detachCard(card: { providerMethodId: string }): Promise<void> {
    await stripeClient().paymentMethods.detach(card.providerMethodId);
  },

  async chargeSavedCard(r) {
    if (!r.providerCustomerId) return { status: 'declined', providerRef: null, code: 'no_customer' };
    try {
      const intent = await stripeClient().paymentIntents.create(
        {
          amount: r.amount,
          currency: r.currency.toLowerCase(),
          customer: r.providerCustomerId,
          payment_method: r.providerMethodId,
          off_session: true,
          confirm: true,
          description: r.description ?? r.number,
          metadata: chargeMetadata(r),
        },
        { idempotencyKey: r.idempotencyKey },
      );
      // 'processing' is left pending: its payment_intent.succeeded / payment_failed event settles it.
      return intentResult(intent);
    } catch (error) {
      // Stripe answers a declined or SCA-bound off-session confirmation with a card error (HTTP 402).
      if (error instanceof Stripe.errors.StripeCardError) {
        const code = error.code ?? 'card_declined';
        return {
          status: code === 'authentication_required' ? 'authentication_required' : 'declined',
          providerRef: error.payment_intent?.id ?? null,
          code: error.decline_code || code,
        };
      }
      throw error;
    }
  },

  async refund(r) {
    // A checkout payment is known by its session; the refund names the PaymentIntent it paid with.
    const intent = r.paymentRef.startsWith('cs_')
      ? idOf((await stripeClient().checkout.sessions.retrieve(r.paymentRef)).payment_intent)
      : r.paymentRef;
    if (!intent) return { status: 'failed', providerRefundId: null, code: 'no_payment_intent' };
    try {
      const refund = await stripeClient().refunds.create(
        {
          payment_intent: intent,
          amount: r.amount,
          metadata: { ...r.metadata, reason: r.reason.slice(0, 500) },
        },
        { idempotencyKey: r.idempotencyKey },
      );
      if (refund.status === 'succeeded')
        return { status: 'succeeded', providerRefundId: refund.id, amount: refund.amount, at: at(refund.created) };
      if (refund.status === 'pending' || refund.status === 'requires_action')
        return { status: 'pending', providerRefundId: refund.id, amount: refund.amount, at: at(refund.created) };
      return {
        status: 'failed',
        providerRefundId: refund.id,
        code: refund.failure_reason ?? refund.status ?? 'failed',
      };
    } catch (error) {
      // Stripe refuses with 400 what it will not refund (more than is left, a charge already refunded).
      if (error instanceof Stripe.errors.StripeInvalidRequestError)
        return { status: 'failed', providerRefundId: null, code: error.code ?? 'invalid_request' };
      throw error;
    }
  },

  async verifyWebhook(rawBody: string, headers: Headers): Promise<ProviderEvent> {
    const secret = env().STRIPE_WEBHOOK_SECRET;
    const signature = headers.get('stripe-signature');
    if (!secret || !signature) throw new WebhookRejected('signature');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
    } catch {
      throw new WebhookRejected('signature');
    }
    // A genuine event of a type we do not handle is acknowledged (2xx), so Stripe stops retrying it; it
    // changes nothing.
    if (intentEvents.has(event.type)) return intentEvent(event.id, event.data.object as Stripe.PaymentIntent, rawBody);
    if (!handled.has(event.type))
      return { id: event.id, type: 'ignored', raw: JSON.parse(rawBody) as Record<string, unknown> };
    const raw = JSON.parse(rawBody) as Record<string, unknown>;
    if (event.type === 'charge.refunded' || event.type === 'refund.created' || event.type === 'refund.updated')
      return refundEvent(event, raw);
    const session = event.data.object as Stripe.Checkout.Session;
    if (!session?.id) throw new WebhookRejected('malformed');
    if (event.type === 'checkout.session.completed' && session.mode === 'setup') {
      // The signed event names the SetupIntent; its card comes from the API.
      const intentId = typeof session.setup_intent === 'string' ? session.setup_intent : session.setup_intent?.id;
      if (!intentId) throw new WebhookRejected('malformed');
      const intent = await stripeClient().setupIntents.retrieve(intentId, { expand: ['payment_method'] });
      const card = cardOf(intent.payment_method, customerId(intent.customer) ?? customerId(session.customer));
      if (intent.status !== 'succeeded' || !card) return { id: event.id, type: 'ignored', raw };
      return { id: event.id, type: 'card_saved', raw, sessionId: session.id, card };
    }
    if (
      (event.type === 'checkout.session.completed' && session.payment_status === 'paid') ||
      event.type === 'checkout.session.async_payment_succeeded'
    ) {
      return {
        id: event.id,
        type: 'checkout_paid',
        raw,
        sessionId: session.id,
        invoiceId: session.metadata?.invoiceId ?? session.client_reference_id ?? null,
        amount: session.amount_total ?? 0,
        currency: (session.currency ?? '').toUpperCase(),
        paidAt: new Date(event.created * 1000),
        savedCard: await savedCardOf(session),
      };
    }
    if (event.type === 'checkout.session.expired')
      return { id: event.id, type: 'checkout_expired', raw, sessionId: session.id };
    if (event.type === 'checkout.session.async_payment_failed')
      return { id: event.id, type: 'checkout_failed', raw, sessionId: session.id };
    // completed but not yet paid (a delayed method): the async_payment_* event follows.
    return { id: event.id, type: 'ignored', raw };
  },
};

/**
 * A PaymentIntent event: an off-session charge of ours (its metadata names the attempt) is settled with what the
 * signed intent says; any other intent (a Checkout payment, settled by its session's event) is ignored.
 */
function intentEvent(id: string, intent: Stripe.PaymentIntent, rawBody: string): ProviderEvent {
  const raw = JSON.parse(rawBody) as Record<string, unknown>;
  if (!intent?.id) throw new WebhookRejected('malformed');
  const attemptId = intent.metadata?.chargeAttemptId;
  if (!attemptId) return { id, type: 'ignored', raw };
  return { id, type: 'charge_settled', raw, attemptId, result: intentResult(intent) };
}

/** The card a paid session saved (it was created with setup_future_usage on a Customer); null otherwise. */
async function savedCardOf(session: Stripe.Checkout.Session): Promise<SavedCardFact | null> {
  const customer = customerId(session.customer);
  const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
  if (!customer || !intentId) return null;
  const intent = await stripeClient().paymentIntents.retrieve(intentId, { expand: ['payment_method'] });
  return intent.setup_future_usage ? cardOf(intent.payment_method, customer) : null;
}

const at = (seconds: number) => new Date(seconds * 1000);
const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  ref == null ? null : typeof ref === 'string' ? ref : ref.id;

/**
 * A signed refund event as the refunds it reports done. refund.created/updated carries the Refund; charge.refunded
 * the Charge, whose refunds are listed from the API (events leave them out). A refund Brigada asked for names its
 * payment in the metadata; one made at the dashboard is found by its PaymentIntent, or the Checkout Session that
 * paid with it.
 */
async function refundEvent(event: Stripe.Event, raw: Record<string, unknown>): Promise<ProviderEvent> {
  const object = event.data.object as Stripe.Refund | Stripe.Charge;
  const intent = idOf(object.payment_intent);
  if (!object.id || !intent) return { id: event.id, type: 'ignored', raw };
  const list =
    event.type === 'charge.refunded'
      ? (await stripeClient().refunds.list({ payment_intent: intent, limit: 100 })).data
      : [object as Stripe.Refund];
  const done = list.filter((r) => r.status === 'succeeded');
  if (done.length === 0) return { id: event.id, type: 'ignored', raw };
  let sessions: string[] | null = null;
  const refunds: RefundFact[] = [];
  for (const r of done) {
    const paymentId = r.metadata?.paymentId ?? null;
    if (!paymentId && sessions === null)
      sessions = (await stripeClient().checkout.sessions.list({ payment_intent: intent, limit: 10 })).data.map(
        (s) => s.id,
      );
    refunds.push({
      providerRefundId: r.id,
      paymentRefs: [intent, ...(sessions ?? [])],
      paymentId,
      refundId: r.metadata?.refundId ?? null,
      amount: r.amount,
      currency: r.currency.toUpperCase(),
      at: at(r.created),
    });
  }
  return { id: event.id, type: 'refunds_succeeded', raw, refunds };
}
