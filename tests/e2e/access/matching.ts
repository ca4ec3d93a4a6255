import { page, type AccessRule } from './types';

const unknownOrder = '00000000-0000-4000-8000-000000000000';

export const matchingRules: AccessRule[] = [
  page('/admin/dispatch', ['manager', 'admin']),
  // Staff reach the page and get "not found" for an order that does not exist; everyone else is turned away first.
  {
    path: `/admin/dispatch/${unknownOrder}`,
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 },
  },
  // A session is not enough for a cron route: only the bearer secret opens it.
  { path: '/api/cron/matching', expect: { anonymous: 401, client: 401, worker: 401, manager: 401, admin: 401 } },
];
