import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { PayrollActions } from '@/components/billing/payroll-actions';
import { DataTable } from '@/components/ui/data-table';
import { ListFilters } from '@/components/ui/list-filters';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { getPayrollRun, listRunPayslips } from '@/lib/finance';
import { one } from '@/lib/quality/shared';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'payroll.title');

// A run's totals and actions, then its payslips by worker name, searchable and keyset-paged (both in the URL).
export default async function PayrollRunPage({ params, searchParams }: PageProps<'/admin/finance/payroll/[id]'>) {
  const actor = await requireRole('admin');
  const { id } = await params;
  const sp = await searchParams;
  const db = await getDb();
  const filter = { q: one(sp, 'q')?.slice(0, 100), cursor: one(sp, 'cursor') };
  const [{ run, previous }, payslips] = await orNotFound(id, async () =>
    Promise.all([getPayrollRun(db, actor, id), listRunPayslips(db, actor, id, filter)]),
  );
  const t = await getTranslations('billing');
  const locale = await pageLocale();
  const money = (v: number) => formatMoney(v, run.currency, locale);
  const delta = (now: number, before: number | null | undefined) =>
    before === null || before === undefined
      ? t('payroll.noPrevious')
      : `${now - before >= 0 ? '+' : ''}${money(now - before)}`;
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          run.status !== 'draft' ? (
            <a href={`/admin/finance/payroll/${run.id}/csv`} className={buttonClass('secondary')} download>
              {t('payroll.bankCsv')}
            </a>
          ) : null
        }
      >
        {t('payroll.run', { period: run.period })}
      </PageTitle>
      <Link href="/admin/finance/payroll" className="text-sm text-emerald-800 underline">
        {t('payroll.runs')}
      </Link>
      <Card>
        <div className="mb-3 flex items-center gap-2">
          <StatusBadge status={run.status} label={t(`payroll.status.${run.status}`)} />
        </div>
        <dl className="grid grid-cols-2 gap-2 text-sm tabular-nums sm:grid-cols-5">
          {(
            [
              ['workers', String(run.workerCount), previous ? String(run.workerCount - previous.workerCount) : null],
              ['earnings', money(run.earnings), previous ? delta(run.earnings, previous.earnings) : null],
              ['deductions', money(run.deductions), previous ? delta(run.deductions, previous.deductions) : null],
              ['bonuses', money(run.bonuses), previous ? delta(run.bonuses, previous.bonuses) : null],
              ['net', money(run.net), previous ? delta(run.net, previous.net) : null],
            ] as const
          ).map(([key, value, diff]) => (
            <div key={key} className="rounded-lg bg-slate-50 p-2">
              <dt className="text-slate-500">{t(`payroll.${key}`)}</dt>
              <dd className="font-semibold" data-testid={`run-${key}`}>
                {value}
              </dd>
              {diff !== null ? (
                <dd className="text-xs text-slate-500">{`${diff} ${t('payroll.vsLastMonth')}`}</dd>
              ) : null}
            </div>
          ))}
        </dl>
        <div className="mt-4">
          <PayrollActions runId={run.id} status={run.status} currency={run.currency} />
        </div>
      </Card>
      <Card title={t('payroll.payslips')}>
        <div className="mb-4">
          <ListFilters fields={[{ kind: 'text', name: 'q', label: t('payroll.findWorker'), value: filter.q }]} />
        </div>
        {payslips.items.length === 0 ? <Placeholder>{t('payroll.noPayslips')}</Placeholder> : null}
        <DataTable
          minWidth="40rem"
          testId="run-payslips"
          columns={[
            { label: t('payroll.workers') },
            { label: t('payroll.orders'), align: 'right' },
            { label: t('payroll.earnings'), align: 'right' },
            { label: t('payroll.deductions'), align: 'right' },
            { label: t('payroll.bonuses'), align: 'right' },
            { label: t('payroll.net'), align: 'right' },
            { label: t('payroll.vsLastMonth'), align: 'right' },
            { label: t('payslips.pdf'), align: 'right' },
          ]}
        >
          {payslips.items.map((p) => (
            <tr key={p.id}>
              <td className="py-2">{p.workerName}</td>
              <td className="text-right">{p.orderCount}</td>
              <td className="text-right">{money(p.earnings)}</td>
              <td className="text-right">{money(p.deductions)}</td>
              <td className="text-right">{money(p.bonuses)}</td>
              <td className="text-right font-semibold">{money(p.net)}</td>
              <td className="text-right">{delta(p.net, p.previousNet)}</td>
              <td className="text-right">
                <a
                  href={`/worker/payslips/${p.id}/pdf`}
                  className="text-emerald-800 underline"
                  aria-label={`${p.workerName}: ${t('payslips.downloadPdf', { period: run.period })}`}
                  download
                >
                  {t('payslips.pdf')}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
        <ListPager
          page={payslips}
          path={`/admin/finance/payroll/${run.id}`}
          params={sp}
          exportPath={`/admin/finance/payroll/${run.id}/export`}
        />
      </Card>
    </div>
  );
}
