import { getTranslations } from 'next-intl/server';
import type { MonthTotals } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale } from '@/lib/i18n';

/** A worker's month in figures: what came in, what was taken, and what we owe at the end. */
export async function MonthTotalsList({
  totals,
  opening,
  currency,
}: {
  totals: MonthTotals;
  opening: number;
  currency: string;
}) {
  const t = await getTranslations('finance');
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, currency, locale);
  // Amounts taken are shown positive; `0 - 0` would print as −0.
  const taken = (minor: number) => (minor === 0 ? 0 : -minor);
  // Fines, supply charges and payouts are shown as the positive amounts taken.
  const items: [string, string, number][] = [
    ['opening', t('earnings.opening'), opening],
    ['earnings', t('earnings.earnings'), totals.earnings],
    ['tips', t('earnings.tips'), totals.tips],
    ['bonuses', t('earnings.bonuses'), totals.bonuses],
    ['fines', t('earnings.fines'), taken(totals.fines)],
    ['supplies', t('earnings.supplies'), taken(totals.supplies)],
    ['payouts', t('earnings.payouts'), taken(totals.payouts)],
    ['corrections', t('earnings.corrections'), totals.corrections],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
      {items.map(([key, label, amount]) => (
        <div key={key} data-testid={`earnings-${key}`}>
          <dt className="text-slate-500">{label}</dt>
          <dd className="font-medium tabular-nums">{money(amount)}</dd>
        </div>
      ))}
      <div className="col-span-2 sm:col-span-4 border-t border-slate-100 pt-2" data-testid="earnings-closing">
        <dt className="text-slate-500">{t('earnings.closing')}</dt>
        <dd className="text-2xl font-semibold tabular-nums">{money(totals.closingBalance)}</dd>
      </div>
    </dl>
  );
}
