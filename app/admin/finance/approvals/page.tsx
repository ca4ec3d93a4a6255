import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { Pager } from '@/components/ui/pager';
import { StatusBadge } from '@/components/ui/status-badge';
import { ApprovalActions } from '@/components/finance/approval-actions';
import { FinanceNav } from '@/components/finance/finance-nav';
import { getDb } from '@/db';
import { moneyApprovalStatuses, type MoneyApprovalStatus } from '@/db/schema';
import { requireRole } from '@/lib/session';
import { listMoneyApprovals } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { one, withParams } from '@/lib/quality/shared';
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
        <form className="mb-4 flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {t('approvals.filter')}
            <select
              name="status"
              defaultValue={status}
              className="min-h-11 rounded-lg border border-slate-300 px-2 text-sm"
            >
              {filters.map((s) => (
                <option key={s} value={s}>
                  {t(`approvals.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium">
            {t('approvals.apply')}
          </button>
        </form>
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
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager
            total={page.total}
            capped={page.capped}
            next={page.next}
            atStart={!cursor}
            href={(c) => `/admin/finance/approvals${withParams(sp, { cursor: c ?? '' })}`}
          />
        </div>
      </Card>
    </div>
  );
}
