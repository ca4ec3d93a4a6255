import 'server-only';
// lib/finance/invoices: weekly invoices (set-based), their queries, void and re-issue.
export { invoiceBatch, type InvoiceBatchInput, type InvoiceBatchResult } from './generate';
export { invoicesJob } from './job';
export { notifyIssuedInvoices } from './notify';
export {
  listClientInvoices,
  listInvoicesAdmin,
  exportInvoices,
  INVOICES_CSV_HEADER,
  getInvoice,
  displayStatus,
  invoiceMoneyColumns,
  type InvoiceSummaryDto,
  type InvoiceDetailDto,
  type InvoiceLineDto,
  type InvoiceDisplayStatus,
  type AdminInvoiceFilter,
  type AdminInvoicePage,
} from './queries';
export { voidInvoice, reissueInvoice } from './void';
export { voidInvoiceInput, type VoidInvoiceInput } from './schemas';
export { remindOverdueInvoices } from './overdue';
export { renderInvoicePdf, invoicePdfSpec, type PdfLabels } from './pdf';
export { sellerLines, transferLines } from './requisites';
export { applyClientCredit, CREDIT_PROVIDER, type AppliedCredit } from './apply-credit';
export { remindersJob } from './reminders-job';
export { amountDue, settles } from './due';
export {
  invoiceMoney,
  payInvoice,
  unpayInvoice,
  invoiceNumber,
  invoiceNumberMatches,
  openInvoiceOfVisit,
  type InvoiceMoney,
} from './settle';
export {
  creditInvoicedCharge,
  creditNotesOfInvoice,
  getCreditNote,
  type CreditNoteDto,
  type CreditNoteLineDto,
  type IssuedCreditNote,
} from './credit-notes';
