import { page, type AccessRule } from './types';

const unknownId = '00000000-0000-4000-8000-000000000000';
// Staff reach a page and get "not found" for an id that does not exist; everyone else is turned away first.
const staffNotFound = { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 } as const;
const adminNotFound = { anonymous: 'login', client: 403, worker: 403, manager: 403, admin: 404 } as const;

export const qualityRules: AccessRule[] = [
  page('/admin/orders', ['manager', 'admin']),
  page('/admin/orders?kind=unmatched', ['manager', 'admin']),
  page('/admin/orders/all', ['manager', 'admin']),
  page('/admin/plans', ['manager', 'admin']),
  { path: `/admin/plans/${unknownId}`, expect: staffNotFound },
  page('/admin/orders/all?status=pending&q=BR', ['manager', 'admin']),
  { path: `/admin/orders/${unknownId}`, expect: staffNotFound },
  page('/admin/services', ['admin']),
  page('/admin/services/new', ['admin']),
  { path: `/admin/services/${unknownId}`, expect: adminNotFound },
  page('/admin/quality', ['manager', 'admin']),
  page('/admin/quality/forms/new', ['admin']),
  { path: `/admin/quality/forms/${unknownId}`, expect: adminNotFound },
  page('/admin/quality/analysis', ['manager', 'admin']),
  page('/admin/quality/analysis?dim=week', ['manager', 'admin']),
  page('/admin/quality/workers', ['manager', 'admin']),
  { path: `/admin/quality/workers/${unknownId}`, expect: staffNotFound },
  page('/admin/audit', ['admin']),
  // The CSV export is a route handler behind the /admin proxy: visitors are sent to sign in, other roles get 403.
  {
    path: '/admin/quality/analysis/export',
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 'ok', admin: 'ok' },
  },
];
