import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  checkoutSessions,
  invoices,
  ledgerAccounts,
  notifications,
  paymentEvents,
  payments,
  postings,
} from '@/db/schema';
import { accountBalance } from '@/lib/finance';
import { clientStatement } from '@/lib/finance/history';
import { handlePaymentWebhook, recordBankTransfer, startCheckout, stripeProvider } from '@/lib/payments';
import { runJob } from '@/lib/scheduler';
import { startStripeStandIn, type StandInSession, type StripeStandIn } from '../support/stripe-stand-in';
import { setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const WEBHOOK_SECRET = 'whsec_test_secret_for_brigada';
const t = setupTestDb();
let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET });
  // Read once by lib/env on first use, which comes after this.
  process.env.STRIPE_SECRET_KEY = 'sk_test_brigada';
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = standIn.url;
});
afterAll(async () => standIn?.close());

let weekNo = 0;
/** A client with one open invoice of `price` kopecks. */
async function clientWithInvoice(price: number): Promise<{ client: TestUser; invoiceId: string }> {
  const w = await billingWorld(t.db);
  const client = await createUser(t.db, 'client');
  // A fresh closed week per call, so each gets its own run.
  const monday = new Date(Date.UTC(2026, 0, 5 + 7 * weekNo++));
  await makeOrder(t.db, w, { clientId: client.id, price, finishedAt: new Date(monday.getTime() + 36 * 3_600_000) });
  await runJob(t.db, 'invoices', {
    period: monday.toISOString().slice(0, 10),
    now: new Date(monday.getTime() + 8 * 86_400_000),
  });
  const [inv] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, client.id));
  return { client, invoiceId: inv.id };
}

function deliver(ev: { payload: string; signature: string }) {
  return handlePaymentWebhook(
    t.db,
    ev.payload,
    new Headers({ 'stripe-signature': ev.signature, 'content-type': 'application/json' }),
    stripeProvider,
  );
}

async function invoiceState(id: string) {
  const [row] = await t.db
    .select({ status: invoices.status, paidAmount: invoices.paidAmount, total: invoices.total })
    .from(invoices)
    .where(eq(invoices.id, id));
  return row;
}

describe('Stripe checkout and webhooks', () => {
  it('creates a checkout session through the real SDK for the outstanding amount', async () => {
    const { client, invoiceId } = await clientWithInvoice(412_50);
    const { url } = await startCheckout(t.db, client, invoiceId);
    expect(url).toMatch(new RegExp(`^${standIn.url}/pay/cs_test_`));
    expect(standIn.requests).toContain('POST /v1/checkout/sessions');
    const [row] = await t.db
      .select({ amount: checkoutSessions.amount, sid: checkoutSessions.providerSessionId })
      .from(checkoutSessions)
      .where(eq(checkoutSessions.invoiceId, invoiceId));
    expect(row.amount).toBe(412_50);
    const session = standIn.sessions.get(row.sid)!;
    expect(session).toMatchObject({
      amount_total: 412_50,
      currency: 'rub',
      client_reference_id: invoiceId,
      metadata: { invoiceId },
    });
    // Another client cannot pay (or learn about) this invoice.
    const other = await createUser(t.db, 'client');
    await expect(startCheckout(t.db, other, invoiceId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the same paid event three times, shuffled with others, records one payment', async () => {
    const { client, invoiceId } = await clientWithInvoice(100_000);
    await startCheckout(t.db, client, invoiceId);
    const [{ sid }] = await t.db
      .select({ sid: checkoutSessions.providerSessionId })
      .from(checkoutSessions)
      .where(eq(checkoutSessions.invoiceId, invoiceId));
    const session = standIn.sessions.get(sid)!;
    const paidSession: StandInSession = { ...session, status: 'complete', payment_status: 'paid' };
    const paid = standIn.signedEvent('checkout.session.completed', paidSession);
    const expired = standIn.signedEvent('checkout.session.expired', { ...session, status: 'expired' });
    const pending = standIn.signedEvent('checkout.session.completed', {
      ...session,
      id: 'cs_test_other',
      payment_status: 'unpaid',
      status: 'complete',
    });
    const sequence = [expired, paid, pending, paid, expired, paid];
    const results = [];
    for (const ev of sequence) results.push(await deliver(ev));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await t.db.$count(payments, eq(payments.invoiceId, invoiceId))).toBe(1);
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'paid', paidAmount: 100_000 });
    // The expired event came first, but the later payment completed the session anyway.
    const [cs] = await t.db
      .select({ status: checkoutSessions.status })
      .from(checkoutSessions)
      .where(eq(checkoutSessions.providerSessionId, sid));
    expect(cs.status).toBe('complete');
    const [ev] = await t.db
      .select({ deliveries: paymentEvents.deliveries })
      .from(paymentEvents)
      .where(eq(paymentEvents.eventId, paid.id));
    expect(ev.deliveries).toBe(3);
    // The client's receivable is credited by the payment; one payment_received email.
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(-100_000);
    expect(
      await t.db.$count(
        notifications,
        sql`${notifications.kind} = 'payment_received' and ${notifications.userId} = ${client.id}`,
      ),
    ).toBe(1);
  });

  it('concurrent deliveries of one event record one payment', async () => {
    const { client, invoiceId } = await clientWithInvoice(55_500);
    await startCheckout(t.db, client, invoiceId);
    const [{ sid }] = await t.db
      .select({ sid: checkoutSessions.providerSessionId })
      .from(checkoutSessions)
      .where(eq(checkoutSessions.invoiceId, invoiceId));
    const paid = standIn.signedEvent('checkout.session.completed', {
      ...standIn.sessions.get(sid)!,
      status: 'complete',
      payment_status: 'paid',
    });
    const settled = await Promise.allSettled([deliver(paid), deliver(paid), deliver(paid)]);
    expect(settled.some((s) => s.status === 'fulfilled' && s.value.status === 200)).toBe(true);
    expect(await t.db.$count(payments, eq(payments.invoiceId, invoiceId))).toBe(1);
  });

  it('a bad signature or a timestamp over 5 minutes old: 400 and nothing changes; a genuine unhandled type: 200, ignored', async () => {
    const { client, invoiceId } = await clientWithInvoice(20_000);
    await startCheckout(t.db, client, invoiceId);
    const [{ sid }] = await t.db
      .select({ sid: checkoutSessions.providerSessionId })
      .from(checkoutSessions)
      .where(eq(checkoutSessions.invoiceId, invoiceId));
    const session = { ...standIn.sessions.get(sid)!, status: 'complete' as const, payment_status: 'paid' as const };
    const eventsBefore = await t.db.$count(paymentEvents);
    const good = standIn.signedEvent('checkout.session.completed', session);
    const tampered = {
      payload: good.payload.replace('"amount_total":20000', '"amount_total":1'),
      signature: good.signature,
    };
    const wrongSecret = {
      payload: good.payload,
      signature: good.signature.replace(/v1=[0-9a-f]+/, 'v1=' + '0'.repeat(64)),
    };
    const old = standIn.signedEvent('checkout.session.completed', session, {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const unknown = standIn.signedEvent('customer.created', session);
    for (const ev of [tampered, wrongSecret, old, { payload: good.payload, signature: '' }]) {
      const out = await deliver(ev);
      expect(out.status).toBe(400);
    }
    expect(await t.db.$count(paymentEvents)).toBe(eventsBefore);
    // Signed, but of a type we do not handle: acknowledged so Stripe stops retrying, recorded as ignored.
    const ignored = await deliver(unknown);
    expect(ignored.status).toBe(200);
    expect(ignored.body).toMatchObject({ received: true, result: 'ignored' });
    expect(await t.db.$count(paymentEvents)).toBe(eventsBefore + 1);
    expect(await t.db.$count(payments, eq(payments.invoiceId, invoiceId))).toBe(0);
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'open', paidAmount: 0 });
    // The genuine one still works afterwards.
    expect((await deliver(good)).status).toBe(200);
    expect(await invoiceState(invoiceId)).toMatchObject({ status: 'paid' });
  });
});

describe('bank transfers (manual adapter)', () => {
  it('partial payment keeps the invoice open; an overpayment pays it and the rest is client credit', async () => {
    const { client, invoiceId } = await clientWithInvoice(300_000);
    const manager = await createUser(t.db, 'manager');
    // Another client with their own invoice: their credit must not move when this one overpays.
    const other = await clientWithInvoice(100_000);
    const systemCreditBefore = await accountBalance(t.db, { type: 'client_credit' });
    const first = await recordBankTransfer(t.db, manager, {
      invoiceId,
      amount: '1000',
      reference: 'PP-0001',
      receivedOn: '2026-02-02',
    });
    expect(first).toMatchObject({ appliedAmount: 100_000, creditAmount: 0, invoiceStatus: 'open' });
    await expect(
      recordBankTransfer(t.db, manager, { invoiceId, amount: '1000', reference: 'PP-0001', receivedOn: '2026-02-02' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    // 300 000 − 100 000 = 200 000 outstanding; 250 000 received → 200 000 applied, 50 000 credit.
    const second = await recordBankTransfer(t.db, manager, {
      invoiceId,
      amount: '2 500,00',
      reference: 'PP-0002',
      receivedOn: '2026-02-03',
    });
    expect(second).toMatchObject({ appliedAmount: 200_000, creditAmount: 50_000, invoiceStatus: 'paid' });
    expect(await invoiceState(invoiceId)).toEqual({ status: 'paid', paidAmount: 300_000, total: 300_000 });
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(-300_000);
    // The overpayment is credit held in this client's own account (client_credit:<clientId>), which is
    // credit-normal: 250 000 received − 200 000 outstanding = 50 000 held → balance −50 000.
    expect(await accountBalance(t.db, { type: 'client_credit', clientId: client.id })).toBe(-50_000);
    const [creditAccount] = await t.db
      .select({ ownerId: ledgerAccounts.ownerId, type: ledgerAccounts.type })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.code, `client_credit:${client.id}`));
    expect(creditAccount).toEqual({ ownerId: client.id, type: 'client_credit' });
    // Nothing went to the old system-wide account, and the other client's credit is untouched (never created: 0).
    expect(await accountBalance(t.db, { type: 'client_credit' })).toBe(systemCreditBefore);
    expect(await accountBalance(t.db, { type: 'client_credit', clientId: other.client.id })).toBe(0);
    // Each payment entry sums to zero: Dr cash 250 000 = Cr receivable 200 000 + Cr credit 50 000.
    const sums = await t.db
      .select({
        entryId: postings.entryId,
        total: sql<string>`sum(${postings.amount})`,
        lines: sql<number>`count(*)::int`,
      })
      .from(postings)
      .innerJoin(payments, eq(payments.entryId, postings.entryId))
      .where(eq(payments.invoiceId, invoiceId))
      .groupBy(postings.entryId);
    expect(sums).toHaveLength(2);
    for (const e of sums) expect(Number(e.total)).toBe(0);
    // The client's statement shows the credit: balance = receivable − credit = −300 000 − 50 000 = −350 000.
    const statement = await clientStatement(t.db, client, client.id);
    expect(statement).toMatchObject({ receivable: -300_000, credit: 50_000, balance: -350_000 });
    const otherStatement = await clientStatement(t.db, other.client, other.client.id);
    expect(otherStatement.credit).toBe(0);
    expect(otherStatement.balance).toBe(otherStatement.receivable);
    await expect(
      recordBankTransfer(t.db, client, { invoiceId, amount: '0.01', reference: 'X-1', receivedOn: '2026-02-03' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
