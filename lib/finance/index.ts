import 'server-only';
// lib/finance: the ledger, pay, penalties, balances and history. Other modules import from here only
// (pricing.ts, invoices/ and payroll/ are imported by their own paths).
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
  adjustmentLines,
  type AdjustmentFact,
} from './adjustments';
export { financeOnOrderChange, orderEntryKey, payForOrder } from './on-order-change';
export { computePay, defaultPayRates, type PayRate } from './pay';
export { payRateAt } from './rates';
export { failFinesByReason } from './fail-fines';
export {
  clientStatement,
  workerMonth,
  trialBalance,
  accountHistory,
  earningsCategory,
  type HistoryRow,
  type MonthTotals,
} from './history';
