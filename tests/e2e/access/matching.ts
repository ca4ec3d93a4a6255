import { api, page, type AccessRule } from './types';

const unknownOrder = '00000000-0000-4000-8000-000000000000';

export const matchingRules: AccessRule[] = [
  page('/admin/dispatch', ['manager', 'admin']),
  // Staff reach the page and get "not found" for an order that does not exist; everyone else is turned away first.
  {
    path: `/admin/dispatch/${unknownOrder}`,
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 },
  },
  // The board's live version is for staff; a bad period is a 422, never a 500.
  api('/api/dispatch/version?from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z', ['manager', 'admin']),
  {
    path: '/api/dispatch/version?from=nope',
    expect: { anonymous: 401, client: 403, worker: 403, manager: 422, admin: 422 },
  },
  // A session is not enough for a cron route: only the bearer secret opens it.
  { path: '/api/cron/matching', expect: { anonymous: 401, client: 401, worker: 401, manager: 401, admin: 401 } },
];
