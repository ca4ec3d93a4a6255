import 'server-only';
// lib/finance/invoices: weekly invoices (set-based), their queries, void and re-issue.
export { invoiceBatch, type InvoiceBatchInput, type InvoiceBatchResult } from './generate';
export { invoicesJob } from './job';
export { notifyIssuedInvoices } from './notify';
export {
  listClientInvoices,
  listInvoicesAdmin,
  getInvoice,
  displayStatus,
  invoiceMoneyColumns,
  type InvoiceSummaryDto,
  type InvoiceDetailDto,
  type InvoiceLineDto,
  type InvoiceDisplayStatus,
  type AdminInvoiceFilter,
} from './queries';
export { voidInvoice, reissueInvoice } from './void';
export { voidInvoiceInput, type VoidInvoiceInput } from './schemas';
export { remindOverdueInvoices } from './overdue';
export { renderInvoicePdf, type PdfLabels } from './pdf';
export { applyClientCredit, CREDIT_PROVIDER, type AppliedCredit } from './apply-credit';
export { remindersJob } from './reminders-job';
