import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { payrollRuns, payslipLines, payslips, type PayrollStatus, type PayslipLineKind } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { forbidden, notFound } from '@/lib/errors';

/** What a payslip adds up: its orders and money (minor units), as every payslip view shows them. */
export type PayslipAmounts = {
  orderCount: number;
  earnings: number;
  deductions: number;
  bonuses: number;
  tips: number;
  net: number;
};

export type WorkerPayslipDto = PayslipAmounts & {
  id: string;
  period: string;
  status: PayrollStatus;
  currency: string;
};

export type PayslipLineDto = {
  kind: PayslipLineKind;
  orderId: string | null;
  label: string;
  amount: number;
  occurredAt: Date;
};

export type PayslipDetailDto = WorkerPayslipDto & { workerName: string; lines: PayslipLineDto[] };

const columns = {
  id: payslips.id,
  period: payslips.period,
  status: payrollRuns.status,
  currency: payrollRuns.currency,
  orderCount: payslips.orderCount,
  earnings: payslips.earnings,
  deductions: payslips.deductions,
  bonuses: payslips.bonuses,
  tips: payslips.tips,
  net: payslips.net,
};

/** A worker's own payslips; drafts stay hidden until an admin approves the run. */
export async function listWorkerPayslips(db: Db, actor: Actor): Promise<WorkerPayslipDto[]> {
  if (actor.role !== 'worker') throw forbidden();
  return db
    .select(columns)
    .from(payslips)
    .innerJoin(payrollRuns, eq(payrollRuns.id, payslips.runId))
    .where(and(eq(payslips.workerId, actor.id), ne(payrollRuns.status, 'draft')))
    .orderBy(desc(payslips.period));
}

/** One payslip with every line: its worker (once approved) or staff; anyone else gets NotFound. */
/** A payslip: an admin's to read, or its own worker's once the run is approved (managers see none). */
export async function getPayslip(db: Db, actor: Actor, payslipId: string): Promise<PayslipDetailDto> {
  if (actor.role !== 'admin' && actor.role !== 'worker') throw forbidden();
  const [slip] = await db
    .select({ ...columns, workerId: payslips.workerId, workerName: personName(payslips.workerId) })
    .from(payslips)
    .innerJoin(payrollRuns, eq(payrollRuns.id, payslips.runId))
    .where(eq(payslips.id, payslipId));
  if (!slip || (actor.role === 'worker' && (slip.workerId !== actor.id || slip.status === 'draft')))
    throw notFound('billing.errors.payslipNotFound');
  const lines = await db
    .select({
      kind: payslipLines.kind,
      orderId: payslipLines.orderId,
      label: payslipLines.label,
      amount: payslipLines.amount,
      occurredAt: payslipLines.occurredAt,
    })
    .from(payslipLines)
    .where(eq(payslipLines.payslipId, payslipId))
    .orderBy(asc(payslipLines.occurredAt), asc(payslipLines.kind));
  const { workerId: _w, ...dto } = slip;
  void _w;
  return { ...dto, lines };
}
