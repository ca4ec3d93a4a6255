import 'server-only';
// lib/finance: pricing, the ledger, pay, penalties, balances, history, weekly invoices and monthly payroll.
// Other modules import from here only.
export * from './shared';
export * from './invoices';
export * from './payroll';
export { renderDocumentPdf, pdfFormat, pdfResponse, wrapText, type PdfDocumentSpec, type PdfRow } from './pdf';
export {
  postEntry,
  accountBalance,
  reverseEntry,
  resolveAccounts,
  accountCode,
  findEntryByKey,
  type AccountRef,
  type EntryLine,
  type PostEntryInput,
  type SystemAccountType,
  type LedgerActor,
} from './ledger';
export {
  recordAdjustmentTx,
  recordManualAdjustment,
  waiveFine,
  reverseEntryByAdmin,
  adjustmentLines,
  type AdjustmentFact,
  type ManualAdjustmentResult,
} from './adjustments';
export { needsApproval, requestApprovalTx, type LockedApproval, type RequestedApproval } from './approvals';
export { approveMoneyRequest, rejectMoneyRequest, installApprovalPoster, type ApprovalPoster } from './decide-approval';
export {
  listMoneyApprovals,
  countPendingApprovals,
  type MoneyApprovalView,
  type ApprovalsFilter,
} from './approvals-list';
export { financeOnOrderChange, orderEntryKey, payForMatches, payForOrder } from './on-order-change';
export { computePay, defaultPayRates, type PayRate } from './pay';
export { payRateAt } from './rates';
export { failFinesByReason } from './fail-fines';
export {
  clientStatement,
  workerMonth,
  trialBalance,
  trialBalancePage,
  accountHistory,
  earningsCategory,
  listAdjustments,
  searchPeople,
  type AdjustmentFilter,
  type PersonOption,
  trialBalanceCsv,
  type HistoryRow,
  type MonthTotals,
} from './history';
export {
  listPayRates,
  addPayRate,
  listPenaltyRules,
  updatePenaltyRule,
  ensureDefaultPenaltyRules,
  type PayRateView,
  type PenaltyRuleView,
} from './rules-admin';
export {
  tipOnInvoice,
  claimCardTip,
  settleCardTipTx,
  failCardTipTx,
  markTipChargeSentTx,
  chargingTipByRef,
  paidTipByRef,
  refundTipTx,
  tipsOfOrder,
  checkTipAmount,
  tipEntryKey,
  TIP_CHARGE_STALE_MS,
  type TipDto,
  type ClaimedTip,
  type RefundableTip,
} from './tips';
