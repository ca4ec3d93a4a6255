import 'server-only';
import { csvMoney, toCsv, type CsvCell } from '@/lib/csv';
import {
  afterCursor,
  containing,
  countUpTo,
  decodeCursor,
  exportRows,
  keysetPage,
  PAGE_SIZE,
  toPage,
  UNCOUNTED,
  type Page,
} from '@/lib/paging';
import type { PayslipAmounts } from './payslips';
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { rows } from '@/db/connect';
import { payrollRuns, payslipLines, payslips, workerProfiles, type PayrollStatus } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { personEmail, personName, personPhone } from '@/lib/auth';
import { recordAudit } from '@/lib/audit';
import { conflict, notFound } from '@/lib/errors';
import { resolveAccounts, accountCode, type AccountRef } from '../ledger';
import { enqueue } from '@/lib/notifications';
import { getSettings } from '@/lib/settings';
import { monthBounds, previousMonth } from '@/lib/scheduler/shared';
import { payrollBatch, refreshRunTotals } from './generate';

export type PayrollRunDto = {
  id: string;
  period: string;
  status: PayrollStatus;
  currency: string;
  workerCount: number;
  earnings: number;
  deductions: number;
  bonuses: number;
  tips: number;
  net: number;
  createdAt: Date;
  approvedAt: Date | null;
  paidAt: Date | null;
};

const runColumns = {
  id: payrollRuns.id,
  period: payrollRuns.period,
  status: payrollRuns.status,
  currency: payrollRuns.currency,
  workerCount: payrollRuns.workerCount,
  earnings: payrollRuns.earnings,
  deductions: payrollRuns.deductions,
  bonuses: payrollRuns.bonuses,
  tips: payrollRuns.tips,
  net: payrollRuns.net,
  createdAt: payrollRuns.createdAt,
  approvedAt: payrollRuns.approvedAt,
  paidAt: payrollRuns.paidAt,
};

export type PayrollRunRow = PayrollRunDto & {
  /** Net of the run a period earlier in the list (null: none). */
  previousNet: number | null;
};

/**
 * Payroll runs, newest period first, keyset-paged on the period (one run a period) with their count, each with
 * the net of the run before it, so "vs last month" holds on the last row of a page too. Payroll is the admins'
 * (as its pages are): managers see no pay runs.
 */
export async function listPayrollRuns(
  db: Db,
  actor: Actor,
  filter: { cursor?: string; limit?: number } = {},
): Promise<Page<PayrollRunRow>> {
  assertRole(actor, 'admin');
  const limit = Math.max(1, Math.min(filter.limit ?? PAGE_SIZE, 100));
  return keysetPage(
    db,
    db
      .select({
        ...runColumns,
        // The subquery names the outer table itself: drizzle leaves a one-table select's columns unqualified.
        previousNet: sql<number | null>`(select e.net from payroll_runs e where e.period < payroll_runs.period
          order by e.period desc limit 1)`.mapWith(Number),
      })
      .from(payrollRuns)
      .where(afterCursor([payrollRuns.period], decodeCursor(filter.cursor, 1), ['text'], 'desc'))
      .orderBy(desc(payrollRuns.period))
      .limit(limit + 1),
    { limit, keyOf: (r) => [r.period], count: db.select({ one: sql`1` }).from(payrollRuns) },
  );
}

export type PayslipSummaryDto = PayslipAmounts & {
  id: string;
  workerId: string;
  workerName: string;
  period: string;
  /** Net of the same worker's payslip a month earlier (null: none). */
  previousNet: number | null;
};

export type RunPayslipFilter = {
  /** Worker name fragment. */
  q?: string;
  cursor?: string;
  limit?: number;
};

/** A run and the one a month before it (for the differences), admins only. */
export async function getPayrollRun(
  db: Db,
  actor: Actor,
  runId: string,
): Promise<{ run: PayrollRunDto; previous: PayrollRunDto | null }> {
  assertRole(actor, 'admin');
  const [run] = await db.select(runColumns).from(payrollRuns).where(eq(payrollRuns.id, runId));
  if (!run) throw notFound('billing.errors.payrollRunNotFound');
  const [previous] = await db
    .select(runColumns)
    .from(payrollRuns)
    .where(eq(payrollRuns.period, previousMonth(run.period)));
  return { run, previous: previous ?? null };
}

type PayslipRow = {
  id: string;
  worker_id: string;
  worker_name: string;
  period: string;
  order_count: number;
  earnings: string;
  deductions: string;
  bonuses: string;
  tips: string;
  net: string;
  previous_net: string | null;
};

function payslipWhere(runId: string, filter: RunPayslipFilter): SQL {
  const q = filter.q?.trim().slice(0, 100);
  return q ? sql`p.run_id = ${runId}::uuid and u.name ilike ${containing(q)}` : sql`p.run_id = ${runId}::uuid`;
}

/** One page of a run's payslips in worker name order (then id), after the cursor. */
async function runPayslipRows(db: Db, runId: string, filter: RunPayslipFilter, limit: number): Promise<PayslipRow[]> {
  const key = decodeCursor(filter.cursor, 2);
  const after = key ? sql`and (u.name, p.id) > (${key[0]}::text, ${key[1]}::uuid)` : sql``;
  return rows<PayslipRow>(
    db,
    sql`select p.id, p.worker_id, u.name as worker_name, p.period, p.order_count, p.earnings, p.deductions, p.bonuses, p.tips, p.net,
               (select sum(q.net) from payslips q where q.worker_id = p.worker_id and q.period = to_char(to_date(p.period, 'YYYY-MM') - interval '1 month', 'YYYY-MM')) as previous_net
          from payslips p join users u on u.id = p.worker_id
         where ${payslipWhere(runId, filter)} ${after}
         order by u.name, p.id
         limit ${limit + 1}`,
  );
}

const payslipKey = (p: PayslipRow) => [p.worker_name, p.id];

function toPayslipSummary(p: PayslipRow): PayslipSummaryDto {
  return {
    id: p.id,
    workerId: p.worker_id,
    workerName: p.worker_name,
    period: p.period,
    orderCount: p.order_count,
    earnings: Number(p.earnings),
    deductions: Number(p.deductions),
    bonuses: Number(p.bonuses),
    tips: Number(p.tips),
    net: Number(p.net),
    previousNet: p.previous_net === null ? null : Number(p.previous_net),
  };
}

/**
 * A run's payslips, one a worker, by worker name, keyset-paged with their count, each with the difference from
 * the worker's payslip a month earlier. Admins only.
 */
export async function listRunPayslips(
  db: Db,
  actor: Actor,
  runId: string,
  filter: RunPayslipFilter = {},
): Promise<Page<PayslipSummaryDto>> {
  assertRole(actor, 'admin');
  const limit = Math.max(1, Math.min(filter.limit ?? PAGE_SIZE, 100));
  const [found, n] = await Promise.all([
    runPayslipRows(db, runId, filter, limit),
    countUpTo(
      db,
      sql`select 1 from payslips p join users u on u.id = p.worker_id where ${payslipWhere(runId, filter)}`,
    ),
  ]);
  return toPage(found, limit, payslipKey, toPayslipSummary, n);
}

export const RUN_PAYSLIPS_CSV_HEADER = [
  'worker',
  'worker_id',
  'period',
  'orders',
  'earnings',
  'deductions',
  'bonuses',
  'tips',
  'net',
  'previous_net',
  'currency',
];

/** Every payslip of a run the filter matches, as CSV rows batch by batch (a keyset walk); admins only. */
export async function exportRunPayslips(
  db: Db,
  actor: Actor,
  runId: string,
  filter: RunPayslipFilter = {},
): Promise<AsyncIterable<CsvCell[][]>> {
  const { run } = await getPayrollRun(db, actor, runId);
  return exportRows(
    async (cursor, limit) =>
      toPage(
        await runPayslipRows(db, runId, { ...filter, cursor }, limit),
        limit,
        payslipKey,
        toPayslipSummary,
        UNCOUNTED,
      ),
    (p) => [
      p.workerName,
      p.workerId,
      p.period,
      p.orderCount,
      csvMoney(p.earnings),
      csvMoney(p.deductions),
      csvMoney(p.bonuses),
      csvMoney(p.tips),
      csvMoney(p.net),
      p.previousNet === null ? '' : csvMoney(p.previousNet),
      run.currency,
    ],
  );
}

async function lockRun(tx: Db, runId: string) {
  const [run] = await tx
    .select({ id: payrollRuns.id, status: payrollRuns.status, period: payrollRuns.period })
    .from(payrollRuns)
    .where(eq(payrollRuns.id, runId))
    .for('update');
  if (!run) throw notFound('billing.errors.payrollRunNotFound');
  return run;
}

/**
 * Rebuilds a draft run from the ledger as it is now: a payslip line changes only through a ledger entry
 * (a fine waived, a bonus added), then the draft is recalculated.
 */
export async function recalculatePayrollRun(db: Db, actor: Actor, runId: string): Promise<PayrollRunDto> {
  assertRole(actor, 'admin');
  const { timeZone } = await getSettings(db);
  await db.transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    if (run.status !== 'draft') throw conflict('billing.errors.payrollNotDraft');
    const slipIds = tx.select({ id: payslips.id }).from(payslips).where(eq(payslips.runId, runId));
    await tx.delete(payslipLines).where(inArray(payslipLines.payslipId, slipIds));
    await tx.delete(payslips).where(eq(payslips.runId, runId));
    const { end } = monthBounds(run.period, timeZone);
    const now = new Date();
    await payrollBatch(tx, {
      runId,
      period: run.period,
      until: end < now ? end : now,
      afterWorkerId: null,
      limit: 1_000_000,
    });
    await refreshRunTotals(tx, runId);
    await recordAudit(tx, actor, { action: 'payroll.recalculate', entity: 'payroll_run', entityId: runId });
  });
  return (await db.select(runColumns).from(payrollRuns).where(eq(payrollRuns.id, runId)))[0];
}

/** draft → approved (admin, after review); every worker with a payslip gets the payslip_issued email. */
export async function approvePayrollRun(db: Db, actor: Actor, runId: string, now = new Date()): Promise<void> {
  assertRole(actor, 'admin');
  await db.transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    if (run.status !== 'draft') throw conflict('billing.errors.payrollNotDraft');
    await tx
      .update(payrollRuns)
      .set({ status: 'approved', approvedAt: now, approvedBy: actor.id })
      .where(eq(payrollRuns.id, runId));
    const slips = await tx
      .select({ id: payslips.id, workerId: payslips.workerId, net: payslips.net })
      .from(payslips)
      .where(eq(payslips.runId, runId));
    const { currency } = await getSettings(tx);
    for (const s of slips) {
      await enqueue(
        tx,
        { userId: s.workerId },
        'payslip_issued',
        { payslipId: s.id, period: run.period, net: s.net, currency },
        { idempotencyKey: `payslip_issued:${s.id}` },
      );
    }
    await recordAudit(tx, actor, {
      action: 'payroll.approve',
      entity: 'payroll_run',
      entityId: runId,
      before: { status: 'draft' },
      after: { status: 'approved' },
    });
  });
}

/**
 * approved → paid: one payout entry per payslip with a positive net (Dr the worker's payable, Cr cash),
 * written set-based: each entry has exactly two postings of +net and −net (balanced by construction, and
 * re-checked by the ledger's deferred trigger at commit) and the unique key `payout:<payslipId>`, so a
 * repeated call posts nothing. A payslip with net ≤ 0 pays nothing; the balance stays on the payable.
 */
export async function markPayrollPaid(
  db: Db,
  actor: Actor,
  runId: string,
  now = new Date(),
): Promise<{ payouts: number; total: number }> {
  assertRole(actor, 'admin');
  return db.transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    if (run.status !== 'approved') throw conflict('billing.errors.payrollNotApproved');
    const slips = await tx
      .select({ workerId: payslips.workerId })
      .from(payslips)
      .where(and(eq(payslips.runId, runId), gt(payslips.net, 0)));
    const refs: AccountRef[] = [
      { type: 'cash' },
      ...slips.map((s) => ({ type: 'payable' as const, workerId: s.workerId })),
    ];
    await resolveAccounts(tx, refs);
    const at = now.toISOString();
    const [res] = await rows<{ payouts: number; total: string }>(
      tx,
      sql`
      with slips as (
        select p.id, p.worker_id, p.net from payslips p where p.run_id = ${runId}::uuid and p.net > 0
      ),
      entries as (
        insert into journal_entries (key, kind, memo, actor_id, at)
        select 'payout:' || s.id, 'payout', ${`payroll ${run.period}`}, ${actor.id}::uuid, ${at}::timestamptz from slips s
        on conflict (key) do nothing
        returning id, key
      ),
      linked as (
        select e.id as entry_id, s.id as payslip_id, s.worker_id, s.net from entries e join slips s on e.key = 'payout:' || s.id
      ),
      posted as (
        insert into postings (entry_id, account_id, amount, at)
        select l.entry_id, a.id, l.net, ${at}::timestamptz from linked l join ledger_accounts a on a.code = ${accountCode({ type: 'payable', workerId: '' })} || l.worker_id::text
        union all
        select l.entry_id, (select id from ledger_accounts where code = 'cash'), -l.net, ${at}::timestamptz from linked l
        returning 1
      ),
      marked as (
        update payslips p set payout_entry_id = l.entry_id from linked l where p.id = l.payslip_id returning 1
      )
      select (select count(*)::int from linked) as payouts, (select coalesce(sum(net), 0)::bigint from linked) as total, (select count(*) from posted) as _p, (select count(*) from marked) as _m`,
    );
    await tx
      .update(payrollRuns)
      .set({ status: 'paid', paidAt: now, paidBy: actor.id })
      .where(eq(payrollRuns.id, runId));
    await recordAudit(tx, actor, {
      action: 'payroll.pay',
      entity: 'payroll_run',
      entityId: runId,
      before: { status: 'approved' },
      after: { status: 'paid', payouts: res.payouts },
    });
    return { payouts: res.payouts, total: Number(res.total) };
  });
}

/** The bank file: one transfer per positive payslip, to the worker's pay account (semicolon-separated, amounts in major units). */
export async function payrollBankCsv(db: Db, actor: Actor, runId: string): Promise<{ filename: string; csv: string }> {
  assertRole(actor, 'admin');
  const [run] = await db
    .select({ period: payrollRuns.period, status: payrollRuns.status, currency: payrollRuns.currency })
    .from(payrollRuns)
    .where(eq(payrollRuns.id, runId));
  if (!run) throw notFound('billing.errors.payrollRunNotFound');
  if (run.status === 'draft') throw conflict('billing.errors.payrollNotApproved');
  const list = await db
    .select({
      id: payslips.id,
      name: personName(payslips.workerId),
      email: personEmail(payslips.workerId),
      phone: personPhone(payslips.workerId),
      account: workerProfiles.bankAccount,
      bik: workerProfiles.bankBik,
      net: payslips.net,
    })
    .from(payslips)
    .leftJoin(workerProfiles, eq(workerProfiles.userId, payslips.workerId))
    .where(and(eq(payslips.runId, runId), gt(payslips.net, 0)))
    .orderBy(asc(personName(payslips.workerId)));
  const csv = toCsv(
    ['payslip_id', 'name', 'email', 'phone', 'account', 'bik', 'amount', 'currency', 'reference'],
    list.map((p) => [
      p.id,
      p.name,
      p.email,
      p.phone ?? '',
      p.account ?? '',
      p.bik ?? '',
      `${Math.trunc(p.net / 100)}.${String(p.net % 100).padStart(2, '0')}`,
      run.currency,
      `Payroll ${run.period}`,
    ]),
    { delimiter: ';' },
  );
  return { filename: `payroll-${run.period}.csv`, csv };
}
