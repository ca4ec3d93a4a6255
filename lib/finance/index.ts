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
