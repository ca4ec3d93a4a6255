import { invoices } from '@/db/schema';

/** What paying, collecting and reminding read of an invoice (one projection for finance and payments). */
export const invoiceMoneyColumns = {
  id: invoices.id,
  clientId: invoices.clientId,
  number: invoices.number,
  total: invoices.total,
  paidAmount: invoices.paidAmount,
  creditedAmount: invoices.creditedAmount,
  status: invoices.status,
  currency: invoices.currency,
};
