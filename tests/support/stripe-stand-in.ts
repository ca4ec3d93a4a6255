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
  mode: 'payment';
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  cancel_url: string | null;
  payment_intent: string | null;
  url: string;
  created: number;
  livemode: false;
};

export type StripeStandIn = {
  url: string;
  sessions: Map<string, StandInSession>;
  /** Requests seen, for assertions: "POST /v1/checkout/sessions" … */
  requests: string[];
  /** Builds a signed event for a session (as Stripe would send it). */
  signedEvent: (
    type: string,
    session: StandInSession,
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
  const requests: string[] = [];
  let base = '';

  const signedEvent: StripeStandIn['signedEvent'] = (type, session, o = {}) => {
    const id = o.id ?? `evt_${randomBytes(10).toString('hex')}`;
    const payload = JSON.stringify({
      id,
      object: 'event',
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object: session },
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
      if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        const p = parseForm(await readBody(req));
        const items = (p.line_items ?? {}) as Record<
          string,
          { quantity?: string; price_data?: { currency?: string; unit_amount?: string } }
        >;
        const lines = Object.values(items);
        if (p.mode !== 'payment' || !p.success_url || lines.length === 0)
          return stripeError(res, 400, 'Missing required param: line_items, mode or success_url.');
        const amount = lines.reduce((s, l) => s + Number(l.price_data?.unit_amount ?? 0) * Number(l.quantity ?? 1), 0);
        const id = `cs_test_${randomBytes(12).toString('hex')}`;
        const session: StandInSession = {
          id,
          object: 'checkout.session',
          mode: 'payment',
          amount_total: amount,
          currency: String(lines[0].price_data?.currency ?? 'rub'),
          client_reference_id: typeof p.client_reference_id === 'string' ? p.client_reference_id : null,
          metadata: (p.metadata ?? {}) as Record<string, string>,
          payment_status: 'unpaid',
          status: 'open',
          success_url: String(p.success_url),
          cancel_url: typeof p.cancel_url === 'string' ? p.cancel_url : null,
          payment_intent: null,
          url: `${base}/pay/${id}`,
          created: Math.floor(Date.now() / 1000),
          livemode: false,
        };
        sessions.set(id, session);
        return json(res, 200, session);
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
            `<!doctype html><html><body><main><h1>Test checkout</h1><p data-testid="amount">${(s.amount_total / 100).toFixed(2)} ${s.currency.toUpperCase()}</p>` +
              `<form method="post"><button type="submit">Pay</button></form></main></body></html>`,
          );
        }
        if (req.method === 'POST') {
          if (s.status === 'open') {
            s.status = 'complete';
            s.payment_status = 'paid';
            s.payment_intent = `pi_${randomBytes(10).toString('hex')}`;
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
