import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { EntryRow, entryLabel } from '@/components/finance/entry-label';
import { FinanceNav } from '@/components/finance/finance-nav';
import { ReasonAction } from '@/components/finance/reason-action';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { accountHistory } from '@/lib/finance';
import { one } from '@/lib/quality/shared';
import { formatMoney } from '@/lib/money';
import { ListPager } from '@/components/ui/pager';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'admin.account');

export default async function AccountPage({ params, searchParams }: PageProps<'/admin/finance/accounts/[id]'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const sp = await searchParams;
  const db = await getDb();
  const account = await orNotFound(id, () => accountHistory(db, actor, id, { cursor: one(sp, 'cursor') }));
  const t = await getTranslations('finance');
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, account.currency, locale);
  return (
    <div className="space-y-4">
      <PageTitle>
        {t(`accountTypes.${account.type}`)}
        {account.ownerName ? ` · ${account.ownerName}` : ''}
      </PageTitle>
      <FinanceNav role={actor.role} current="ledger" />
      <Card>
        <p className="text-sm text-slate-500">{t('admin.balanceSigned')}</p>
        <p className="text-2xl font-semibold tabular-nums" data-testid="account-balance">
          {money(account.balance)}
        </p>
        <p className="text-xs text-slate-500">{t('admin.signConvention')}</p>
      </Card>
      <Card title={t('admin.history')}>
        {account.rows.length === 0 ? <Placeholder>{t('admin.noPostings')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100">
          {account.rows.map((r) => (
            <EntryRow
              key={r.entryId}
              at={r.at}
              label={entryLabel(r, {
                invoiceId: r.invoiceId,
                reason: r.reason,
                orderHref: (oid) => `/admin/orders/${oid}`,
              })}
            >
              <div className="text-right">
                <p className="font-medium tabular-nums">{money(r.amount)}</p>
                <p className="text-xs text-slate-500 tabular-nums">{money(r.balance)}</p>
                {actor.role === 'admin' && !r.reversed ? (
                  <div className="mt-1">
                    <ReasonAction mode="reverse" id={r.entryId} />
                  </div>
                ) : null}
              </div>
            </EntryRow>
          ))}
        </ul>
        <ListPager page={account} path={`/admin/finance/accounts/${id}`} params={sp} />
      </Card>
    </div>
  );
}
