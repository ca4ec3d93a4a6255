import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { checkoutSessions, invoices, paymentEvents, payments } from '@/db/schema';
import { accountBalance, trialBalance } from '@/lib/finance';
import {
  handlePaymentWebhook,
  recordBankTransfer,
  startCheckout,
  yookassaProvider,
  type WebhookOutcome,
} from '@/lib/payments';
import { updateSettings } from '@/lib/settings';
import { runJob } from '@/lib/scheduler';
import { startYooKassaStandIn, type YooKassaStandIn } from '../support/yookassa-stand-in';
import { setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const t = setupTestDb();
let standIn: YooKassaStandIn;
let admin: TestUser;
/** An address inside YooKassa's published 185.71.76.0/27. */
const YOOKASSA_ADDRESS = '185.71.76.7';

beforeAll(async () => {
  standIn = await startYooKassaStandIn();
  // Read once by lib/env on first use, which comes after this.
  process.env.YOOKASSA_SHOP_ID = standIn.shopId;
  process.env.YOOKASSA_SECRET_KEY = standIn.secretKey;
  process.env.YOOKASSA_API_BASE = standIn.apiBase;
  admin = await createUser(t.db, 'admin');
  // 4: VAT 20 %.
  await updateSettings(t.db, admin, { paymentProvider: 'yookassa', receiptVatCode: 4 });
});
afterAll(async () => standIn?.close());

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

async function paymentIdOf(invoiceId: string): Promise<string> {
  const [row] = await t.db
    .select({ sid: checkoutSessions.providerSessionId })
    .from(checkoutSessions)
    .where(eq(checkoutSessions.invoiceId, invoiceId));
  return row.sid;
}

function notify(body: string, from = YOOKASSA_ADDRESS): Promise<WebhookOutcome> {
  return handlePaymentWebhook(t.db, body, new Headers({ 'content-type': 'application/json' }), yookassaProvider, {
    senderAddress: from,
  });
}

async function invoiceState(id: string) {
  const [row] = await t.db
    .select({ status: invoices.status, paidAmount: invoices.paidAmount })
    .from(invoices)
    .where(eq(invoices.id, id));
  return row;
}

async function ledgerBalanced() {
  const tb = await trialBalance(t.db, admin);
  expect(tb.totalDebit).toBe(tb.totalCredit);
}

describe('YooKassa payments with 54-FZ receipts', () => {
  it('creates a redirect payment with Basic auth, an Idempotence-Key and one receipt item per invoice line', async () => {
    // Two visits: 3 000,00 ₽ + 1 250,50 ₽ = 4 250,50 ₽ due.
    const { client, invoiceId } = await clientWithInvoice(300_000, 125_050);
    const before = standIn.idempotenceKeys.length;
    const { url } = await startCheckout(t.db, client, invoiceId);
    expect(url).toMatch(new RegExp(`^${standIn.url}/pay/`));
    expect(standIn.requests).toContain('POST /v3/payments');
    const [key] = standIn.idempotenceKeys.slice(before);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const payment = standIn.payments.get(await paymentIdOf(invoiceId))!;
    expect(payment.amount).toEqual({ value: '4250.50', currency: 'RUB' });
    expect(payment.metadata).toMatchObject({ invoiceId, clientId: client.id });
    expect(payment.confirmation).toMatchObject({ type: 'redirect' });
    expect(payment.receipt?.customer).toEqual({ email: client.email });
    expect(payment.receipt?.items).toHaveLength(2);
    for (const item of payment.receipt!.items)
      expect(item).toMatchObject({
        quantity: 1,
        vat_code: 4,
        payment_subject: 'service',
        payment_mode: 'full_payment',
      });
    expect(payment.receipt!.items.map((i) => i.amount.value).sort()).toEqual(['1250.50', '3000.00']);
    expect(payment.receipt!.items[0].description).toMatch(/заказ BR-T-/);
  });

  it('after a partial bank transfer the receipt covers only the rest, split over the lines to the kopeck', async () => {
    // Lines 1 000,00 + 2 000,00 = 3 000,00 ₽; 1 000,01 ₽ paid by transfer leaves 1 999,99 ₽.
    // Shares of 199 999 by 1:2 are 66 666.33 and 133 332.67: floors 66 666 + 133 332 = 199 998, the last kopeck
    // to the larger remainder (0.67, the second line): 666,66 ₽ and 1 333,33 ₽.
    const { client, invoiceId } = await clientWithInvoice(100_000, 200_000);
    await recordBankTransfer(t.db, admin, {
      invoiceId,
      amount: '1000,01',
      reference: `PP-${invoiceId.slice(0, 8)}`,
      receivedOn: '2026-01-20',
    });
    await startCheckout(t.db, client, invoiceId);
    const payment = standIn.payments.get(await paymentIdOf(invoiceId))!;
    expect(payment.amount.value).toBe('1999.99');
    expect(payment.receipt!.items.map((i) => i.amount.value)).toEqual(['666.66', '1333.33']);
    // It pays the rest of the invoice: full payment.
    expect(payment.receipt!.items.every((i) => i.payment_mode === 'full_payment')).toBe(true);
  });

  it('a genuine payment.succeeded (checked with the API) pays the invoice once, however often it comes', async () => {
    const { client, invoiceId } = await clientWithInvoice(412_50);
    await startCheckout(t.db, client, invoiceId);
    const id = await paymentIdOf(invoiceId);
    const paid = standIn.succeed(id);
    const body = standIn.notification('payment.succeeded', paid);
    const outs = [await notify(body), await notify(body), await notify(body)];
    expect(outs.map((o) => o.status)).toEqual([200, 200, 200]);
    expect(outs[0].body).toMatchObject({ result: 'payment_recorded' });
    expect(outs[1].body).toMatchObject({ duplicate: true });
    expect(standIn.requests).toContain(`GET /v3/payments/${id}`);
    expect(await t.db.$count(payments, eq(payments.invoiceId, invoiceId))).toBe(1);
    expect(await invoiceState(invoiceId)).toEqual({ status: 'paid', paidAmount: 412_50 });
    // The fixture's orders post no charge, so the receivable shows the payment alone: credited 412,50 ₽.
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(-412_50);
    await ledgerBalanced();
  });

  it('refuses a notification the API does not confirm, or from outside the ranges: 400 and nothing stored', async () => {
    const { client, invoiceId } = await clientWithInvoice(50_000);
    await startCheckout(t.db, client, invoiceId);
    const id = await paymentIdOf(invoiceId);
    const pending = standIn.payments.get(id)!;
    const eventsBefore = await t.db.$count(paymentEvents);
    // Claims success while the API still has the payment pending.
    const forged = JSON.stringify({
      type: 'notification',
      event: 'payment.succeeded',
      object: { ...pending, receipt: undefined, status: 'succeeded', paid: true },
    });
    expect(await notify(forged)).toEqual({ status: 400, body: { received: false, error: 'mismatch' } });
    // A payment YooKassa has never heard of.
    const unknown = JSON.stringify({
      type: 'notification',
      event: 'payment.succeeded',
      object: { id: '2f000000-000f-5000-8000-000000000000', status: 'succeeded', paid: true },
    });
    expect((await notify(unknown)).body).toMatchObject({ error: 'mismatch' });
    // Paid now, but the notification says a smaller amount than the API.
    const paid = standIn.succeed(id);
    const cheaper = JSON.stringify({
      type: 'notification',
      event: 'payment.succeeded',
      object: { ...paid, receipt: undefined, amount: { value: '1.00', currency: 'RUB' } },
    });
    expect((await notify(cheaper)).body).toMatchObject({ error: 'mismatch' });
    // Genuine, but from an address outside YooKassa's ranges.
    const genuine = standIn.notification('payment.succeeded', paid);
    expect((await notify(genuine, '203.0.113.9')).body).toMatchObject({ error: 'sender' });
    expect(await t.db.$count(paymentEvents)).toBe(eventsBefore);
    expect(await invoiceState(invoiceId)).toEqual({ status: 'open', paidAmount: 0 });
    // The genuine one from YooKassa's IPv6 range counts.
    expect((await notify(genuine, '2a02:5180:0:1::7')).body).toMatchObject({ result: 'payment_recorded' });
    expect(await invoiceState(invoiceId)).toEqual({ status: 'paid', paidAmount: 50_000 });
  });

  it('a notification whose metadata names another invoice than the session is refused', async () => {
    const a = await clientWithInvoice(10_000);
    const b = await clientWithInvoice(10_000);
    await startCheckout(t.db, a.client, a.invoiceId);
    const id = await paymentIdOf(a.invoiceId);
    // YooKassa itself reports the other invoice (a payment created elsewhere with our id reused).
    standIn.payments.get(id)!.metadata.invoiceId = b.invoiceId;
    const body = standIn.notification('payment.succeeded', standIn.succeed(id));
    expect((await notify(body)).body).toMatchObject({ error: 'mismatch' });
    expect(await invoiceState(a.invoiceId)).toEqual({ status: 'open', paidAmount: 0 });
    expect(await invoiceState(b.invoiceId)).toEqual({ status: 'open', paidAmount: 0 });
  });

  it('payment.canceled marks the attempt failed and leaves the invoice open', async () => {
    const { client, invoiceId } = await clientWithInvoice(10_000);
    await startCheckout(t.db, client, invoiceId);
    const id = await paymentIdOf(invoiceId);
    const p = standIn.payments.get(id)!;
    p.status = 'canceled';
    p.cancellation_details = { party: 'payment_network', reason: 'insufficient_funds' };
    const out = await notify(standIn.notification('payment.canceled', p));
    expect(out.body).toMatchObject({ result: 'session_failed' });
    expect(await invoiceState(invoiceId)).toEqual({ status: 'open', paidAmount: 0 });
  });
});

describe('the YooKassa stand-in refuses what the real API refuses', () => {
  const auth = () => `Basic ${Buffer.from(`${standIn.shopId}:${standIn.secretKey}`).toString('base64')}`;
  const item = (value: string, vat_code = 1) => ({
    description: 'Уборка',
    quantity: 1,
    amount: { value, currency: 'RUB' },
    vat_code,
    payment_subject: 'service',
    payment_mode: 'full_payment',
  });
  const create = (body: unknown, key: string | null = crypto.randomUUID()) =>
    fetch(`${standIn.apiBase}/payments`, {
      method: 'POST',
      headers: {
        authorization: auth(),
        'content-type': 'application/json',
        ...(key ? { 'idempotence-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
  const payment = (items: unknown[]) => ({
    amount: { value: '100.00', currency: 'RUB' },
    confirmation: { type: 'redirect', return_url: 'http://localhost/back' },
    receipt: { customer: { email: 'a@example.com' }, items },
  });

  it('no Idempotence-Key, a receipt off by a kopeck, a VAT code outside 1–12, no customer: 400; good: 200', async () => {
    const noKey = await create(payment([item('100.00')]), null);
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ type: 'error', code: 'invalid_request', parameter: 'Idempotence-Key' });
    const offByOne = await create(payment([item('60.00'), item('39.99')]));
    expect(offByOne.status).toBe(400);
    expect((await offByOne.json()) as object).toMatchObject({ parameter: 'receipt.items.amount.value' });
    const badVat = await create(payment([item('100.00', 13)]));
    expect(badVat.status).toBe(400);
    expect((await badVat.json()) as object).toMatchObject({ parameter: 'receipt.items.vat_code' });
    const noCustomer = await create({ ...payment([item('100.00')]), receipt: { items: [item('100.00')] } });
    expect(noCustomer.status).toBe(400);
    const good = await create(payment([item('60.00'), item('40.00')]), 'same-key');
    expect(good.status).toBe(200);
    const again = await create(payment([item('60.00'), item('40.00')]), 'same-key');
    // The same key is the same operation: the first answer again.
    expect(((await again.json()) as { id: string }).id).toBe(((await good.json()) as { id: string }).id);
    const wrongAuth = await fetch(`${standIn.apiBase}/payments/x`, { headers: { authorization: 'Basic eDp5' } });
    expect(wrongAuth.status).toBe(401);
  });
});
