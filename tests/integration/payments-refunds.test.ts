import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import {
  auditLog,
  checkoutSessions,
  invoices,
  journalEntries,
  ledgerAccounts,
  notifications,
  payments,
  postings,
  refunds,
  savedPaymentMethods,
} from '@/db/schema';
import { csvStream } from '@/lib/csv';
import { DomainError } from '@/lib/errors';
import { accountBalance, trialBalance } from '@/lib/finance';
import {
  chargeDue,
  exportPayments,
  handlePaymentWebhook,
  listPayments,
  PAYMENTS_CSV_HEADER,
  recordBankTransfer,
  refundPayment,
  refundsOfInvoice,
  startCheckout,
  stripeProvider,
  yookassaProvider,
  type PaymentProvider,
} from '@/lib/payments';
import { updateSettings } from '@/lib/settings';
import { runJob } from '@/lib/scheduler';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe-stand-in';
import { startYooKassaStandIn, type YooKassaStandIn } from '../support/yookassa-stand-in';
import { setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const WEBHOOK_SECRET = 'whsec_test_refunds';
/** An address inside YooKassa's published 185.71.76.0/27. */
const YOOKASSA_ADDRESS = '185.71.76.7';
const t = setupTestDb();
let stripe: StripeStandIn;
let yookassa: YooKassaStandIn;
let admin: TestUser;

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET });
  yookassa = await startYooKassaStandIn();
  // Read once by lib/env on first use, which comes after this: both providers are configured.
  process.env.STRIPE_SECRET_KEY = 'sk_test_refunds';
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = stripe.url;
  process.env.YOOKASSA_SHOP_ID = yookassa.shopId;
  process.env.YOOKASSA_SECRET_KEY = yookassa.secretKey;
  process.env.YOOKASSA_API_BASE = yookassa.apiBase;
  admin = await createUser(t.db, 'admin');
  // 4: VAT 20 %.
  await updateSettings(t.db, admin, { receiptVatCode: 4 });
});
afterAll(async () => {
  await stripe?.close();
  await yookassa?.close();
});

let weekNo = 0;
/** A client with one open invoice with a line per price (kopecks), all in one closed week. */
async function clientWithInvoice(...prices: number[]): Promise<{ client: TestUser; invoiceId: string }> {
  const w = await billingWorld(t.db);
  const client = await createUser(t.db, 'client');
  const monday = new Date(Date.UTC(2026, 0, 5 + 7 * weekNo++));
  for (const [i, price] of prices.entries())
    await makeOrder(t.db, w, {
      clientId: client.id,
      price,
      finishedAt: new Date(monday.getTime() + (36 + i) * 3_600_000),
    });
  await runJob(t.db, 'invoices', {
    period: monday.toISOString().slice(0, 10),
    now: new Date(monday.getTime() + 8 * 86_400_000),
  });
  const [inv] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, client.id));
  return { client, invoiceId: inv.id };
}

function stripeWebhook(ev: { payload: string; signature: string }) {
  return handlePaymentWebhook(
    t.db,
    ev.payload,
    new Headers({ 'stripe-signature': ev.signature, 'content-type': 'application/json' }),
    stripeProvider,
  );
}

function yookassaWebhook(body: string) {
  return handlePaymentWebhook(t.db, body, new Headers({ 'content-type': 'application/json' }), yookassaProvider, {
    senderAddress: YOOKASSA_ADDRESS,
  });
}

async function sessionOf(invoiceId: string): Promise<string> {
  const [row] = await t.db
    .select({ sid: checkoutSessions.providerSessionId })
    .from(checkoutSessions)
    .where(eq(checkoutSessions.invoiceId, invoiceId));
  return row.sid;
}

/** The client pays the whole invoice through Stripe Checkout (the stand-in's pay page, then the signed webhook). */
async function paidByStripe(client: TestUser, invoiceId: string) {
  await startCheckout(t.db, client, invoiceId, { provider: stripeProvider });
  const sid = await sessionOf(invoiceId);
  await fetch(`${stripe.url}/pay/${sid}`, { method: 'POST', redirect: 'manual' });
  const session = stripe.sessions.get(sid)!;
  expect((await stripeWebhook(stripe.signedEvent('checkout.session.completed', session))).body.result).toBe(
    'payment_recorded',
  );
  return { payment: await paymentOf(invoiceId), intent: session.payment_intent! };
}

/** The client pays the whole invoice through YooKassa (confirmation, then the notification). */
async function paidByYooKassa(client: TestUser, invoiceId: string) {
  await startCheckout(t.db, client, invoiceId, { provider: yookassaProvider });
  const id = await sessionOf(invoiceId);
  const out = await yookassaWebhook(yookassa.notification('payment.succeeded', yookassa.succeed(id)));
  expect(out.body.result).toBe('payment_recorded');
  return { payment: await paymentOf(invoiceId), yookassaId: id };
}

async function paymentOf(invoiceId: string) {
  const [row] = await t.db
    .select({ id: payments.id, entryId: payments.entryId, amount: payments.amount, providerRef: payments.providerRef })
    .from(payments)
    .where(eq(payments.invoiceId, invoiceId));
  return row;
}

async function invoiceState(id: string) {
  const [row] = await t.db
    .select({ status: invoices.status, paidAmount: invoices.paidAmount, total: invoices.total })
    .from(invoices)
    .where(eq(invoices.id, id));
  return row;
}

async function refundRows(paymentId: string) {
  return t.db
    .select({
      number: refunds.number,
      amount: refunds.amount,
      status: refunds.status,
      providerRefundId: refunds.providerRefundId,
      requestedBy: refunds.requestedBy,
      entryId: refunds.entryId,
    })
    .from(refunds)
    .where(eq(refunds.paymentId, paymentId))
    .orderBy(refunds.number);
}

async function refundEntries(invoiceId: string) {
  return t.db
    .select({ id: journalEntries.id, reverses: journalEntries.reversesEntryId, key: journalEntries.key })
    .from(journalEntries)
    .where(and(eq(journalEntries.invoiceId, invoiceId), eq(journalEntries.kind, 'refund')));
}

/** Postings of an entry by account code: debit positive. */
async function linesOf(entryId: string): Promise<Record<string, number>> {
  const rows = await t.db
    .select({ code: ledgerAccounts.code, amount: postings.amount })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(eq(postings.entryId, entryId));
  return Object.fromEntries(rows.map((r) => [r.code.split(':')[0], Number(r.amount)]));
}

async function ledgerBalanced() {
  const tb = await trialBalance(t.db, admin);
  expect(tb.totalDebit).toBe(tb.totalCredit);
}

async function refusalOf(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('refunds through Stripe', () => {
  it('a partial refund goes through POST /v1/refunds and reverses that much of the payment; the invoice owes it again', async () => {
    // Lines 3 000,00 + 1 250,50 = 4 250,50 ₽, paid in full.
    const { client, invoiceId } = await clientWithInvoice(300_000, 125_050);
    const { payment, intent } = await paidByStripe(client, invoiceId);
    const receivable = { type: 'receivable', clientId: client.id } as const;
    const owedBefore = await accountBalance(t.db, receivable);
    const out = await refundPayment(t.db, admin, { paymentId: payment.id, amount: 100_000, reason: 'Kitchen missed' });
    expect(out).toMatchObject({ status: 'succeeded', number: 1, amount: 100_000, invoiceId });

    const [made] = [...stripe.refunds.values()].filter((r) => r.payment_intent === intent);
    expect(made).toMatchObject({ amount: 100_000, metadata: { paymentId: payment.id, refundId: out.refundId } });
    expect(stripe.refundKeys).toContain(`refund:${payment.id}:1`);

    // Paid 425 050 − refunded 100 000 = 325 050: 100 000 owed again, so the paid invoice is open again.
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 325_050 });
    const [entry] = await refundEntries(invoiceId);
    expect(entry).toMatchObject({ reverses: payment.entryId, key: `refund:${payment.id}:1` });
    // Dr receivable 100 000, Cr cash 100 000.
    expect(await linesOf(entry.id)).toEqual({ receivable: 100_000, cash: -100_000 });
    expect((await accountBalance(t.db, receivable)) - owedBefore).toBe(100_000);
    await ledgerBalanced();

    const [audit] = await t.db
      .select({ actorId: auditLog.actorId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'payment.refund'), eq(auditLog.entityId, payment.id)));
    expect(audit).toMatchObject({ actorId: admin.id, after: { amount: 100_000, reason: 'Kitchen missed' } });
    const emails = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.userId, client.id), eq(notifications.kind, 'payment_refunded')));
    expect(emails).toHaveLength(1);
    expect(emails[0].data).toMatchObject({ amount: 100_000, invoiceId });

    // What the invoice page shows: 425 050 − 100 000 = 325 050 left to refund.
    const [listed] = await refundsOfInvoice(t.db, admin, invoiceId);
    expect(listed).toMatchObject({ refunded: 100_000, left: 325_050 });
  });

  it('refunds the rest in full; more than is left is refused with a field error, before Stripe is asked', async () => {
    // 2 000,00 ₽ paid; 500,00 then the remaining 1 500,00 refunded.
    const { client, invoiceId } = await clientWithInvoice(200_000);
    const { payment } = await paidByStripe(client, invoiceId);
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 50_000, reason: 'Late arrival' });
    const asked = stripe.refundKeys.length;
    const tooMuch = await refusalOf(
      refundPayment(t.db, admin, { paymentId: payment.id, amount: 150_001, reason: 'One kopeck too far' }),
    );
    expect(tooMuch).toMatchObject({ code: 'validation_failed', fields: { amount: 'billing.errors.refundTooMuch' } });
    expect(stripe.refundKeys.length).toBe(asked);
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 150_000, reason: 'Cancelled the contract' });
    // 200 000 − 50 000 − 150 000 = 0 paid: nothing paid, all owed.
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 0 });
    expect((await refundRows(payment.id)).map((r) => [r.number, r.amount, r.status])).toEqual([
      [1, 50_000, 'succeeded'],
      [2, 150_000, 'succeeded'],
    ]);
    const none = await refusalOf(refundPayment(t.db, admin, { paymentId: payment.id, amount: 1, reason: 'Again' }));
    expect(none).toMatchObject({ code: 'conflict', message: 'billing.errors.refundNothingLeft' });
    await ledgerBalanced();
  });

  it('the stand-in refuses what Stripe refuses: no payment_intent, an amount above what is left', async () => {
    const { client, invoiceId } = await clientWithInvoice(100_000);
    const { intent } = await paidByStripe(client, invoiceId);
    const sdk = new Stripe('sk_test_refunds', {
      host: '127.0.0.1',
      port: Number(new URL(stripe.url).port),
      protocol: 'http',
    });
    const missing = await sdk.refunds.create({ amount: 100 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ type: 'StripeInvalidRequestError', code: 'parameter_missing' });
    const above = await sdk.refunds.create({ payment_intent: intent, amount: 100_001 }).catch((e: unknown) => e);
    expect(above).toMatchObject({ type: 'StripeInvalidRequestError', code: 'amount_too_large' });
  });

  it('a refund made at the Stripe dashboard: Brigada asking for more is refused by Stripe, then its webhook records it', async () => {
    // 1 000,00 ₽ paid; 400,00 refunded at the dashboard (Brigada does not know yet).
    const { client, invoiceId } = await clientWithInvoice(100_000);
    const { payment, intent } = await paidByStripe(client, invoiceId);
    const sdk = new Stripe('sk_test_refunds', {
      host: '127.0.0.1',
      port: Number(new URL(stripe.url).port),
      protocol: 'http',
    });
    await sdk.refunds.create({ payment_intent: intent, amount: 40_000 });
    // Brigada thinks 100 000 is left; Stripe has 60 000 left and refuses: nothing recorded.
    const refused = await refusalOf(
      refundPayment(t.db, admin, { paymentId: payment.id, amount: 100_000, reason: 'Full refund' }),
    );
    expect(refused).toMatchObject({ code: 'conflict', message: 'billing.errors.refundRefused' });
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'paid', paidAmount: 100_000 });
    expect(await refundEntries(invoiceId)).toHaveLength(0);

    // charge.refunded names the charge; its refunds come from the API. The dashboard one is found by its
    // PaymentIntent's checkout session and gets its own row.
    const ev = stripe.signedEvent('charge.refunded', stripe.chargeOf(intent)!);
    expect((await stripeWebhook(ev)).body.result).toBe('refund_recorded');
    const rows = await refundRows(payment.id);
    expect(rows.map((r) => [r.number, r.amount, r.status, r.requestedBy])).toEqual([
      [1, 100_000, 'failed', admin.id],
      [2, 40_000, 'succeeded', null],
    ]);
    // 100 000 − 40 000 = 60 000 paid.
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 60_000 });
    await ledgerBalanced();

    // The payments list shows what went back: the dashboard's 40 000, not the refused 100 000.
    const listed = async () => (await listPayments(t.db, admin, { q: payment.providerRef! })).items;
    expect(await listed()).toMatchObject([{ reference: payment.providerRef, amount: 100_000, refundedAmount: 40_000 }]);
    // It names its invoice, and the invoice's number finds it (the client has this one payment).
    const [{ number }] = await t.db
      .select({ number: invoices.number })
      .from(invoices)
      .where(eq(invoices.id, invoiceId));
    const byNumber = await listPayments(t.db, admin, { q: number });
    expect(byNumber.items.filter((p) => p.clientId === client.id)).toMatchObject([
      { id: payment.id, invoiceId, invoiceNumber: number },
    ]);
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 10_000, reason: 'Goodwill' });
    // 40 000 + 10 000 = 50 000 refunded, in the list and in its CSV ("500.00" in the refunded column).
    expect(await listed()).toMatchObject([{ refundedAmount: 50_000 }]);
    const bytes = await new Response(
      csvStream(PAYMENTS_CSV_HEADER, exportPayments(t.db, admin, { q: payment.providerRef! })),
    ).arrayBuffer();
    const [header, row] = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
    const at = header.split(',').indexOf('refunded');
    expect(at).toBeGreaterThan(0);
    expect(row.split(',').slice(at - 3, at + 2)).toEqual(['1000.00', '1000.00', '0.00', '500.00', 'RUB']);
  });

  it('charge.refunded and refund.updated, duplicated and before or after the answer, count the refund once', async () => {
    // 3 000,00 ₽ paid; 1 200,00 refunded.
    const { client, invoiceId } = await clientWithInvoice(300_000);
    const { payment, intent } = await paidByStripe(client, invoiceId);
    // The provider's webhook arrives while Brigada is still waiting for Stripe's answer.
    const early: PaymentProvider = {
      ...stripeProvider,
      async refund(r) {
        const answer = await stripeProvider.refund!(r);
        const charge = stripe.chargeOf(intent)!;
        expect((await stripeWebhook(stripe.signedEvent('charge.refunded', charge))).body.result).toBe(
          'refund_recorded',
        );
        return answer;
      },
    };
    await refundPayment(
      t.db,
      admin,
      { paymentId: payment.id, amount: 120_000, reason: 'Broken vase' },
      { provider: early },
    );
    const [made] = [...stripe.refunds.values()].filter((r) => r.payment_intent === intent);
    const late = [
      stripe.signedEvent('charge.refunded', stripe.chargeOf(intent)!),
      stripe.signedEvent('refund.updated', made),
    ];
    const outs = [];
    for (const ev of [...late, ...late]) outs.push((await stripeWebhook(ev)).body);
    expect(outs.map((o) => o.result ?? (o.duplicate ? 'duplicate' : o.error))).toEqual([
      'already_refunded',
      'already_refunded',
      'duplicate',
      'duplicate',
    ]);
    const rows = await refundRows(payment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: 120_000, status: 'succeeded', providerRefundId: made.id });
    expect(await refundEntries(invoiceId)).toHaveLength(1);
    // 300 000 − 120 000 = 180 000 paid.
    expect(await invoiceState(invoiceId)).toMatchObject({ paidAmount: 180_000 });
    await ledgerBalanced();
  });

  it('concurrent refunds of one payment never give back more than it', async () => {
    // 1 000,00 ₽ paid; five admins refund 300,00 each at once: three fit (900,00), two are refused.
    const { client, invoiceId } = await clientWithInvoice(100_000);
    const { payment, intent } = await paidByStripe(client, invoiceId);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        refundPayment(t.db, admin, { paymentId: payment.id, amount: 30_000, reason: `Attempt ${i}` }),
      ),
    );
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done).toHaveLength(3);
    for (const r of refused) expect(r.reason).toMatchObject({ fields: { amount: 'billing.errors.refundTooMuch' } });
    const atStripe = [...stripe.refunds.values()].filter((r) => r.payment_intent === intent);
    expect(atStripe.reduce((s, r) => s + r.amount, 0)).toBe(90_000);
    // 100 000 − 3 × 30 000 = 10 000 paid.
    expect(await invoiceState(invoiceId)).toMatchObject({ paidAmount: 10_000 });
    await ledgerBalanced();
  });
});

describe('refunds through YooKassa, with 54-FZ refund receipts', () => {
  it('a partial refund sends POST /v3/refunds with a receipt split over the lines to the kopeck', async () => {
    // Lines 1 000,00 + 2 000,00 = 3 000,00 ₽ paid.
    const { client, invoiceId } = await clientWithInvoice(100_000, 200_000);
    const { payment, yookassaId } = await paidByYooKassa(client, invoiceId);
    const keysBefore = yookassa.idempotenceKeys.length;
    const out = await refundPayment(t.db, admin, {
      paymentId: payment.id,
      amount: 100_001,
      reason: 'Streaks on glass',
    });
    expect(out.status).toBe('succeeded');
    const [refund] = [...yookassa.refunds.values()].filter((r) => r.payment_id === yookassaId);
    expect(refund.amount).toEqual({ value: '1000.01', currency: 'RUB' });
    expect(refund.metadata).toEqual({ paymentId: payment.id, refundId: out.refundId });
    expect(yookassa.idempotenceKeys.slice(keysBefore)[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(refund.receipt?.customer).toEqual({ email: client.email });
    // Shares of 100 001 by 1:2 are 33 333.67 and 66 667.33: floors 33 333 + 66 667 = 100 000, the last kopeck to
    // the larger remainder (0.67, the first line): 333,34 ₽ + 666,67 ₽ = 1 000,01 ₽.
    expect(refund.receipt!.items.map((i) => i.amount.value)).toEqual(['333.34', '666.67']);
    for (const item of refund.receipt!.items)
      expect(item).toMatchObject({
        quantity: 1,
        vat_code: 4,
        payment_subject: 'service',
        payment_mode: 'full_payment',
      });
    // 300 000 − 100 001 = 199 999 paid.
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 199_999 });
    await ledgerBalanced();

    // refund.succeeded (checked with the API), twice: already counted.
    const body = yookassa.refundNotification(refund);
    const outs = [(await yookassaWebhook(body)).body, (await yookassaWebhook(body)).body];
    expect(outs).toMatchObject([{ result: 'already_refunded' }, { duplicate: true }]);
    expect(yookassa.requests).toContain(`GET /v3/refunds/${refund.id}`);
    expect(await refundRows(payment.id)).toHaveLength(1);
  });

  it('a full refund: the receipt is the lines whole, the invoice owes all of it again', async () => {
    // 1 500,00 + 250,50 = 1 750,50 ₽.
    const { client, invoiceId } = await clientWithInvoice(150_000, 25_050);
    const { payment, yookassaId } = await paidByYooKassa(client, invoiceId);
    const receivable = { type: 'receivable', clientId: client.id } as const;
    const owedBefore = await accountBalance(t.db, receivable);
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 175_050, reason: 'Service not done' });
    const [refund] = [...yookassa.refunds.values()].filter((r) => r.payment_id === yookassaId);
    expect(refund.receipt!.items.map((i) => i.amount.value)).toEqual(['1500.00', '250.50']);
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 0 });
    expect((await accountBalance(t.db, receivable)) - owedBefore).toBe(175_050);
    await ledgerBalanced();
  });

  it('refund.succeeded before the answer is recorded counts once; a notification the API contradicts is refused', async () => {
    const { client, invoiceId } = await clientWithInvoice(80_000);
    const { payment, yookassaId } = await paidByYooKassa(client, invoiceId);
    const early: PaymentProvider = {
      ...yookassaProvider,
      async refund(r) {
        const answer = await yookassaProvider.refund!(r);
        const [made] = [...yookassa.refunds.values()].filter((x) => x.payment_id === yookassaId);
        expect((await yookassaWebhook(yookassa.refundNotification(made))).body.result).toBe('refund_recorded');
        return answer;
      },
    };
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 30_000, reason: 'Late' }, { provider: early });
    const rows = await refundRows(payment.id);
    expect(rows).toHaveLength(1);
    // 80 000 − 30 000 = 50 000 paid.
    expect(await invoiceState(invoiceId)).toMatchObject({ paidAmount: 50_000 });
    const [made] = [...yookassa.refunds.values()].filter((x) => x.payment_id === yookassaId);
    // The same refund claimed at 800,00 ₽: the API says 300,00, so it is refused and changes nothing.
    const lie = yookassa.refundNotification({ ...made, amount: { value: '800.00', currency: 'RUB' } });
    expect((await yookassaWebhook(lie)).status).toBe(400);
    expect(await invoiceState(invoiceId)).toMatchObject({ paidAmount: 50_000 });
    await ledgerBalanced();
  });
});

describe('refunds a crash left pending, reconciled by the charges job', () => {
  /** A provider the process dies inside: asks `ask` first (or not at all), and never returns an answer. */
  const dying = (base: PaymentProvider, ask: boolean): PaymentProvider => ({
    ...base,
    async refund(r) {
      if (ask) await base.refund!(r);
      return new Promise(() => {});
    },
  });
  /** The pending row, aged past the reconciliation delay (REFUND_RECONCILE_AFTER_MS, ten minutes). */
  async function cutOff(paymentId: string, provider: PaymentProvider, amount: number) {
    void refundPayment(t.db, admin, { paymentId, amount, reason: 'Crash test' }, { provider });
    for (let k = 0; k < 100 && (await refundRows(paymentId)).length === 0; k++)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    await t.db
      .update(refunds)
      .set({ createdAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(refunds.paymentId, paymentId));
    expect(await refundRows(paymentId)).toMatchObject([{ status: 'pending', providerRefundId: null }]);
  }

  it('YooKassa made the refund before the crash: asked again with the same key, it is recorded once', async () => {
    // 2 000,00 ₽ paid; 500,00 ₽ refunded at YooKassa, our row still pending.
    const { client, invoiceId } = await clientWithInvoice(200_000);
    const { payment, yookassaId } = await paidByYooKassa(client, invoiceId);
    await cutOff(payment.id, dying(yookassaProvider, true), 50_000);
    expect([...yookassa.refunds.values()].filter((r) => r.payment_id === yookassaId)).toHaveLength(1);

    const first = await chargeDue(t.db);
    expect(first.refunds).toEqual({ succeeded: 1 });
    // The stand-in replayed its first answer: still one refund there, and one recorded here.
    expect([...yookassa.refunds.values()].filter((r) => r.payment_id === yookassaId)).toHaveLength(1);
    expect(await refundRows(payment.id)).toMatchObject([{ status: 'succeeded', amount: 50_000 }]);
    // 200 000 − 50 000 = 150 000 paid.
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 150_000 });
    expect((await chargeDue(t.db)).refunds).toBeUndefined();
    await ledgerBalanced();
  });

  it('Stripe never heard of it (the crash came first): the refund the admin asked for is made and recorded', async () => {
    const { client, invoiceId } = await clientWithInvoice(120_000);
    const { payment, intent } = await paidByStripe(client, invoiceId);
    await cutOff(payment.id, dying(stripeProvider, false), 20_000);
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === intent)).toHaveLength(0);

    expect((await chargeDue(t.db)).refunds).toEqual({ succeeded: 1 });
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === intent)).toHaveLength(1);
    expect(stripe.refundKeys).toContain(`refund:${payment.id}:1`);
    // 120 000 − 20 000 = 100 000 paid.
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 100_000 });
    await ledgerBalanced();
  });
});

describe('refunds of bank transfers, overpayments and who may refund', () => {
  it('a bank transfer is refunded as made outside: no provider call; an overpayment goes back from credit first', async () => {
    // 1 000,00 ₽ invoice, 1 500,00 ₽ transferred: 1 000,00 applied, 500,00 held as credit.
    const { client, invoiceId } = await clientWithInvoice(100_000);
    await recordBankTransfer(t.db, admin, {
      invoiceId,
      amount: '1500,00',
      reference: `PP-${invoiceId.slice(0, 8)}`,
      receivedOn: '2026-03-02',
    });
    const payment = await paymentOf(invoiceId);
    const calls = stripe.requests.length + yookassa.requests.length;
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 60_000, reason: 'Sent the overpayment back' });
    expect(stripe.requests.length + yookassa.requests.length).toBe(calls);
    // 60 000 back: the 50 000 of credit first, then 10 000 of what paid the invoice (1 000,00 − 100,00 = 900,00 paid).
    const [entry] = await refundEntries(invoiceId);
    expect(await linesOf(entry.id)).toEqual({ client_credit: 50_000, receivable: 10_000, cash: -60_000 });
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 90_000 });
    expect(await accountBalance(t.db, { type: 'client_credit', clientId: client.id })).toBe(0);
    await ledgerBalanced();
  });

  it('a refund that reopens an invoice is paid from the credit the client holds, whichever payment came first', async () => {
    // 1 000,00 ₽ paid by Checkout, then 400,00 transferred on top: the invoice was paid, so all 400,00 is held as credit.
    const { client, invoiceId } = await clientWithInvoice(100_000);
    const { payment } = await paidByStripe(client, invoiceId);
    await recordBankTransfer(t.db, admin, {
      invoiceId,
      amount: '400,00',
      reference: `PP-${invoiceId.slice(0, 8)}`,
      receivedOn: '2026-03-02',
    });
    expect(await accountBalance(t.db, { type: 'client_credit', clientId: client.id })).toBe(-40_000);
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 100_000, reason: 'Card payment sent back' });
    // The card's 1 000,00 back leaves 0 paid; the 400,00 held pays the reopened invoice: paid 400,00, 600,00 owed,
    // no credit left — as when the transfer had come first and been applied (1 000,00 − 600,00 = 400,00 paid).
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 40_000 });
    expect(await accountBalance(t.db, { type: 'client_credit', clientId: client.id })).toBe(0);
    await ledgerBalanced();
  });

  it('the charges job leaves a refunded invoice to staff: owing again, it is not charged back from the saved card', async () => {
    // 1 500,00 ₽ paid by Checkout, 400,00 refunded: the invoice is open and owes 400,00 again.
    const { client, invoiceId } = await clientWithInvoice(150_000);
    const { payment } = await paidByStripe(client, invoiceId);
    const customer = `cus_${client.id.replace(/-/g, '').slice(0, 14)}`;
    const pm = stripe.addPaymentMethod(customer);
    await t.db.insert(savedPaymentMethods).values({
      clientId: client.id,
      provider: 'stripe',
      providerMethodId: pm.id,
      providerCustomerId: customer,
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2030,
    });
    await refundPayment(t.db, admin, { paymentId: payment.id, amount: 40_000, reason: 'Windows not done' });
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 110_000 });
    const intentsBefore = stripe.requests.filter((r) => r === 'POST /v1/payment_intents').length;

    await updateSettings(t.db, admin, { autoCharge: 'invoice' });
    try {
      await chargeDue(t.db, { now: new Date(), provider: stripeProvider });
    } finally {
      await updateSettings(t.db, admin, { autoCharge: 'never' });
    }
    expect(stripe.requests.filter((r) => r === 'POST /v1/payment_intents').length).toBe(intentsBefore);
    // Still 150 000 − 40 000 = 110 000 paid: nothing taken back.
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 110_000 });
  });

  it('only an admin refunds: a manager and a client are refused with forbidden', async () => {
    const { client, invoiceId } = await clientWithInvoice(100_000);
    const { payment } = await paidByStripe(client, invoiceId);
    const manager = await createUser(t.db, 'manager');
    for (const who of [manager, client]) {
      const error = await refusalOf(refundPayment(t.db, who, { paymentId: payment.id, amount: 100, reason: 'Try' }));
      expect(error.code).toBe('forbidden');
    }
    expect(await refundRows(payment.id)).toHaveLength(0);
  });
});
