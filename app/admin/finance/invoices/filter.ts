import type { AdminInvoiceFilter, InvoiceDisplayStatus } from '@/lib/finance';
import { one, type SearchParams } from '@/lib/quality/shared';

export const invoiceStatuses = ['open', 'overdue', 'paid', 'void'] as const;

/** The staff invoice list's filters as the page and its CSV export read them from the URL. */
export function invoiceFilterFrom(sp: SearchParams): AdminInvoiceFilter {
  const status = one(sp, 'status');
  const from = one(sp, 'from');
  return {
    status: (invoiceStatuses as readonly string[]).includes(status ?? '')
      ? (status as InvoiceDisplayStatus)
      : undefined,
    q: one(sp, 'q')?.slice(0, 100),
    from: from && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : undefined,
    cursor: one(sp, 'cursor'),
  };
}
