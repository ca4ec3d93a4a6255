import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import {
  auditLog,
  invoices,
  journalEntries,
  notifications,
  payments,
  payslips,
  refunds,
  savedPaymentMethods,
  tips,
} from '@/db/schema';
import {
  getRefundablePayment,
  giveTip,
  handlePaymentWebhook,
  refundPayment,
  settleRefund,
  stripeProvider,
  tipChargeKey,
  yookassaProvider,
  type PaymentProvider,
} from '@/lib/payments';
import { accountBalance, getInvoice, getPayslip, postEntry, trialBalance, tipsOfOrder } from '@/lib/finance';
import { runJob } from '@/lib/scheduler';
import { monthBounds } from '@/lib/scheduler/shared';
import { ensureRun } from '@/lib/finance/payroll/job';
import { payrollBatch } from '@/lib/finance/payroll/generate';
import type { TipRequest } from '@/lib/finance/schemas';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe-stand-in';
import { startYooKassaStandIn, type YooKassaStandIn } from '../support/yookassa-stand-in';
import { onPostgres, setupTestDb, untilWaitingOnLock } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder, type BillingWorld } from '../support/billing-fixtures';

const t = setupTestDb();
let stripe: StripeStandIn;
let yookassa: YooKassaStandIn;
let admin: TestUser;
let manager: TestUser;
let w: BillingWorld;

beforeAll(async () => {
  stripe = await startStripeStandIn({ webhookSecret: 'whsec_test_tips' });
  yookassa = await startYooKassaStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_tips';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_tips';
  process.env.STRIPE_API_BASE = stripe.url;
  process.env.YOOKASSA_SHOP_ID = yookassa.shopId;
  process.env.YOOKASSA_SECRET_KEY = yookassa.secretKey;
  process.env.YOOKASSA_API_BASE = yookassa.apiBase;
  admin = await createUser(t.db, 'admin');
  manager = await createUser(t.db, 'manager');
  w = await billingWorld(t.db);
});
afterAll(async () => {
  await stripe?.close();
  await yookassa?.close();
});

let weekNo = 0;
/** A client, a worker and a visit of theirs finished on a Wednesday of a week of its own (February 2026 on). */
async function visit(opts: { price?: number; pay?: number; status?: 'completed' | 'assigned' } = {}) {
  const client = await createUser(t.db, 'client');
  const worker = await createUser(t.db, 'worker', { name: `Анна Тестова-${weekNo}` });
  const monday = new Date(Date.UTC(2026, 1, 2 + 7 * weekNo++));
  const finishedAt = new Date(monday.getTime() + 2 * 86_400_000 + 10 * 3_600_000);
  const order = await makeOrder(t.db, w, {
    clientId: client.id,
    workerId: worker.id,
    price: opts.price ?? 150_000,
    pay: opts.pay ?? 90_000,
    status: opts.status,
    finishedAt,
  });
  return { client, worker, order, monday, finishedAt };
}

const tip = (orderId: string, amount: number, method: 'invoice' | 'card', requestId = randomUUID()): TipRequest => ({
  orderId,
  amount,
  method,
  requestId,
});

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

/** A YooKassa saved method the stand-in accepts, on file for the client. */
async function yookassaCard(clientId: string, outcome?: 'pending'): Promise<string> {
  const id = `pm-${clientId}`;
  yookassa.savedMethods.add(id);
  if (outcome) yookassa.methodOutcome.set(id, outcome);
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

async function ledgerBalanced() {
  const tb = await trialBalance(t.db, admin);
  // Every entry sums to zero, so the whole ledger does: debits equal credits.
  expect(tb.totalDebit).toBe(tb.totalCredit);
  expect(tb.rows.reduce((s, r) => s + r.balance, 0)).toBe(0);
}

function stripeWebhook(ev: { payload: string; signature: string }) {
  return handlePaymentWebhook(
    t.db,
    ev.payload,
    new Headers({ 'stripe-signature': ev.signature, 'content-type': 'application/json' }),
    stripeProvider,
  );
}

const tipEmails = (workerId: string) =>
  t.db.$count(notifications, and(eq(notifications.userId, workerId), eq(notifications.kind, 'tip_received')));

describe('a tip on the next weekly invoice', () => {
  it('is owed at once to the worker, billed as its own line "Tip for <worker>", and the invoice equals its lines', async () => {
    const { client, worker, order, monday, finishedAt } = await visit({ price: 150_000 });
    const revenueBefore = await accountBalance(t.db, { type: 'revenue' });

    // Given the evening after the visit, in the same week.
    const given = await giveTip(t.db, client, tip(order.id, 30_000, 'invoice'), {
      now: new Date(finishedAt.getTime() + 8 * 3_600_000),
    });
    expect(given).toMatchObject({ amount: 30_000, method: 'invoice', status: 'owed', invoice: null });
    expect(given.workerFirstName).toBe('Анна');

    // Dr the client's receivable 300 ₽, Cr the worker's payable 300 ₽ (payable is credit-normal: −30 000).
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(30_000);
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-30_000);
    // Never the company's revenue: no commission is taken from a tip.
    expect(await accountBalance(t.db, { type: 'revenue' })).toBe(revenueBefore);
    await ledgerBalanced();
    expect(await tipEmails(worker.id)).toBe(1);
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, 'tip.create'), eq(auditLog.entityId, given.id)))).toBe(
      1,
    );

    await runJob(t.db, 'invoices', {
      period: monday.toISOString().slice(0, 10),
      now: new Date(monday.getTime() + 8 * 86_400_000),
    });
    const [row] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, client.id));
    const inv = await getInvoice(t.db, client, row.id);
    // The visit 1 500 ₽ + the tip 300 ₽ = 1 800 ₽ = 180 000 kopecks, and the total is the sum of its lines.
    expect(inv.total).toBe(180_000);
    expect(inv.lines.reduce((s, l) => s + l.amount, 0)).toBe(inv.total);
    expect(inv.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['order', 150_000],
      ['tip', 30_000],
    ]);
    const tipLine = inv.lines.find((l) => l.kind === 'tip')!;
    expect(tipLine).toMatchObject({ id: given.id, orderId: order.id, workerFirstName: 'Анна' });

    // The client's order page shows the tip on that invoice.
    const [onPage] = await tipsOfOrder(t.db, client, order.id);
    expect(onPage.invoice).toMatchObject({ id: row.id, number: inv.number, status: 'open' });
  });

  it('a repeated submit of the same form is the same tip; a second tip on the order is refused', async () => {
    const { client, worker, order } = await visit();
    const requestId = randomUUID();
    const first = await giveTip(t.db, client, tip(order.id, 20_000, 'invoice', requestId));
    const again = await giveTip(t.db, client, tip(order.id, 20_000, 'invoice', requestId));
    expect(again.id).toBe(first.id);
    await expect(giveTip(t.db, client, tip(order.id, 50_000, 'invoice'))).rejects.toMatchObject({
      code: 'conflict',
      message: 'finance.errors.tipAlreadyGiven',
    });
    // One tip, posted once: 200 ₽ owed to the worker.
    expect(await t.db.$count(tips, eq(tips.orderId, order.id))).toBe(1);
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-20_000);
    expect(await tipEmails(worker.id)).toBe(1);
  });

  it('staff may tip on the client’s behalf', async () => {
    const { worker, order } = await visit();
    const given = await giveTip(t.db, manager, tip(order.id, 25_000, 'invoice'));
    expect(given.status).toBe('owed');
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-25_000);
  });
});

describe('who may tip, on what, and how much', () => {
  it('refuses a visit not completed, another client, a worker, a zero and an amount above the limit', async () => {
    const notDone = await visit({ status: 'assigned' });
    await expect(giveTip(t.db, notDone.client, tip(notDone.order.id, 30_000, 'invoice'))).rejects.toMatchObject({
      code: 'conflict',
      message: 'finance.errors.tipNotCompleted',
    });
    const done = await visit();
    const stranger = await createUser(t.db, 'client');
    // Another client's order is not found: it does not even say the order exists.
    await expect(giveTip(t.db, stranger, tip(done.order.id, 30_000, 'invoice'))).rejects.toMatchObject({
      code: 'not_found',
      message: 'finance.errors.tipOrderNotFound',
    });
    await expect(giveTip(t.db, done.worker, tip(done.order.id, 30_000, 'invoice'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(giveTip(t.db, done.client, tip(done.order.id, 0, 'invoice'))).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { amount: 'finance.errors.tipAmountInvalid' },
    });
    // The default limit is 10 000 ₽ = 1 000 000 kopecks; a kopeck more is refused.
    await expect(giveTip(t.db, done.client, tip(done.order.id, 1_000_001, 'invoice'))).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { amount: 'finance.errors.tipTooLarge' },
    });
    // A card tip without a saved card writes nothing.
    await expect(
      giveTip(t.db, done.client, tip(done.order.id, 30_000, 'card'), { provider: stripeProvider }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'finance.errors.tipNoCard' });
    expect(await t.db.$count(tips, eq(tips.orderId, done.order.id))).toBe(0);
    expect(await t.db.$count(tips, eq(tips.orderId, notDone.order.id))).toBe(0);
  });
});

describe('a tip charged at once to the saved card', () => {
  it('charges the tip off-session, records the payment and the entry Dr cash / Cr the worker', async () => {
    const { client, worker, order } = await visit();
    const method = await stripeCard(client.id);
    const cashBefore = await accountBalance(t.db, { type: 'cash' });
    const before = stripe.offSessionIntents.size;

    const given = await giveTip(t.db, client, tip(order.id, 50_000, 'card'), { provider: stripeProvider });
    expect(given).toMatchObject({ status: 'paid', method: 'card', amount: 50_000 });

    const intents = [...stripe.offSessionIntents.entries()].slice(before);
    expect(intents).toHaveLength(1);
    expect(intents[0][1]).toMatchObject({ amount: 50_000, currency: 'rub', method, status: 'succeeded' });
    const found = await t.db
      .select({ ref: payments.providerRef, amount: payments.amount, invoiceId: payments.invoiceId })
      .from(payments)
      .where(eq(payments.clientId, client.id));
    expect(found).toEqual([{ ref: intents[0][0], amount: 50_000, invoiceId: null }]);
    // 500 ₽ into cash, all of it owed to the worker; the client owes nothing for it.
    expect(await accountBalance(t.db, { type: 'cash' })).toBe(cashBefore + 50_000);
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-50_000);
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(0);
    await ledgerBalanced();
    expect(await tipEmails(worker.id)).toBe(1);
  });

  it('never tips twice on a retried charge: the same form again, or a crash after the provider took the money', async () => {
    const { client, worker, order } = await visit();
    await stripeCard(client.id);
    const before = stripe.offSessionIntents.size;
    const requestId = randomUUID();

    // A provider that charges, then the connection drops before the answer is stored (a crash mid-request).
    const dropping: PaymentProvider = {
      ...stripeProvider,
      async chargeSavedCard(r) {
        await stripeProvider.chargeSavedCard!(r);
        throw new Error('connection reset');
      },
    };
    await expect(
      giveTip(t.db, client, tip(order.id, 30_000, 'card', requestId), { provider: dropping }),
    ).rejects.toThrow('connection reset');
    const [charging] = await t.db
      .select({ id: tips.id, status: tips.status })
      .from(tips)
      .where(eq(tips.orderId, order.id));
    expect(charging.status).toBe('charging');
    expect(stripe.offSessionIntents.size).toBe(before + 1);

    // The same submit at once: another request is charging it, nothing is sent.
    const busy = await giveTip(t.db, client, tip(order.id, 30_000, 'card', requestId), { provider: stripeProvider });
    expect(busy.status).toBe('charging');
    expect(stripe.offSessionIntents.size).toBe(before + 1);

    // Later, the retry sends the same idempotency key: the provider replays its first answer, no second charge.
    const later = new Date(Date.now() + 11 * 60_000);
    const retried = await giveTip(t.db, client, tip(order.id, 30_000, 'card', requestId), {
      provider: stripeProvider,
      now: later,
    });
    expect(retried).toMatchObject({ id: charging.id, status: 'paid' });
    expect(stripe.offSessionIntents.size).toBe(before + 1);
    // And once more after it was paid: nothing new.
    await giveTip(t.db, client, tip(order.id, 30_000, 'card', requestId), { provider: stripeProvider, now: later });
    expect(stripe.offSessionIntents.size).toBe(before + 1);
    expect(await t.db.$count(payments, eq(payments.clientId, client.id))).toBe(1);
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-30_000);
    expect(tipChargeKey(charging.id)).toBe(`tip:${charging.id}`);
    await ledgerBalanced();
  });

  it('a declined card posts nothing; the client can tip again, on the invoice', async () => {
    const { client, worker, order } = await visit();
    const method = await stripeCard(client.id);
    stripe.methodOutcome.set(method, 'declined');
    const refused = await giveTip(t.db, client, tip(order.id, 30_000, 'card'), { provider: stripeProvider });
    expect(refused.status).toBe('failed');
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(0);
    expect(await t.db.$count(payments, eq(payments.clientId, client.id))).toBe(0);
    const again = await giveTip(t.db, client, tip(order.id, 30_000, 'invoice'));
    expect(again.status).toBe('owed');
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-30_000);
  });

  it('through YooKassa, with a 54-FZ receipt of one item: the tip', async () => {
    const { client, worker, order } = await visit();
    await yookassaCard(client.id);
    const given = await giveTip(t.db, client, tip(order.id, 35_050, 'card'), { provider: yookassaProvider });
    expect(given.status).toBe('paid');
    const [payment] = await t.db
      .select({ provider: payments.provider, amount: payments.amount })
      .from(payments)
      .where(eq(payments.clientId, client.id));
    // 350,50 ₽ = 35 050 kopecks, whole.
    expect(payment).toEqual({ provider: 'yookassa', amount: 35_050 });
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-35_050);
    await ledgerBalanced();
  });
});

describe('a YooKassa tip charge still pending when asked', () => {
  it('is settled by the payment.succeeded notification: one payment, the tip paid, posted once', async () => {
    const { client, worker, order } = await visit();
    await yookassaCard(client.id, 'pending');
    const given = await giveTip(t.db, client, tip(order.id, 20_000, 'card'), { provider: yookassaProvider });
    expect(given.status).toBe('charging');
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(0);
    const [payment] = [...yookassa.payments.values()].filter((p) => p.metadata.tipId === given.id);
    const deliver = () =>
      handlePaymentWebhook(
        t.db,
        yookassa.notification('payment.succeeded', yookassa.succeed(payment.id)),
        new Headers({ 'content-type': 'application/json' }),
        yookassaProvider,
        { senderAddress: '185.71.76.7' },
      );
    expect((await deliver()).body).toMatchObject({ result: 'tip_paid' });
    // Delivered again: stored once, nothing applied twice.
    await deliver();
    const [after] = await tipsOfOrder(t.db, client, order.id);
    expect(after.status).toBe('paid');
    expect(await t.db.$count(payments, eq(payments.clientId, client.id))).toBe(1);
    // 200 ₽ = 20 000 kopecks, owed to the worker once.
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-20_000);
    await ledgerBalanced();
  });
});

describe('tips on the payslip', () => {
  it('the next payroll run pays each tip whole as a tip line, beside the pay for the visit', async () => {
    // Its own month (May 2026) so other tests' items stay out of this run.
    const client = await createUser(t.db, 'client');
    const worker = await createUser(t.db, 'worker', { name: 'Ольга Чаевая' });
    const order = await makeOrder(t.db, w, {
      clientId: client.id,
      workerId: worker.id,
      price: 200_000,
      pay: 120_000,
      finishedAt: new Date('2026-05-13T10:00:00Z'),
    });
    await stripeCard(client.id);
    const given = await giveTip(t.db, client, tip(order.id, 30_000, 'card'), { provider: stripeProvider });
    // The tip was posted now (after May); backdate it into May, as if given the day after the visit.
    await t.db
      .update(tips)
      .set({ postedAt: new Date('2026-05-14T09:00:00Z') })
      .where(eq(tips.id, given.id));

    await runJob(t.db, 'payroll', { period: '2026-05', now: new Date('2026-06-01T03:00:00Z') });
    const [slip] = await t.db
      .select({ id: payslips.id, tips: payslips.tips, net: payslips.net })
      .from(payslips)
      .where(and(eq(payslips.workerId, worker.id), eq(payslips.period, '2026-05')));
    // Pay 1 200 ₽ + tip 300 ₽ = 1 500 ₽ = 150 000 kopecks.
    expect(slip).toEqual({ id: slip.id, tips: 30_000, net: 150_000 });
    const full = await getPayslip(t.db, admin, slip.id);
    const tipLines = full.lines.filter((l) => l.kind === 'tip');
    expect(tipLines).toEqual([expect.objectContaining({ kind: 'tip', amount: 30_000, orderId: order.id })]);
    expect(full.lines.reduce((s, l) => s + l.amount, 0)).toBe(full.net);
  });
});

describe('refunding a card tip', () => {
  /** A visit finished in `month`, its worker tipped by card (Stripe unless told) and the tip backdated a day on. */
  async function tippedByCard(month: string, amount: number, via: 'stripe' | 'yookassa' = 'stripe') {
    const client = await createUser(t.db, 'client');
    const worker = await createUser(t.db, 'worker', { name: 'Ирина Возвратова' });
    const order = await makeOrder(t.db, w, {
      clientId: client.id,
      workerId: worker.id,
      price: 200_000,
      pay: 120_000,
      finishedAt: new Date(`${month}-13T10:00:00Z`),
    });
    await (via === 'stripe' ? stripeCard(client.id) : yookassaCard(client.id));
    const provider = via === 'stripe' ? stripeProvider : yookassaProvider;
    const given = await giveTip(t.db, client, tip(order.id, amount, 'card'), { provider });
    expect(given.status).toBe('paid');
    await t.db
      .update(tips)
      .set({ postedAt: new Date(`${month}-14T09:00:00Z`) })
      .where(eq(tips.id, given.id));
    const [payment] = await t.db
      .select({ id: payments.id, ref: payments.providerRef, entryId: payments.entryId })
      .from(payments)
      .where(eq(payments.clientId, client.id));
    return { client, worker, order, tipId: given.id, payment };
  }

  const tipRefundEmails = async (clientId: string) =>
    (
      await t.db
        .select({ data: notifications.data })
        .from(notifications)
        .where(and(eq(notifications.userId, clientId), eq(notifications.kind, 'tip_refunded')))
    ).map((n) => n.data);

  async function payslipOf(workerId: string, period: string) {
    const [slip] = await t.db
      .select({ id: payslips.id, tips: payslips.tips, net: payslips.net })
      .from(payslips)
      .where(and(eq(payslips.workerId, workerId), eq(payslips.period, period)));
    return slip;
  }

  it('a part given back before the payslip: Dr the worker, Cr cash; the payslip pays the rest; then no more refunds', async () => {
    const { client, worker, order, tipId, payment } = await tippedByCard('2026-09', 50_000);
    const cashBefore = await accountBalance(t.db, { type: 'cash' });

    const out = await refundPayment(
      t.db,
      admin,
      { paymentId: payment.id, amount: 20_000, reason: 'Tipped the wrong amount' },
      { provider: stripeProvider },
    );
    expect(out).toMatchObject({ status: 'succeeded', amount: 20_000, invoiceId: null });
    // Stripe refunded 200 ₽ of the tip's PaymentIntent, keyed by (payment, 1).
    const [made] = [...stripe.refunds.values()].filter((r) => r.payment_intent === payment.ref);
    expect(made).toMatchObject({ amount: 20_000 });
    expect(stripe.refundKeys).toContain(`refund:${payment.id}:1`);

    // Tip 500 ₽ − refunded 200 ₽ = 300 ₽ still owed to the worker (credit-normal: −30 000); cash 200 ₽ lower.
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-30_000);
    expect(await accountBalance(t.db, { type: 'cash' })).toBe(cashBefore - 20_000);
    // The client never owed anything for a card tip, and still does not.
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(0);
    expect(await accountBalance(t.db, { type: 'client_credit', clientId: client.id })).toBe(0);
    await ledgerBalanced();
    const [entry] = await t.db
      .select({ kind: journalEntries.kind, reverses: journalEntries.reversesEntryId })
      .from(journalEntries)
      .where(eq(journalEntries.key, `refund:${payment.id}:1`));
    expect(entry).toEqual({ kind: 'refund', reverses: payment.entryId });
    const [shown] = await tipsOfOrder(t.db, client, order.id);
    expect(shown).toMatchObject({ id: tipId, status: 'paid', amount: 50_000, refundedAmount: 20_000 });
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, 'tip.refund'), eq(auditLog.entityId, tipId)))).toBe(1);
    // The client is told, naming the tip's order and worker (a tip has no invoice to link to).
    expect(await tipRefundEmails(client.id)).toEqual([
      { amount: 20_000, currency: 'RUB', orderId: order.id, orderNumber: order.number, workerFirstName: 'Ирина' },
    ]);

    // The refund page offers what is left: 500 − 200 = 300 ₽.
    expect(await getRefundablePayment(t.db, admin, payment.id)).toMatchObject({ refunded: 20_000, left: 30_000 });

    await runJob(t.db, 'payroll', { period: '2026-09', now: new Date('2026-10-01T03:00:00Z') });
    const slip = await payslipOf(worker.id, '2026-09');
    // Pay 1 200 ₽ + the tip less its refund 300 ₽ = 1 500 ₽ = 150 000 kopecks.
    expect(slip).toMatchObject({ tips: 30_000, net: 150_000 });
    const full = await getPayslip(t.db, admin, slip.id);
    expect(full.lines.filter((l) => l.kind === 'tip')).toEqual([
      expect.objectContaining({ kind: 'tip', amount: 30_000, orderId: order.id }),
    ]);
    expect(full.lines.reduce((s, l) => s + l.amount, 0)).toBe(full.net);

    // Paid out to the worker now: a further refund is refused, nothing is asked of Stripe or recorded.
    const refundsAtStripe = stripe.refunds.size;
    await expect(
      refundPayment(
        t.db,
        admin,
        { paymentId: payment.id, amount: 10_000, reason: 'More' },
        { provider: stripeProvider },
      ),
    ).rejects.toMatchObject({ code: 'conflict', message: 'billing.errors.refundTipPaidOut' });
    expect(stripe.refunds.size).toBe(refundsAtStripe);
    expect(await t.db.$count(refunds, eq(refunds.paymentId, payment.id))).toBe(1);
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-30_000);
    await ledgerBalanced();
  });

  it('in full at the Stripe dashboard, reported twice by webhook: recorded once, and the payslip has no tip line', async () => {
    const { client, worker, order, tipId, payment } = await tippedByCard('2026-10', 40_000);
    const sdk = new Stripe('sk_test_tips', {
      host: '127.0.0.1',
      port: Number(new URL(stripe.url).port),
      protocol: 'http',
    });
    await sdk.refunds.create({ payment_intent: payment.ref, amount: 40_000 });
    const charge = stripe.chargeOf(payment.ref)!;
    const results = [];
    for (let i = 0; i < 2; i++) {
      const ev = stripe.signedEvent('charge.refunded', charge);
      results.push((await stripeWebhook(ev)).body.result);
    }
    expect(results).toEqual(['refund_recorded', 'already_refunded']);
    const rows = await t.db
      .select({ amount: refunds.amount, status: refunds.status, by: refunds.requestedBy })
      .from(refunds)
      .where(eq(refunds.paymentId, payment.id));
    expect(rows).toEqual([{ amount: 40_000, status: 'succeeded', by: null }]);
    // 400 ₽ tip − 400 ₽ refunded = 0 owed to the worker.
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(0);
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(0);
    await ledgerBalanced();
    const [shown] = await tipsOfOrder(t.db, client, order.id);
    expect(shown).toMatchObject({ id: tipId, refundedAmount: 40_000 });
    // Nothing is left to refund by hand either.
    await expect(
      refundPayment(t.db, admin, { paymentId: payment.id, amount: 1, reason: 'x' }, { provider: stripeProvider }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'billing.errors.refundNothingLeft' });

    await runJob(t.db, 'payroll', { period: '2026-10', now: new Date('2026-11-01T03:00:00Z') });
    const slip = await payslipOf(worker.id, '2026-10');
    // Pay 1 200 ₽ only: the tip was given back whole.
    expect(slip).toMatchObject({ tips: 0, net: 120_000 });
    const full = await getPayslip(t.db, admin, slip.id);
    expect(full.lines.filter((l) => l.kind === 'tip')).toEqual([]);
  });

  it('through YooKassa: the refund carries a 54-FZ refund receipt of one item, the tip, and the client is emailed', async () => {
    const { client, worker, order, payment } = await tippedByCard('2026-11', 45_000, 'yookassa');
    const out = await refundPayment(
      t.db,
      admin,
      { paymentId: payment.id, amount: 15_050, reason: 'Client asked for part back' },
      { provider: yookassaProvider },
    );
    expect(out).toMatchObject({ status: 'succeeded', amount: 15_050, invoiceId: null });
    const [made] = [...yookassa.refunds.values()].filter((r) => r.payment_id === payment.ref);
    // 150,50 ₽ = 15 050 kopecks back, with the receipt the stand-in checked sums to it (it refuses otherwise).
    expect(made.amount).toEqual({ value: '150.50', currency: 'RUB' });
    expect(made.receipt).toEqual({
      customer: { email: client.email },
      items: [
        {
          description: `Чаевые исполнителю Ирина, заказ ${order.number}`,
          quantity: 1,
          amount: { value: '150.50', currency: 'RUB' },
          vat_code: 1,
          payment_subject: 'service',
          payment_mode: 'full_payment',
        },
      ],
    });
    // Tip 450 ₽ − 150,50 ₽ refunded = 299,50 ₽ still the worker's (credit-normal: −29 950).
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-29_950);
    await ledgerBalanced();
    expect(await tipRefundEmails(client.id)).toEqual([
      { amount: 15_050, currency: 'RUB', orderId: order.id, orderNumber: order.number, workerFirstName: 'Ирина' },
    ]);
  });

  it('a refund still waiting for the provider keeps the tip off the payroll run; the next run pays it less the refund', async () => {
    const { worker, payment } = await tippedByCard('2027-02', 50_000);
    // Stripe takes its time answering: the refund is claimed (pending, holding 200 ₽) while payroll runs.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let asked!: () => void;
    const reached = new Promise<void>((r) => (asked = r));
    const slow: PaymentProvider = {
      ...stripeProvider,
      async refund(r) {
        asked();
        await gate;
        return stripeProvider.refund!(r);
      },
    };
    const refunding = refundPayment(
      t.db,
      admin,
      { paymentId: payment.id, amount: 20_000, reason: 'Part back' },
      { provider: slow },
    );
    await reached;
    await runJob(t.db, 'payroll', { period: '2027-02', now: new Date('2027-03-01T03:00:00Z') });
    // The visit's pay 1 200 ₽ only: the tip waits while its refund is undecided.
    expect(await payslipOf(worker.id, '2027-02')).toMatchObject({ tips: 0, net: 120_000 });

    release();
    expect(await refunding).toMatchObject({ status: 'succeeded', amount: 20_000 });
    await runJob(t.db, 'payroll', { period: '2027-03', now: new Date('2027-04-01T03:00:00Z') });
    // Tip 500 ₽ − refunded 200 ₽ = 300 ₽, on March's payslip, once.
    expect(await payslipOf(worker.id, '2027-03')).toMatchObject({ tips: 30_000, net: 30_000 });
    // The ledger owes the worker the tip less its refund (the visit's pay is posted when a run is paid).
    expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-30_000);
    await ledgerBalanced();
  });

  describe.skipIf(!onPostgres())('racing the payroll run that pays the tip (PostgreSQL)', () => {
    it('payroll first: the refund waits for the tip, then is refused because the tip is on a payslip', async () => {
      const { worker, payment } = await tippedByCard('2027-01', 50_000);
      const refundsAtStripe = stripe.refunds.size;
      let refusal: Promise<unknown> | undefined;
      await t.db.transaction(async (tx) => {
        // The payroll chunk, uncommitted: the tip is on its payslip.
        const run = await ensureRun(tx, '2027-01');
        await payrollBatch(tx, {
          runId: run.id,
          period: '2027-01',
          until: monthBounds('2027-01', 'Europe/Moscow').end,
          afterWorkerId: null,
          limit: 10_000,
        });
        refusal = refundPayment(
          t.db,
          admin,
          { paymentId: payment.id, amount: 20_000, reason: 'Too late' },
          { provider: stripeProvider },
        ).then(
          () => 'refunded',
          (e: unknown) => e,
        );
        await untilWaitingOnLock(t.db, 'the tip lock');
      });
      expect(await refusal).toMatchObject({ code: 'conflict', message: 'billing.errors.refundTipPaidOut' });
      // Nothing asked of Stripe, nothing held: the whole 500 ₽ tip is on the payslip.
      expect(stripe.refunds.size).toBe(refundsAtStripe);
      expect(await t.db.$count(refunds, eq(refunds.paymentId, payment.id))).toBe(0);
      expect(await payslipOf(worker.id, '2027-01')).toMatchObject({ tips: 50_000, net: 170_000 });
    });

    it('refund first: the payroll run waits for the tip, then pays it less the refund', async () => {
      const { worker, payment, tipId } = await tippedByCard('2027-04', 50_000);
      let paying: ReturnType<typeof runJob> | undefined;
      await t.db.transaction(async (tx) => {
        // A refund of 200 ₽ being recorded (the tip locked, reversed, uncommitted) as the run starts.
        await settleRefund(
          tx,
          'stripe',
          {
            providerRefundId: `re_race_${tipId.slice(0, 8)}`,
            paymentRefs: [payment.ref],
            paymentId: payment.id,
            refundId: null,
            amount: 20_000,
            currency: 'RUB',
            at: new Date('2027-04-20T10:00:00Z'),
          },
          { id: null, role: 'system' },
        );
        paying = runJob(t.db, 'payroll', { period: '2027-04', now: new Date('2027-05-01T03:00:00Z') });
        await untilWaitingOnLock(t.db, 'the tip lock');
      });
      await paying;
      // Pay 1 200 ₽ + the tip less its refund (500 − 200 = 300 ₽) = 1 500 ₽.
      expect(await payslipOf(worker.id, '2027-04')).toMatchObject({ tips: 30_000, net: 150_000 });
      expect(await accountBalance(t.db, { type: 'payable', workerId: worker.id })).toBe(-30_000);
      await ledgerBalanced();
    });
  });

  it('a payment with no invoice that is not a tip is still not refundable', async () => {
    const client = await createUser(t.db, 'client');
    // Money held as the client's credit with no invoice (Dr cash, Cr the client's credit): not a tip's payment.
    const entry = await postEntry(t.db, {
      key: `orphan:${client.id}`,
      kind: 'payment',
      memo: 'orphan',
      at: new Date(),
      lines: [
        { account: { type: 'cash' }, amount: 10_000 },
        { account: { type: 'client_credit', clientId: client.id }, amount: -10_000 },
      ],
    });
    const [p] = await t.db
      .insert(payments)
      .values({
        provider: 'stripe',
        providerRef: `pi_orphan_${client.id.slice(0, 8)}`,
        invoiceId: null,
        clientId: client.id,
        amount: 10_000,
        appliedAmount: 0,
        creditAmount: 10_000,
        currency: 'RUB',
        receivedAt: new Date(),
        entryId: entry.entryId,
      })
      .returning({ id: payments.id });
    await expect(
      refundPayment(t.db, admin, { paymentId: p.id, amount: 10_000, reason: 'x' }, { provider: stripeProvider }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'billing.errors.refundNotPossible' });
  });
});
