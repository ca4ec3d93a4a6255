import { page, type AccessRule } from './types';

const unknownId = '00000000-0000-4000-8000-000000000000';
// Staff reach a page and get "not found" for an id that does not exist; everyone else is turned away first.
const staffNotFound = { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 } as const;

export const clientsRules: AccessRule[] = [
  page('/admin/clients', ['manager', 'admin']),
  page('/admin/clients?q=%2B7%20900', ['manager', 'admin']),
  { path: `/admin/clients/${unknownId}`, expect: staffNotFound },
  { path: '/admin/clients/not-a-uuid', expect: staffNotFound },
  page('/admin/bookings/new', ['manager', 'admin']),
  page('/admin/bookings/new?q=client', ['manager', 'admin']),
  { path: `/admin/bookings/new?client=${unknownId}`, expect: staffNotFound },
];
