import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { pageLocale } from '@/lib/i18n';
import { formatMoney } from '@/lib/money';
import type { ChargeAttemptDto } from '@/lib/payments';

/**
 * The automatic charges of an invoice and of the visits it bills (managers): when, how much, the card, and what
 * the bank answered.
 */
export async function ChargeAttempts({ attempts }: { attempts: ChargeAttemptDto[] }) {
  if (attempts.length === 0) return null;
  const t = await getTranslations('billing.charges');
  const format = await getFormatter();
  const locale = await pageLocale();
  return (
    <Card title={t('title')}>
      <ul className="divide-y divide-slate-100 text-sm">
        {attempts.map((a) => (
          <li key={a.id} className="flex flex-wrap justify-between gap-2 py-2">
            <span>
              {a.orderNumber ? `${t('visit', { number: a.orderNumber })} · ` : ''}
              {t('attempt', { n: a.attempt })} ·{' '}
              {format.dateTime(a.createdAt, { dateStyle: 'medium', timeStyle: 'short' })} · •••• {a.last4}
            </span>
            <span>
              {formatMoney(a.amount, a.currency, locale)} — {t(`status.${a.status}`)}
              {a.failureCode ? ` (${a.failureCode})` : ''}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
