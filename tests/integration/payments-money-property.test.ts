import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, ne, sql } from 'drizzle-orm';
import { chargeAttempts, invoices, notifications, payments, savedPaymentMethods } from '@/db/schema';
import {
  chargeInvoice,
  handlePaymentWebhook,
  stripeProvider,
  yookassaProvider,
  type PaymentProvider,
} from '@/lib/payments';
import { trialBalance } from '@/lib/finance';
import { runJob } from '@/lib/scheduler';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe-stand-in';
import { startYooKassaStandIn, type YooKassaStandIn } from '../support/yookassa-stand-in';
import { setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder, type BillingWorld } from '../support/billing-fixtures';

// Money correctness (issue 18): random sequences of provider events — an automatic charge the provider decides
// late (Stripe 'processing', YooKassa 'pending') or at once, its notifications, partial hosted-checkout payments,
// "pending" noise, duplicated deliveries and redeliveries under new event ids, all shuffled — then a retry of a
// failed charge. Each scenario is played twice, in the order generated and in a shuffled order with duplicates,
// on two clients of their own; the final state must be the same, the ledger must balance, the invoice's paid
// amount must be the sum of its payments, and every provider payment must be counted once.

const t = setupTestDb();
let stripe: StripeStandIn;
let yookassa: YooKassaStandIn;
let admin: TestUser;
let world: BillingWorld;
const DAY = 86_400_000;
/** Runs per provider: bounded for CI (each run plays two scenarios on PGlite, about a second). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 8);

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: 'whsec_test_property' });
  yookassa = await startYooKassaStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_property';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_property';
  process.env.STRIPE_API_BASE = stripe.url;
  process.env.YOOKASSA_SHOP_ID = yookassa.shopId;
  process.env.YOOKASSA_SECRET_KEY = yookassa.secretKey;
  process.env.YOOKASSA_API_BASE = yookassa.apiBase;
  admin = await createUser(t.db, 'admin');
  world = await billingWorld(t.db);
});
afterAll(async () => {
  await stripe?.close();
  await yookassa?.close();
});

type Scenario = {
  /** The visits of the week's invoice, in kopecks. */
  prices: number[];
  /** What the bank finally decides about the automatic charge. */
  truth: 'succeeded' | 'declined';
  /** The provider decides at once (else it answers processing/pending and notifies later). */
  decidesAtOnce: boolean;
  /** Partial payments through the hosted checkout, in kopecks. */
  partials: number[];
  /** Sort keys for the second play's order, and indexes of events delivered again. */
  keys: number[];
  duplicates: number[];
};

const scenario: fc.Arbitrary<Scenario> = fc.record({
  prices: fc.array(fc.integer({ min: 1_000, max: 200_000 }), { minLength: 1, maxLength: 3 }),
  truth: fc.constantFrom('succeeded' as const, 'declined' as const),
  decidesAtOnce: fc.boolean(),
  partials: fc.array(fc.integer({ min: 100, max: 150_000 }), { maxLength: 2 }),
  keys: fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }),
  duplicates: fc.array(fc.nat({ max: 11 }), { maxLength: 4 }),
});

/** A delivery: the webhook body and headers, as the provider would post them. */
type Delivery = { body: string; headers: Headers; senderAddress?: string };

let weekNo = 0;
let seq = 0;

/** A client with a saved card and one issued weekly invoice of `prices`. */
async function clientWithInvoice(provider: 'stripe' | 'yookassa', prices: number[]) {
  const client = await createUser(t.db, 'client');
  const monday = new Date(Date.UTC(2025, 0, 6 + 7 * weekNo++));
  for (const price of prices)
    await makeOrder(t.db, world, { clientId: client.id, price, finishedAt: new Date(monday.getTime() + DAY) });
  await runJob(t.db, 'invoices', {
    period: monday.toISOString().slice(0, 10),
    now: new Date(monday.getTime() + 8 * DAY),
  });
  const [inv] = await t.db
    .select({ id: invoices.id, number: invoices.number, total: invoices.total })
    .from(invoices)
    .where(eq(invoices.clientId, client.id));
  let method: string;
  if (provider === 'stripe') {
    const customer = `cus_prop${seq++}`;
    method = stripe.addPaymentMethod(customer).id;
    await t.db.insert(savedPaymentMethods).values({
      clientId: client.id,
      provider,
      providerMethodId: method,
      providerCustomerId: customer,
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2030,
    });
  } else {
    method = `pm-prop-${seq++}`;
    yookassa.savedMethods.add(method);
    await t.db.insert(savedPaymentMethods).values({
      clientId: client.id,
      provider,
      providerMethodId: method,
      brand: 'mastercard',
      last4: '4444',
      expMonth: 12,
      expYear: 2030,
    });
  }
  return { client, invoice: inv, method, monday };
}

const stripeDelivery = (type: string, object: Record<string, unknown>, id?: string): Delivery => {
  const ev = stripe.signedEvent(type, object, { id });
  return { body: ev.payload, headers: new Headers({ 'stripe-signature': ev.signature }) };
};
const yookassaDelivery = (event: string, paymentId: string): Delivery => ({
  body: yookassa.notification(event, yookassa.payments.get(paymentId)!),
  headers: new Headers({ 'content-type': 'application/json' }),
  senderAddress: '185.71.76.7',
});

/**
 * Sets up one play of the scenario up to the charge request, and returns the events the providers would then
 * send (in the generated order), and the retry to run after them.
 */
async function prepare(name: 'stripe' | 'yookassa', s: Scenario) {
  const provider: PaymentProvider = name === 'stripe' ? stripeProvider : yookassaProvider;
  const world = await clientWithInvoice(name, s.prices);
  const { invoice, method } = world;
  const now = new Date(world.monday.getTime() + 9 * DAY);
  if (name === 'stripe')
    stripe.methodOutcome.set(
      method,
      s.decidesAtOnce ? (s.truth === 'declined' ? 'declined' : 'processing') : 'processing',
    );
  else yookassa.methodOutcome.set(method, s.decidesAtOnce && s.truth === 'declined' ? 'declined' : 'pending');
  if (s.decidesAtOnce && s.truth === 'succeeded') {
    stripe.methodOutcome.delete(method);
    yookassa.methodOutcome.delete(method);
  }
  await chargeInvoice(t.db, invoice.id, { provider, now });
  const [attempt] = await t.db
    .select({ ref: chargeAttempts.providerRef })
    .from(chargeAttempts)
    .where(eq(chargeAttempts.invoiceId, invoice.id));
  const ref = attempt.ref!;
  const events: Delivery[] = [];
  if (name === 'stripe') {
    const intent = stripe.decideIntent(ref, s.truth);
    const type = s.truth === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed';
    events.push(stripeDelivery(type, intent), stripeDelivery(type, intent));
    events.push(stripeDelivery('payment_intent.processing', { ...intent, status: 'processing' }));
    for (const amount of s.partials) {
      const session = {
        id: `cs_test_prop${seq++}`,
        object: 'checkout.session',
        mode: 'payment',
        amount_total: amount,
        currency: 'rub',
        client_reference_id: invoice.id,
        metadata: { invoiceId: invoice.id, invoiceNumber: invoice.number },
        payment_status: 'paid',
        status: 'complete',
        payment_intent: null,
        customer: null,
      };
      events.push(stripeDelivery('checkout.session.completed', session));
    }
  } else {
    if (s.truth === 'succeeded') yookassa.succeed(ref);
    else yookassa.cancel(ref);
    events.push(yookassaDelivery(s.truth === 'succeeded' ? 'payment.succeeded' : 'payment.canceled', ref));
    events.push(yookassaDelivery('payment.waiting_for_capture', ref));
    for (const amount of s.partials) {
      const id = `yk-prop-${seq++}`;
      const at = new Date().toISOString();
      yookassa.payments.set(id, {
        id,
        status: 'succeeded',
        paid: true,
        amount: { value: (amount / 100).toFixed(2), currency: 'RUB' },
        metadata: { invoiceId: invoice.id, invoiceNumber: invoice.number },
        created_at: at,
        captured_at: at,
        refundable: true,
        test: true,
      });
      events.push(yookassaDelivery('payment.succeeded', id));
    }
  }
  // The retry schedule's next attempt, after everything arrived: the card now works.
  const retry = async () => {
    stripe.methodOutcome.delete(method);
    yookassa.methodOutcome.delete(method);
    await chargeInvoice(t.db, invoice.id, { provider, now: new Date(now.getTime() + 2 * DAY) });
  };
  return { provider, client: world.client, invoice, events, retry };
}

async function play(p: Awaited<ReturnType<typeof prepare>>, order: Delivery[]): Promise<void> {
  for (const d of order) {
    const out = await handlePaymentWebhook(t.db, d.body, d.headers, p.provider, { senderAddress: d.senderAddress });
    expect(out.status).toBe(200);
  }
  await p.retry();
}

/** The final state of a play, in terms that do not depend on ids. */
async function finalState(clientId: string, invoiceId: string) {
  const [inv] = await t.db
    .select({ status: invoices.status, total: invoices.total, paid: invoices.paidAmount })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  const [received] = await t.db
    .select({
      n: sql<number>`count(*)::int`,
      cash: sql<number>`coalesce(sum(${payments.amount}), 0)::bigint`,
      refs: sql<number>`count(distinct ${payments.providerRef})::int`,
    })
    .from(payments)
    .where(and(eq(payments.clientId, clientId), ne(payments.provider, 'credit')));
  const [own] = await t.db
    .select({ applied: sql<number>`coalesce(sum(${payments.appliedAmount}), 0)::bigint` })
    .from(payments)
    .where(eq(payments.invoiceId, invoiceId));
  const attempts = await t.db
    .select({ attempt: chargeAttempts.attempt, status: chargeAttempts.status, amount: chargeAttempts.amount })
    .from(chargeAttempts)
    .where(eq(chargeAttempts.invoiceId, invoiceId))
    .orderBy(chargeAttempts.attempt);
  const emails = await t.db.$count(
    notifications,
    and(eq(notifications.userId, clientId), eq(notifications.kind, 'charge_failed')),
  );
  const tb = await trialBalance(t.db, admin);
  const credit = tb.rows.find((r) => r.code === `client_credit:${clientId}`)?.balance ?? 0;
  return {
    invoice: inv,
    ownPayments: Number(own.applied),
    payments: received.n,
    distinctRefs: received.refs,
    cash: Number(received.cash),
    credit,
    attempts,
    emails,
    balanced: tb.totalDebit === tb.totalCredit,
  };
}

/** What must hold of any play, whatever the order. */
function checkInvariants(s: Scenario, st: Awaited<ReturnType<typeof finalState>>) {
  const total = s.prices.reduce((a, b) => a + b, 0);
  expect(st.balanced).toBe(true);
  // The invoice's paid amount is the sum of its own payments, and never more than it asks.
  expect(st.invoice.paid).toBe(st.ownPayments);
  expect(st.invoice.paid).toBeLessThanOrEqual(total);
  // Every provider payment counted once: one row per reference; the cash is exactly what was taken.
  expect(st.payments).toBe(st.distinctRefs);
  const charged = s.truth === 'succeeded' ? total : 0;
  const partials = s.partials.reduce((a, b) => a + b, 0);
  // A failed charge is retried for what is still due once everything arrived: total − partials, if positive.
  const retried = s.truth === 'declined' ? Math.max(0, total - partials) : 0;
  expect(st.cash).toBe(charged + partials + retried);
  // Whatever exceeds the invoice is the client's credit (credit-normal: a negative balance).
  expect(st.invoice.paid).toBe(Math.min(total, st.cash));
  expect(0 - st.credit).toBe(st.cash - st.invoice.paid);
  expect(st.invoice.status).toBe(st.cash >= total ? 'paid' : 'open');
  expect(st.emails).toBe(s.truth === 'declined' ? 1 : 0);
}

/** The second play's order: the events sorted by the generated keys, with some delivered again. */
function shuffled<T>(events: T[], s: Scenario): T[] {
  const order = events.map((e, i) => ({ e, k: s.keys[i % s.keys.length] + i * 1e-9 })).sort((a, b) => a.k - b.k);
  const out = order.map((o) => o.e);
  for (const d of s.duplicates) out.splice(d % (out.length + 1), 0, events[d % events.length]);
  return out;
}

describe.each(['stripe', 'yookassa'] as const)('money correctness with %s', (name) => {
  it(`any order and repetition of provider events gives the same final state (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const a = await prepare(name, s);
        const b = await prepare(name, s);
        await play(a, a.events);
        await play(b, shuffled(b.events, s));
        const stA = await finalState(a.client.id, a.invoice.id);
        const stB = await finalState(b.client.id, b.invoice.id);
        checkInvariants(s, stA);
        checkInvariants(s, stB);
        expect(stB).toEqual(stA);
      }),
      { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 18), endOnFailure: true },
    );
  }, 240_000);
});
