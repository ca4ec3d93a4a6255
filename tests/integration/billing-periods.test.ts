import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { invoices, jobRuns, payrollRuns, payslips } from '@/db/schema';
import { reissueInvoice, voidInvoice } from '@/lib/finance/invoices';
import { cronHandler, runJob } from '@/lib/scheduler';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

process.env.CRON_SECRET = 'test-cron-secret-123';
const t = setupTestDb();
const auth = { authorization: 'Bearer test-cron-secret-123' };

// Week Monday 2026-11-16 .. Sunday 2026-11-22 in Moscow (UTC+3): it closes at 2026-11-22T21:00Z.
const WEEK = '2026-11-16';
const WEEK_CLOSES = new Date('2026-11-22T21:00:00Z');
// November 2026 in Moscow closes at 2026-11-30T21:00Z (1 December 00:00 local).
const MONTH_CLOSES = new Date('2026-11-30T21:00:00Z');

const notClosed = { code: 'validation_failed', fields: { period: 'billing.errors.periodNotClosed' } };

async function nothingWritten(job: string, period: string) {
  expect(await t.db.$count(jobRuns, and(eq(jobRuns.job, job), eq(jobRuns.period, period)))).toBe(0);
}

describe('jobs run only on a closed period', () => {
  it('refuses the weekly invoices one millisecond before the week closes in the company zone, and runs at the close', async () => {
    const w = await billingWorld(t.db);
    const c = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: c.id, price: 10_000, finishedAt: new Date('2026-11-18T10:00:00Z') });

    const before = new Date(WEEK_CLOSES.getTime() - 1);
    await expect(runJob(t.db, 'invoices', { period: WEEK, now: before })).rejects.toMatchObject(notClosed);
    await nothingWritten('invoices', WEEK);
    expect(await t.db.$count(invoices, eq(invoices.clientId, c.id))).toBe(0);

    const res = await runJob(t.db, 'invoices', { period: WEEK, now: WEEK_CLOSES });
    expect(res.outcome).toBe('completed');
    const [inv] = await t.db.select({ total: invoices.total }).from(invoices).where(eq(invoices.clientId, c.id));
    // The one order of the week: 10 000.
    expect(inv.total).toBe(10_000);
  });

  it("a future week is refused, so the real week's run still bills what the early run would have swept in", async () => {
    const w = await billingWorld(t.db);
    const c = await createUser(t.db, 'client');
    // Wednesday of the open week: an order finished this morning.
    const wednesday = new Date('2026-10-14T12:00:00Z');
    await makeOrder(t.db, w, { clientId: c.id, price: 32_400, finishedAt: new Date('2026-10-14T09:00:00Z') });

    await expect(runJob(t.db, 'invoices', { period: '2030-01-07', now: wednesday })).rejects.toMatchObject(notClosed);
    await nothingWritten('invoices', '2030-01-07');

    await runJob(t.db, 'invoices', { period: '2026-10-12', now: new Date('2026-10-19T06:00:00Z') });
    const rows = await t.db
      .select({ total: invoices.total, periodFrom: invoices.periodFrom })
      .from(invoices)
      .where(eq(invoices.clientId, c.id));
    // Billed once, on the invoice of its own week: 32 400.
    expect(rows).toEqual([{ total: 32_400, periodFrom: '2026-10-12' }]);
  });

  it('the cron route answers 422 with the reason for a period that has not closed, and writes nothing', async () => {
    const handler = cronHandler('invoices', async () => t.db);
    const res = await handler(new Request('http://x/api/cron/invoices?period=2099-01-05', { headers: auth }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error).toMatchObject(notClosed);
    await nothingWritten('invoices', '2099-01-05');

    const payroll = cronHandler('payroll', async () => t.db);
    const res2 = await payroll(new Request('http://x/api/cron/payroll?period=2099-01', { headers: auth }));
    expect(res2.status).toBe(422);
    await nothingWritten('payroll', '2099-01');
  });

  it('refuses payroll for a month that has not closed (no payslip from the previous month), and runs at the close', async () => {
    const w = await billingWorld(t.db);
    const worker = await createUser(t.db, 'worker');
    const c = await createUser(t.db, 'client');
    await makeOrder(t.db, w, {
      clientId: c.id,
      workerId: worker.id,
      price: 50_000,
      pay: 27_500,
      finishedAt: new Date('2026-11-10T10:00:00Z'),
    });

    // A month far ahead, asked in November: refused, so November's pay cannot land on a January payslip.
    await expect(
      runJob(t.db, 'payroll', { period: '2031-01', now: new Date('2026-11-15T10:00:00Z') }),
    ).rejects.toMatchObject(notClosed);
    await nothingWritten('payroll', '2031-01');
    expect(await t.db.$count(payrollRuns)).toBe(0);

    await expect(
      runJob(t.db, 'payroll', { period: '2026-11', now: new Date(MONTH_CLOSES.getTime() - 1) }),
    ).rejects.toMatchObject(notClosed);
    expect(await t.db.$count(payslips)).toBe(0);

    const res = await runJob(t.db, 'payroll', { period: '2026-11', now: MONTH_CLOSES });
    expect(res.outcome).toBe('completed');
    const [slip] = await t.db.select({ workerId: payslips.workerId }).from(payslips);
    expect(slip.workerId).toBe(worker.id);
  });

  it('a re-issued invoice takes nothing dated after its own week', async () => {
    const w = await billingWorld(t.db);
    const admin = await createUser(t.db, 'admin');
    const c = await createUser(t.db, 'client');
    await makeOrder(t.db, w, { clientId: c.id, price: 10_000, finishedAt: new Date('2026-09-09T10:00:00Z') });
    await runJob(t.db, 'invoices', { period: '2026-09-07', now: new Date('2026-09-14T06:00:00Z') });
    const [first] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, c.id));
    // Finished the week after, before the re-issue: it belongs to the next week's invoice.
    await makeOrder(t.db, w, { clientId: c.id, price: 70_000, finishedAt: new Date('2026-09-16T10:00:00Z') });

    await voidInvoice(t.db, admin, { invoiceId: first.id, reason: 'wrong address' });
    const re = await reissueInvoice(t.db, admin, { invoiceId: first.id });
    const [again] = await t.db.select({ total: invoices.total }).from(invoices).where(eq(invoices.id, re.invoiceId));
    // Only the week's own order: 10 000 (not 10 000 + 70 000).
    expect(again.total).toBe(10_000);

    await runJob(t.db, 'invoices', { period: '2026-09-14', now: new Date('2026-09-21T06:00:00Z') });
    const next = await t.db
      .select({ total: invoices.total })
      .from(invoices)
      .where(and(eq(invoices.clientId, c.id), eq(invoices.periodFrom, '2026-09-14')));
    expect(next).toEqual([{ total: 70_000 }]);
  });
});
