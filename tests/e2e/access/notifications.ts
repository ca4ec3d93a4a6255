import { page, type AccessRule } from './types';

export const notificationsRules: AccessRule[] = [
  page('/admin/outbox', ['admin']),
  // The e2e server runs on the embedded database with no email provider: the development mailbox is on,
  // and it is a local tool with no sign-in (see lib/notifications/mailbox.ts).
  { path: '/dev/mailbox', expect: { anonymous: 'ok', client: 'ok', worker: 'ok', manager: 'ok', admin: 'ok' } },
  // A session is not enough for a cron route: only the bearer secret opens it.
  { path: '/api/cron/notifications', expect: { anonymous: 401, client: 401, worker: 401, manager: 401, admin: 401 } },
];
