import { AUDIT_CSV_HEADER, exportAudit } from '@/lib/audit';
import { csvExportRoute } from '@/lib/export-route';
import { auditFilterFrom } from '../filter';

/** The whole filtered audit log as a streamed CSV (the page's filters, every page of them), for admins. */
export const GET = csvExportRoute('/admin/audit/export', ['admin'], async (c) => ({
  name: 'audit',
  header: AUDIT_CSV_HEADER,
  rows: exportAudit(c.db, c.actor, auditFilterFrom(c.params, c.timeZone)),
}));
