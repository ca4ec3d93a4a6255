import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { chargeAttempts, invoices, notifications, payments, savedPaymentMethods } from '@/db/schema';
import {
  handlePaymentWebhook,
  chargeAttemptsOfInvoice,
  chargeDue,
  chargeInvoice,
  chargeKey,
  listFailedCharges,
  PENDING_ATTEMPT_MS,
  stripeProvider,
  yookassaProvider,
} from '@/lib/payments';
import { trialBalance } from '@/lib/finance';
import { runJob } from '@/lib/scheduler';
import { updateSettings } from '@/lib/settings';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe-stand-in';
import { startYooKassaStandIn, type YooKassaStandIn } from '../support/yookassa-stand-in';
import { setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const t = setupTestDb();
let stripe: StripeStandIn;
let yookassa: YooKassaStandIn;
let admin: TestUser;

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: 'whsec_test_charges' });
  yookassa = await startYooKassaStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_charges';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_charges';
  process.env.STRIPE_API_BASE = stripe.url;
  process.env.YOOKASSA_SHOP_ID = yookassa.shopId;
  process.env.YOOKASSA_SECRET_KEY = yookassa.secretKey;
  process.env.YOOKASSA_API_BASE = yookassa.apiBase;
  admin = await createUser(t.db, 'admin');
});
afterAll(async () => {
  await stripe?.close();
  await yookassa?.close();
});

let weekNo = 0;
/** A client with one weekly invoice of the given visits. */
async function clientWithInvoice(...prices: number[]): Promise<{ client: TestUser; invoiceId: string }> {
  const w = await billingWorld(t.db);
  const client = await createUser(t.db, 'client');
  const monday = new Date(Date.UTC(2026, 1, 2 + 7 * weekNo++));
  for (const price of prices)
    await makeOrder(t.db, w, { clientId: client.id, price, finishedAt: new Date(monday.getTime() + 36 * 3_600_000) });
  await runJob(t.db, 'invoices', {
    period: monday.toISOString().slice(0, 10),
    now: new Date(monday.getTime() + 8 * 86_400_000),
  });
  const [inv] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, client.id));
  return { client, invoiceId: inv.id };
}

/** A Stripe card saved on a Customer, at the stand-in and in Brigada (as the setup webhook leaves it). */
async function stripeCard(clientId: string): Promise<string> {
  const customer = `cus_${clientId.replace(/-/g, '').slice(0, 14)}`;
  const pm = stripe.addPaymentMethod(customer);
  await t.db.insert(savedPaymentMethods).values({
    clientId,
    provider: 'stripe',
    providerMethodId: pm.id,
    providerCustomerId: customer,
    brand: 'visa',
    last4: '4242',
    expMonth: 12,
    expYear: 2030,
  });
  return pm.id;
}

/** A YooKassa saved payment method (as a paid "save this card" payment leaves it). */
async function yookassaCard(clientId: string): Promise<string> {
  const id = `pm-${clientId}`;
  yookassa.savedMethods.add(id);
  await t.db.insert(savedPaymentMethods).values({
    clientId,
    provider: 'yookassa',
    providerMethodId: id,
    providerCustomerId: null,
    brand: 'mastercard',
    last4: '4444',
    expMonth: 12,
    expYear: 2030,
  });
  return id;
}

async function invoiceMoney(id: string) {
  const [row] = await t.db
    .select({ status: invoices.status, total: invoices.total, paid: invoices.paidAmount })
    .from(invoices)
    .where(eq(invoices.id, id));
  return row;
}

async function ledgerBalanced() {
  const tb = await trialBalance(t.db, admin);
  expect(tb.totalDebit).toBe(tb.totalCredit);
}

const failureEmails = (clientId: string) =>
  t.db.$count(notifications, and(eq(notifications.userId, clientId), eq(notifications.kind, 'charge_failed')));

describe('charging a saved Stripe card off-session', () => {
  it('charges exactly what the invoice owes, records it like an online payment, and never twice', async () => {
    // Two visits, 1 500,00 ₽ + 999,99 ₽: the invoice owes 2 499,99 ₽ = 249 999 kopecks.
    const { client, invoiceId } = await clientWithInvoice(150_000, 99_999);
    const method = await stripeCard(client.id);
    const before = stripe.offSessionIntents.size;

    const result = await chargeInvoice(t.db, invoiceId, { provider: stripeProvider });
    expect(result).toMatchObject({ outcome: 'charged', attempt: 1, amount: 249_999 });

    // One confirmed off-session PaymentIntent, on the client's Customer and saved method.
    const intents = [...stripe.offSessionIntents.entries()].slice(before);
    expect(intents).toHaveLength(1);
    expect(intents[0][1]).toMatchObject({ amount: 249_999, currency: 'rub', method, status: 'succeeded' });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'paid', total: 249_999, paid: 249_999 });
    const [payment] = await t.db
      .select({ provider: payments.provider, ref: payments.providerRef, amount: payments.amount })
      .from(payments)
      .where(eq(payments.invoiceId, invoiceId));
    expect(payment).toEqual({ provider: 'stripe', ref: intents[0][0], amount: 249_999 });
    await ledgerBalanced();

    // A second run finds nothing due and sends nothing.
    expect(await chargeInvoice(t.db, invoiceId, { provider: stripeProvider })).toEqual({ outcome: 'nothing_due' });
    expect(stripe.offSessionIntents.size).toBe(before + 1);
    expect(await failureEmails(client.id)).toBe(0);
  });

  it('a declined card leaves the invoice open, emails the client, shows managers the failure; a retry charges', async () => {
    // One visit of 1 800,00 ₽ = 180 000 kopecks.
    const { client, invoiceId } = await clientWithInvoice(180_000);
    const method = await stripeCard(client.id);
    stripe.methodOutcome.set(method, 'declined');

    expect(await chargeInvoice(t.db, invoiceId, { provider: stripeProvider })).toMatchObject({
      outcome: 'declined',
      attempt: 1,
      amount: 180_000,
    });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'open', total: 180_000, paid: 0 });
    expect(await t.db.$count(payments, eq(payments.invoiceId, invoiceId))).toBe(0);
    expect(await failureEmails(client.id)).toBe(1);
    const [email] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.userId, client.id), eq(notifications.kind, 'charge_failed')));
    expect(email.data).toMatchObject({ invoiceId, outstanding: 180_000, last4: '4242', reason: 'declined' });

    const attempts = await chargeAttemptsOfInvoice(t.db, admin, invoiceId);
    expect(attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 'declined', failureCode: 'insufficient_funds', amount: 180_000 }),
    ]);
    const failed = await listFailedCharges(t.db, admin);
    expect(failed.items.map((a) => a.invoiceId)).toContain(invoiceId);
    await expect(listFailedCharges(t.db, client)).rejects.toMatchObject({ code: 'forbidden' });

    // The client tops up; the retry is attempt 2, with its own idempotency key, and it takes the money.
    stripe.methodOutcome.delete(method);
    expect(await chargeInvoice(t.db, invoiceId, { provider: stripeProvider })).toMatchObject({
      outcome: 'charged',
      attempt: 2,
      amount: 180_000,
    });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'paid', total: 180_000, paid: 180_000 });
    const keys = await t.db
      .select({ key: chargeAttempts.idempotencyKey, status: chargeAttempts.status })
      .from(chargeAttempts)
      .where(eq(chargeAttempts.invoiceId, invoiceId))
      .orderBy(chargeAttempts.attempt);
    expect(keys).toEqual([
      { key: chargeKey(invoiceId, 1), status: 'declined' },
      { key: chargeKey(invoiceId, 2), status: 'succeeded' },
    ]);
    // The failed attempt stays in the history; the email was sent once.
    expect(await failureEmails(client.id)).toBe(1);
    await ledgerBalanced();
  });

  it('a bank that wants the client to authenticate (SCA) leaves the invoice open and asks them to pay by hand', async () => {
    const { client, invoiceId } = await clientWithInvoice(120_000);
    const method = await stripeCard(client.id);
    stripe.methodOutcome.set(method, 'authentication_required');
    expect(await chargeInvoice(t.db, invoiceId, { provider: stripeProvider })).toMatchObject({
      outcome: 'authentication_required',
      attempt: 1,
    });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'open', total: 120_000, paid: 0 });
    const [email] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.userId, client.id), eq(notifications.kind, 'charge_failed')));
    expect(email.data).toMatchObject({ reason: 'authentication_required', outstanding: 120_000 });
    const [attempt] = await chargeAttemptsOfInvoice(t.db, admin, invoiceId);
    expect(attempt).toMatchObject({ status: 'authentication_required', failureCode: 'authentication_required' });
    expect(attempt.invoiceStatus).toBe('open');
  });

  it('after a partial bank transfer, charges only the rest', async () => {
    // 3 000,00 ₽ owed; 1 000,00 ₽ paid by transfer leaves 2 000,00 ₽ = 200 000 kopecks to charge.
    const { client, invoiceId } = await clientWithInvoice(300_000);
    await t.db.update(invoices).set({ paidAmount: 100_000 }).where(eq(invoices.id, invoiceId));
    await stripeCard(client.id);
    expect(await chargeInvoice(t.db, invoiceId, { provider: stripeProvider })).toMatchObject({
      outcome: 'charged',
      amount: 200_000,
    });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'paid', total: 300_000, paid: 300_000 });
  });

  it('a run that crashed after sending is resent with the same key: the provider replays, one charge', async () => {
    const { client, invoiceId } = await clientWithInvoice(75_000);
    const method = await stripeCard(client.id);
    const [card] = await t.db
      .select({ id: savedPaymentMethods.id, customer: savedPaymentMethods.providerCustomerId })
      .from(savedPaymentMethods)
      .where(eq(savedPaymentMethods.providerMethodId, method));
    const long = new Date(Date.now() - 2 * PENDING_ATTEMPT_MS);
    // The crashed run: its attempt row is pending, and its request reached Stripe.
    const [crashed] = await t.db
      .insert(chargeAttempts)
      .values({
        invoiceId,
        clientId: client.id,
        attempt: 1,
        provider: 'stripe',
        savedMethodId: card.id,
        amount: 75_000,
        currency: 'RUB',
        idempotencyKey: chargeKey(invoiceId, 1),
        createdAt: long,
      })
      .returning({ id: chargeAttempts.id });
    const sent = await stripeProvider.chargeSavedCard!({
      idempotencyKey: chargeKey(invoiceId, 1),
      attemptId: crashed.id,
      invoiceId,
      orderId: null,
      number: 'x',
      clientId: client.id,
      amount: 75_000,
      currency: 'RUB',
      providerMethodId: method,
      providerCustomerId: card.customer,
      receipt: { customerEmail: client.email, items: [] },
    });
    expect(sent.status).toBe('succeeded');
    const count = stripe.offSessionIntents.size;

    const result = await chargeInvoice(t.db, invoiceId, { provider: stripeProvider });
    expect(result).toMatchObject({ outcome: 'charged', attempt: 1, amount: 75_000 });
    expect(stripe.offSessionIntents.size).toBe(count);
    const [payment] = await t.db
      .select({ ref: payments.providerRef })
      .from(payments)
      .where(eq(payments.invoiceId, invoiceId));
    expect(sent.status === 'succeeded' && payment.ref).toBe(sent.status === 'succeeded' && sent.providerRef);
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'paid', total: 75_000, paid: 75_000 });
  });

  it('two runs at once give one charge', async () => {
    const { client, invoiceId } = await clientWithInvoice(210_000);
    await stripeCard(client.id);
    const count = stripe.offSessionIntents.size;
    const results = await Promise.all([
      chargeInvoice(t.db, invoiceId, { provider: stripeProvider }),
      chargeInvoice(t.db, invoiceId, { provider: stripeProvider }),
    ]);
    // The first claims attempt 1; the second waits for the invoice's lock, then finds that fresh attempt (busy)
    // — or, if the first has already finished, finds nothing due.
    expect(results.map((r) => r.outcome).sort()).toEqual(expect.arrayContaining(['charged']));
    expect(results.filter((r) => r.outcome === 'charged')).toHaveLength(1);
    expect(stripe.offSessionIntents.size).toBe(count + 1);
    expect(await t.db.$count(payments, eq(payments.invoiceId, invoiceId))).toBe(1);
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'paid', total: 210_000, paid: 210_000 });
    await ledgerBalanced();
  });

  it('without a saved card nothing is sent', async () => {
    const { invoiceId } = await clientWithInvoice(50_000);
    expect(await chargeInvoice(t.db, invoiceId, { provider: stripeProvider })).toEqual({ outcome: 'no_card' });
  });
});

describe('charging a saved YooKassa method', () => {
  it('pays by payment_method_id with a 54-FZ receipt; a decline and a refused 3-D Secure leave the invoice open', async () => {
    // 1 250,50 ₽ + 749,50 ₽ = 2 000,00 ₽ = 200 000 kopecks; the receipt has the two lines.
    const { client, invoiceId } = await clientWithInvoice(125_050, 74_950);
    const method = await yookassaCard(client.id);

    yookassa.methodOutcome.set(method, 'declined');
    expect(await chargeInvoice(t.db, invoiceId, { provider: yookassaProvider })).toMatchObject({
      outcome: 'declined',
      attempt: 1,
    });
    yookassa.methodOutcome.set(method, 'authentication_required');
    expect(await chargeInvoice(t.db, invoiceId, { provider: yookassaProvider })).toMatchObject({
      outcome: 'authentication_required',
      attempt: 2,
    });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'open', total: 200_000, paid: 0 });
    expect(await failureEmails(client.id)).toBe(2);

    yookassa.methodOutcome.delete(method);
    expect(await chargeInvoice(t.db, invoiceId, { provider: yookassaProvider })).toMatchObject({
      outcome: 'charged',
      attempt: 3,
      amount: 200_000,
    });
    const charged = [...yookassa.payments.values()].filter((p) => p.metadata.invoiceId === invoiceId);
    expect(charged.map((p) => p.status)).toEqual(['canceled', 'canceled', 'succeeded']);
    const paid = charged[2];
    expect(paid.amount).toEqual({ value: '2000.00', currency: 'RUB' });
    expect(paid.receipt?.items.map((i) => i.amount.value).sort()).toEqual(['1250.50', '749.50']);
    expect(paid.receipt?.items.every((i) => i.payment_mode === 'full_payment')).toBe(true);
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'paid', total: 200_000, paid: 200_000 });
    const attempts = await chargeAttemptsOfInvoice(t.db, admin, invoiceId);
    expect(attempts.map((a) => [a.status, a.failureCode])).toEqual([
      ['declined', 'insufficient_funds'],
      ['authentication_required', '3d_secure_failed'],
      ['succeeded', null],
    ]);
    await ledgerBalanced();
  });
});

describe('a YooKassa charge still pending when asked', () => {
  it('is recorded by the payment.succeeded notification, and its attempt is settled', async () => {
    const { client, invoiceId } = await clientWithInvoice(90_000);
    const method = await yookassaCard(client.id);
    yookassa.methodOutcome.set(method, 'pending');
    expect(await chargeInvoice(t.db, invoiceId, { provider: yookassaProvider })).toMatchObject({
      outcome: 'pending',
      attempt: 1,
    });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'open', total: 90_000, paid: 0 });
    // A second run while it is fresh sends nothing.
    expect(await chargeInvoice(t.db, invoiceId, { provider: yookassaProvider })).toMatchObject({ outcome: 'busy' });
    const [payment] = [...yookassa.payments.values()].filter((p) => p.metadata.invoiceId === invoiceId);
    const out = await handlePaymentWebhook(
      t.db,
      yookassa.notification('payment.succeeded', yookassa.succeed(payment.id)),
      new Headers({ 'content-type': 'application/json' }),
      yookassaProvider,
      { senderAddress: '185.71.76.7' },
    );
    expect(out.body).toMatchObject({ result: 'payment_recorded' });
    expect(await invoiceMoney(invoiceId)).toEqual({ status: 'paid', total: 90_000, paid: 90_000 });
    const [attempt] = await chargeAttemptsOfInvoice(t.db, admin, invoiceId);
    expect(attempt).toMatchObject({ status: 'succeeded', attempt: 1 });
    await ledgerBalanced();
  });
});

describe('the charges job', () => {
  const DAY = 86_400_000;
  const attemptsOf = (invoiceId: string) => t.db.$count(chargeAttempts, eq(chargeAttempts.invoiceId, invoiceId));

  it('charges issued invoices when the company says so, retries a failure after 1 and 3 days, then stops', async () => {
    // A owes 1 000,00 ₽ with a card that is declined; B owes 600,00 ₽ with a good card.
    const a = await clientWithInvoice(100_000);
    stripe.methodOutcome.set(await stripeCard(a.client.id), 'declined');
    const b = await clientWithInvoice(60_000);
    await stripeCard(b.client.id);
    const t0 = new Date();

    // Default 'never': nothing is charged.
    expect(await chargeDue(t.db, { now: t0, provider: stripeProvider })).toMatchObject({ skipped: 'autoCharge=never' });
    expect(await attemptsOf(b.invoiceId)).toBe(0);

    await updateSettings(t.db, admin, { autoCharge: 'invoice' });
    const first = await chargeDue(t.db, { now: t0, provider: stripeProvider, chunk: 2 });
    expect(first.counts.charged).toBeGreaterThanOrEqual(1);
    expect(await invoiceMoney(b.invoiceId)).toEqual({ status: 'paid', total: 60_000, paid: 60_000 });
    expect(await attemptsOf(a.invoiceId)).toBe(1);

    // Retry schedule [1, 3]: not before a day has passed since the failure…
    await chargeDue(t.db, { now: new Date(t0.getTime() + 12 * 3_600_000), provider: stripeProvider });
    expect(await attemptsOf(a.invoiceId)).toBe(1);
    const t1 = new Date(t0.getTime() + DAY + 60_000);
    await chargeDue(t.db, { now: t1, provider: stripeProvider });
    expect(await attemptsOf(a.invoiceId)).toBe(2);
    // …then three days after the second failure…
    await chargeDue(t.db, { now: new Date(t1.getTime() + 2 * DAY), provider: stripeProvider });
    expect(await attemptsOf(a.invoiceId)).toBe(2);
    await chargeDue(t.db, { now: new Date(t1.getTime() + 3 * DAY + 60_000), provider: stripeProvider });
    expect(await attemptsOf(a.invoiceId)).toBe(3);
    // …then no more: the invoice waits for the client, who got an email each time.
    await chargeDue(t.db, { now: new Date(t1.getTime() + 30 * DAY), provider: stripeProvider });
    expect(await attemptsOf(a.invoiceId)).toBe(3);
    expect(await failureEmails(a.client.id)).toBe(3);
    expect(await invoiceMoney(a.invoiceId)).toEqual({ status: 'open', total: 100_000, paid: 0 });
    // B was charged once, whatever the later sweeps did.
    expect(await t.db.$count(payments, eq(payments.invoiceId, b.invoiceId))).toBe(1);
    await ledgerBalanced();
  });

  it('two sweeps at once charge each invoice once', async () => {
    await updateSettings(t.db, admin, { autoCharge: 'invoice' });
    const c = await clientWithInvoice(330_000);
    await stripeCard(c.client.id);
    const count = stripe.offSessionIntents.size;
    const now = new Date();
    await Promise.all([
      chargeDue(t.db, { now, provider: stripeProvider }),
      chargeDue(t.db, { now, provider: stripeProvider }),
      chargeDue(t.db, { now, provider: stripeProvider }),
    ]);
    expect(await t.db.$count(payments, eq(payments.invoiceId, c.invoiceId))).toBe(1);
    expect(await attemptsOf(c.invoiceId)).toBe(1);
    const mine = [...stripe.offSessionIntents.values()].slice(count).filter((i) => i.amount === 330_000);
    expect(mine).toHaveLength(1);
    expect(await invoiceMoney(c.invoiceId)).toEqual({ status: 'paid', total: 330_000, paid: 330_000 });
    await ledgerBalanced();
  });
});
