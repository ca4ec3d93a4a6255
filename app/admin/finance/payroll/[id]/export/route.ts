import { z } from 'zod';
import { exportRunPayslips, RUN_PAYSLIPS_CSV_HEADER } from '@/lib/finance';
import { csvExportRoute } from '@/lib/export-route';

/** Every payslip of a run the page's search matches, as a streamed CSV (the whole run, not one page). */
export const GET = csvExportRoute('/admin/finance/payroll/[id]/export', ['admin'], async (c) => ({
  name: 'payslips',
  header: RUN_PAYSLIPS_CSV_HEADER,
  rows: await exportRunPayslips(c.db, c.actor, z.uuid().parse(c.params.id), { q: c.params.q }),
}));
