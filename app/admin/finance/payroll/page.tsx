import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { StatusBadge } from '@/components/ui/status-badge';
import { DataTable } from '@/components/ui/data-table';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listPayrollRuns } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { one } from '@/lib/quality/shared';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'payroll.title');

// Every payroll run, newest month first, keyset-paged (the cursor in the URL).
export default async function PayrollPage({ searchParams }: PageProps<'/admin/finance/payroll'>) {
  const actor = await requireRole('admin');
  const sp = await searchParams;
  const runs = await listPayrollRuns(await getDb(), actor, { cursor: one(sp, 'cursor') });
  const t = await getTranslations('billing');
  const locale = await pageLocale();
  return (
    <div className="space-y-4">
      <PageTitle>{t('payroll.title')}</PageTitle>
      <FinanceNav role={actor.role} current="payroll" />
      <Card title={t('payroll.runs')}>
        {runs.items.length === 0 ? <Placeholder>{t('payroll.noRuns')}</Placeholder> : null}
        <DataTable
          minWidth="36rem"
          testId="payroll-runs"
          columns={[
            { label: t('period') },
            { label: t('payroll.workers'), align: 'right' },
            { label: t('payroll.net'), align: 'right' },
            { label: t('payroll.vsLastMonth'), align: 'right' },
            { label: t('statusLabel') },
          ]}
        >
          {runs.items.map((run) => {
            const diff = run.previousNet === null ? null : run.net - run.previousNet;
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
        </DataTable>
        <ListPager page={runs} path="/admin/finance/payroll" params={sp} />
      </Card>
    </div>
  );
}
