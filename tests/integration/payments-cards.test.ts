import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, checkoutSessions, invoices, savedPaymentMethods } from '@/db/schema';
import {
  handlePaymentWebhook,
  listSavedCards,
  providers,
  removeSavedCard,
  startCardSetup,
  startCheckout,
  stripeProvider,
  yookassaProvider,
} from '@/lib/payments';
import { updateSettings } from '@/lib/settings';
import { runJob } from '@/lib/scheduler';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe-stand-in';
import { startYooKassaStandIn, type YooKassaStandIn } from '../support/yookassa-stand-in';
import { setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const WEBHOOK_SECRET = 'whsec_test_cards';
const t = setupTestDb();
let stripe: StripeStandIn;
let yookassa: YooKassaStandIn;
let admin: TestUser;

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET });
  yookassa = await startYooKassaStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_cards';
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
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
async function clientWithInvoice(price: number): Promise<{ client: TestUser; invoiceId: string }> {
  const w = await billingWorld(t.db);
  const client = await createUser(t.db, 'client');
  const monday = new Date(Date.UTC(2026, 1, 2 + 7 * weekNo++));
  await makeOrder(t.db, w, { clientId: client.id, price, finishedAt: new Date(monday.getTime() + 36 * 3_600_000) });
  await runJob(t.db, 'invoices', {
    period: monday.toISOString().slice(0, 10),
    now: new Date(monday.getTime() + 8 * 86_400_000),
  });
  const [inv] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, client.id));
  return { client, invoiceId: inv.id };
}

async function sessionOf(where: ReturnType<typeof eq>) {
  const [row] = await t.db
    .select({ sid: checkoutSessions.providerSessionId, purpose: checkoutSessions.purpose })
    .from(checkoutSessions)
    .where(where);
  return row;
}

/** The client "enters the card" on the stand-in's page, then Stripe's signed completed event arrives. */
async function completeStripe(sid: string) {
  const page = await fetch(`${stripe.url}/pay/${sid}`, { method: 'POST', redirect: 'manual' });
  expect(page.status).toBe(303);
  const ev = stripe.signedEvent('checkout.session.completed', stripe.sessions.get(sid)!);
  return handlePaymentWebhook(
    t.db,
    ev.payload,
    new Headers({ 'stripe-signature': ev.signature, 'content-type': 'application/json' }),
    stripeProvider,
  );
}

describe('cards on file with Stripe', () => {
  it('saves a card through Checkout in setup mode, shows brand, last 4 and expiry, and removes it', async () => {
    const client = await createUser(t.db, 'client');
    const { url } = await startCardSetup(t.db, client, stripeProvider);
    expect(url).toMatch(new RegExp(`^${stripe.url}/pay/cs_test_`));
    const session = await sessionOf(eq(checkoutSessions.clientId, client.id));
    expect(session.purpose).toBe('setup');
    const standInSession = stripe.sessions.get(session.sid)!;
    expect(standInSession).toMatchObject({ mode: 'setup', currency: 'rub' });
    expect(standInSession.customer).toMatch(/^cus_/);
    const out = await completeStripe(session.sid);
    expect(out.body).toMatchObject({ result: 'card_saved' });
    const cards = await listSavedCards(t.db, client);
    expect(cards).toEqual([
      expect.objectContaining({ provider: 'stripe', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 }),
    ]);
    // Only the provider's ids are stored.
    const [row] = await t.db
      .select({ method: savedPaymentMethods.providerMethodId, customer: savedPaymentMethods.providerCustomerId })
      .from(savedPaymentMethods)
      .where(eq(savedPaymentMethods.clientId, client.id));
    expect(row.method).toMatch(/^pm_/);
    expect(row.customer).toBe(standInSession.customer);

    // A second setup goes on the same Customer.
    await startCardSetup(t.db, client, stripeProvider);
    const sessions = [...stripe.sessions.values()].filter((s) => s.metadata.clientId === client.id);
    expect(new Set(sessions.map((s) => s.customer)).size).toBe(1);

    // Another client cannot remove it; the owner can, and Stripe detaches it.
    const other = await createUser(t.db, 'client');
    await expect(removeSavedCard(t.db, other, cards[0].id, providers)).rejects.toMatchObject({ code: 'not_found' });
    await removeSavedCard(t.db, client, cards[0].id, providers);
    expect(await listSavedCards(t.db, client)).toEqual([]);
    expect(stripe.paymentMethods.get(row.method)?.customer).toBeNull();
    expect(
      await t.db.$count(
        auditLog,
        and(eq(auditLog.action, 'payment_method.remove'), eq(auditLog.entityId, cards[0].id)),
      ),
    ).toBe(1);
    await expect(removeSavedCard(t.db, client, cards[0].id, providers)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('"save this card" when paying keeps the card; paying without it keeps none', async () => {
    const saving = await clientWithInvoice(150_000);
    await startCheckout(t.db, saving.client, saving.invoiceId, { saveCard: true, provider: stripeProvider });
    const s1 = await sessionOf(eq(checkoutSessions.invoiceId, saving.invoiceId));
    expect(stripe.sessions.get(s1.sid)!.customer).toMatch(/^cus_/);
    expect((await completeStripe(s1.sid)).body).toMatchObject({ result: 'payment_recorded' });
    expect(await listSavedCards(t.db, saving.client)).toHaveLength(1);

    const once = await clientWithInvoice(150_000);
    await startCheckout(t.db, once.client, once.invoiceId, { provider: stripeProvider });
    const s2 = await sessionOf(eq(checkoutSessions.invoiceId, once.invoiceId));
    expect(stripe.sessions.get(s2.sid)!.customer).toBeNull();
    await completeStripe(s2.sid);
    expect(await listSavedCards(t.db, once.client)).toEqual([]);
  });
});

describe('cards on file with YooKassa', () => {
  beforeAll(async () => {
    await updateSettings(t.db, admin, { paymentProvider: 'yookassa' });
  });

  it('save_payment_method when the client ticks "save this card"; the saved method is kept by its id', async () => {
    const { client, invoiceId } = await clientWithInvoice(99_900);
    await startCheckout(t.db, client, invoiceId, { saveCard: true });
    const { sid } = await sessionOf(eq(checkoutSessions.invoiceId, invoiceId));
    expect(yookassa.payments.get(sid)!.save_payment_method).toBe(true);
    const paid = yookassa.succeed(sid);
    const out = await handlePaymentWebhook(
      t.db,
      yookassa.notification('payment.succeeded', paid),
      new Headers(),
      yookassaProvider,
      {
        senderAddress: '77.75.153.10',
      },
    );
    expect(out.body).toMatchObject({ result: 'payment_recorded' });
    expect(await listSavedCards(t.db, client)).toEqual([
      expect.objectContaining({
        provider: 'yookassa',
        brand: 'mastercard',
        last4: '4444',
        expMonth: 12,
        expYear: 2030,
      }),
    ]);

    const once = await clientWithInvoice(99_900);
    await startCheckout(t.db, once.client, once.invoiceId);
    const s2 = await sessionOf(eq(checkoutSessions.invoiceId, once.invoiceId));
    expect(yookassa.payments.get(s2.sid)!.save_payment_method).toBe(false);
    await handlePaymentWebhook(
      t.db,
      yookassa.notification('payment.succeeded', yookassa.succeed(s2.sid)),
      new Headers(),
      yookassaProvider,
      { senderAddress: '77.75.153.10' },
    );
    expect(await listSavedCards(t.db, once.client)).toEqual([]);
  });

  it('YooKassa saves cards only with a payment: a setup on its own is refused', async () => {
    const client = await createUser(t.db, 'client');
    await expect(startCardSetup(t.db, client, yookassaProvider)).rejects.toMatchObject({
      message: 'billing.errors.cardSetupUnavailable',
    });
  });
});
