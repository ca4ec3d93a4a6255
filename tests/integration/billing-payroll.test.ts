import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { auditLog, payrollRuns, payslips } from '@/db/schema';
import { recordAdjustmentTx, waiveFine } from '@/lib/finance/adjustments';
import { accountBalance } from '@/lib/finance';
import {
  approvePayrollRun,
  getPayrollRun,
  getPayslip,
  listPayrollRuns,
  listRunPayslips,
  listWorkerPayslips,
  markPayrollPaid,
  payrollBankCsv,
  recalculatePayrollRun,
} from '@/lib/finance/payroll';
import { runJob } from '@/lib/scheduler';
import { getWorker, updateWorkerProfile, workerPayoutAccount } from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const t = setupTestDb();

// October 2026 in Moscow: 2026-09-30T21:00Z .. 2026-10-31T21:00Z.
const OCT = '2026-10';
const NOV_1 = new Date('2026-11-01T03:00:00Z');

describe('monthly payroll', () => {
  it('earnings − fines − supply charges + bonuses per worker, draft → approved → paid with payouts and a bank file', async () => {
    const w = await billingWorld(t.db);
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    const client = await createUser(t.db, 'client');
    const anna = await createUser(t.db, 'worker', { name: 'Анна' });
    const olga = await createUser(t.db, 'worker', { name: 'Ольга' });
    const inOct = new Date('2026-10-10T10:00:00Z');
    await makeOrder(t.db, w, { clientId: client.id, workerId: anna.id, pay: 150_000, finishedAt: inOct });
    await makeOrder(t.db, w, {
      clientId: client.id,
      workerId: anna.id,
      pay: 87_550,
      finishedAt: new Date('2026-10-31T20:59:00Z'),
    }); // 23:59 Moscow, 31 Oct
    await makeOrder(t.db, w, {
      clientId: client.id,
      workerId: anna.id,
      pay: 99_999,
      finishedAt: new Date('2026-10-31T21:00:00Z'),
    }); // 1 Nov Moscow: next month
    await makeOrder(t.db, w, { clientId: client.id, workerId: olga.id, pay: 60_000, finishedAt: inOct });
    await makeOrder(t.db, w, {
      clientId: client.id,
      workerId: olga.id,
      pay: 70_000,
      status: 'cancelled',
      updatedAt: inOct,
    });
    const adj = (kind: 'fine' | 'bonus' | 'supply_charge', subjectId: string, amount: number, key: string) =>
      t.db.transaction((tx) =>
        recordAdjustmentTx(tx, { kind, subjectId, amount, reason: `${kind} test`, key, at: inOct }),
      );
    await adj('fine', anna.id, 15_000, 'f1');
    await adj('supply_charge', anna.id, 2_550, 's1');
    await adj('bonus', anna.id, 10_000, 'b1');
    await adj('fine', olga.id, 6_000, 'f2');
    await adj('fine', olga.id, 9_000, 'f3');
    const [waived] = await rows<{ id: string }>(
      t.db,
      sql`select a.id from adjustments a join journal_entries e on e.id = a.entry_id where e.key = 'f3'`,
    );
    await waiveFine(t.db, manager, waived.id, 'first time');

    const res = await runJob(t.db, 'payroll', { period: OCT, now: NOV_1 });
    expect(res.outcome).toBe('completed');
    const [run] = await t.db.select({ id: payrollRuns.id }).from(payrollRuns).where(eq(payrollRuns.period, OCT));
    const detail = await getPayrollRun(t.db, admin, run.id);
    const slips = await listRunPayslips(t.db, admin, run.id);
    const byName = Object.fromEntries(slips.items.map((p) => [p.workerName, p]));
    // Anna: 150 000 + 87 550 = 237 550 earnings; deductions 15 000 + 2 550 = 17 550; bonus 10 000; net 230 000.
    expect(byName['Анна']).toMatchObject({
      orderCount: 2,
      earnings: 237_550,
      deductions: 17_550,
      bonuses: 10_000,
      net: 230_000,
    });
    // Olga: 60 000 earnings (the cancelled order pays nothing); the waived 9 000 fine is not deducted: net 54 000.
    expect(byName['Ольга']).toMatchObject({
      orderCount: 1,
      earnings: 60_000,
      deductions: 6_000,
      bonuses: 0,
      net: 54_000,
    });
    // Run: 2 workers, net 230 000 + 54 000 = 284 000.
    expect(detail.run).toMatchObject({
      status: 'draft',
      workerCount: 2,
      earnings: 297_550,
      deductions: 23_550,
      bonuses: 10_000,
      net: 284_000,
    });

    // Drafts are invisible to workers; lines are complete for staff.
    expect(await listWorkerPayslips(t.db, anna)).toHaveLength(0);
    await expect(getPayslip(t.db, anna, byName['Анна'].id)).rejects.toMatchObject({ code: 'not_found' });
    const slip = await getPayslip(t.db, admin, byName['Анна'].id);
    expect(slip.lines.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-15_000, -2_550, 10_000, 87_550, 150_000]);

    // A bonus recorded during review changes the draft only through the ledger and a recalculation.
    await adj('bonus', olga.id, 1_000, 'b2');
    await recalculatePayrollRun(t.db, admin, run.id);
    expect((await getPayrollRun(t.db, admin, run.id)).run.net).toBe(285_000);

    await expect(approvePayrollRun(t.db, manager, run.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(markPayrollPaid(t.db, admin, run.id)).rejects.toMatchObject({ code: 'conflict' });
    await approvePayrollRun(t.db, admin, run.id);
    expect(await listWorkerPayslips(t.db, olga)).toMatchObject([{ period: OCT, net: 55_000, status: 'approved' }]);
    await expect(getPayslip(t.db, olga, byName['Анна'].id)).rejects.toMatchObject({ code: 'not_found' });

    // Anna's pay account, set on her profile: shown masked, written whole only into the bank file.
    const profile = await getWorker(t.db, admin, anna.id);
    await updateWorkerProfile(t.db, admin, {
      ...profile,
      phone: profile.phone ?? '+7 900 000-00-00',
      workerId: anna.id,
      bankAccount: '40817810099910004312',
      bankBik: '044525225',
    });
    expect(await workerPayoutAccount(t.db, admin, anna.id)).toEqual({ account: '•••• 4312', bik: '044525225' });
    const [audit] = await t.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'worker.update'), eq(auditLog.entityId, anna.id)));
    expect(JSON.stringify(audit.after)).not.toContain('40817810099910004312');

    const csv = await payrollBankCsv(t.db, admin, run.id);
    // Anna: 1 500 + 875,50 + 100 − 150 − 25,50 = 2 300 ₽, to her account; Olga has none on file.
    expect(csv.csv).toContain(';40817810099910004312;044525225;2300.00;RUB;Payroll 2026-10');
    expect(csv.csv).toContain(';;;550.00;RUB;Payroll 2026-10');

    const before = await accountBalance(t.db, { type: 'cash' });
    const paid = await markPayrollPaid(t.db, admin, run.id);
    expect(paid).toEqual({ payouts: 2, total: 285_000 });
    // Cash goes down by the payouts (credit).
    expect((await accountBalance(t.db, { type: 'cash' })) - before).toBe(-285_000);
    expect(await t.db.$count(payslips, sql`${payslips.payoutEntryId} is not null`)).toBe(2);
    await expect(markPayrollPaid(t.db, admin, run.id)).rejects.toMatchObject({ code: 'conflict' });

    // The next month picks up what came after (the 1 Nov order), and nothing already paid.
    await runJob(t.db, 'payroll', { period: '2026-11', now: new Date('2026-12-01T03:00:00Z') });
    const [nov] = await t.db.select({ id: payrollRuns.id }).from(payrollRuns).where(eq(payrollRuns.period, '2026-11'));
    const novRun = await listRunPayslips(t.db, admin, nov.id);
    expect(novRun.items).toMatchObject([{ workerName: 'Анна', earnings: 99_999, net: 99_999, previousNet: 230_000 }]);
  });

  it('a run cut off per worker chunk and resumed equals one uninterrupted run', async () => {
    const w = await billingWorld(t.db);
    const client = await createUser(t.db, 'client');
    const workers = await Promise.all(Array.from({ length: 5 }, () => createUser(t.db, 'worker')));
    for (const [i, wk] of workers.entries())
      await makeOrder(t.db, w, {
        clientId: client.id,
        workerId: wk.id,
        pay: 10_000 * (i + 1),
        finishedAt: new Date('2026-06-10T10:00:00Z'),
      });
    let r = await runJob(t.db, 'payroll', {
      period: '2026-06',
      now: new Date('2026-07-01T03:00:00Z'),
      budgetMs: 0,
      chunkSize: 2,
    });
    while (r.outcome === 'partial')
      r = await runJob(t.db, 'payroll', {
        period: '2026-06',
        now: new Date('2026-07-01T03:00:00Z'),
        budgetMs: 0,
        chunkSize: 2,
      });
    // 10 000 · (1+2+3+4+5) = 150 000 over 5 payslips.
    expect(r.run.counts).toEqual({ payslips: 5, lines: 5, net: 150_000 });
    const [run] = await t.db
      .select({ net: payrollRuns.net, n: payrollRuns.workerCount })
      .from(payrollRuns)
      .where(eq(payrollRuns.period, '2026-06'));
    expect(run).toEqual({ net: 150_000, n: 5 });
  });
});

describe('payroll is the admins’ in the module, as on the pages', () => {
  it('a manager can list no pay runs, open no run and read no payslip; a worker reads only their own', async () => {
    const manager = await createUser(t.db, 'manager');
    const admin = await createUser(t.db, 'admin');
    await expect(listPayrollRuns(t.db, manager)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listPayrollRuns(t.db, admin)).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(listRunPayslips(t.db, manager, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(getPayrollRun(t.db, manager, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(getPayslip(t.db, manager, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(getPayslip(t.db, admin, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('exports are safe to open in a spreadsheet', () => {
  it('a worker named like a formula reaches the bank file as text, not a formula', async () => {
    const admin = await createUser(t.db, 'admin');
    const evil = await createUser(t.db, 'worker', { name: '=HYPERLINK("http://evil.example","Зарплата")' });
    // 1 500 ₽ bonus is the whole net pay of the month.
    await t.db.transaction((tx) =>
      recordAdjustmentTx(tx, {
        kind: 'bonus',
        subjectId: evil.id,
        amount: 150_000,
        key: `bonus:${evil.id}`,
        reason: 'премия',
        at: new Date('2026-09-10T10:00:00Z'),
      }),
    );
    await runJob(t.db, 'payroll', { period: '2026-09', now: new Date('2026-10-01T03:00:00Z') });
    const [run] = await t.db.select({ id: payrollRuns.id }).from(payrollRuns).where(eq(payrollRuns.period, '2026-09'));
    await approvePayrollRun(t.db, admin, run.id);
    const { csv } = await payrollBankCsv(t.db, admin, run.id);
    const line = csv.split('\r\n').find((l) => l.includes('evil.example'))!;
    expect(line).toContain(`;"'=HYPERLINK(""http://evil.example"",""Зарплата"")";`);
    expect(line).toContain(';1500.00;RUB;');
  });
});
