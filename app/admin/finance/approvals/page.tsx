import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { ListPager } from '@/components/ui/pager';
import { StatusBadge } from '@/components/ui/status-badge';
import { ApprovalActions } from '@/components/finance/approval-actions';
import { FinanceNav } from '@/components/finance/finance-nav';
import { getDb } from '@/db';
import { moneyApprovalStatuses, type MoneyApprovalStatus } from '@/db/schema';
import { requireRole } from '@/lib/session';
import { listMoneyApprovals } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { one } from '@/lib/quality/shared';
import { ListFilters } from '@/components/ui/list-filters';
import { getSettings } from '@/lib/settings';
import { pageLocale } from '@/lib/i18n';

const filters = [...moneyApprovalStatuses, 'all'] as const;
type Filter = (typeof filters)[number];

/** The colour of a decided request: approved is done (emerald), rejected is refused (rose). */
const toneOf: Record<MoneyApprovalStatus, string> = { pending: 'pending', approved: 'paid', rejected: 'failed' };

// Admins work through the managers' requests waiting for approval; a manager follows their own requests.
export default async function MoneyApprovalsPage({ searchParams }: PageProps<'/admin/finance/approvals'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const statusParam = one(sp, 'status');
  const status: Filter = (filters as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as Filter)
    : actor.role === 'admin'
      ? 'pending'
      : 'all';
  const cursor = one(sp, 'cursor');
  const db = await getDb();
  const [page, settings] = await Promise.all([listMoneyApprovals(db, actor, { status, cursor }), getSettings(db)]);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (minor: number, currency = settings.currency) => formatMoney(minor, currency, locale);
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const threshold = money(settings.moneyApprovalThreshold);
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="approvals" />
      <Card title={t('approvals.title')}>
        <p className="mb-4 text-sm text-slate-600">
          {actor.role === 'admin'
            ? t('approvals.explainAdmin', { threshold })
            : t('approvals.explainManager', { threshold })}
        </p>
        <div className="mb-4">
          <ListFilters
            fields={[
              {
                kind: 'select',
                name: 'status',
                label: t('approvals.filter'),
                value: status,
                options: filters.map((s) => ({ value: s, label: t(`approvals.statuses.${s}`) })),
              },
            ]}
            apply={t('approvals.apply')}
          />
        </div>
        {page.items.length === 0 ? <Placeholder>{t('approvals.none')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100" data-testid="money-approvals">
          {page.items.map((a) => (
            <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-approval={a.id}>
              <div className="min-w-0 flex-1 space-y-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span>
                    {t(`approvals.kinds.${a.kind}`)} · {a.subjectName}
                  </span>
                  <StatusBadge status={a.status} tone={toneOf[a.status]} label={t(`approvals.statuses.${a.status}`)} />
                </p>
                {a.invoiceId && a.invoiceNumber ? (
                  <p className="text-sm">
                    <Link href={`/admin/finance/invoices/${a.invoiceId}`} className="text-emerald-800 underline">
                      {t('approvals.invoice', { number: a.invoiceNumber })}
                    </Link>
                  </p>
                ) : null}
                <p className="break-words text-sm text-slate-700">{a.detail}</p>
                <p className="text-xs text-slate-500">
                  {t('approvals.requestedBy', { name: a.requestedByName, date: when(a.requestedAt) })}
                </p>
                {a.status !== 'pending' && a.decidedAt ? (
                  <p className="text-xs text-slate-500">
                    {t('approvals.decidedBy', {
                      status: t(`approvals.statuses.${a.status}`),
                      name: a.decidedByName ?? '—',
                      date: when(a.decidedAt),
                    })}
                  </p>
                ) : null}
                {a.decisionNote ? <p className="break-words text-sm text-rose-800">{a.decisionNote}</p> : null}
              </div>
              <div className="flex w-full flex-col items-end gap-2 sm:w-auto">
                <p className="font-medium tabular-nums">{money(a.amount, a.currency)}</p>
                {actor.role === 'admin' && a.status === 'pending' ? <ApprovalActions approvalId={a.id} /> : null}
              </div>
            </li>
          ))}
        </ul>
        <ListPager page={page} path="/admin/finance/approvals" params={sp} />
      </Card>
    </div>
  );
}
