import { page, type AccessRule } from './types';

const unknownId = '00000000-0000-4000-8000-000000000000';

export const financeRules: AccessRule[] = [
  page('/billing', ['client']),
  page('/worker/earnings', ['worker']),
  page('/admin/finance', ['manager', 'admin']),
  page('/admin/finance/adjustments', ['manager', 'admin']),
  // Admins decide money approvals; managers follow their own requests on the same page.
  page('/admin/finance/approvals', ['manager', 'admin']),
  page('/admin/finance/approvals?status=rejected', ['manager', 'admin']),
  // Pay rates and penalty rules are the admin's to edit.
  page('/admin/finance/rates', ['admin']),
  page('/admin/finance/penalties', ['admin']),
  {
    path: `/admin/finance/accounts/${unknownId}`,
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 },
  },
  // The CSV export sits under /admin, so the proxy sends visitors to sign in before the handler answers 401.
  {
    path: '/admin/finance/export',
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 'ok', admin: 'ok' },
  },
  page('/admin/finance/payments', ['manager', 'admin']),
  page('/admin/finance/payments?provider=bank_transfer&q=INV', ['manager', 'admin']),
  // A payment's refund page: staff only (an unknown payment is 404 to them); only admins see the form.
  {
    path: '/admin/finance/payments/00000000-0000-4000-8000-000000000000/refund',
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 },
  },
  // The streamed CSV exports of the staff lists: staff only (the audit log's: admins only).
  ...['/admin/finance/payments/export', '/admin/finance/invoices/export?status=open', '/admin/orders/all/export'].map(
    (path): AccessRule => ({
      path,
      expect: { anonymous: 'login', client: 403, worker: 403, manager: 'ok', admin: 'ok' },
    }),
  ),
  {
    path: '/admin/audit/export?entity=settings',
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 403, admin: 'ok' },
  },
];
