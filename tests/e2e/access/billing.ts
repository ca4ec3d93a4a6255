import { page, type AccessRule, type Who, type Outcome } from './types';

const unknownId = '00000000-0000-4000-8000-000000000000';
const everyone = (outcome: Outcome): Record<Who, Outcome> => ({
  anonymous: outcome,
  client: outcome,
  worker: outcome,
  manager: outcome,
  admin: outcome,
});

export const billingRules: AccessRule[] = [
  page('/invoices', ['client']),
  page('/worker/payslips', ['worker']),
  page('/admin/finance/invoices', ['manager', 'admin']),
  page('/admin/finance/payroll', ['admin']),
  page('/admin/jobs', ['admin']),
  {
    path: `/invoices/${unknownId}`,
    expect: { anonymous: 'login', client: 404, worker: 403, manager: 403, admin: 403 },
  },
  {
    path: `/worker/payslips/${unknownId}`,
    expect: { anonymous: 'login', client: 403, worker: 404, manager: 403, admin: 403 },
  },
  {
    path: `/admin/finance/invoices/${unknownId}`,
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 404, admin: 404 },
  },
  {
    path: `/admin/finance/payroll/${unknownId}`,
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 403, admin: 404 },
  },
  // Under /invoices and /admin the proxy sends visitors to sign in before the handlers answer.
  {
    path: `/invoices/${unknownId}/pdf`,
    expect: { anonymous: 'login', client: 404, worker: 403, manager: 404, admin: 404 },
  },
  {
    path: `/admin/finance/payroll/${unknownId}/csv`,
    expect: { anonymous: 'login', client: 403, worker: 403, manager: 403, admin: 404 },
  },
  // Cron routes answer only the bearer secret, never a session; the webhook only a valid signature.
  { path: '/api/cron/invoices', expect: everyone(401) },
  { path: '/api/cron/payroll', expect: everyone(401) },
  { path: '/api/cron/reminders', expect: everyone(401) },
  {
    path: '/api/webhooks/payments',
    method: 'POST',
    body: { id: 'evt_forged', type: 'checkout.session.completed' },
    expect: everyone(400),
  },
];
