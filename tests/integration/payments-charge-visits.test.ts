import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { chargeAttempts, invoices, notifications, payments, savedPaymentMethods } from '@/db/schema';
import {
  chargeAttemptsOfInvoice,
  chargeDue,
  chargeVisit,
  handlePaymentWebhook,
  listFailedCharges,
  stripeProvider,
  visitChargeKey,
  yookassaProvider,
} from '@/lib/payments';
import { trialBalance } from '@/lib/finance';
import { runJob } from '@/lib/scheduler';
import { updateSettings } from '@/lib/settings';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe-stand-in';
import { startYooKassaStandIn, type YooKassaStandIn } from '../support/yookassa-stand-in';
import { onPostgres, setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder, type BillingWorld } from '../support/billing-fixtures';

const t = setupTestDb();
let stripe: StripeStandIn;
let yookassa: YooKassaStandIn;
let admin: TestUser;
let world: BillingWorld;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: 'whsec_test_visits' });
  yookassa = await startYooKassaStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_visits';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_visits';
  process.env.STRIPE_API_BASE = stripe.url;
  process.env.YOOKASSA_SHOP_ID = yookassa.shopId;
  process.env.YOOKASSA_SECRET_KEY = yookassa.secretKey;
  process.env.YOOKASSA_API_BASE = yookassa.apiBase;
  admin = await createUser(t.db, 'admin');
  world = await billingWorld(t.db);
  await updateSettings(t.db, admin, { autoCharge: 'visit' });
});
afterAll(async () => {
  await stripe?.close();
  await yookassa?.close();
});

/** A client with a Stripe card saved on a Customer (at the stand-in and in Brigada). */
async function stripeClient(): Promise<{ client: TestUser; method: string }> {
  const client = await createUser(t.db, 'client');
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
  return { client, method: pm.id };
}

let weekNo = 0;
/** A Monday of its own per test, far enough in the past for the invoice run, and its week's invoice run. */
function week() {
  const monday = new Date(Date.UTC(2026, 2, 2 + 7 * weekNo++));
  return {
    monday,
    invoice: () =>
      runJob(t.db, 'invoices', {
        period: monday.toISOString().slice(0, 10),
        now: new Date(monday.getTime() + 8 * DAY),
      }),
  };
}

const attemptsOfVisit = (orderId: string) => t.db.$count(chargeAttempts, eq(chargeAttempts.orderId, orderId));
const failureEmails = (clientId: string) =>
  t.db.$count(notifications, and(eq(notifications.userId, clientId), eq(notifications.kind, 'charge_failed')));

async function invoiceOf(clientId: string) {
  const [row] = await t.db
    .select({ id: invoices.id, status: invoices.status, total: invoices.total, paid: invoices.paidAmount })
    .from(invoices)
    .where(eq(invoices.clientId, clientId));
  return row;
}

/** The sum of an invoice's own payments (what each applied to it). */
async function paymentsOf(invoiceId: string): Promise<number> {
  const [row] = await t.db
    .select({ n: sql<number>`coalesce(sum(${payments.appliedAmount}), 0)::bigint` })
    .from(payments)
    .where(eq(payments.invoiceId, invoiceId));
  return Number(row.n);
}

async function ledgerBalanced() {
  const tb = await trialBalance(t.db, admin);
  expect(tb.totalDebit).toBe(tb.totalCredit);
}

describe('per-visit charging', () => {
  it('charges a visit once its review window has passed, and its weekly invoice is issued paid', async () => {
    const { client, method } = await stripeClient();
    const w = week();
    const finishedAt = new Date(w.monday.getTime() + 30 * HOUR);
    const visit = await makeOrder(t.db, world, { clientId: client.id, price: 345_600, finishedAt });
    const before = stripe.offSessionIntents.size;

    // Within the default 24-hour review window nothing is charged.
    await chargeDue(t.db, { now: new Date(finishedAt.getTime() + 23 * HOUR), provider: stripeProvider });
    expect(await attemptsOfVisit(visit.id)).toBe(0);

    const sweep = await chargeDue(t.db, { now: new Date(finishedAt.getTime() + 25 * HOUR), provider: stripeProvider });
    expect(sweep.counts.charged).toBe(1);
    // Exactly the visit's price, 3 456,00 ₽ = 345 600 kopecks, off-session on the saved card.
    const intents = [...stripe.offSessionIntents.entries()].slice(before);
    expect(intents).toHaveLength(1);
    expect(intents[0][1]).toMatchObject({ amount: 345_600, currency: 'rub', method, status: 'succeeded' });
    const [attempt] = await t.db
      .select({ key: chargeAttempts.idempotencyKey, status: chargeAttempts.status, ref: chargeAttempts.providerRef })
      .from(chargeAttempts)
      .where(eq(chargeAttempts.orderId, visit.id));
    expect(attempt).toEqual({ key: visitChargeKey(visit.id, 1), status: 'succeeded', ref: intents[0][0] });
    // No invoice yet: the money is held as the client's credit, a payment with no invoice.
    const [held] = await t.db
      .select({ amount: payments.amount, credit: payments.creditAmount })
      .from(payments)
      .where(and(eq(payments.clientId, client.id), isNull(payments.invoiceId)));
    expect(held).toEqual({ amount: 345_600, credit: 345_600 });

    // The weekly invoice bills the visit and is issued paid by that credit; its paid amount is its payments.
    await w.invoice();
    const inv = await invoiceOf(client.id);
    expect(inv).toMatchObject({ status: 'paid', total: 345_600, paid: 345_600 });
    expect(await paymentsOf(inv.id)).toBe(345_600);
    // Managers see the visit's charge on the invoice.
    expect(await chargeAttemptsOfInvoice(t.db, admin, inv.id)).toEqual([
      expect.objectContaining({ orderId: visit.id, orderNumber: visit.number, status: 'succeeded', amount: 345_600 }),
    ]);

    // Later sweeps charge nothing more.
    await chargeDue(t.db, { now: new Date(finishedAt.getTime() + 9 * DAY), provider: stripeProvider });
    expect(stripe.offSessionIntents.size).toBe(before + 1);
    expect(
      await chargeVisit(t.db, visit.id, { provider: stripeProvider, now: new Date(finishedAt.getTime() + 9 * DAY) }),
    ).toEqual({ outcome: 'nothing_due' });
    await ledgerBalanced();
  });

  it('a visit already on an open invoice is a payment of that invoice, for the visit’s part', async () => {
    const { client } = await stripeClient();
    const w = week();
    // Two visits: 1 000,00 ₽ early in the week, 2 500,00 ₽ late on Sunday (its window ends after the invoice run).
    const early = await makeOrder(t.db, world, {
      clientId: client.id,
      price: 100_000,
      finishedAt: new Date(w.monday.getTime() + 10 * HOUR),
    });
    const lateAt = new Date(w.monday.getTime() + 6 * DAY + 20 * HOUR);
    const late = await makeOrder(t.db, world, { clientId: client.id, price: 250_000, finishedAt: lateAt });
    await updateSettings(t.db, admin, { autoCharge: 'never' });
    await w.invoice();
    await updateSettings(t.db, admin, { autoCharge: 'visit' });
    const inv = await invoiceOf(client.id);
    expect(inv).toMatchObject({ status: 'open', total: 350_000, paid: 0 });

    // The late visit's window passes: it pays its own 250 000 of the invoice; the invoice still owes 100 000.
    expect(
      await chargeVisit(t.db, late.id, { provider: stripeProvider, now: new Date(lateAt.getTime() + 25 * HOUR) }),
    ).toMatchObject({ outcome: 'charged', amount: 250_000 });
    expect(await invoiceOf(client.id)).toMatchObject({ status: 'open', paid: 250_000 });
    // The early one (its window long past, it was invoiced unpaid) pays the rest: 350 000 − 250 000 = 100 000.
    expect(
      await chargeVisit(t.db, early.id, { provider: stripeProvider, now: new Date(lateAt.getTime() + 26 * HOUR) }),
    ).toMatchObject({ outcome: 'charged', amount: 100_000 });
    expect(await invoiceOf(client.id)).toMatchObject({ status: 'paid', total: 350_000, paid: 350_000 });
    expect(await paymentsOf(inv.id)).toBe(350_000);
    await ledgerBalanced();
  });

  it('a visit failed in review is not charged', async () => {
    const { client } = await stripeClient();
    const w = week();
    const failed = await makeOrder(t.db, world, { clientId: client.id, price: 90_000, status: 'failed' });
    const sweep = await chargeDue(t.db, { now: new Date(w.monday.getTime() + 9 * DAY), provider: stripeProvider });
    expect(sweep.counts.charged ?? 0).toBe(0);
    expect(await attemptsOfVisit(failed.id)).toBe(0);
    expect(
      await chargeVisit(t.db, failed.id, { provider: stripeProvider, now: new Date(w.monday.getTime() + 9 * DAY) }),
    ).toEqual({ outcome: 'nothing_due' });
  });

  it('a declined card: email, failed-charges list, retries after 1 and 3 days; a later good answer pays', async () => {
    const { client, method } = await stripeClient();
    stripe.methodOutcome.set(method, 'declined');
    const w = week();
    const finishedAt = new Date(w.monday.getTime() + 30 * HOUR);
    // One visit of 1 800,00 ₽ = 180 000 kopecks.
    const visit = await makeOrder(t.db, world, { clientId: client.id, price: 180_000, finishedAt });
    const t0 = new Date(finishedAt.getTime() + 25 * HOUR);
    await chargeDue(t.db, { now: t0, provider: stripeProvider });
    expect(await attemptsOfVisit(visit.id)).toBe(1);
    expect(await failureEmails(client.id)).toBe(1);
    const [email] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.userId, client.id), eq(notifications.kind, 'charge_failed')));
    expect(email.data).toMatchObject({
      orderId: visit.id,
      number: visit.number,
      outstanding: 180_000,
      reason: 'declined',
    });
    const failedList = await listFailedCharges(t.db, admin);
    expect(failedList.items).toContainEqual(
      expect.objectContaining({ orderId: visit.id, orderNumber: visit.number, invoiceId: null, status: 'declined' }),
    );

    // Not again within the day; after a day, attempt 2 (declined again).
    await chargeDue(t.db, { now: new Date(t0.getTime() + 12 * HOUR), provider: stripeProvider });
    expect(await attemptsOfVisit(visit.id)).toBe(1);
    const t1 = new Date(t0.getTime() + DAY + 60_000);
    await chargeDue(t.db, { now: t1, provider: stripeProvider });
    expect(await attemptsOfVisit(visit.id)).toBe(2);
    // The client fixes their card; three days after the second failure, attempt 3 takes the money.
    stripe.methodOutcome.delete(method);
    await chargeDue(t.db, { now: new Date(t1.getTime() + 2 * DAY), provider: stripeProvider });
    expect(await attemptsOfVisit(visit.id)).toBe(2);
    const sweep = await chargeDue(t.db, { now: new Date(t1.getTime() + 3 * DAY + 60_000), provider: stripeProvider });
    expect(sweep.counts.charged).toBe(1);
    expect(await attemptsOfVisit(visit.id)).toBe(3);
    expect(await failureEmails(client.id)).toBe(2);
    await w.invoice();
    expect(await invoiceOf(client.id)).toMatchObject({ status: 'paid', total: 180_000, paid: 180_000 });
    await ledgerBalanced();
  });

  it('the bank wants the client to authenticate: the same failure handling, with its reason', async () => {
    const { client, method } = await stripeClient();
    stripe.methodOutcome.set(method, 'authentication_required');
    const w = week();
    const finishedAt = new Date(w.monday.getTime() + 30 * HOUR);
    const visit = await makeOrder(t.db, world, { clientId: client.id, price: 70_000, finishedAt });
    expect(
      await chargeVisit(t.db, visit.id, { provider: stripeProvider, now: new Date(finishedAt.getTime() + 25 * HOUR) }),
    ).toMatchObject({ outcome: 'authentication_required', attempt: 1 });
    expect(await failureEmails(client.id)).toBe(1);
    // The week's invoice asks for the whole visit: nothing was taken.
    await w.invoice();
    expect(await invoiceOf(client.id)).toMatchObject({ status: 'open', total: 70_000, paid: 0 });
    await ledgerBalanced();
  });

  it('YooKassa: a visit charge left pending is paid by its notification, with a one-item 54-FZ receipt', async () => {
    await updateSettings(t.db, admin, { paymentProvider: 'yookassa' });
    try {
      const client = await createUser(t.db, 'client');
      const methodId = `pm-visit-${client.id}`;
      yookassa.savedMethods.add(methodId);
      yookassa.methodOutcome.set(methodId, 'pending');
      await t.db.insert(savedPaymentMethods).values({
        clientId: client.id,
        provider: 'yookassa',
        providerMethodId: methodId,
        brand: 'mastercard',
        last4: '4444',
        expMonth: 12,
        expYear: 2030,
      });
      const w = week();
      const finishedAt = new Date(w.monday.getTime() + 30 * HOUR);
      const visit = await makeOrder(t.db, world, { clientId: client.id, price: 412_550, finishedAt });
      const now = new Date(finishedAt.getTime() + 25 * HOUR);
      expect(await chargeVisit(t.db, visit.id, { provider: yookassaProvider, now })).toMatchObject({
        outcome: 'pending',
      });
      const [sent] = [...yookassa.payments.values()].filter((p) => p.metadata.orderId === visit.id);
      // 4 125,50 ₽: one receipt item, the visit, paid in full.
      expect(sent.amount).toEqual({ value: '4125.50', currency: 'RUB' });
      expect(sent.receipt?.items).toEqual([
        expect.objectContaining({ amount: { value: '4125.50', currency: 'RUB' }, payment_mode: 'full_payment' }),
      ]);
      expect(sent.receipt?.items[0].description).toContain(visit.number);
      const deliver = () =>
        handlePaymentWebhook(
          t.db,
          yookassa.notification('payment.succeeded', yookassa.succeed(sent.id)),
          new Headers({ 'content-type': 'application/json' }),
          yookassaProvider,
          { senderAddress: '185.71.76.7' },
        );
      expect((await deliver()).body).toMatchObject({ result: 'payment_recorded' });
      expect((await deliver()).body).toMatchObject({ duplicate: true });
      const [attempt] = await t.db
        .select({ status: chargeAttempts.status })
        .from(chargeAttempts)
        .where(eq(chargeAttempts.orderId, visit.id));
      expect(attempt.status).toBe('succeeded');
      await w.invoice();
      expect(await invoiceOf(client.id)).toMatchObject({ status: 'paid', total: 412_550, paid: 412_550 });
      await ledgerBalanced();
    } finally {
      await updateSettings(t.db, admin, { paymentProvider: 'stripe' });
    }
  });

  it.runIf(onPostgres())('three sweeps at once on separate connections charge a visit once (PostgreSQL)', async () => {
    const { client } = await stripeClient();
    const w = week();
    const finishedAt = new Date(w.monday.getTime() + 30 * HOUR);
    const visit = await makeOrder(t.db, world, { clientId: client.id, price: 555_500, finishedAt });
    const count = stripe.offSessionIntents.size;
    const now = new Date(finishedAt.getTime() + 25 * HOUR);
    await Promise.all([
      chargeDue(t.db, { now, provider: stripeProvider }),
      chargeDue(t.db, { now, provider: stripeProvider }),
      chargeDue(t.db, { now, provider: stripeProvider }),
      chargeVisit(t.db, visit.id, { now, provider: stripeProvider }),
    ]);
    expect(await attemptsOfVisit(visit.id)).toBe(1);
    const mine = [...stripe.offSessionIntents.values()].slice(count).filter((i) => i.amount === 555_500);
    expect(mine).toHaveLength(1);
    expect(await t.db.$count(payments, and(eq(payments.clientId, client.id), eq(payments.amount, 555_500)))).toBe(1);
    await ledgerBalanced();
  });
});

describe('a Stripe charge answered "processing"', () => {
  const deliver = (type: string, intent: Record<string, unknown>, id?: string) => {
    const ev = stripe.signedEvent(type, intent, { id });
    return handlePaymentWebhook(
      t.db,
      ev.payload,
      new Headers({ 'content-type': 'application/json', 'stripe-signature': ev.signature }),
      stripeProvider,
    );
  };

  it('is left pending, then settled by payment_intent.succeeded (once, however often it comes)', async () => {
    const { client, method } = await stripeClient();
    stripe.methodOutcome.set(method, 'processing');
    const w = week();
    const finishedAt = new Date(w.monday.getTime() + 30 * HOUR);
    const visit = await makeOrder(t.db, world, { clientId: client.id, price: 120_000, finishedAt });
    const now = new Date(finishedAt.getTime() + 25 * HOUR);
    expect(await chargeVisit(t.db, visit.id, { provider: stripeProvider, now })).toMatchObject({ outcome: 'pending' });
    expect(await t.db.$count(payments, eq(payments.clientId, client.id))).toBe(0);
    // While it is pending (and fresh) the job sends nothing more.
    await chargeDue(t.db, { now: new Date(now.getTime() + 60_000), provider: stripeProvider });
    expect(await attemptsOfVisit(visit.id)).toBe(1);

    const [attempt] = await t.db
      .select({ ref: chargeAttempts.providerRef })
      .from(chargeAttempts)
      .where(eq(chargeAttempts.orderId, visit.id));
    const intent = stripe.decideIntent(attempt.ref!, 'succeeded');
    const first = await deliver('payment_intent.succeeded', intent, `evt_ok_${visit.id}`);
    expect(first.body).toMatchObject({ result: 'payment_recorded' });
    expect((await deliver('payment_intent.succeeded', intent, `evt_ok_${visit.id}`)).body).toMatchObject({
      duplicate: true,
    });
    // A second event about the same intent (Stripe may send one again under a new id) records nothing new.
    expect((await deliver('payment_intent.succeeded', intent)).body).toMatchObject({ result: 'already_recorded' });
    expect(await t.db.$count(payments, eq(payments.clientId, client.id))).toBe(1);
    await w.invoice();
    expect(await invoiceOf(client.id)).toMatchObject({ status: 'paid', total: 120_000, paid: 120_000 });
    await ledgerBalanced();
  });

  it('is failed by payment_intent.payment_failed: the same failure handling, one email however often it comes', async () => {
    const { client, method } = await stripeClient();
    stripe.methodOutcome.set(method, 'processing');
    const w = week();
    const finishedAt = new Date(w.monday.getTime() + 30 * HOUR);
    const visit = await makeOrder(t.db, world, { clientId: client.id, price: 66_600, finishedAt });
    expect(
      await chargeVisit(t.db, visit.id, { provider: stripeProvider, now: new Date(finishedAt.getTime() + 25 * HOUR) }),
    ).toMatchObject({ outcome: 'pending' });
    const [attempt] = await t.db
      .select({ ref: chargeAttempts.providerRef })
      .from(chargeAttempts)
      .where(eq(chargeAttempts.orderId, visit.id));
    const failed = stripe.decideIntent(attempt.ref!, 'declined');
    expect((await deliver('payment_intent.payment_failed', failed)).body).toMatchObject({ result: 'charge_declined' });
    expect((await deliver('payment_intent.payment_failed', failed)).body).toMatchObject({ result: 'charge_declined' });
    expect(await failureEmails(client.id)).toBe(1);
    const [row] = await t.db
      .select({ status: chargeAttempts.status, code: chargeAttempts.failureCode })
      .from(chargeAttempts)
      .where(eq(chargeAttempts.orderId, visit.id));
    expect(row).toEqual({ status: 'declined', code: 'insufficient_funds' });

    // A Checkout payment's own PaymentIntent (no attempt in its metadata) is acknowledged and ignored.
    expect(
      (await deliver('payment_intent.succeeded', { id: 'pi_checkout', object: 'payment_intent' })).body,
    ).toMatchObject({ result: 'ignored' });
  });
});
