import { page, type AccessRule } from './types';

const unknownId = '00000000-0000-4000-8000-000000000000';

export const workersRules: AccessRule[] = [
  page('/worker/availability', ['worker']),
  page('/worker/supplies', ['worker']),
  page('/admin/workers', ['manager', 'admin']),
  page('/admin/supplies', ['manager', 'admin']),
  // A task that is not the worker's (here: none at all) is 404 for the worker; other roles never get in.
  {
    path: `/worker/tasks/${unknownId}`,
    expect: { anonymous: 'login', client: 403, worker: 404, manager: 403, admin: 403 },
  },
  {
    path: `/admin/workers/${unknownId}`,
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 },
  },
  // The calendar feed needs no session: only a valid secret token opens it.
  {
    path: '/api/workers/calendar/not-a-real-token-0123456789abcdef',
    expect: { anonymous: 404, client: 404, worker: 404, manager: 404, admin: 404 },
  },
];
