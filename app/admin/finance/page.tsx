import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { FinanceNav } from '@/components/finance/finance-nav';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { countPendingApprovals, trialBalancePage } from '@/lib/finance';
import { ListPager } from '@/components/ui/pager';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'admin.title');

export default async function FinancePage({ searchParams }: PageProps<'/admin/finance'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : undefined;
  const db = await getDb();
  const [tb, pendingApprovals] = await Promise.all([
    trialBalancePage(db, actor, { cursor }),
    countPendingApprovals(db, actor),
  ]);
  const t = await getTranslations('finance');
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, tb.currency, locale);
  const balanced = tb.totalDebit === tb.totalCredit;
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <a href="/admin/finance/export" className={buttonClass('secondary')} download>
            {t('admin.exportCsv')}
          </a>
        }
      >
        {t('admin.title')}
      </PageTitle>
      <FinanceNav role={actor.role} current="ledger" />
      {pendingApprovals > 0 ? (
        <p
          className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="pending-approvals"
        >
          <span>{t('approvals.pendingCount', { count: pendingApprovals })}</span>
          <Link href="/admin/finance/approvals?status=pending" className="inline-flex min-h-11 items-center underline">
            {t('approvals.pendingLink')}
          </Link>
        </p>
      ) : null}
      <Card title={t('admin.trialBalance')}>
        {tb.page.items.length === 0 ? <Placeholder>{t('admin.noAccounts')}</Placeholder> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[34rem] text-sm" data-testid="trial-balance">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-2">{t('admin.account')}</th>
                <th className="text-right">{t('admin.turnoverDebit')}</th>
                <th className="text-right">{t('admin.turnoverCredit')}</th>
                <th className="text-right">{t('admin.debit')}</th>
                <th className="text-right">{t('admin.credit')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {tb.page.items.map((r) => (
                <tr key={r.accountId}>
                  <td className="py-2">
                    <Link href={`/admin/finance/accounts/${r.accountId}`} className="text-emerald-800 underline">
                      {t(`accountTypes.${r.type}`)}
                      {r.ownerName ? ` · ${r.ownerName}` : ''}
                    </Link>
                  </td>
                  <td className="text-right">{money(r.debits)}</td>
                  <td className="text-right">{money(r.credits)}</td>
                  <td className="text-right">{r.balance > 0 ? money(r.balance) : ''}</td>
                  <td className="text-right">{r.balance < 0 ? money(-r.balance) : ''}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="font-semibold tabular-nums">
              <tr className="border-t-2 border-slate-300">
                <td className="py-2">{t('admin.total')}</td>
                <td />
                <td />
                <td className="text-right" data-testid="total-debit">
                  {money(tb.totalDebit)}
                </td>
                <td className="text-right" data-testid="total-credit">
                  {money(tb.totalCredit)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <ListPager page={tb.page} path="/admin/finance" params={sp} />
        <p className={`mt-3 text-sm ${balanced ? 'text-emerald-700' : 'text-rose-700'}`} role="status">
          {balanced ? t('admin.balanced') : t('admin.unbalanced')}
        </p>
      </Card>
    </div>
  );
}
