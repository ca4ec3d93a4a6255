import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { checkoutSessions, invoices, notifications, payments } from '@/db/schema';
import { rows } from '@/db/connect';
import { accountBalance } from '@/lib/finance';
import { clientStatement } from '@/lib/finance/history';
import { getInvoice, voidInvoice } from '@/lib/finance/invoices';
import { applyClientCredit } from '@/lib/finance';
import { applyPayment, startCheckout } from '@/lib/payments';
import { runJob } from '@/lib/scheduler';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe-stand-in';
import { setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder, type BillingWorld } from '../support/billing-fixtures';

const t = setupTestDb();
let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn({ webhookSecret: 'whsec_test_credit' });
  // Read once by lib/env on first use, which comes after this.
  process.env.STRIPE_SECRET_KEY = 'sk_test_brigada';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_credit';
  process.env.STRIPE_API_BASE = standIn.url;
});
afterAll(async () => standIn?.close());

let weekNo = 0;
/** Bills one order of `price` kopecks to the client in a fresh closed week; returns the new invoice. */
async function invoiceFor(w: BillingWorld, client: TestUser, price: number): Promise<string> {
  const monday = new Date(Date.UTC(2026, 0, 5 + 7 * weekNo++));
  await makeOrder(t.db, w, { clientId: client.id, price, finishedAt: new Date(monday.getTime() + 36 * 3_600_000) });
  await runJob(t.db, 'invoices', {
    period: monday.toISOString().slice(0, 10),
    now: new Date(monday.getTime() + 8 * 86_400_000),
  });
  const [inv] = await t.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(eq(invoices.clientId, client.id))
    .orderBy(sql`${invoices.issuedAt} desc`)
    .limit(1);
  return inv.id;
}

async function pay(invoiceId: string, amount: number) {
  return t.db.transaction((tx) =>
    applyPayment(tx, {
      provider: 'bank_transfer',
      providerRef: `ref-${crypto.randomUUID()}`,
      invoiceId,
      amount,
      currency: 'RUB',
      receivedAt: new Date('2026-11-20T10:00:00Z'),
    }),
  );
}

/** Credit held for the client: their credit account is credit-normal (negative balance). */
async function creditOf(clientId: string): Promise<number> {
  return 0 - (await accountBalance(t.db, { type: 'client_credit', clientId }));
}

async function state(id: string) {
  const [row] = await t.db
    .select({ status: invoices.status, paidAmount: invoices.paidAmount, total: invoices.total })
    .from(invoices)
    .where(eq(invoices.id, id));
  return row;
}

async function expectLedgerBalanced() {
  const unbalanced = await rows<{ entry_id: string }>(
    t.db,
    sql`select entry_id from postings group by entry_id having sum(amount) <> 0`,
  );
  expect(unbalanced).toEqual([]);
}

async function creditPayments(invoiceId: string) {
  return t.db
    .select({ amount: payments.amount, appliedAmount: payments.appliedAmount, creditAmount: payments.creditAmount })
    .from(payments)
    .where(and(eq(payments.invoiceId, invoiceId), eq(payments.provider, 'credit')));
}

describe('client credit pays open invoices', () => {
  it('an overpayment on A pays the open invoice B from the credit, in the same transaction', async () => {
    const w = await billingWorld(t.db);
    const client = await createUser(t.db, 'client');
    const a = await invoiceFor(w, client, 100_000);
    const b = await invoiceFor(w, client, 80_000);

    const res = await pay(a, 150_000);
    // 150 000 on A (100 000 due): 100 000 applied, 50 000 becomes credit, which then goes to B.
    expect(res).toMatchObject({ appliedAmount: 100_000, creditAmount: 50_000, invoiceStatus: 'paid' });
    expect(await state(a)).toMatchObject({ status: 'paid', paidAmount: 100_000 });
    // B: 80 000 − 50 000 from credit = 30 000 still due, so it stays open.
    expect(await state(b)).toMatchObject({ status: 'open', paidAmount: 50_000 });
    expect(await creditPayments(b)).toEqual([{ amount: 50_000, appliedAmount: 50_000, creditAmount: 0 }]);
    // Credit: +50 000 from the overpayment − 50 000 applied = 0.
    expect(await creditOf(client.id)).toBe(0);
    await expectLedgerBalanced();

    // The invoice page lists it among payments and shows what is still due (what checkout charges: total − paid).
    const detail = await getInvoice(t.db, client, b);
    expect(detail.outstanding).toBe(30_000);
    expect(detail.payments.map((p) => ({ provider: p.provider, amount: p.amount }))).toEqual([
      { provider: 'credit', amount: 50_000 },
    ]);
    // /billing: credit 0; the receivable fell by the 100 000 paid and the 50 000 applied.
    const statement = await clientStatement(t.db, client, client.id);
    expect(statement.credit).toBe(0);
  });

  it('credit larger than all open invoices pays them oldest due first, skips void ones, keeps the rest, and applies nothing twice', async () => {
    const w = await billingWorld(t.db);
    const client = await createUser(t.db, 'client');
    const admin = await createUser(t.db, 'admin');
    const a = await invoiceFor(w, client, 100_000);
    const b = await invoiceFor(w, client, 40_000);
    const c = await invoiceFor(w, client, 30_000);
    // Voided last: a later run would bill its freed order again, on a new invoice.
    const voided = await invoiceFor(w, client, 70_000);
    await voidInvoice(t.db, admin, { invoiceId: voided, reason: 'wrong address' });

    await pay(a, 200_000);
    // 200 000 − 100 000 for A = 100 000 credit; B (due first) takes 40 000, C 30 000; the void one nothing;
    // 100 000 − 40 000 − 30 000 = 30 000 remains.
    expect(await state(b)).toMatchObject({ status: 'paid', paidAmount: 40_000 });
    expect(await state(c)).toMatchObject({ status: 'paid', paidAmount: 30_000 });
    expect(await state(voided)).toMatchObject({ status: 'void', paidAmount: 0 });
    expect(await creditPayments(voided)).toEqual([]);
    expect(await creditOf(client.id)).toBe(30_000);

    const again = await t.db.transaction((tx) => applyClientCredit(tx, client.id, new Date('2026-11-21T10:00:00Z')));
    expect(again).toEqual([]);
    expect(await creditOf(client.id)).toBe(30_000);
    expect(await t.db.$count(payments, and(eq(payments.clientId, client.id), eq(payments.provider, 'credit')))).toBe(2);
    await expectLedgerBalanced();
  });

  it('credit is split oldest due first when it does not cover everything', async () => {
    const w = await billingWorld(t.db);
    const client = await createUser(t.db, 'client');
    const a = await invoiceFor(w, client, 10_000);
    const b = await invoiceFor(w, client, 40_000);
    const c = await invoiceFor(w, client, 30_000);
    await pay(a, 60_000);
    // Credit 60 000 − 10 000 = 50 000: B (older) 40 000 in full, C the remaining 10 000 of its 30 000.
    expect(await state(b)).toMatchObject({ status: 'paid', paidAmount: 40_000 });
    expect(await state(c)).toMatchObject({ status: 'open', paidAmount: 10_000 });
    expect(await creditOf(client.id)).toBe(0);
    await expectLedgerBalanced();
  });

  it('the weekly run applies the credit to the invoice it issues; the email states what is due', async () => {
    const w = await billingWorld(t.db);
    const client = await createUser(t.db, 'client');
    const a = await invoiceFor(w, client, 100_000);
    await pay(a, 130_000);
    // Nothing else open: the 30 000 overpayment stays as credit.
    expect(await creditOf(client.id)).toBe(30_000);

    const b = await invoiceFor(w, client, 50_000);
    // Issued for 50 000, 30 000 of it paid from credit at issue: 20 000 due, still open.
    expect(await state(b)).toMatchObject({ status: 'open', paidAmount: 30_000, total: 50_000 });
    expect(await creditOf(client.id)).toBe(0);
    expect((await getInvoice(t.db, client, b)).outstanding).toBe(20_000);
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'invoice_issued'), sql`${notifications.data}->>'invoiceId' = ${b}`))
      .orderBy(asc(notifications.createdAt));
    expect(mail.data).toMatchObject({ total: 50_000, outstanding: 20_000 });
    // Checkout asks only for the 20 000 still due.
    await startCheckout(t.db, client, b);
    const [session] = await t.db
      .select({ amount: checkoutSessions.amount })
      .from(checkoutSessions)
      .where(eq(checkoutSessions.invoiceId, b));
    expect(session.amount).toBe(20_000);
    await expectLedgerBalanced();

    // Overpay C by 70 000: B's remaining 20 000 is paid from it at once, 50 000 stays as credit.
    const c = await invoiceFor(w, client, 100_000);
    await pay(c, 170_000);
    expect(await creditOf(client.id)).toBe(50_000);
    expect(await state(b)).toMatchObject({ status: 'paid', paidAmount: 50_000 });
    // More credit than the next invoice: paid in full at issue.
    const d = await invoiceFor(w, client, 25_000);
    expect(await state(d)).toMatchObject({ status: 'paid', paidAmount: 25_000 });
    // 50 000 − 25 000 = 25 000 left.
    expect(await creditOf(client.id)).toBe(25_000);
    await expectLedgerBalanced();
  });
});
