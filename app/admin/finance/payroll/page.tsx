import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listPayrollRuns } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'payroll.title');

export default async function PayrollPage() {
  const actor = await requireRole('admin');
  const runs = await listPayrollRuns(await getDb(), actor);
  const t = await getTranslations('billing');
  const locale = await pageLocale();
  return (
    <div className="space-y-4">
      <PageTitle>{t('payroll.title')}</PageTitle>
      <FinanceNav role={actor.role} current="payroll" />
      <Card title={t('payroll.runs')}>
        {runs.length === 0 ? <Placeholder>{t('payroll.noRuns')}</Placeholder> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-2">{t('period')}</th>
                <th className="text-right">{t('payroll.workers')}</th>
                <th className="text-right">{t('payroll.net')}</th>
                <th className="text-right">{t('payroll.vsLastMonth')}</th>
                <th>{t('statusLabel')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {runs.map((run, i) => {
                const previous = runs[i + 1];
                const diff = previous ? run.net - previous.net : null;
                return (
                  <tr key={run.id} data-testid={`payroll-run-${run.period}`}>
                    <td className="py-2">
                      <Link href={`/admin/finance/payroll/${run.id}`} className="text-emerald-800 underline">
                        {run.period}
                      </Link>
                    </td>
                    <td className="text-right">{run.workerCount}</td>
                    <td className="text-right">{formatMoney(run.net, run.currency, locale)}</td>
                    <td className="text-right">
                      {diff === null
                        ? t('payroll.noPrevious')
                        : `${diff >= 0 ? '+' : ''}${formatMoney(diff, run.currency, locale)}`}
                    </td>
                    <td>
                      <StatusBadge status={run.status} label={t(`payroll.status.${run.status}`)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
