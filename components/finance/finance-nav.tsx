import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Role } from '@/db/schema';

/** The finance section's own tabs; payroll, pay rates and penalty rules are admin-only. */
export async function FinanceNav({
  role,
  current,
}: {
  role: Role;
  current:
    'ledger' | 'adjustments' | 'approvals' | 'rates' | 'penalties' | 'invoices' | 'payments' | 'charges' | 'payroll';
}) {
  const t = await getTranslations('finance');
  const tb = await getTranslations('billing');
  const tabs = [
    { key: 'ledger', href: '/admin/finance', label: t('admin.tabs.ledger') },
    { key: 'adjustments', href: '/admin/finance/adjustments', label: t('admin.tabs.adjustments') },
    { key: 'invoices', href: '/admin/finance/invoices', label: tb('admin.title') },
    { key: 'payments', href: '/admin/finance/payments', label: t('admin.tabs.payments') },
    { key: 'charges', href: '/admin/finance/charges', label: tb('charges.failedTitle') },
    // Admins decide the requests; managers follow their own.
    { key: 'approvals', href: '/admin/finance/approvals', label: t('admin.tabs.approvals') },
    ...(role === 'admin'
      ? [
          { key: 'payroll', href: '/admin/finance/payroll', label: tb('payroll.title') },
          { key: 'rates', href: '/admin/finance/rates', label: t('admin.tabs.rates') },
          { key: 'penalties', href: '/admin/finance/penalties', label: t('admin.tabs.penalties') },
        ]
      : []),
  ];
  return (
    <nav aria-label={t('admin.title')} className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? 'page' : undefined}
          className={`min-h-11 whitespace-nowrap px-3 py-2 text-sm ${tab.key === current ? 'border-b-2 border-emerald-700 font-medium text-emerald-800' : 'text-slate-600'}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
