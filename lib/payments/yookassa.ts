import 'server-only';
import { createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import type { Receipt } from './receipt';
import {
  WebhookRejected,
  chargeMetadata,
  type OffSessionChargeResult,
  type PaymentProvider,
  type ProviderEvent,
  type SavedCardFact,
  type WebhookContext,
} from './types';

// The YooKassa adapter, on its HTTP API v3 (https://yookassa.ru/developers/api): Basic authentication with the
// shop id and secret key, JSON bodies, an Idempotence-Key header on every POST, amounts as decimal strings
// ("412.50"). Notifications are not signed, so none is believed as sent: the sender's address must be in the
// company's YooKassa ranges, and the payment is fetched from the API and must agree with the notification.

/** Decimal string in major units ("412.50") from minor units. */
export function toValue(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Minor units from YooKassa's decimal string; null for anything that is not one. */
export function fromValue(value: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** YooKassa's Idempotence-Key is at most 64 characters: a digest of our own key, which may be longer. */
export function idempotenceKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A receipt in YooKassa's shape. */
export function receiptBody(receipt: Receipt, currency: string) {
  return {
    customer: { email: receipt.customerEmail },
    items: receipt.items.map((it) => ({
      description: it.description,
      quantity: it.quantity,
      amount: { value: toValue(it.amount), currency },
      vat_code: it.vatCode,
      payment_subject: it.paymentSubject,
      payment_mode: it.paymentMode,
    })),
  };
}

const amountShape = z.object({ value: z.string(), currency: z.string() });
const paymentShape = z.object({
  id: z.string().min(1),
  status: z.enum(['pending', 'waiting_for_capture', 'succeeded', 'canceled']),
  paid: z.boolean(),
  amount: amountShape,
  created_at: z.string(),
  captured_at: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  confirmation: z.object({ type: z.string(), confirmation_url: z.string().optional() }).optional(),
  cancellation_details: z.object({ party: z.string(), reason: z.string() }).optional(),
  payment_method: z
    .object({
      type: z.string(),
      id: z.string(),
      saved: z.boolean(),
      card: z
        .object({
          last4: z.string(),
          expiry_month: z.string(),
          expiry_year: z.string(),
          card_type: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type YooKassaPayment = z.infer<typeof paymentShape>;

const refundShape = z.object({
  id: z.string().min(1),
  payment_id: z.string().min(1),
  status: z.enum(['pending', 'succeeded', 'canceled']),
  amount: amountShape,
  created_at: z.string(),
  metadata: z.record(z.string(), z.string()).optional(),
  cancellation_details: z.object({ party: z.string(), reason: z.string() }).optional(),
});

const notificationShape = z.object({
  type: z.literal('notification'),
  event: z.string(),
  object: z.object({
    id: z.string().min(1),
    status: z.string().optional(),
    payment_id: z.string().optional(),
    amount: amountShape.optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  }),
});

export class YooKassaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
  ) {
    super(`yookassa ${status} ${code}: ${description}`);
  }
}

function credentials(): { base: string; auth: string } {
  const { YOOKASSA_SHOP_ID, YOOKASSA_SECRET_KEY, YOOKASSA_API_BASE } = env();
  if (!YOOKASSA_SHOP_ID || !YOOKASSA_SECRET_KEY)
    throw new DomainError('conflict', 'billing.errors.paymentsUnavailable');
  return {
    base: (YOOKASSA_API_BASE ?? 'https://api.yookassa.ru/v3').replace(/\/$/, ''),
    auth: `Basic ${Buffer.from(`${YOOKASSA_SHOP_ID}:${YOOKASSA_SECRET_KEY}`).toString('base64')}`,
  };
}

/** One API call. A POST carries the Idempotence-Key, so a retried request is the same operation at YooKassa. */
export async function yookassaRequest(
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: unknown; idempotenceKey?: string } = {},
): Promise<unknown> {
  const { base, auth } = credentials();
  const headers: Record<string, string> = { authorization: auth, accept: 'application/json' };
  if (method === 'POST') {
    if (!opts.idempotenceKey) throw new Error('every YooKassa POST needs an Idempotence-Key');
    headers['idempotence-key'] = opts.idempotenceKey;
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: method === 'POST' ? JSON.stringify(opts.body ?? {}) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = z.object({ code: z.string(), description: z.string().optional() }).safeParse(json);
    throw new YooKassaError(
      res.status,
      err.success ? err.data.code : 'unknown',
      err.success ? (err.data.description ?? '') : text.slice(0, 200),
    );
  }
  return json;
}

/** The payment as YooKassa has it now; null when it does not know it. */
export async function fetchPayment(id: string): Promise<YooKassaPayment | null> {
  try {
    return paymentShape.parse(await yookassaRequest('GET', `/payments/${encodeURIComponent(id)}`));
  } catch (error) {
    if (error instanceof YooKassaError && error.status === 404) return null;
    throw error;
  }
}

/** Whether `address` lies in one of `ranges` (CIDR blocks or single addresses, IPv4 or IPv6; unreadable ones skipped). */
export function addressInRanges(address: string, ranges: string[]): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const [net, bits] = range.split('/');
    const netFamily = isIP(net);
    if (netFamily === 0) continue;
    const type = netFamily === 6 ? 'ipv6' : 'ipv4';
    try {
      if (bits === undefined) list.addAddress(net, type);
      else list.addSubnet(net, Number(bits), type);
    } catch {
      continue;
    }
  }
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** What a payment made for an off-session charge says about it now. */
function chargeResult(payment: YooKassaPayment): OffSessionChargeResult {
  const amount = fromValue(payment.amount.value);
  if (payment.status === 'succeeded' && payment.paid && amount !== null)
    return {
      status: 'succeeded',
      providerRef: payment.id,
      amount,
      currency: payment.amount.currency.toUpperCase(),
      paidAt: new Date(payment.captured_at ?? payment.created_at),
    };
  if (payment.status === 'canceled') {
    const reason = payment.cancellation_details?.reason ?? 'canceled';
    // A recurring payment has no confirmation step: a bank that insists on 3-D Secure cancels it.
    return {
      status: reason === '3d_secure_failed' ? 'authentication_required' : 'declined',
      providerRef: payment.id,
      code: reason,
    };
  }
  // Still pending: the notification (payment.succeeded or payment.canceled, metadata naming the attempt) settles it.
  return { status: 'pending', providerRef: payment.id };
}

// The events we act on; any other genuine event is stored and ignored.
const handled = new Set(['payment.succeeded', 'payment.canceled', 'refund.succeeded']);

export const yookassaProvider: PaymentProvider = {
  name: 'yookassa',
  enabled: () => Boolean(env().YOOKASSA_SHOP_ID && env().YOOKASSA_SECRET_KEY),

  async createCheckout(r) {
    const created = paymentShape.parse(
      await yookassaRequest('POST', '/payments', {
        // A double click within the same minute gets the same payment back.
        idempotenceKey: idempotenceKey(
          `checkout:${r.invoiceId}:${r.amount}:${r.saveCard ? 'save' : 'once'}:${Math.floor(Date.now() / 60_000)}`,
        ),
        body: {
          amount: { value: toValue(r.amount), currency: r.currency },
          capture: true,
          confirmation: { type: 'redirect', return_url: r.successUrl, locale: r.locale === 'ru' ? 'ru_RU' : 'en_US' },
          description: r.invoiceNumber.slice(0, 128),
          metadata: { invoiceId: r.invoiceId, invoiceNumber: r.invoiceNumber, clientId: r.clientId },
          receipt: receiptBody(r.receipt, r.currency),
          ...(r.saveCard ? { save_payment_method: true } : {}),
        },
      }),
    );
    const url = created.confirmation?.confirmation_url;
    if (!url) throw new YooKassaError(502, 'no_confirmation_url', 'payment created without a confirmation url');
    return { providerSessionId: created.id, url };
  },

  async chargeSavedCard(r) {
    const payment = paymentShape.parse(
      await yookassaRequest('POST', '/payments', {
        idempotenceKey: idempotenceKey(r.idempotencyKey),
        body: {
          amount: { value: toValue(r.amount), currency: r.currency },
          capture: true,
          payment_method_id: r.providerMethodId,
          description: (r.description ?? r.number).slice(0, 128),
          metadata: chargeMetadata(r),
          receipt: receiptBody(r.receipt, r.currency),
        },
      }),
    );
    return chargeResult(payment);
  },

  async refund(r) {
    try {
      const refund = refundShape.parse(
        await yookassaRequest('POST', '/refunds', {
          idempotenceKey: idempotenceKey(r.idempotencyKey),
          body: {
            payment_id: r.paymentRef,
            amount: { value: toValue(r.amount), currency: r.currency },
            description: r.reason.slice(0, 250),
            metadata: r.metadata,
            // 54-FZ: the refund receipt, its items summing to the amount refunded.
            receipt: receiptBody(r.receipt, r.currency),
          },
        }),
      );
      const amount = fromValue(refund.amount.value);
      if (refund.status === 'canceled' || amount === null)
        return {
          status: 'failed',
          providerRefundId: refund.id,
          code: refund.cancellation_details?.reason ?? 'canceled',
        };
      return { status: refund.status, providerRefundId: refund.id, amount, at: new Date(refund.created_at) };
    } catch (error) {
      // A 4xx is YooKassa refusing this refund (more than is left, a bad receipt); anything else is thrown.
      if (error instanceof YooKassaError && error.status >= 400 && error.status < 500)
        return { status: 'failed', providerRefundId: null, code: error.code };
      throw error;
    }
  },

  async verifyWebhook(rawBody: string, _headers: Headers, context: WebhookContext): Promise<ProviderEvent> {
    if (!addressInRanges(context.senderAddress, context.notificationRanges)) throw new WebhookRejected('sender');
    let parsed: z.infer<typeof notificationShape>;
    try {
      parsed = notificationShape.parse(JSON.parse(rawBody));
    } catch {
      throw new WebhookRejected('malformed');
    }
    const raw = JSON.parse(rawBody) as Record<string, unknown>;
    const { event, object } = parsed;
    const id = `${event}:${object.id}`;
    if (!handled.has(event)) return { id, type: 'ignored', raw };
    if (event === 'refund.succeeded') return refundEvent(id, raw, object);
    // Nothing in the body is believed: the payment as the API has it decides, and it must agree with the body.
    const payment = await fetchPayment(object.id);
    if (!payment) throw new WebhookRejected('mismatch');
    const wanted = event === 'payment.succeeded' ? 'succeeded' : 'canceled';
    const agrees =
      payment.status === wanted &&
      (object.status === undefined || object.status === payment.status) &&
      (object.amount === undefined ||
        (object.amount.value === payment.amount.value && object.amount.currency === payment.amount.currency)) &&
      (object.metadata?.invoiceId === undefined || object.metadata.invoiceId === payment.metadata?.invoiceId);
    if (!agrees) throw new WebhookRejected('mismatch');
    // An off-session charge of ours: the attempt its metadata names is settled with the payment as fetched.
    const attemptId = payment.metadata?.chargeAttemptId;
    if (attemptId) return { id, type: 'charge_settled', raw, attemptId, result: chargeResult(payment) };
    if (event === 'payment.canceled') return { id, type: 'checkout_failed', raw, sessionId: payment.id };
    const amount = fromValue(payment.amount.value);
    if (!payment.paid || amount === null) throw new WebhookRejected('mismatch');
    return {
      id,
      type: 'checkout_paid',
      raw,
      sessionId: payment.id,
      invoiceId: payment.metadata?.invoiceId ?? null,
      amount,
      currency: payment.amount.currency.toUpperCase(),
      paidAt: new Date(payment.captured_at ?? payment.created_at),
      savedCard: savedCardOf(payment),
    };
  },
};

/** The card a payment saved (save_payment_method was asked and YooKassa kept it); null otherwise. */
function savedCardOf(payment: YooKassaPayment): SavedCardFact | null {
  const method = payment.payment_method;
  if (!method?.saved || !method.card) return null;
  return {
    providerMethodId: method.id,
    providerCustomerId: null,
    brand: (method.card.card_type ?? 'card').toLowerCase(),
    last4: method.card.last4,
    expMonth: Number(method.card.expiry_month),
    expYear: Number(method.card.expiry_year),
  };
}

/** The refund as YooKassa has it now; null when it does not know it. */
async function fetchRefund(id: string): Promise<z.infer<typeof refundShape> | null> {
  try {
    return refundShape.parse(await yookassaRequest('GET', `/refunds/${encodeURIComponent(id)}`));
  } catch (error) {
    if (error instanceof YooKassaError && error.status === 404) return null;
    throw error;
  }
}

/** refund.succeeded, believed only as the API reports the refund: succeeded, and agreeing with the notification. */
async function refundEvent(
  id: string,
  raw: Record<string, unknown>,
  object: z.infer<typeof notificationShape>['object'],
): Promise<ProviderEvent> {
  const refund = await fetchRefund(object.id);
  const amount = refund ? fromValue(refund.amount.value) : null;
  const agrees =
    refund !== null &&
    amount !== null &&
    refund.status === 'succeeded' &&
    (object.payment_id === undefined || object.payment_id === refund.payment_id) &&
    (object.amount === undefined ||
      (object.amount.value === refund.amount.value && object.amount.currency === refund.amount.currency));
  if (!agrees) throw new WebhookRejected('mismatch');
  return {
    id,
    type: 'refunds_succeeded',
    raw,
    refunds: [
      {
        providerRefundId: refund.id,
        paymentRefs: [refund.payment_id],
        paymentId: refund.metadata?.paymentId ?? null,
        refundId: refund.metadata?.refundId ?? null,
        amount,
        currency: refund.amount.currency.toUpperCase(),
        at: new Date(refund.created_at),
      },
    ],
  };
}
