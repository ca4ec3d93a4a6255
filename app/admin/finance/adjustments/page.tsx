import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { AdjustmentForm } from '@/components/finance/adjustment-form';
import { FinanceNav } from '@/components/finance/finance-nav';
import { ReasonAction } from '@/components/finance/reason-action';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listAdjustments } from '@/lib/finance';
import { adjustmentKinds } from '@/db/schema';
import { ListFilters } from '@/components/ui/list-filters';
import { ListPager } from '@/components/ui/pager';
import { pageSizeParam } from '@/lib/paging';
import { one } from '@/lib/quality/shared';
import { formatMoney } from '@/lib/money';
import { ruleText } from '@/lib/finance/shared';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'admin.tabs.adjustments');

// The manual adjustment form, then every adjustment, newest first, filtered by kind and person and keyset-paged
// (all in the URL).
export default async function AdjustmentsPage({ searchParams }: PageProps<'/admin/finance/adjustments'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const db = await getDb();
  const kind = adjustmentKinds.find((k) => k === one(sp, 'kind'));
  const q = one(sp, 'q')?.slice(0, 100);
  const [list, settings] = await Promise.all([
    listAdjustments(db, actor, { kind, q, cursor: one(sp, 'cursor'), limit: pageSizeParam(one(sp, 'size')) }),
    getSettings(db),
  ]);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, settings.currency, locale);
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="adjustments" />
      <Card title={t('admin.newAdjustment')}>
        <AdjustmentForm />
      </Card>
      <Card title={t('admin.adjustments')}>
        <div className="mb-4">
          <ListFilters
            pageSize={pageSizeParam(one(sp, 'size'))}
            fields={[
              {
                kind: 'select',
                name: 'kind',
                label: t('admin.kind'),
                value: kind,
                all: t('admin.anyKind'),
                options: adjustmentKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
              },
              { kind: 'text', name: 'q', label: t('admin.findAdjustment'), value: q },
            ]}
          />
        </div>
        {list.items.length === 0 ? <Placeholder>{t('admin.noAdjustments')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100" data-testid="adjustments">
          {list.items.map((a) => (
            <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
              <div className="min-w-0">
                <p className="text-xs text-slate-500">
                  {format.dateTime(a.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                </p>
                <p className="font-medium">
                  {t(`kinds.${a.kind}`)} · {a.subjectName}
                  {a.orderNumber ? ` · ${a.orderNumber}` : ''}
                  {a.waived ? (
                    <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{t('admin.waived')}</span>
                  ) : null}
                </p>
                <p className="text-sm text-slate-500">
                  {a.ruleCode ? ruleText(a.ruleCode, a.ruleValue, locale) : a.reason}
                </p>
              </div>
              <div className="text-right">
                <p className="font-medium tabular-nums">{money(a.amount)}</p>
                {a.kind === 'fine' && !a.waived ? (
                  <div className="mt-1">
                    <ReasonAction mode="waive" id={a.id} />
                  </div>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
        <ListPager page={list} path="/admin/finance/adjustments" params={sp} />
      </Card>
    </div>
  );
}
