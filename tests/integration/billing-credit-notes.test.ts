import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { creditNotes, invoices, journalEntries, notifications, orders, type PriceLine } from '@/db/schema';
import { accountBalance, findEntryByKey, recordManualAdjustment, reverseEntryByAdmin } from '@/lib/finance';
import { openInvoicesDue } from '@/lib/finance/invoices/write-off';
import { clientStatement } from '@/lib/finance/history';
import { getCreditNote, getInvoice, remindOverdueInvoices } from '@/lib/finance/invoices';
import { systemActor, transitionOrder } from '@/lib/orders';
import { applyPayment } from '@/lib/payments';
import { failOrder } from '@/lib/quality';
import { runJob } from '@/lib/scheduler';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone, type TestUser } from '../support/factories';

const t = setupTestDb();

const DAY = 86_400_000;
let weeks = 0;

/** Each world has its own closed week (a job runs once per period): Monday 00:00 Moscow, and its close. */
type World = {
  zoneId: string;
  serviceId: string;
  worker: TestUser;
  manager: TestUser;
  admin: TestUser;
  period: string;
  monday: Date;
  orders: number;
};

async function world(): Promise<World> {
  const monday = new Date(Date.UTC(2026, 0, 4, 21) + 14 * DAY * weeks++); // Monday 00:00 Moscow, every other week (a test may bill the next one too)
  const zone = await createZone(t.db);
  const service = await createService(t.db);
  const worker = await createWorker(t.db, { skills: ['cleaning'], zoneIds: [zone.id] });
  return {
    zoneId: zone.id,
    serviceId: service.id,
    worker,
    manager: await createUser(t.db, 'manager'),
    admin: await createUser(t.db, 'admin'),
    period: new Date(monday.getTime() + DAY).toISOString().slice(0, 10),
    monday,
    orders: 0,
  };
}

/** When things happen after the week: its invoice run on the Monday after, then payments, failures, fixes. */
const after = (w: World, days: number) => new Date(w.monday.getTime() + (7 + days) * DAY + 9 * 3_600_000);

/** An order row as booked for `start`, two hours long, estimated at `price` (pending). */
async function bookedOrder(w: World, client: TestUser, price: number, start: Date) {
  const [order] = await t.db
    .insert(orders)
    .values({
      number: `T-${randomUUID().slice(0, 8)}`,
      clientId: client.id,
      serviceId: w.serviceId,
      zoneId: w.zoneId,
      address: 'ул. Тестовая, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 2 * 3_600_000),
      estimateLines: cleaning(price),
      estimateTotal: price,
      currency: 'RUB',
    })
    .returning({ id: orders.id, number: orders.number });
  return order;
}

const cleaning = (price: number): PriceLine[] => [
  { code: 'base', labelRu: 'Уборка', labelEn: 'Cleaning', amount: price },
];

/** Matched at `price`, started and finished by the worker at `finishedAt`: the ledger's own path. */
async function complete(w: World, orderId: string, price: number, finishedAt: Date) {
  await transitionOrder(t.db, systemActor, orderId, 'match', {
    set: { workerId: w.worker.id, priceLines: cleaning(price), priceTotal: price },
  });
  await transitionOrder(t.db, w.worker, orderId, 'start', { at: new Date(finishedAt.getTime() - 2 * 3_600_000) });
  await transitionOrder(t.db, w.worker, orderId, 'finish', { set: { finishedAt }, at: finishedAt });
}

/** An order done in the world's week. */
async function completedOrder(w: World, client: TestUser, price: number) {
  const finishedAt = new Date(w.monday.getTime() + 11 * 3_600_000 + (w.orders++ % 40) * 3 * 3_600_000);
  const order = await bookedOrder(w, client, price, new Date(finishedAt.getTime() - 2 * 3_600_000));
  await complete(w, order.id, price, finishedAt);
  return order;
}

/** An order the client cancelled late in the week, with `fee` to pay. */
async function cancelledWithFee(w: World, client: TestUser, fee: number) {
  const order = await bookedOrder(w, client, fee * 3, new Date(w.monday.getTime() + 5 * DAY + 9 * 3_600_000));
  await transitionOrder(t.db, w.manager, order.id, 'cancel', {
    set: { cancellationFee: fee },
    reason: 'client_request',
    at: new Date(w.monday.getTime() + 4 * DAY + 10 * 3_600_000),
  });
  return order;
}

const invoice = async (w: World) => runJob(t.db, 'invoices', { period: w.period, now: after(w, 0) });

async function invoiceOf(clientId: string) {
  const [row] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, clientId));
  return row.id;
}

const transfer = (w: World, invoiceId: string, amount: number) =>
  t.db.transaction((tx) =>
    applyPayment(tx, {
      provider: 'bank_transfer',
      providerRef: `PP-${randomUUID()}`,
      invoiceId,
      amount,
      currency: 'RUB',
      receivedAt: after(w, 1),
    }),
  );

const failForQuality = (w: World, orderId: string, chargeClient = false, at = after(w, 2)) =>
  failOrder(t.db, w.manager, { orderId, reasonCode: 'poor_quality', chargeClient, fineWorker: false }, at);

/** Sunday 20:00 Moscow of the world's week: before its close, so the invoice run sees what happened then. */
const sundayEvening = (w: World) => new Date(w.monday.getTime() + 6 * DAY + 20 * 3_600_000);

/**
 * The documents agree with the ledger: each live invoice asks for its lines − credit notes − payments
 * (plus what a note moved to credit), and what the client's open invoices ask for in all is the balance of
 * their receivable.
 */
async function expectDocumentsMatchLedger(client: TestUser) {
  const list = await t.db
    .select({
      id: invoices.id,
      total: invoices.total,
      credited: invoices.creditedAmount,
      paid: invoices.paidAmount,
      status: invoices.status,
      toCredit: sql<string>`(select coalesce(sum(n.to_credit), 0) from credit_notes n where n.invoice_id = invoices.id)`,
      notes: sql<string>`(select coalesce(sum(n.amount), 0) from credit_notes n where n.invoice_id = invoices.id)`,
    })
    .from(invoices)
    .where(eq(invoices.clientId, client.id));
  let due = 0;
  for (const inv of list) {
    const detail = await getInvoice(t.db, client, inv.id);
    expect(detail.lines.reduce((s, l) => s + l.amount, 0)).toBe(inv.total);
    expect(Number(inv.notes)).toBe(inv.credited);
    if (inv.status === 'void') continue;
    expect(detail.outstanding).toBe(inv.total - inv.credited - inv.paid + Number(inv.toCredit));
    expect(detail.outstanding).toBeGreaterThanOrEqual(0);
    expect(inv.status).toBe(detail.outstanding === 0 ? 'paid' : 'open');
    due += detail.outstanding;
  }
  expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(due);
  const statement = await clientStatement(t.db, client, client.id);
  expect(statement.receivable).toBe(due);
  expect(statement.credit).toBeGreaterThanOrEqual(0);
}

type Op =
  | { kind: 'fail'; index: number; charge: boolean }
  | { kind: 'waive'; index: number }
  | { kind: 'pay'; amount: number }
  | { kind: 'writeOff'; share: number };

describe('credit notes', () => {
  it('the reported case: a failed, invoiced order is credited, and a transfer then leaves invoice and balance agreeing', async () => {
    const w = await world();
    const client = await createUser(t.db, 'client');
    const kept = await completedOrder(w, client, 324_000);
    const failed = await completedOrder(w, client, 324_000);
    await invoice(w);
    const invoiceId = await invoiceOf(client.id);
    expect((await getInvoice(t.db, client, invoiceId)).outstanding).toBe(648_000); // 3 240 ₽ × 2

    await failForQuality(w, failed.id);
    const credited = await getInvoice(t.db, client, invoiceId);
    // 6 480 ₽ of lines − 3 240 ₽ credited = 3 240 ₽ due, and the ledger says the same.
    // Its due date (7 days after issue) has passed by today: it shows as overdue.
    expect(credited).toMatchObject({
      total: 648_000,
      creditedAmount: 324_000,
      outstanding: 324_000,
      status: 'overdue',
    });
    expect(credited.creditNotes).toHaveLength(1);
    const [note] = credited.creditNotes;
    expect(note.number).toMatch(/^CN-2026-\d{6}$/);
    expect(note).toMatchObject({ amount: 324_000, toCredit: 0, reason: 'poor_quality' });
    expect(note.lines).toEqual([
      expect.objectContaining({ orderNumber: failed.number, kind: 'order', amount: 324_000 }),
    ]);
    expect(credited.lines.map((l) => l.orderNumber).sort()).toEqual([failed.number, kept.number].sort());
    await expectDocumentsMatchLedger(client);
    // The client is emailed once.
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'credit_note_issued'), eq(notifications.userId, client.id)));
    expect(mail.data).toMatchObject({ number: note.number, amount: 324_000, due: 324_000 });

    // A 10 000 ₽ transfer: 3 240 ₽ pays the invoice, 6 760 ₽ is the client's credit. /billing agrees.
    await transfer(w, invoiceId, 1_000_000);
    expect(await getInvoice(t.db, client, invoiceId)).toMatchObject({ outstanding: 0, status: 'paid' });
    const statement = await clientStatement(t.db, client, client.id);
    expect(statement).toMatchObject({ receivable: 0, credit: 676_000, balance: -676_000 });
    await expectDocumentsMatchLedger(client);
  });

  it('a charge for the failed order keeps that much on the invoice', async () => {
    const w = await world();
    const client = await createUser(t.db, 'client');
    const failed = await completedOrder(w, client, 500_000);
    await invoice(w);
    const invoiceId = await invoiceOf(client.id);
    await failForQuality(w, failed.id, true);
    // Charged the full price: nothing to credit, the invoice still asks for 5 000 ₽.
    expect(await getInvoice(t.db, client, invoiceId)).toMatchObject({ outstanding: 500_000, creditNotes: [] });
    await expectDocumentsMatchLedger(client);
  });

  it('an already paid invoice: the credited amount becomes credit and pays the next open invoice', async () => {
    const w = await world();
    const client = await createUser(t.db, 'client');
    const failed = await completedOrder(w, client, 200_000);
    await invoice(w);
    const first = await invoiceOf(client.id);
    await transfer(w, first, 200_000);
    // A second invoice, for a later week, still open.
    const later = await bookedOrder(w, client, 150_000, after(w, 1));
    await complete(w, later.id, 150_000, new Date(after(w, 1).getTime() + 2 * 3_600_000));
    const nextPeriod = new Date(w.monday.getTime() + 8 * DAY).toISOString().slice(0, 10);
    await runJob(t.db, 'invoices', { period: nextPeriod, now: after(w, 7) });
    const [second] = await t.db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.clientId, client.id), eq(invoices.periodFrom, nextPeriod)));

    await failForQuality(w, failed.id);
    const [note] = (await getInvoice(t.db, client, first)).creditNotes;
    // 2 000 ₽ credited on a paid invoice: all of it to credit; 1 500 ₽ of it pays the second invoice, 500 ₽ stays.
    expect(note).toMatchObject({ amount: 200_000, toCredit: 200_000 });
    expect(await getInvoice(t.db, client, second.id)).toMatchObject({ outstanding: 0, status: 'paid' });
    expect(await clientStatement(t.db, client, client.id)).toMatchObject({ receivable: 0, credit: 50_000 });
    await expectDocumentsMatchLedger(client);
  });

  it("an admin's reversal of an invoiced cancellation fee issues a credit note; one reversed before invoicing is never billed", async () => {
    const w = await world();
    const client = await createUser(t.db, 'client');
    const billed = await cancelledWithFee(w, client, 90_000);
    const waivedEarly = await cancelledWithFee(w, client, 40_000);
    const early = await findEntryByKey(t.db, `order:${waivedEarly.id}:cancellation_fee`);
    await reverseEntryByAdmin(t.db, w.admin, early!.id, 'Клиент предупредил заранее');
    await invoice(w);
    const invoiceId = await invoiceOf(client.id);
    // Only the 900 ₽ fee: the reversed 400 ₽ one is not on the invoice.
    expect(await getInvoice(t.db, client, invoiceId)).toMatchObject({ total: 90_000, lineCount: 1 });

    const fee = await findEntryByKey(t.db, `order:${billed.id}:cancellation_fee`);
    await reverseEntryByAdmin(t.db, w.admin, fee!.id, 'Жест доброй воли');
    const credited = await getInvoice(t.db, client, invoiceId);
    expect(credited).toMatchObject({ creditedAmount: 90_000, outstanding: 0, status: 'paid' });
    expect(credited.creditNotes[0]).toMatchObject({ amount: 90_000, reason: 'Жест доброй воли' });
    await expectDocumentsMatchLedger(client);
    // Reversing a fine or a payment is not an invoice charge: no note.
    const notes = await t.db.$count(creditNotes, eq(creditNotes.clientId, client.id));
    expect(notes).toBe(1);
  });

  it('a write-off settles the open invoices it gives up on, never more than they ask for', async () => {
    const w = await world();
    const client = await createUser(t.db, 'client');
    await completedOrder(w, client, 300_000);
    await invoice(w);
    const invoiceId = await invoiceOf(client.id);
    const writeOff = (amount: number) =>
      recordManualAdjustment(t.db, w.manager, {
        kind: 'write_off',
        subjectId: client.id,
        amount,
        reason: 'Клиент не отвечает полгода',
        requestId: randomUUID(),
      });
    await expect(writeOff(300_001)).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { amount: 'finance.errors.writeOffTooLarge' },
    });
    await writeOff(100_000);
    // 3 000 ₽ − 1 000 ₽ written off = 2 000 ₽ still asked for, and the receivable says the same.
    expect(await getInvoice(t.db, client, invoiceId)).toMatchObject({ outstanding: 200_000 });
    await expectDocumentsMatchLedger(client);
    await writeOff(200_000);
    const settled = await getInvoice(t.db, client, invoiceId);
    expect(settled).toMatchObject({ outstanding: 0, status: 'paid' });
    expect(settled.payments.map((p) => [p.provider, p.amount])).toEqual([
      ['write_off', 100_000],
      ['write_off', 200_000],
    ]);
    await expectDocumentsMatchLedger(client);
  });

  it('the overdue reminder asks for the amount due after credit notes', async () => {
    const w = await world();
    const client = await createUser(t.db, 'client');
    await completedOrder(w, client, 300_000);
    const failed = await completedOrder(w, client, 100_000);
    await invoice(w);
    await failForQuality(w, failed.id);
    await t.db.transaction((tx) => remindOverdueInvoices(tx, '2099-01-01', 1_000));
    const [mail] = await t.db
      .select({ data: notifications.data })
      .from(notifications)
      .where(and(eq(notifications.kind, 'invoice_overdue'), eq(notifications.userId, client.id)));
    expect(mail.data).toMatchObject({ outstanding: 300_000 }); // 4 000 ₽ − 1 000 ₽ credited
  });

  it('a credit note is read by its client and staff only', async () => {
    const w = await world();
    const client = await createUser(t.db, 'client');
    const failed = await completedOrder(w, client, 100_000);
    await invoice(w);
    await failForQuality(w, failed.id);
    const [note] = (await getInvoice(t.db, client, await invoiceOf(client.id))).creditNotes;
    expect((await getCreditNote(t.db, client, note.id)).number).toBe(note.number);
    expect((await getCreditNote(t.db, w.manager, note.id)).number).toBe(note.number);
    const other = await createUser(t.db, 'client');
    await expect(getCreditNote(t.db, other, note.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getCreditNote(t.db, w.worker, note.id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('property: for any completions, failures, waivers and payments, documents and ledger agree', async () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('fail' as const), index: fc.nat(), charge: fc.boolean() }),
      fc.record({ kind: fc.constant('waive' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 800_000 }) }),
      fc.record({ kind: fc.constant('writeOff' as const), share: fc.integer({ min: 1, max: 100 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.integer({ min: 1, max: 5_000 }).map((r) => r * 100),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(
          fc.integer({ min: 1, max: 3_000 }).map((r) => r * 100),
          { maxLength: 2 },
        ),
        fc.array(op, { maxLength: 2 }),
        fc.array(op, { minLength: 1, maxLength: 5 }),
        async (prices, fees, beforeInvoicing, afterInvoicing) => {
          const w = await world();
          const client = await createUser(t.db, 'client');
          const done: { id: string }[] = [];
          for (const price of prices) done.push(await completedOrder(w, client, price));
          const cancelled: { id: string }[] = [];
          for (const fee of fees) cancelled.push(await cancelledWithFee(w, client, fee));
          const failedIds = new Set<string>();
          const waivedIds = new Set<string>();
          const apply = async (o: Op, invoiced: boolean) => {
            if (o.kind === 'fail') {
              const order = done[o.index % done.length];
              if (failedIds.has(order.id)) return;
              failedIds.add(order.id);
              await failForQuality(w, order.id, o.charge, invoiced ? after(w, 2) : sundayEvening(w));
            } else if (o.kind === 'waive') {
              if (cancelled.length === 0) return;
              const order = cancelled[o.index % cancelled.length];
              if (waivedIds.has(order.id)) return;
              waivedIds.add(order.id);
              const entry = await findEntryByKey(t.db, `order:${order.id}:cancellation_fee`);
              await reverseEntryByAdmin(t.db, w.admin, entry!.id, 'waived');
            } else if (o.kind === 'writeOff') {
              // Part of what the open invoices ask for (a write-off may not exceed it; none when nothing is due).
              const due = await openInvoicesDue(t.db, client.id);
              const amount = Math.floor((due * o.share) / 100);
              // An admin's: a manager's write-off above the approval threshold would wait instead of posting.
              if (amount > 0)
                await recordManualAdjustment(t.db, w.admin, {
                  kind: 'write_off',
                  subjectId: client.id,
                  amount,
                  reason: 'безнадёжный долг',
                  requestId: randomUUID(),
                });
            } else {
              const [open] = await t.db
                .select({ id: invoices.id })
                .from(invoices)
                .where(and(eq(invoices.clientId, client.id), eq(invoices.status, 'open')));
              if (open) await transfer(w, open.id, o.amount);
            }
          };
          for (const o of beforeInvoicing) await apply(o, false);
          await invoice(w);
          await expectDocumentsMatchLedger(client);
          for (const o of afterInvoicing) {
            await apply(o, true);
            await expectDocumentsMatchLedger(client);
          }
          // Every reversal of an invoiced charge left a credit note behind it.
          const reversals = await t.db.$count(
            journalEntries,
            and(
              eq(journalEntries.kind, 'reversal'),
              sql`${journalEntries.orderId} in (select ${orders.id} from ${orders} where ${orders.clientId} = ${client.id})`,
            ),
          );
          expect(reversals).toBe(failedIds.size + waivedIds.size);
        },
      ),
      { numRuns: 10 },
    );
  });
});
