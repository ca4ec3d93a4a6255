// A local stand-in for YooKassa's HTTP API v3, speaking its wire format for the calls Brigada makes (payments,
// refunds, payment lookups) and refusing what the real API refuses: no Basic credentials (401), a POST without
// an Idempotence-Key (400), a receipt whose items do not sum to the amount, a vat_code outside 1–12, a receipt
// without the customer's email or phone. A repeated Idempotence-Key returns the first answer. It also plays the
// hosted confirmation page: GET /pay/<id> shows a "Pay" button; paying marks the payment succeeded (saving the
// card when asked), posts a payment.succeeded notification to `webhookUrl`, and redirects to the return_url.
// Run alone (Playwright): `npx tsx tests/support/yookassa-stand-in.ts` with YOOKASSA_STAND_IN_PORT and
// YOOKASSA_STAND_IN_WEBHOOK_URL.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readBody } from './stripe-stand-in';

export type StandInAmount = { value: string; currency: string };
export type StandInReceiptItem = {
  description: string;
  quantity: number | string;
  amount: StandInAmount;
  vat_code: number;
  payment_subject?: string;
  payment_mode?: string;
};
export type StandInReceipt = { customer?: { email?: string; phone?: string }; items: StandInReceiptItem[] };

export type StandInPaymentMethod = {
  type: 'bank_card';
  id: string;
  saved: boolean;
  title: string;
  card: { first6: string; last4: string; expiry_year: string; expiry_month: string; card_type: string };
};

export type StandInPayment = {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: StandInAmount;
  description?: string;
  metadata: Record<string, string>;
  created_at: string;
  captured_at?: string;
  confirmation?: { type: 'redirect'; confirmation_url: string; return_url: string };
  payment_method?: StandInPaymentMethod;
  save_payment_method?: boolean;
  cancellation_details?: { party: string; reason: string };
  refundable: boolean;
  test: true;
  /** Not part of YooKassa's answer: what the stand-in was sent, for assertions. */
  receipt?: StandInReceipt;
};

export type StandInRefund = {
  id: string;
  payment_id: string;
  status: 'succeeded';
  amount: StandInAmount;
  description?: string;
  metadata?: Record<string, string>;
  created_at: string;
  receipt?: StandInReceipt;
};

export type YooKassaStandIn = {
  url: string;
  /** The API root to give YOOKASSA_API_BASE. */
  apiBase: string;
  shopId: string;
  secretKey: string;
  payments: Map<string, StandInPayment>;
  refunds: Map<string, StandInRefund>;
  /** Requests seen, "POST /v3/payments" …, and the idempotence keys of POSTs. */
  requests: string[];
  idempotenceKeys: string[];
  /** Saved payment methods a payment with payment_method_id may use (a paid "save" payment adds its own). */
  savedMethods: Set<string>;
  /** How the bank answers a recurring payment with a saved method: declined, or insisting on 3-D Secure. */
  methodOutcome: Map<string, 'declined' | 'authentication_required' | 'pending'>;
  /** Marks a payment paid, as the confirmation page would, without a browser. */
  succeed: (id: string) => StandInPayment;
  /** Cancels a pending payment, as a bank refusing a recurring payment late would. */
  cancel: (id: string, reason?: string) => StandInPayment;
  /** The notification YooKassa would send about a payment now. */
  notification: (event: string, payment: StandInPayment) => string;
  /** The refund.succeeded notification YooKassa would send about a refund. */
  refundNotification: (refund: StandInRefund) => string;
  close: () => Promise<void>;
};

const minor = (value: string): number | null => {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function apiError(res: ServerResponse, status: number, code: string, description: string, parameter?: string) {
  json(res, status, { type: 'error', id: randomUUID(), code, description, ...(parameter ? { parameter } : {}) });
}

/** What the real API says about a receipt for `amount` kopecks: null when it is acceptable. */
export function receiptProblem(receipt: StandInReceipt | undefined, amount: number): string | null {
  if (!receipt || !Array.isArray(receipt.items) || receipt.items.length === 0) return 'receipt.items';
  if (!receipt.customer?.email && !receipt.customer?.phone) return 'receipt.customer';
  let sum = 0;
  for (const item of receipt.items) {
    if (!Number.isInteger(item.vat_code) || item.vat_code < 1 || item.vat_code > 12) return 'receipt.items.vat_code';
    if (!item.description || item.description.length > 128) return 'receipt.items.description';
    const qty = Number(item.quantity);
    const value = minor(item.amount?.value ?? '');
    if (!(qty > 0) || value === null || value <= 0) return 'receipt.items.amount';
    if (
      item.payment_subject !== undefined &&
      !['commodity', 'service', 'payment', 'another'].includes(item.payment_subject)
    )
      return 'receipt.items.payment_subject';
    if (
      item.payment_mode !== undefined &&
      ![
        'full_prepayment',
        'partial_prepayment',
        'advance',
        'full_payment',
        'partial_payment',
        'credit',
        'credit_payment',
      ].includes(item.payment_mode)
    )
      return 'receipt.items.payment_mode';
    sum += Math.round(value * qty);
  }
  return sum === amount ? null : 'receipt.items.amount.value';
}

export async function startYooKassaStandIn(
  opts: { port?: number; webhookUrl?: string; shopId?: string; secretKey?: string } = {},
): Promise<YooKassaStandIn> {
  const shopId = opts.shopId ?? '123456';
  const secretKey = opts.secretKey ?? 'test_brigada_secret';
  const payments = new Map<string, StandInPayment>();
  const refunds = new Map<string, StandInRefund>();
  const requests: string[] = [];
  const idempotenceKeys: string[] = [];
  const savedMethods = new Set<string>();
  const methodOutcome = new Map<string, 'declined' | 'authentication_required' | 'pending'>();
  /** Idempotence-Key → the first answer (status and body), as YooKassa keeps it for 24 h. */
  const answered = new Map<string, { status: number; body: unknown }>();
  let base = '';

  const succeed = (id: string): StandInPayment => {
    const p = payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    if (p.status === 'pending') {
      p.status = 'succeeded';
      p.paid = true;
      p.captured_at = new Date().toISOString();
      p.payment_method = {
        type: 'bank_card',
        id: p.payment_method?.id ?? p.id,
        saved: Boolean(p.save_payment_method),
        title: 'Bank card *4444',
        card: { first6: '555555', last4: '4444', expiry_year: '2030', expiry_month: '12', card_type: 'MasterCard' },
      };
      if (p.save_payment_method) savedMethods.add(p.payment_method.id);
    }
    return p;
  };

  const cancel = (id: string, reason = 'insufficient_funds'): StandInPayment => {
    const p = payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    if (p.status === 'pending') {
      p.status = 'canceled';
      p.cancellation_details = { party: 'payment_network', reason };
    }
    return p;
  };

  const notification = (event: string, payment: StandInPayment) =>
    JSON.stringify({ type: 'notification', event, object: { ...payment, receipt: undefined } });

  const refundNotification = (refund: StandInRefund) =>
    JSON.stringify({ type: 'notification', event: 'refund.succeeded', object: { ...refund, receipt: undefined } });

  const publicPayment = (p: StandInPayment) => ({ ...p, receipt: undefined, save_payment_method: undefined });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(`${req.method} ${url.pathname}`);
    try {
      if (url.pathname === '/health') return json(res, 200, { ok: true });
      if (url.pathname.startsWith('/v3/')) {
        const expected = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
        if (req.headers.authorization !== expected)
          return apiError(res, 401, 'invalid_credentials', 'Login or password is incorrect');
      }
      if (req.method === 'POST' && url.pathname.startsWith('/v3/')) {
        const key = req.headers['idempotence-key'];
        if (typeof key !== 'string' || key.length === 0 || key.length > 64)
          return apiError(res, 400, 'invalid_request', 'Idempotence key is missing or invalid', 'Idempotence-Key');
        idempotenceKeys.push(key);
        const seen = answered.get(`${url.pathname}:${key}`);
        if (seen) return json(res, seen.status, seen.body);
        const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
        const answer = (status: number, out: unknown) => {
          answered.set(`${url.pathname}:${key}`, { status, body: out });
          json(res, status, out);
        };
        if (url.pathname === '/v3/payments') {
          const amount = body.amount as StandInAmount | undefined;
          const value = minor(amount?.value ?? '');
          if (!amount || value === null || value <= 0)
            return apiError(res, 400, 'invalid_request', 'Invalid amount', 'amount');
          const receipt = body.receipt as StandInReceipt | undefined;
          const problem = receiptProblem(receipt, value);
          if (problem) return apiError(res, 400, 'invalid_request', `Receipt is invalid: ${problem}`, problem);
          const id = randomUUID();
          const methodId = typeof body.payment_method_id === 'string' ? body.payment_method_id : null;
          const confirmation = body.confirmation as { type?: string; return_url?: string } | undefined;
          if (!methodId && confirmation?.type !== 'redirect')
            return apiError(res, 400, 'invalid_request', 'Confirmation is required', 'confirmation');
          if (methodId && !savedMethods.has(methodId))
            return apiError(res, 400, 'invalid_request', 'Payment method is not saved', 'payment_method_id');
          const payment: StandInPayment = {
            id,
            status: 'pending',
            paid: false,
            amount: { value: amount.value, currency: amount.currency },
            description: typeof body.description === 'string' ? body.description : undefined,
            metadata: (body.metadata ?? {}) as Record<string, string>,
            created_at: new Date().toISOString(),
            refundable: false,
            test: true,
            receipt,
            save_payment_method: body.save_payment_method === true,
            ...(confirmation?.type === 'redirect'
              ? {
                  confirmation: {
                    type: 'redirect' as const,
                    confirmation_url: `${base}/pay/${id}`,
                    return_url: String(confirmation.return_url ?? ''),
                  },
                }
              : {}),
          };
          if (methodId) {
            // A recurring payment: no confirmation, the bank answers at once.
            const outcome = methodOutcome.get(methodId);
            payment.payment_method = {
              type: 'bank_card',
              id: methodId,
              saved: true,
              title: 'Bank card *4444',
              card: {
                first6: '555555',
                last4: '4444',
                expiry_year: '2030',
                expiry_month: '12',
                card_type: 'MasterCard',
              },
            };
            if (outcome === 'pending') {
              // The bank has not answered yet: succeed(id) finishes it, then a notification says so.
            } else if (outcome) {
              payment.status = 'canceled';
              payment.cancellation_details = {
                party: outcome === 'declined' ? 'issuer' : 'payment_network',
                reason: outcome === 'declined' ? 'insufficient_funds' : '3d_secure_failed',
              };
            } else {
              payment.status = 'succeeded';
              payment.paid = true;
              payment.captured_at = new Date().toISOString();
              payment.refundable = true;
            }
          }
          payments.set(id, payment);
          return answer(200, publicPayment(payment));
        }
        if (url.pathname === '/v3/refunds') {
          const payment = payments.get(String(body.payment_id ?? ''));
          if (!payment) return apiError(res, 404, 'not_found', 'Payment not found', 'payment_id');
          if (payment.status !== 'succeeded')
            return apiError(res, 400, 'invalid_request', 'Payment is not succeeded', 'payment_id');
          const amount = body.amount as StandInAmount | undefined;
          const value = minor(amount?.value ?? '');
          const refunded = [...refunds.values()]
            .filter((r) => r.payment_id === payment.id)
            .reduce((s, r) => s + (minor(r.amount.value) ?? 0), 0);
          if (value === null || value <= 0 || value + refunded > (minor(payment.amount.value) ?? 0))
            return apiError(res, 400, 'invalid_request', 'Refund amount is more than the payment', 'amount');
          const receipt = body.receipt as StandInReceipt | undefined;
          const problem = receiptProblem(receipt, value);
          if (problem) return apiError(res, 400, 'invalid_request', `Receipt is invalid: ${problem}`, problem);
          const refund: StandInRefund = {
            id: randomUUID(),
            payment_id: payment.id,
            status: 'succeeded',
            amount: { value: amount!.value, currency: amount!.currency },
            description: typeof body.description === 'string' ? body.description : undefined,
            metadata: (body.metadata ?? undefined) as Record<string, string> | undefined,
            created_at: new Date().toISOString(),
            receipt,
          };
          refunds.set(refund.id, refund);
          return answer(200, { ...refund, receipt: undefined });
        }
      }
      const one = /^\/v3\/payments\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && one) {
        const p = payments.get(one[1]);
        return p ? json(res, 200, publicPayment(p)) : apiError(res, 404, 'not_found', 'Payment not found');
      }
      const refundPath = /^\/v3\/refunds\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && refundPath) {
        const r = refunds.get(refundPath[1]);
        return r ? json(res, 200, { ...r, receipt: undefined }) : apiError(res, 404, 'not_found', 'Refund not found');
      }
      const page = /^\/pay\/([\w-]+)$/.exec(url.pathname);
      if (page) {
        const p = payments.get(page[1]);
        if (!p) return apiError(res, 404, 'not_found', 'Payment not found');
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(
            `<!doctype html><html lang="ru"><head><title>YooKassa test</title></head><body><main><h1>Test payment</h1>` +
              `<p data-testid="amount">${p.amount.value} ${p.amount.currency}</p>` +
              `<form method="post"><button type="submit">Pay</button></form></main></body></html>`,
          );
        }
        if (req.method === 'POST') {
          if (p.status === 'pending') {
            succeed(p.id);
            if (opts.webhookUrl)
              await fetch(opts.webhookUrl, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-forwarded-for': '185.71.76.1' },
                body: notification('payment.succeeded', p),
              });
          }
          res.writeHead(303, { location: p.confirmation?.return_url ?? '/' });
          return res.end();
        }
      }
      apiError(res, 404, 'not_found', `Unknown path ${req.method} ${url.pathname}`);
    } catch (error) {
      apiError(res, 500, 'internal_server_error', (error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    apiBase: `${base}/v3`,
    shopId,
    secretKey,
    payments,
    refunds,
    requests,
    idempotenceKeys,
    savedMethods,
    methodOutcome,
    succeed,
    cancel,
    notification,
    refundNotification,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Started as a script (Playwright's webServer entry).
if (process.argv[1] && /yookassa-stand-in\.ts$/.test(process.argv[1])) {
  const standIn = await startYooKassaStandIn({
    port: Number(process.env.YOOKASSA_STAND_IN_PORT ?? 12112),
    webhookUrl: process.env.YOOKASSA_STAND_IN_WEBHOOK_URL,
  });
  console.log(`yookassa stand-in on ${standIn.url}`);
}
