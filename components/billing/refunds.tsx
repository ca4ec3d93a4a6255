import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { pageLocale } from '@/lib/i18n';
import { formatMoney } from '@/lib/money';
import type { RefundablePaymentDto, RefundDto } from '@/lib/payments';

/** A payment's refunds, newest first: amount, status, when, and the reason (or that it was made at the provider). */
export async function RefundList({ refunds }: { refunds: RefundDto[] }) {
  const t = await getTranslations('billing.refunds');
  const format = await getFormatter();
  const locale = await pageLocale();
  if (refunds.length === 0) return <p className="text-sm text-slate-500">{t('none')}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="refunds">
      {refunds.map((r) => (
        <li key={r.id} className="flex flex-wrap justify-between gap-2 py-2">
          <div className="min-w-0">
            <p className="font-medium">
              {t('number', { number: r.number })} · {t(`status.${r.status as 'pending' | 'succeeded' | 'failed'}`)}
            </p>
            <p className="break-words text-slate-600">{r.atProvider ? t('atProvider') : r.reason}</p>
            <p className="text-xs text-slate-500">
              {format.dateTime(r.refundedAt ?? r.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
            </p>
          </div>
          <p className="font-medium tabular-nums">{formatMoney(r.amount, r.currency, locale)}</p>
        </li>
      ))}
    </ul>
  );
}

/** The invoice page's refunds: each payment that can be (or was) refunded, what is left, and a way to refund it. */
export async function InvoiceRefunds({
  payments,
  canRefund,
}: {
  payments: RefundablePaymentDto[];
  canRefund: boolean;
}) {
  if (payments.length === 0) return null;
  const t = await getTranslations('billing.refunds');
  const locale = await pageLocale();
  return (
    <Card title={t('title')}>
      <ul className="space-y-4">
        {payments.map((p) => (
          <li key={p.id} className="space-y-2" data-refund-payment={p.reference}>
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <p className="min-w-0 break-words">
                {t('payment')} {p.reference} · {formatMoney(p.amount, p.currency, locale)} · {t('refunded')}{' '}
                {formatMoney(p.refunded, p.currency, locale)} · {t('left')} {formatMoney(p.left, p.currency, locale)}
              </p>
              {canRefund && p.left > 0 ? (
                <Link
                  href={`/admin/finance/payments/${p.id}/refund`}
                  className="rounded-lg px-2 py-1 font-medium text-emerald-800 underline"
                >
                  {t('refund')}
                  <span className="sr-only"> {p.reference}</span>
                </Link>
              ) : null}
            </div>
            {p.refunds.length > 0 ? <RefundList refunds={p.refunds} /> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
