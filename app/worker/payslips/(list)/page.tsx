import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listWorkerPayslips } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'payslips.title');

export default async function PayslipsPage() {
  const actor = await requireRole('worker');
  const slips = await listWorkerPayslips(await getDb(), actor);
  const t = await getTranslations('billing');
  const locale = await pageLocale();
  return (
    <>
      <PageTitle>{t('payslips.title')}</PageTitle>
      {slips.length === 0 ? (
        <Placeholder>{t('payslips.none')}</Placeholder>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {slips.map((s) => (
              <li key={s.id} className="flex items-center gap-3">
                <Link href={`/worker/payslips/${s.id}`} className="flex flex-1 items-center justify-between gap-2 py-3">
                  <div>
                    <p className="font-medium">{t('payslips.payslip', { period: s.period })}</p>
                    <p className="text-sm text-slate-500">
                      {t('payroll.orders')}: {s.orderCount}
                    </p>
                  </div>
                  <div className="text-right">
                    <p className="font-semibold tabular-nums">{formatMoney(s.net, s.currency, locale)}</p>
                    <StatusBadge status={s.status} label={t(`payroll.status.${s.status}`)} />
                  </div>
                </Link>
                <a
                  href={`/worker/payslips/${s.id}/pdf`}
                  className="text-sm text-emerald-800 underline"
                  aria-label={t('payslips.downloadPdf', { period: s.period })}
                  download
                >
                  {t('payslips.pdf')}
                </a>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
