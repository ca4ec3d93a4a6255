import type { Role } from '@/db/schema';

// Each portal's navigation; a module that adds a page adds its entry here. Labels are keys of `portal`.
export type NavEntry = { href: string; label: string; roles?: Role[] };

export const clientNav: NavEntry[] = [
  { href: '/orders', label: 'client.orders' },
  { href: '/services', label: 'client.services' },
  { href: '/invoices', label: 'client.invoices' },
  { href: '/billing', label: 'client.billing' },
  { href: '/account', label: 'client.account' },
];

export const workerNav: NavEntry[] = [
  { href: '/worker', label: 'worker.tasks' },
  { href: '/worker/availability', label: 'worker.availability' },
  { href: '/worker/supplies', label: 'worker.supplies' },
  { href: '/worker/earnings', label: 'worker.earnings' },
  { href: '/worker/payslips', label: 'worker.payslips' },
];

export const adminNav: NavEntry[] = [
  { href: '/admin', label: 'admin.dashboard' },
  { href: '/admin/orders', label: 'admin.orders' },
  { href: '/admin/clients', label: 'admin.clients' },
  { href: '/admin/plans', label: 'admin.plans' },
  { href: '/admin/dispatch', label: 'admin.dispatch' },
  { href: '/admin/workers', label: 'admin.workers' },
  { href: '/admin/supplies', label: 'admin.supplies' },
  { href: '/admin/services', label: 'admin.services', roles: ['admin'] },
  { href: '/admin/quality', label: 'admin.quality' },
  { href: '/admin/finance', label: 'admin.finance', roles: ['manager', 'admin'] },
  { href: '/admin/users', label: 'admin.users', roles: ['admin'] },
  { href: '/admin/audit', label: 'admin.audit', roles: ['admin'] },
  { href: '/admin/outbox', label: 'admin.outbox', roles: ['admin'] },
  { href: '/admin/jobs', label: 'admin.jobs', roles: ['admin'] },
  // Managers read the settings (to explain the rules to clients and workers); only admins change them.
  { href: '/admin/settings', label: 'admin.settings', roles: ['manager', 'admin'] },
  { href: '/security', label: 'admin.security' },
];
