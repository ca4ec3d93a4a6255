import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { invoiceLines, invoices, jobRuns, notifications, services } from '@/db/schema';
import { getInvoice, listClientInvoices, reissueInvoice, voidInvoice } from '@/lib/finance/invoices';
import { postEntry } from '@/lib/finance';
import { cronHandler, runJob } from '@/lib/scheduler';
import { onPostgres, setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

process.env.CRON_SECRET = 'test-cron-secret-123';
const t = setupTestDb();

// The week Monday 2026-11-16 .. Sunday 2026-11-22 in Moscow (UTC+3): it closes at 2026-11-22T21:00Z.
const WEEK = '2026-11-16';
const MONDAY_AFTER = new Date('2026-11-23T06:00:00Z');
const auth = { authorization: 'Bearer test-cron-secret-123' };

async function invoiceTotals(clientId: string) {
  return t.db
    .select({
      number: invoices.number,
      total: invoices.total,
      lineCount: invoices.lineCount,
      status: invoices.status,
      periodFrom: invoices.periodFrom,
    })
    .from(invoices)
    .where(eq(invoices.clientId, clientId));
}

describe('weekly invoices', () => {
  it('bills the week per client: completed orders and cancellation fees, Sunday 23:59 Moscow included, Monday 00:00 not', async () => {
    const w = await billingWorld(t.db);
    const a = await createUser(t.db, 'client');
    const b = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: a.id, price: 250_000, finishedAt: new Date('2026-11-16T08:00:00Z') });
    await makeOrder(t.db, w, { clientId: a.id, price: 123_45, finishedAt: new Date('2026-11-22T20:59:00Z') }); // Sunday 23:59 Moscow
    await makeOrder(t.db, w, { clientId: a.id, price: 999_00, finishedAt: new Date('2026-11-22T21:00:00Z') }); // Monday 00:00 Moscow: next week
    await makeOrder(t.db, w, {
      clientId: a.id,
      status: 'cancelled',
      cancellationFee: 30_000,
      updatedAt: new Date('2026-11-20T10:00:00Z'),
    });
    await makeOrder(t.db, w, {
      clientId: a.id,
      status: 'cancelled',
      cancellationFee: 0,
      updatedAt: new Date('2026-11-20T10:00:00Z'),
    });
    await makeOrder(t.db, w, { clientId: a.id, status: 'assigned', finishedAt: new Date('2026-11-18T10:00:00Z') });
    await makeOrder(t.db, w, { clientId: b.id, price: 50_000, finishedAt: new Date('2026-11-19T10:00:00Z') });

    const res = await runJob(t.db, 'invoices', { period: WEEK, now: MONDAY_AFTER });
    expect(res.outcome).toBe('completed');
    const [invA] = await invoiceTotals(a.id);
    // 250 000 + 12 345 + 30 000 (fee) = 292 345 kopecks, three lines.
    expect(invA).toMatchObject({ total: 292_345, lineCount: 3, status: 'open', periodFrom: WEEK });
    expect(invA.number).toMatch(/^INV-2026-\d{6}$/);
    const [invB] = await invoiceTotals(b.id);
    expect(invB).toMatchObject({ total: 50_000, lineCount: 1 });
    // The two numbers are consecutive.
    expect(Math.abs(Number(invA.number.slice(-6)) - Number(invB.number.slice(-6)))).toBe(1);
    expect(res.run.counts).toMatchObject({ invoices: 2, lines: 4, total: 342_345, emails: 2 });
    // An email per invoice, queued once.
    expect(await t.db.$count(notifications, eq(notifications.kind, 'invoice_issued'))).toBe(2);

    // The client sees it, with its lines; another client cannot.
    const list = (await listClientInvoices(t.db, a)).items;
    expect(list).toHaveLength(1);
    const detail = await getInvoice(t.db, a, list[0].id);
    expect(detail.lines.map((l) => l.amount).sort((x, y) => x - y)).toEqual([12_345, 30_000, 250_000]);
    // Each line names its order's service in both languages.
    const [service] = await t.db
      .select({ ru: services.nameRu, en: services.nameEn })
      .from(services)
      .where(eq(services.id, w.serviceId));
    expect(new Set(detail.lines.map((l) => `${l.serviceRu}|${l.serviceEn}`))).toEqual(
      new Set([`${service.ru}|${service.en}`]),
    );
    await expect(getInvoice(t.db, b, list[0].id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the route twice in a row and twice at once gives one set of invoices', async () => {
    const w = await billingWorld(t.db);
    const c = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: c.id, price: 70_000, finishedAt: new Date('2026-11-10T10:00:00Z') });
    const handler = cronHandler('invoices', async () => t.db);
    const week = '2026-11-09';
    const first = await handler(new Request(`http://x/api/cron/invoices?period=${week}`, { headers: auth }));
    expect(first.status).toBe(200);
    const again = await (
      await handler(new Request(`http://x/api/cron/invoices?period=${week}`, { headers: auth }))
    ).json();
    expect(again.outcome).toBe('already_done');
    expect(await invoiceTotals(c.id)).toHaveLength(1);

    const d = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: d.id, price: 80_000, finishedAt: new Date('2026-11-03T10:00:00Z') });
    const both = await Promise.all([
      handler(new Request('http://x/api/cron/invoices?period=2026-11-02', { headers: auth })),
      handler(new Request('http://x/api/cron/invoices?period=2026-11-02', { headers: auth })),
    ]);
    const outcomes = (await Promise.all(both.map((r) => r.json()))).map((j: { outcome: string }) => j.outcome);
    expect(outcomes.filter((o) => o === 'completed')).toHaveLength(1);
    expect(await invoiceTotals(d.id)).toHaveLength(1);
    expect(await t.db.$count(jobRuns, and(eq(jobRuns.job, 'invoices'), eq(jobRuns.period, '2026-11-02')))).toBe(1);
  });

  it('an order finished late in an already invoiced week goes on the next invoice, once', async () => {
    const w = await billingWorld(t.db);
    const c = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: c.id, price: 10_000, finishedAt: new Date('2026-10-20T10:00:00Z') });
    await runJob(t.db, 'invoices', { period: '2026-10-19', now: new Date('2026-10-26T06:00:00Z') });
    // Recorded afterwards, but finished inside the invoiced week.
    await makeOrder(t.db, w, { clientId: c.id, price: 20_000, finishedAt: new Date('2026-10-21T10:00:00Z') });
    await makeOrder(t.db, w, { clientId: c.id, price: 40_000, finishedAt: new Date('2026-10-28T10:00:00Z') });
    await runJob(t.db, 'invoices', { period: '2026-10-26', now: new Date('2026-11-02T06:00:00Z') });
    const all = (await invoiceTotals(c.id)).sort((x, y) => x.number.localeCompare(y.number));
    // First week 10 000; the next invoice 20 000 (late) + 40 000 = 60 000.
    expect(all.map((i) => i.total)).toEqual([10_000, 60_000]);
  });

  it('a run cut off after each chunk and resumed equals an uninterrupted run', async () => {
    const w = await billingWorld(t.db);
    const clients = await Promise.all(Array.from({ length: 7 }, () => createUser(t.db, 'client')));
    for (const [i, c] of clients.entries()) {
      await makeOrder(t.db, w, {
        clientId: c.id,
        price: 1_000 * (i + 1),
        finishedAt: new Date('2026-09-08T10:00:00Z'),
      });
      await makeOrder(t.db, w, { clientId: c.id, price: 100, finishedAt: new Date('2026-09-09T10:00:00Z') });
    }
    let result = await runJob(t.db, 'invoices', {
      period: '2026-09-07',
      now: new Date('2026-09-14T06:00:00Z'),
      budgetMs: 0,
      chunkSize: 2,
    });
    let calls = 1;
    while (result.outcome === 'partial') {
      result = await runJob(t.db, 'invoices', {
        period: '2026-09-07',
        now: new Date('2026-09-14T06:00:00Z'),
        budgetMs: 0,
        chunkSize: 2,
      });
      calls++;
    }
    expect(calls).toBeGreaterThan(4);
    // Σ (1000·i + 100) for i = 1..7 = 28 000 + 700 = 28 700, 14 lines, 7 invoices.
    expect(result.run.counts).toMatchObject({ invoices: 7, lines: 14, total: 28_700 });
    const [sums] = await rows<{ inv: string; lines: string; n: number }>(
      t.db,
      sql`select (select sum(total) from invoices where period_from = '2026-09-07') inv,
                 (select sum(l.amount) from invoice_lines l join invoices i on i.id = l.invoice_id where i.period_from = '2026-09-07') lines,
                 (select count(distinct number)::int from invoices where period_from = '2026-09-07') n`,
    );
    expect([Number(sums.inv), Number(sums.lines), sums.n]).toEqual([28_700, 28_700, 7]);
  });

  it('void releases the lines; re-issue bills them again with a new number', async () => {
    const w = await billingWorld(t.db);
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    const c = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: c.id, price: 33_300, finishedAt: new Date('2026-08-04T10:00:00Z') });
    await runJob(t.db, 'invoices', { period: '2026-08-03', now: new Date('2026-08-10T06:00:00Z') });
    const [inv] = await invoiceTotals(c.id);
    const [{ id }] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.number, inv.number));
    await expect(voidInvoice(t.db, manager, { invoiceId: id, reason: 'wrong address' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(reissueInvoice(t.db, admin, { invoiceId: id })).rejects.toMatchObject({ code: 'conflict' });
    await voidInvoice(t.db, admin, { invoiceId: id, reason: 'wrong address' });
    expect(await t.db.$count(invoiceLines, eq(invoiceLines.invoiceId, id))).toBe(0);
    const re = await reissueInvoice(t.db, admin, { invoiceId: id });
    expect(re.number).not.toBe(inv.number);
    const after = await getInvoice(t.db, c, re.invoiceId);
    expect(after).toMatchObject({ total: 33_300, status: 'open', reissueOf: id });
    expect((await getInvoice(t.db, c, id)).status).toBe('void');
    await expect(reissueInvoice(t.db, admin, { invoiceId: id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it.runIf(onPostgres())(
    'two different periods racing over the same unbilled orders never bill one twice',
    async () => {
      const w = await billingWorld(t.db);
      const cs = await Promise.all(Array.from({ length: 20 }, () => createUser(t.db, 'client')));
      for (const c of cs)
        await makeOrder(t.db, w, { clientId: c.id, price: 5_000, finishedAt: new Date('2026-07-07T10:00:00Z') });
      const now = new Date('2026-07-28T06:00:00Z');
      const results = await Promise.all([
        runJob(t.db, 'invoices', { period: '2026-07-13', now }),
        runJob(t.db, 'invoices', { period: '2026-07-20', now }),
      ]);
      // One may fail on the unique index and succeed when retried; run both again to settle.
      for (const r of results)
        if (r.outcome !== 'completed') await runJob(t.db, 'invoices', { period: r.run.period, now });
      const [c] = await rows<{ lines: number; orders: number }>(
        t.db,
        sql`select count(*)::int lines, count(distinct order_id)::int orders from invoice_lines l join invoices i on i.id = l.invoice_id where i.period_from in ('2026-07-13','2026-07-20')`,
      );
      expect(c).toEqual({ lines: 20, orders: 20 });
    },
  );
});

describe('charges for failed orders', () => {
  it('bills what lib/finance charged the client for a failed order, not the failed order itself', async () => {
    const w = await billingWorld(t.db);
    const c = await createUser(t.db, 'client');
    const charged = await makeOrder(t.db, w, {
      clientId: c.id,
      status: 'failed',
      price: 90_000,
      updatedAt: new Date('2026-04-08T10:00:00Z'),
    });
    await makeOrder(t.db, w, {
      clientId: c.id,
      status: 'failed',
      price: 80_000,
      updatedAt: new Date('2026-04-08T11:00:00Z'),
    });
    // As lib/finance posts it when a manager decides to charge 45 000 for the failed visit.
    await postEntry(t.db, {
      key: `order:${charged.id}:failure_charge`,
      kind: 'failure_charge',
      orderId: charged.id,
      at: new Date('2026-04-08T12:00:00Z'),
      lines: [
        { account: { type: 'receivable', clientId: c.id }, amount: 45_000 },
        { account: { type: 'revenue' }, amount: -45_000 },
      ],
    });
    await runJob(t.db, 'invoices', { period: '2026-04-06', now: new Date('2026-04-13T06:00:00Z') });
    const [inv] = await invoiceTotals(c.id);
    expect(inv).toMatchObject({ total: 45_000, lineCount: 1 });
  });
});

describe('reminders', () => {
  it('flags an overdue invoice and reminds its client once', async () => {
    const w = await billingWorld(t.db);
    const c = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: c.id, price: 44_400, finishedAt: new Date('2026-05-05T10:00:00Z') });
    // Issued Monday 2026-05-11, due 7 days later: 2026-05-18.
    await runJob(t.db, 'invoices', { period: '2026-05-04', now: new Date('2026-05-11T06:00:00Z') });
    const [inv] = await t.db
      .select({ id: invoices.id, dueDate: invoices.dueDate })
      .from(invoices)
      .where(eq(invoices.clientId, c.id));
    expect(inv.dueDate).toBe('2026-05-18');
    await runJob(t.db, 'reminders', { period: '2026-05-18' });
    expect(
      await t.db.$count(notifications, and(eq(notifications.kind, 'invoice_overdue'), eq(notifications.userId, c.id))),
    ).toBe(0);
    const r = await runJob(t.db, 'reminders', { period: '2026-05-19' });
    expect(r.run.counts.overdue).toBeGreaterThanOrEqual(1);
    await runJob(t.db, 'reminders', { period: '2026-05-20' });
    expect(
      await t.db.$count(notifications, and(eq(notifications.kind, 'invoice_overdue'), eq(notifications.userId, c.id))),
    ).toBe(1);
    const [list] = (await listClientInvoices(t.db, c, { status: 'overdue' })).items;
    expect(list.id).toBe(inv.id);
  });

  it("emails each worker tomorrow's assigned tasks with their service, once", async () => {
    const w = await billingWorld(t.db);
    const c = await createUser(t.db, 'client');
    const worker = await createUser(t.db, 'worker');
    const other = await createUser(t.db, 'worker');
    // Starts 2026-06-02 09:00 Moscow (06:00 UTC; makeOrder starts 3 h before `updatedAt`); the day after it does not.
    const task = await makeOrder(t.db, w, {
      clientId: c.id,
      status: 'assigned',
      workerId: worker.id,
      updatedAt: new Date('2026-06-02T09:00:00Z'),
    });
    await makeOrder(t.db, w, {
      clientId: c.id,
      status: 'assigned',
      workerId: other.id,
      updatedAt: new Date('2026-06-03T09:00:00Z'),
    });
    await runJob(t.db, 'reminders', { period: '2026-06-01' });
    await runJob(t.db, 'reminders', { period: '2026-06-01' });
    const [service] = await t.db
      .select({ ru: services.nameRu, en: services.nameEn })
      .from(services)
      .where(eq(services.id, w.serviceId));
    const sent = await t.db
      .select({ userId: notifications.userId, data: notifications.data })
      .from(notifications)
      .where(eq(notifications.kind, 'tomorrow_tasks'));
    expect(sent.filter((n) => n.userId === worker.id || n.userId === other.id)).toEqual([
      {
        userId: worker.id,
        data: expect.objectContaining({
          date: '2026-06-02',
          tasks: [expect.objectContaining({ orderId: task.id, number: task.number, service })],
        }),
      },
    ]);
  });
});
