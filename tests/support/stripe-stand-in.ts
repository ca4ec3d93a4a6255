// A local stand-in for the Stripe API, speaking its wire format for the calls Brigada makes: the real `stripe`
// SDK talks to it when STRIPE_API_BASE points here. It also plays the hosted checkout page: GET /pay/<id>
// shows a "Pay" button; paying marks the session paid, delivers a signed checkout.session.completed
// webhook to `webhookUrl`, and redirects to the session's success_url.
// Run alone (Playwright): `npx tsx tests/support/stripe-stand-in.ts` with STRIPE_STAND_IN_PORT,
// STRIPE_WEBHOOK_SECRET and STRIPE_STAND_IN_WEBHOOK_URL.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

export type StandInSession = {
  id: string;
  object: 'checkout.session';
  mode: 'payment' | 'setup';
  amount_total: number | null;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  cancel_url: string | null;
  payment_intent: string | null;
  setup_intent: string | null;
  customer: string | null;
  url: string;
  created: number;
  livemode: false;
};

/** The card every stand-in checkout "enters". */
export const STAND_IN_CARD = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 };

type StandInPaymentMethod = {
  id: string;
  object: 'payment_method';
  type: 'card';
  customer: string | null;
  card: typeof STAND_IN_CARD;
};

/** A Refund as Stripe answers it. */
export type StandInRefund = {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  currency: string;
  created: number;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
};

export type StripeStandIn = {
  url: string;
  sessions: Map<string, StandInSession>;
  paymentMethods: Map<string, StandInPaymentMethod>;
  /**
   * How the bank answers an off-session charge of a method: declined, it wants the client to authenticate, or it
   * has not decided yet ('processing': decideIntent settles it later).
   */
  methodOutcome: Map<string, 'declined' | 'authentication_required' | 'processing'>;
  /** Settles a 'processing' PaymentIntent and returns it as Stripe sends it in payment_intent.* events. */
  decideIntent: (id: string, outcome: 'succeeded' | 'declined') => Record<string, unknown>;
  /** Off-session PaymentIntents created (POST /v1/payment_intents), by id. */
  offSessionIntents: Map<
    string,
    { amount: number; currency: string; customer: string; method: string; status: string }
  >;
  /** Saves a card on a customer, as a finished setup would (for tests of charges). */
  addPaymentMethod: (customer: string) => StandInPaymentMethod;
  /** Refunds made (POST /v1/refunds), by id, and the Idempotency-Key of every refund request. */
  refunds: Map<string, StandInRefund>;
  refundKeys: string[];
  /** The Charge of a paid PaymentIntent, as charge.refunded carries it; null for an intent that took no money. */
  chargeOf: (paymentIntent: string) => Record<string, unknown> | null;
  /** Requests seen, for assertions: "POST /v1/checkout/sessions" … */
  requests: string[];
  /** Builds a signed event for a session, a charge or a refund (as Stripe would send it). */
  signedEvent: (
    type: string,
    object: StandInSession | StandInRefund | Record<string, unknown>,
    opts?: { id?: string; timestamp?: number },
  ) => { payload: string; signature: string; id: string };
  close: () => Promise<void>;
};

/** Parses Stripe's form encoding (a[b][c]=v, a[0][b]=v) into nested objects. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, '').split('[');
    let node = out as Record<string, unknown>;
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] = value;
      else node = (node[key] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

/** The request body as text (the YooKassa stand-in uses it too). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
  res.end(JSON.stringify(body));
}

function stripeError(res: ServerResponse, status: number, message: string) {
  json(res, status, { error: { type: 'invalid_request_error', message } });
}

export async function startStripeStandIn(opts: {
  port?: number;
  webhookSecret: string;
  webhookUrl?: string;
}): Promise<StripeStandIn> {
  const sessions = new Map<string, StandInSession>();
  const paymentMethods = new Map<string, StandInPaymentMethod>();
  /** PaymentIntents and SetupIntents the pay page made: their method and whether it is kept for later. */
  const intents = new Map<string, { customer: string | null; method: string; future: string | null }>();
  /** Session id → the setup_future_usage it was created with. */
  const futureUsage = new Map<string, string>();
  const customers = new Map<string, string>();
  const methodOutcome: StripeStandIn['methodOutcome'] = new Map();
  const offSessionIntents: StripeStandIn['offSessionIntents'] = new Map();
  /** The off-session PaymentIntents as returned on the wire, by id. */
  const intentObjects = new Map<string, Record<string, unknown>>();
  const decideIntent: StripeStandIn['decideIntent'] = (id, outcome) => {
    const intent = intentObjects.get(id);
    const kept = offSessionIntents.get(id);
    if (!intent || !kept) throw new Error(`no PaymentIntent ${id}`);
    if (intent.status === 'processing') {
      const status = outcome === 'succeeded' ? 'succeeded' : 'requires_payment_method';
      Object.assign(intent, {
        status,
        amount_received: outcome === 'succeeded' ? intent.amount : 0,
        last_payment_error:
          outcome === 'succeeded'
            ? null
            : { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' },
      });
      kept.status = status;
    }
    return { ...intent };
  };
  /** Idempotency-Key → the first answer, as Stripe replays it. */
  const answered = new Map<string, { status: number; body: unknown }>();
  const requests: string[] = [];
  const refunds = new Map<string, StandInRefund>();
  const refundKeys: string[] = [];
  /** What a PaymentIntent took: an off-session charge that succeeded, or a checkout session paid with it. */
  const captured = (pi: string): { amount: number; currency: string } | null => {
    const off = offSessionIntents.get(pi);
    if (off) return off.status === 'succeeded' ? { amount: off.amount, currency: off.currency } : null;
    for (const s of sessions.values())
      if (s.payment_intent === pi && s.payment_status === 'paid')
        return { amount: s.amount_total ?? 0, currency: s.currency };
    return null;
  };
  const refundedOf = (pi: string) =>
    [...refunds.values()].filter((r) => r.payment_intent === pi).reduce((sum, r) => sum + r.amount, 0);
  const chargeOf = (pi: string): Record<string, unknown> | null => {
    const took = captured(pi);
    if (!took) return null;
    const refunded = refundedOf(pi);
    return {
      id: `ch_${pi.slice(3)}`,
      object: 'charge',
      amount: took.amount,
      amount_captured: took.amount,
      amount_refunded: refunded,
      currency: took.currency,
      payment_intent: pi,
      paid: true,
      refunded: refunded >= took.amount,
      status: 'succeeded',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
  };
  const addPaymentMethod = (customer: string): StandInPaymentMethod => {
    const pm: StandInPaymentMethod = {
      id: `pm_${randomBytes(8).toString('hex')}`,
      object: 'payment_method',
      type: 'card',
      customer,
      card: { ...STAND_IN_CARD },
    };
    paymentMethods.set(pm.id, pm);
    return pm;
  };
  let base = '';

  const signedEvent: StripeStandIn['signedEvent'] = (type, object, o = {}) => {
    const id = o.id ?? `evt_${randomBytes(10).toString('hex')}`;
    const payload = JSON.stringify({
      id,
      object: 'event',
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.webhookSecret,
      timestamp: o.timestamp,
    });
    return { payload, signature, id };
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(`${req.method} ${url.pathname}`);
    try {
      if (url.pathname === '/health') return json(res, 200, { ok: true });
      if (url.pathname.startsWith('/v1/') && !/^Bearer sk_/.test(req.headers.authorization ?? ''))
        return stripeError(res, 401, 'Invalid API Key provided');
      if (req.method === 'POST' && url.pathname === '/v1/customers') {
        // Stripe's idempotency: the same key gives the same customer.
        const key = String(req.headers['idempotency-key'] ?? randomBytes(6).toString('hex'));
        const p = parseForm(await readBody(req));
        const id = customers.get(key) ?? `cus_${randomBytes(8).toString('hex')}`;
        customers.set(key, id);
        return json(res, 200, { id, object: 'customer', email: p.email ?? null, metadata: p.metadata ?? {} });
      }
      if (req.method === 'POST' && url.pathname === '/v1/payment_intents') {
        // An off-session charge of a saved card, confirmed at once (confirm=true, off_session=true).
        const key = req.headers['idempotency-key'];
        const seen = typeof key === 'string' ? answered.get(key) : undefined;
        if (seen) return json(res, seen.status, seen.body);
        const p = parseForm(await readBody(req));
        const answer = (status: number, body: unknown) => {
          // Stripe replays the first answer as it was, whatever happened to the intent since.
          if (typeof key === 'string') answered.set(key, { status, body: JSON.parse(JSON.stringify(body)) as unknown });
          json(res, status, body);
        };
        const amount = Number(p.amount);
        if (!Number.isSafeInteger(amount) || amount <= 0) return stripeError(res, 400, 'Invalid positive integer');
        if (p.confirm !== 'true' || p.off_session !== 'true')
          return stripeError(res, 400, 'This stand-in only takes confirmed off-session PaymentIntents.');
        const pm = paymentMethods.get(String(p.payment_method ?? ''));
        if (!pm) return stripeError(res, 400, `No such PaymentMethod: '${String(p.payment_method)}'`);
        if (!p.customer || pm.customer !== p.customer)
          return stripeError(
            res,
            400,
            'The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer.',
          );
        const id = `pi_${randomBytes(10).toString('hex')}`;
        const outcome = methodOutcome.get(pm.id);
        const status =
          outcome === 'declined'
            ? 'requires_payment_method'
            : outcome === 'processing'
              ? 'processing'
              : outcome
                ? 'requires_action'
                : 'succeeded';
        const intent = {
          id,
          object: 'payment_intent',
          amount,
          amount_received: status === 'succeeded' ? amount : 0,
          currency: String(p.currency),
          customer: pm.customer,
          payment_method: pm.id,
          status,
          created: Math.floor(Date.now() / 1000),
          metadata: p.metadata ?? {},
          livemode: false,
        };
        intentObjects.set(id, intent);
        offSessionIntents.set(id, {
          amount,
          currency: String(p.currency),
          customer: pm.customer,
          method: pm.id,
          status,
        });
        if (!outcome || outcome === 'processing') return answer(200, intent);
        // Stripe answers a failed off-session confirmation with a card error carrying the PaymentIntent.
        return answer(402, {
          error: {
            type: 'card_error',
            code: outcome === 'declined' ? 'card_declined' : 'authentication_required',
            ...(outcome === 'declined' ? { decline_code: 'insufficient_funds' } : {}),
            message:
              outcome === 'declined'
                ? 'Your card has insufficient funds.'
                : 'This payment required an authentication action to complete, but `off_session` was set to true.',
            payment_intent: intent,
            payment_method: pm,
          },
        });
      }
      if (req.method === 'POST' && url.pathname === '/v1/refunds') {
        // Stripe's refusals, in its words: no PaymentIntent or charge named, one it does not know, one that took
        // nothing, an amount above what is left of the charge. The amount defaults to all that is left.
        const key = req.headers['idempotency-key'];
        if (typeof key === 'string') refundKeys.push(key);
        const seen = typeof key === 'string' ? answered.get(`refund:${key}`) : undefined;
        if (seen) return json(res, seen.status, seen.body);
        const p = parseForm(await readBody(req));
        const answer = (status: number, body: unknown) => {
          if (typeof key === 'string') answered.set(`refund:${key}`, { status, body });
          json(res, status, body);
        };
        const refuse = (status: number, code: string, message: string, param?: string) =>
          answer(status, { error: { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) } });
        const pi = typeof p.payment_intent === 'string' ? p.payment_intent : null;
        if (!pi && typeof p.charge !== 'string')
          return refuse(
            400,
            'parameter_missing',
            'One of the following params should be provided for this request: payment_intent or charge.',
          );
        const intentId = pi ?? `pi_${String(p.charge).slice(3)}`;
        const took = captured(intentId);
        if (!took) return refuse(400, 'resource_missing', `No such payment_intent: '${intentId}'`, 'payment_intent');
        const left = took.amount - refundedOf(intentId);
        if (left <= 0)
          return refuse(400, 'charge_already_refunded', `Charge ch_${intentId.slice(3)} has already been refunded.`);
        const amount = p.amount === undefined ? left : Number(p.amount);
        if (!Number.isSafeInteger(amount) || amount <= 0)
          return refuse(400, 'parameter_invalid_integer', 'Invalid positive integer', 'amount');
        if (amount > left)
          return refuse(
            400,
            'amount_too_large',
            `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
            'amount',
          );
        const refund: StandInRefund = {
          id: `re_${randomBytes(10).toString('hex')}`,
          object: 'refund',
          amount,
          charge: `ch_${intentId.slice(3)}`,
          currency: took.currency,
          created: Math.floor(Date.now() / 1000),
          metadata: (p.metadata ?? {}) as Record<string, string>,
          payment_intent: intentId,
          reason: typeof p.reason === 'string' ? p.reason : null,
          status: 'succeeded',
        };
        refunds.set(refund.id, refund);
        answer(200, refund);
        // Then Stripe tells the webhook endpoint, as it does, while the caller is still recording its answer.
        const charge = chargeOf(intentId);
        if (opts.webhookUrl && charge) {
          const ev = signedEvent('charge.refunded', charge);
          void fetch(opts.webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': ev.signature },
            body: ev.payload,
          }).catch(() => undefined);
        }
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v1/refunds') {
        const pi = url.searchParams.get('payment_intent');
        const data = [...refunds.values()].filter((r) => !pi || r.payment_intent === pi).reverse();
        return json(res, 200, { object: 'list', data, has_more: false, url: '/v1/refunds' });
      }
      if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions') {
        const pi = url.searchParams.get('payment_intent');
        const data = [...sessions.values()].filter((s) => !pi || s.payment_intent === pi);
        return json(res, 200, { object: 'list', data, has_more: false, url: '/v1/checkout/sessions' });
      }
      if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        const p = parseForm(await readBody(req));
        const items = (p.line_items ?? {}) as Record<
          string,
          { quantity?: string; price_data?: { currency?: string; unit_amount?: string } }
        >;
        const lines = Object.values(items);
        const setup = p.mode === 'setup';
        if (!p.success_url || (setup ? !p.currency || !p.customer : p.mode !== 'payment' || lines.length === 0))
          return stripeError(res, 400, 'Missing required param: line_items, currency, customer, mode or success_url.');
        const amount = lines.reduce((s, l) => s + Number(l.price_data?.unit_amount ?? 0) * Number(l.quantity ?? 1), 0);
        const id = `cs_test_${randomBytes(12).toString('hex')}`;
        const future = (p.payment_intent_data as { setup_future_usage?: string } | undefined)?.setup_future_usage;
        if (future) {
          if (!p.customer) return stripeError(res, 400, 'setup_future_usage needs a customer.');
          futureUsage.set(id, future);
        }
        const session: StandInSession = {
          id,
          object: 'checkout.session',
          mode: setup ? 'setup' : 'payment',
          amount_total: setup ? null : amount,
          currency: String(setup ? p.currency : (lines[0].price_data?.currency ?? 'rub')),
          client_reference_id: typeof p.client_reference_id === 'string' ? p.client_reference_id : null,
          metadata: (p.metadata ?? {}) as Record<string, string>,
          payment_status: setup ? 'no_payment_required' : 'unpaid',
          status: 'open',
          success_url: String(p.success_url),
          cancel_url: typeof p.cancel_url === 'string' ? p.cancel_url : null,
          payment_intent: null,
          setup_intent: null,
          customer: typeof p.customer === 'string' ? p.customer : null,
          url: `${base}/pay/${id}`,
          created: Math.floor(Date.now() / 1000),
          livemode: false,
        };
        sessions.set(id, session);
        return json(res, 200, session);
      }
      const intent = /^\/v1\/(payment_intents|setup_intents)\/([\w]+)$/.exec(url.pathname);
      if (req.method === 'GET' && intent) {
        const found = intents.get(intent[2]);
        if (!found) return stripeError(res, 404, `No such intent: '${intent[2]}'`);
        const expand =
          url.searchParams.getAll('expand[]').includes('payment_method') ||
          url.searchParams.getAll('expand[0]').includes('payment_method');
        const pm = expand ? paymentMethods.get(found.method) : found.method;
        return json(res, 200, {
          id: intent[2],
          object: intent[1] === 'payment_intents' ? 'payment_intent' : 'setup_intent',
          status: 'succeeded',
          customer: found.customer,
          payment_method: pm,
          setup_future_usage: found.future,
        });
      }
      const detach = /^\/v1\/payment_methods\/([\w]+)\/detach$/.exec(url.pathname);
      if (req.method === 'POST' && detach) {
        const pm = paymentMethods.get(detach[1]);
        if (!pm || !pm.customer) return stripeError(res, 400, 'The payment method is not attached to a customer.');
        pm.customer = null;
        return json(res, 200, pm);
      }
      const retrieve = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(url.pathname);
      if (req.method === 'GET' && retrieve) {
        const s = sessions.get(retrieve[1]);
        return s ? json(res, 200, s) : stripeError(res, 404, `No such checkout.session: '${retrieve[1]}'`);
      }
      const page = /^\/pay\/([\w]+)$/.exec(url.pathname);
      if (page) {
        const s = sessions.get(page[1]);
        if (!s) return stripeError(res, 404, 'No such session');
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(
            `<!doctype html><html lang="en"><head><title>Test checkout</title></head><body><main><h1>Test checkout</h1>` +
              (s.mode === 'setup'
                ? `<p>Card ${STAND_IN_CARD.brand} ${STAND_IN_CARD.last4}</p><form method="post"><button type="submit">Save card</button></form>`
                : `<p data-testid="amount">${((s.amount_total ?? 0) / 100).toFixed(2)} ${s.currency.toUpperCase()}</p><form method="post"><button type="submit">Pay</button></form>`) +
              `</main></body></html>`,
          );
        }
        if (req.method === 'POST') {
          if (s.status === 'open') {
            s.status = 'complete';
            const method = `pm_${randomBytes(10).toString('hex')}`;
            const future = futureUsage.get(s.id) ?? null;
            paymentMethods.set(method, {
              id: method,
              object: 'payment_method',
              type: 'card',
              customer: s.mode === 'setup' || future ? s.customer : null,
              card: { ...STAND_IN_CARD },
            });
            if (s.mode === 'setup') {
              s.setup_intent = `seti_${randomBytes(10).toString('hex')}`;
              intents.set(s.setup_intent, { customer: s.customer, method, future: null });
            } else {
              s.payment_status = 'paid';
              s.payment_intent = `pi_${randomBytes(10).toString('hex')}`;
              intents.set(s.payment_intent, { customer: s.customer, method, future });
            }
            if (opts.webhookUrl) {
              const ev = signedEvent('checkout.session.completed', s);
              await fetch(opts.webhookUrl, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'stripe-signature': ev.signature },
                body: ev.payload,
              });
            }
          }
          res.writeHead(303, { location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) });
          return res.end();
        }
      }
      stripeError(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
    } catch (error) {
      stripeError(res, 500, (error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    sessions,
    paymentMethods,
    methodOutcome,
    decideIntent,
    offSessionIntents,
    addPaymentMethod,
    refunds,
    refundKeys,
    chargeOf,
    requests,
    signedEvent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Started as a script (Playwright's webServer entry).
if (process.argv[1] && /stripe-stand-in\.ts$/.test(process.argv[1])) {
  const port = Number(process.env.STRIPE_STAND_IN_PORT ?? 12111);
  const standIn = await startStripeStandIn({
    port,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_e2e',
    webhookUrl: process.env.STRIPE_STAND_IN_WEBHOOK_URL,
  });
  console.log(`stripe stand-in on ${standIn.url}`);
}
