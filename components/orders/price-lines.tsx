import type { PriceLine } from '@/db/schema/orders';
import { formatMoney } from '@/lib/money';

/** Priced lines and their total, in the viewer's language (works in server and client components). */
export function PriceLines({
  lines,
  total,
  currency,
  locale,
  totalLabel,
  testId,
}: {
  lines: PriceLine[];
  total: number;
  currency: string;
  locale: 'ru' | 'en';
  totalLabel: string;
  testId?: string;
}) {
  return (
    <dl className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {lines.map((l) => (
        <div key={l.code} className="flex justify-between gap-3 py-1.5">
          <dt className="text-slate-700">
            {locale === 'ru' ? l.labelRu : l.labelEn}
            {l.quantity && l.quantity > 1 && l.unitPrice ? (
              <span className="text-slate-500">
                {' '}
                · {l.quantity} × {formatMoney(l.unitPrice, currency, locale)}
              </span>
            ) : null}
          </dt>
          <dd className="shrink-0 tabular-nums text-slate-900">{formatMoney(l.amount, currency, locale)}</dd>
        </div>
      ))}
      <div className="flex justify-between gap-3 py-2 font-semibold">
        <dt>{totalLabel}</dt>
        <dd className="tabular-nums" data-testid={testId ? `${testId}-total` : undefined}>
          {formatMoney(total, currency, locale)}
        </dd>
      </div>
    </dl>
  );
}
