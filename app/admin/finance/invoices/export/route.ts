import { exportInvoices, INVOICES_CSV_HEADER } from '@/lib/finance';
import { csvExportRoute } from '@/lib/export-route';
import { invoiceFilterFrom } from '../filter';

/** Every invoice the staff list's filters match, as a streamed CSV (the whole set, not one page). */
export const GET = csvExportRoute('/admin/finance/invoices/export', ['manager', 'admin'], async (c) => ({
  name: 'invoices',
  header: INVOICES_CSV_HEADER,
  rows: await exportInvoices(c.db, c.actor, invoiceFilterFrom(c.params)),
}));
