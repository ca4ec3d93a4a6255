import { exportPayments, PAYMENTS_CSV_HEADER } from '@/lib/payments';
import { csvExportRoute } from '@/lib/export-route';
import { paymentFilterFrom } from '../filter';

/** Every payment the list's filters match, as a streamed CSV (the whole set, not one page), for staff. */
export const GET = csvExportRoute('/admin/finance/payments/export', ['manager', 'admin'], async (c) => ({
  name: 'payments',
  header: PAYMENTS_CSV_HEADER,
  rows: exportPayments(c.db, c.actor, paymentFilterFrom(c.params, c.timeZone)),
}));
