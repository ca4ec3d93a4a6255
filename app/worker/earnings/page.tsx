import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { EntryRow, entryLabel } from '@/components/finance/entry-label';
import { MonthTotalsList } from '@/components/finance/month-totals';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { workerMonth } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'earnings.title');

export default async function EarningsPage({ searchParams }: PageProps<'/worker/earnings'>) {
  const actor = await requireRole('worker');
  const sp = await searchParams;
  const db = await getDb();
  const data = await workerMonth(db, actor, actor.id, typeof sp.month === 'string' ? sp.month : undefined);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, data.currency, locale);
  const taken = (minor: number) => (minor === 0 ? 0 : -minor);
  const [y, m] = data.month.split('-').map(Number);
  const monthLabel = format.dateTime(new Date(Date.UTC(y, m - 1, 15)), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  // "декабрь 2026 г." → "Декабрь 2026 г.": only the first letter is raised (CSS capitalize would give "Г.").
  const monthName = monthLabel.charAt(0).toUpperCase() + monthLabel.slice(1);
  return (
    <div className="space-y-6">
      <PageTitle>{t('earnings.title')}</PageTitle>
      <nav className="flex items-center justify-between gap-2" aria-label={t('earnings.month')}>
        <Link
          href={`/worker/earnings?month=${data.prevMonth}`}
          className="min-h-11 rounded-lg border border-slate-300 px-3 py-2 text-sm"
        >
          ← {t('earnings.prev')}
        </Link>
        <h2 className="text-lg font-semibold" data-testid="earnings-month">
          {monthName}
        </h2>
        <Link
          href={`/worker/earnings?month=${data.nextMonth}`}
          className="min-h-11 rounded-lg border border-slate-300 px-3 py-2 text-sm"
        >
          {t('earnings.next')} →
        </Link>
      </nav>
      <Card>
        <MonthTotalsList totals={data.totals} opening={data.openingBalance} currency={data.currency} />
      </Card>
      <Card title={t('earnings.operations')}>
        {data.rows.length === 0 ? <Placeholder>{t('earnings.empty')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100" data-testid="earnings-history">
          {data.rows.map((r) => (
            <EntryRow
              key={r.entryId}
              at={r.at}
              category={r.category}
              label={entryLabel(r, {
                invoiceId: null,
                reason: r.category === 'earnings' ? null : r.reason,
                orderHref: null,
              })}
            >
              <p className={`font-medium tabular-nums ${r.workerAmount >= 0 ? 'text-emerald-700' : 'text-rose-700'}`}>
                {r.workerAmount >= 0 ? '+' : '−'}
                {money(Math.abs(r.workerAmount))}
              </p>
            </EntryRow>
          ))}
        </ul>
      </Card>
      {data.months.length > 0 ? (
        <Card title={t('earnings.allMonths')}>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-sm">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-2">{t('earnings.month')}</th>
                  <th className="px-2 text-right">{t('earnings.earnings')}</th>
                  <th className="px-2 text-right">{t('earnings.tips')}</th>
                  <th className="px-2 text-right">{t('earnings.fines')}</th>
                  <th className="px-2 text-right">{t('earnings.bonuses')}</th>
                  <th className="px-2 text-right">{t('earnings.supplies')}</th>
                  <th className="px-2 text-right">{t('earnings.payouts')}</th>
                  <th className="px-2 text-right">{t('earnings.closing')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 tabular-nums">
                {data.months.map((mt) => (
                  <tr key={mt.month}>
                    <td className="py-2">
                      <Link href={`/worker/earnings?month=${mt.month}`} className="text-emerald-800 underline">
                        {mt.month}
                      </Link>
                    </td>
                    <td className="px-2 text-right">{money(mt.earnings)}</td>
                    <td className="px-2 text-right">{money(mt.tips)}</td>
                    <td className="px-2 text-right">{money(taken(mt.fines))}</td>
                    <td className="px-2 text-right">{money(mt.bonuses)}</td>
                    <td className="px-2 text-right">{money(taken(mt.supplies))}</td>
                    <td className="px-2 text-right">{money(taken(mt.payouts))}</td>
                    <td className="px-2 text-right font-medium">{money(mt.closingBalance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
