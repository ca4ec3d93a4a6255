import { page, type AccessRule } from './types';

export const foundationRules: AccessRule[] = [
  { path: '/', expect: { anonymous: 'ok', client: 'ok', worker: 'ok', manager: 'ok', admin: 'ok' } },
  page('/orders', ['client']),
  page('/invoices', ['client']),
  page('/account', ['client']),
  page('/worker', ['worker']),
  page('/admin', ['manager', 'admin']),
  page('/admin/users', ['admin']),
];
