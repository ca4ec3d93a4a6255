import { exportOrders, ORDERS_CSV_HEADER } from '@/lib/orders';
import { csvExportRoute } from '@/lib/export-route';
import { deskFilterFrom } from '../filter';

/** Every order the desk's filters match, as a streamed CSV (not one page: the whole set), for staff. */
export const GET = csvExportRoute('/admin/orders/all/export', ['manager', 'admin'], async (c) => ({
  name: 'orders',
  header: ORDERS_CSV_HEADER,
  rows: exportOrders(c.db, c.actor, deskFilterFrom(c.params, c.timeZone), c.actor.locale),
}));
