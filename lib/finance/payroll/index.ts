import 'server-only';
// lib/finance/payroll: monthly payroll runs (set-based), approval, payout, bank export, payslips.
export { payrollBatch, refreshRunTotals, type PayrollBatchInput, type PayrollBatchResult } from './generate';
export { payrollJob, ensureRun } from './job';
export {
  listPayrollRuns,
  getPayrollRun,
  listRunPayslips,
  exportRunPayslips,
  RUN_PAYSLIPS_CSV_HEADER,
  recalculatePayrollRun,
  approvePayrollRun,
  markPayrollPaid,
  payrollBankCsv,
  type PayrollRunDto,
  type PayrollRunRow,
  type RunPayslipFilter,
  type PayslipSummaryDto,
} from './runs';
export {
  listWorkerPayslips,
  getPayslip,
  type WorkerPayslipDto,
  type PayslipAmounts,
  type PayslipDetailDto,
  type PayslipLineDto,
} from './payslips';
export { renderPayslipPdf, payslipPdfSpec, type PayslipPdfLabels, type PayslipPdfOptions } from './payslip-pdf';
