import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { auditLog, invoices, journalEntries, moneyApprovals, notifications, payments, users } from '@/db/schema';
import {
  accountBalance,
  approveMoneyRequest,
  countPendingApprovals,
  listMoneyApprovals,
  recordManualAdjustment,
  rejectMoneyRequest,
} from '@/lib/finance';
import { openInvoicesDue } from '@/lib/finance/invoices/write-off';
import { recordBankTransfer } from '@/lib/payments';
import { runJob } from '@/lib/scheduler';
import { defaultSettings, updateSettings } from '@/lib/settings';
import { onPostgres, setupTestDb } from '../support/db';
import { createUser, type TestUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const t = setupTestDb();
let weekNo = 0;

/** A client with one open invoice for `price` minor units (a fresh closed week per call). */
async function clientWithInvoice(price: number): Promise<{ client: TestUser; invoiceId: string }> {
  const w = await billingWorld(t.db);
  const client = await createUser(t.db, 'client');
  const monday = new Date(Date.UTC(2026, 0, 5 + 7 * weekNo++));
  await makeOrder(t.db, w, { clientId: client.id, price, finishedAt: new Date(monday.getTime() + 36 * 3_600_000) });
  await runJob(t.db, 'invoices', {
    period: monday.toISOString().slice(0, 10),
    now: new Date(monday.getTime() + 8 * 86_400_000),
  });
  const [inv] = await t.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clientId, client.id));
  return { client, invoiceId: inv.id };
}

async function invoicePaid(invoiceId: string): Promise<number> {
  const [row] = await t.db.select({ paidAmount: invoices.paidAmount }).from(invoices).where(eq(invoices.id, invoiceId));
  return row.paidAmount;
}

const bonus = (workerId: string, amount: number, requestId = randomUUID()) => ({
  kind: 'bonus' as const,
  subjectId: workerId,
  amount,
  reason: 'Отличные отзывы за месяц',
  requestId,
});

const audits = (action: string, entityId: string) =>
  t.db.$count(auditLog, and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

const payable = (workerId: string) => accountBalance(t.db, { type: 'payable', workerId });

// The default threshold is 1 000 000 kopecks (10 000 ₽); the tests below rely on it unless they change it.
const THRESHOLD = defaultSettings.moneyApprovalThreshold;

describe('money approvals', () => {
  it('has a default threshold of 10 000 ₽', () => {
    expect(THRESHOLD).toBe(1_000_000);
  });

  it('a manager at or below the threshold posts at once, as before', async () => {
    const manager = await createUser(t.db, 'manager');
    const worker = await createUser(t.db, 'worker');
    const result = await recordManualAdjustment(t.db, manager, bonus(worker.id, THRESHOLD));
    expect(result).toMatchObject({ status: 'posted', created: true });
    // A bonus is owed to the worker: payable is credit-normal, so −1 000 000.
    expect(await payable(worker.id)).toBe(-1_000_000);
    expect(await t.db.$count(moneyApprovals, eq(moneyApprovals.subjectId, worker.id))).toBe(0);
  });

  it("a manager's bonus above the threshold waits; an admin's approval posts it once, audited", async () => {
    const manager = await createUser(t.db, 'manager');
    const otherManager = await createUser(t.db, 'manager');
    const admin = await createUser(t.db, 'admin');
    const worker = await createUser(t.db, 'worker');
    const input = bonus(worker.id, 1_500_000);
    const entriesBefore = await t.db.$count(journalEntries);

    const first = await recordManualAdjustment(t.db, manager, input);
    expect(first).toMatchObject({ status: 'pending', created: true });
    if (first.status !== 'pending') throw new Error('expected a pending request');
    // A double submit (same requestId) finds the same request.
    expect(await recordManualAdjustment(t.db, manager, input)).toEqual({
      status: 'pending',
      approvalId: first.approvalId,
      created: false,
    });
    // Nothing posted: no entry at all, the worker is owed nothing yet.
    expect(await t.db.$count(journalEntries)).toBe(entriesBefore);
    expect(await payable(worker.id)).toBe(0);
    expect(await audits('money_approval.request', first.approvalId)).toBe(1);
    // Every admin (and only admins) is emailed once about the new request, not again for the double submit.
    const emailed = await t.db
      .select({ role: users.role })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(
        and(
          eq(notifications.kind, 'money_approval_requested'),
          like(notifications.idempotencyKey, `money_approval_requested:${first.approvalId}:%`),
        ),
      );
    expect(emailed.map((e) => e.role)).toEqual(emailed.map(() => 'admin'));
    expect(emailed.length).toBe(await t.db.$count(users, and(eq(users.role, 'admin'))));

    // The requester sees it, with its outcome; another manager does not; an admin sees it in the queue.
    const mine = await listMoneyApprovals(t.db, manager, { status: 'all' });
    expect(mine.items.map((a) => a.id)).toEqual([first.approvalId]);
    expect(mine.items[0]).toMatchObject({ kind: 'bonus', amount: 1_500_000, status: 'pending' });
    expect((await listMoneyApprovals(t.db, otherManager, { status: 'all' })).items).toEqual([]);
    expect(await countPendingApprovals(t.db, manager)).toBe(1);
    expect(await countPendingApprovals(t.db, otherManager)).toBe(0);
    const queue = await listMoneyApprovals(t.db, admin, { status: 'pending' });
    expect(queue.items.map((a) => a.id)).toContain(first.approvalId);

    // A manager cannot approve (or reject), not even their own request.
    await expect(approveMoneyRequest(t.db, manager, first.approvalId)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(rejectMoneyRequest(t.db, manager, first.approvalId, 'не надо')).rejects.toMatchObject({
      code: 'forbidden',
    });

    const approved = await approveMoneyRequest(t.db, admin, first.approvalId);
    // Posted once: Dr payroll expense 1 500 000 / Cr the worker's payable 1 500 000.
    expect(await payable(worker.id)).toBe(-1_500_000);
    expect(await t.db.$count(journalEntries)).toBe(entriesBefore + 1);
    const [entry] = await t.db
      .select({ id: journalEntries.id, actorId: journalEntries.actorId })
      .from(journalEntries)
      .where(eq(journalEntries.key, `manual:${input.requestId}`));
    expect(approved).toEqual({ entryId: entry.id, paymentId: null });
    // The entry is the manager's (who entered it); the approval is the admin's.
    expect(entry.actorId).toBe(manager.id);
    const [row] = await t.db
      .select({ status: moneyApprovals.status, decidedBy: moneyApprovals.decidedBy, entryId: moneyApprovals.entryId })
      .from(moneyApprovals)
      .where(eq(moneyApprovals.id, first.approvalId));
    expect(row).toEqual({ status: 'approved', decidedBy: admin.id, entryId: entry.id });
    const [audit] = await t.db
      .select({ actorId: auditLog.actorId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'money_approval.approve'), eq(auditLog.entityId, first.approvalId)));
    expect(audit).toMatchObject({ actorId: admin.id, after: { entryId: entry.id, requestedBy: manager.id } });
    expect(await audits('finance.bonus', entry.id)).toBe(1);

    // Approving again posts nothing more; a double submit now finds the posted entry.
    await expect(approveMoneyRequest(t.db, admin, first.approvalId)).rejects.toMatchObject({
      code: 'conflict',
      message: 'finance.errors.approvalDecided',
    });
    expect(await recordManualAdjustment(t.db, manager, input)).toEqual({
      status: 'posted',
      entryId: entry.id,
      created: false,
    });
    expect(await payable(worker.id)).toBe(-1_500_000);
    expect(await countPendingApprovals(t.db, manager)).toBe(0);
  });

  it('a rejection needs a note, posts nothing and is audited', async () => {
    const manager = await createUser(t.db, 'manager');
    const admin = await createUser(t.db, 'admin');
    const worker = await createUser(t.db, 'worker');
    const requested = await recordManualAdjustment(t.db, manager, bonus(worker.id, 2_000_000));
    if (requested.status !== 'pending') throw new Error('expected a pending request');
    await expect(rejectMoneyRequest(t.db, admin, requested.approvalId, '  ')).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { note: 'finance.errors.noteRequired' },
    });
    await rejectMoneyRequest(t.db, admin, requested.approvalId, 'Премии выше 10 000 ₽ — только по приказу');
    expect(await payable(worker.id)).toBe(0);
    const [view] = (await listMoneyApprovals(t.db, manager, { status: 'rejected' })).items;
    expect(view).toMatchObject({
      id: requested.approvalId,
      status: 'rejected',
      decisionNote: 'Премии выше 10 000 ₽ — только по приказу',
      decidedByName: admin.name,
    });
    expect(await audits('money_approval.reject', requested.approvalId)).toBe(1);
    await expect(approveMoneyRequest(t.db, admin, requested.approvalId)).rejects.toMatchObject({ code: 'conflict' });
    expect(await payable(worker.id)).toBe(0);
  });

  it("an admin's own large bonus posts at once", async () => {
    const admin = await createUser(t.db, 'admin');
    const worker = await createUser(t.db, 'worker');
    expect(await recordManualAdjustment(t.db, admin, bonus(worker.id, 5_000_000))).toMatchObject({
      status: 'posted',
      created: true,
    });
    expect(await payable(worker.id)).toBe(-5_000_000);
    expect(await t.db.$count(moneyApprovals, eq(moneyApprovals.subjectId, worker.id))).toBe(0);
  });

  it('fines and supply charges never wait, whatever the amount', async () => {
    const manager = await createUser(t.db, 'manager');
    const worker = await createUser(t.db, 'worker');
    const fine = await recordManualAdjustment(t.db, manager, { ...bonus(worker.id, 3_000_000), kind: 'fine' });
    const charge = await recordManualAdjustment(t.db, manager, {
      ...bonus(worker.id, 2_000_000),
      kind: 'supply_charge',
    });
    expect([fine.status, charge.status]).toEqual(['posted', 'posted']);
    // The worker owes 3 000 000 + 2 000 000 = 5 000 000: payable debit balance.
    expect(await payable(worker.id)).toBe(5_000_000);
  });

  it('a write-off is checked against what is due when requested and again when approved', async () => {
    const manager = await createUser(t.db, 'manager');
    const admin = await createUser(t.db, 'admin');
    const { client } = await clientWithInvoice(3_000_000);
    // The fixture's invoice is written without its order's ledger entry, so the receivable is read as a change.
    const receivableBefore = await accountBalance(t.db, { type: 'receivable', clientId: client.id });
    const receivableChange = async () =>
      (await accountBalance(t.db, { type: 'receivable', clientId: client.id })) - receivableBefore;
    const due = () => openInvoicesDue(t.db, client.id);
    const writeOff = (actor: TestUser, amount: number) =>
      recordManualAdjustment(t.db, actor, {
        kind: 'write_off',
        subjectId: client.id,
        amount,
        reason: 'Клиент не отвечает полгода',
        requestId: randomUUID(),
      });
    // More than the 3 000 000 due is refused at once, not filed.
    await expect(writeOff(manager, 3_000_001)).rejects.toMatchObject({
      fields: { amount: 'finance.errors.writeOffTooLarge' },
    });
    const requested = await writeOff(manager, 2_000_000);
    if (requested.status !== 'pending') throw new Error('expected a pending request');
    expect(await due()).toBe(3_000_000);
    expect(await receivableChange()).toBe(0);
    // Meanwhile an admin writes off 1 500 000 directly: 3 000 000 − 1 500 000 = 1 500 000 still due.
    expect(await writeOff(admin, 1_500_000)).toMatchObject({ status: 'posted' });
    expect(await due()).toBe(1_500_000);
    expect(await receivableChange()).toBe(-1_500_000);
    // The 2 000 000 request now exceeds what is due: the approval is refused and changes nothing.
    await expect(approveMoneyRequest(t.db, admin, requested.approvalId)).rejects.toMatchObject({
      fields: { amount: 'finance.errors.writeOffTooLarge' },
    });
    expect(await due()).toBe(1_500_000);
    expect(await receivableChange()).toBe(-1_500_000);
    const [row] = await t.db
      .select({ status: moneyApprovals.status })
      .from(moneyApprovals)
      .where(eq(moneyApprovals.id, requested.approvalId));
    expect(row.status).toBe('pending');
    expect(await audits('money_approval.approve', requested.approvalId)).toBe(0);
    // A request within what is due is approved and settles it: 1 500 000 − 1 500 000 = 0 due, 3 000 000 written off.
    const fits = await writeOff(manager, 1_500_000);
    if (fits.status !== 'pending') throw new Error('expected a pending request');
    await approveMoneyRequest(t.db, admin, fits.approvalId);
    expect(await due()).toBe(0);
    expect(await receivableChange()).toBe(-3_000_000);
    await rejectMoneyRequest(t.db, admin, requested.approvalId, 'Уже списано администратором');
  });

  it("a manager's large bank transfer waits; approval applies it once; a reference recorded meanwhile refuses it", async () => {
    const manager = await createUser(t.db, 'manager');
    const admin = await createUser(t.db, 'admin');
    const { client, invoiceId } = await clientWithInvoice(3_000_000);
    const transfer = { invoiceId, amount: '12 000', reference: 'PP-APPROVE-1', receivedOn: '2026-02-02' };
    const receivableBefore = await accountBalance(t.db, { type: 'receivable', clientId: client.id });
    const first = await recordBankTransfer(t.db, manager, transfer);
    expect(first).toMatchObject({ status: 'pending', created: true });
    if (first.status !== 'pending') throw new Error('expected a pending request');
    expect(await recordBankTransfer(t.db, manager, transfer)).toEqual({
      status: 'pending',
      approvalId: first.approvalId,
      created: false,
    });
    // Nothing applied: the invoice still asks for all 3 000 000, no payment row.
    expect(await invoicePaid(invoiceId)).toBe(0);
    expect(await t.db.$count(payments, eq(payments.providerRef, 'PP-APPROVE-1'))).toBe(0);
    const [view] = (await listMoneyApprovals(t.db, admin, { status: 'pending' })).items.filter(
      (a) => a.id === first.approvalId,
    );
    expect(view).toMatchObject({ kind: 'bank_transfer', amount: 1_200_000, detail: 'PP-APPROVE-1', invoiceId });

    const approved = await approveMoneyRequest(t.db, admin, first.approvalId);
    // 12 000 ₽ = 1 200 000 paid on the invoice, credited to the client's receivable.
    expect(await invoicePaid(invoiceId)).toBe(1_200_000);
    expect(await accountBalance(t.db, { type: 'receivable', clientId: client.id })).toBe(receivableBefore - 1_200_000);
    const [payment] = await t.db
      .select({ id: payments.id, recordedBy: payments.recordedBy, entryId: payments.entryId })
      .from(payments)
      .where(eq(payments.providerRef, 'PP-APPROVE-1'));
    expect(approved).toEqual({ entryId: payment.entryId, paymentId: payment.id });
    expect(payment.recordedBy).toBe(manager.id);
    expect(await audits('money_approval.approve', first.approvalId)).toBe(1);
    expect(await audits('payment.bank_transfer', invoiceId)).toBe(1);
    // The same reference again is recorded already, by anyone.
    await expect(recordBankTransfer(t.db, manager, transfer)).rejects.toMatchObject({ code: 'conflict' });

    // A second request; an admin records the same reference directly before approving it.
    const second = await recordBankTransfer(t.db, manager, { ...transfer, reference: 'PP-APPROVE-2' });
    if (second.status !== 'pending') throw new Error('expected a pending request');
    expect(
      await recordBankTransfer(t.db, admin, { ...transfer, amount: '15 000', reference: 'PP-APPROVE-2' }),
    ).toMatchObject({ status: 'posted', appliedAmount: 1_500_000 });
    await expect(approveMoneyRequest(t.db, admin, second.approvalId)).rejects.toMatchObject({
      code: 'conflict',
      message: 'billing.errors.referenceAlreadyRecorded',
    });
    // Only the admin's 1 500 000 went in: 1 200 000 + 1 500 000 = 2 700 000 paid.
    expect(await invoicePaid(invoiceId)).toBe(2_700_000);
    await rejectMoneyRequest(t.db, admin, second.approvalId, 'Уже внесён администратором');
  });

  it('a threshold of 0 sends every manager bonus for approval', async () => {
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    const worker = await createUser(t.db, 'worker');
    await updateSettings(t.db, admin, { moneyApprovalThreshold: 0 });
    try {
      expect(await recordManualAdjustment(t.db, manager, bonus(worker.id, 1))).toMatchObject({ status: 'pending' });
      expect(await payable(worker.id)).toBe(0);
    } finally {
      await updateSettings(t.db, admin, { moneyApprovalThreshold: THRESHOLD });
    }
  });

  it.runIf(onPostgres())('two admins approving at once post once (PostgreSQL)', async () => {
    const manager = await createUser(t.db, 'manager');
    const admins = await Promise.all([createUser(t.db, 'admin'), createUser(t.db, 'admin')]);
    const worker = await createUser(t.db, 'worker');
    for (let round = 0; round < 5; round++) {
      const requested = await recordManualAdjustment(t.db, manager, bonus(worker.id, 1_100_000));
      if (requested.status !== 'pending') throw new Error('expected a pending request');
      const outcomes = await Promise.allSettled(admins.map((a) => approveMoneyRequest(t.db, a, requested.approvalId)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const [refused] = outcomes.filter((o) => o.status === 'rejected');
      expect(refused).toMatchObject({ reason: { code: 'conflict', message: 'finance.errors.approvalDecided' } });
      expect(await audits('money_approval.approve', requested.approvalId)).toBe(1);
    }
    // Five requests of 1 100 000, each posted once: 5 × 1 100 000 = 5 500 000 owed to the worker.
    expect(await payable(worker.id)).toBe(-5_500_000);
    const entries = await t.db.$count(
      journalEntries,
      and(like(journalEntries.key, 'manual:%'), eq(journalEntries.actorId, manager.id)),
    );
    expect(entries).toBe(5);
  });

  it.runIf(onPostgres())('a double submit racing with itself files one request (PostgreSQL)', async () => {
    const manager = await createUser(t.db, 'manager');
    const worker = await createUser(t.db, 'worker');
    const input = bonus(worker.id, 1_300_000);
    const results = await Promise.all([1, 2, 3].map(() => recordManualAdjustment(t.db, manager, input)));
    expect(new Set(results.map((r) => (r.status === 'pending' ? r.approvalId : r.entryId))).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await t.db.$count(moneyApprovals, eq(moneyApprovals.subjectId, worker.id))).toBe(1);
  });
});
