'use client';
import { useTranslations } from 'next-intl';
import type { CancellationPolicy } from '@/lib/finance/shared';

const H = 3_600_000;

/**
 * The cancellation terms that will apply to an order starting at `start`, stated before it is booked: free
 * until the policy's limit (or no free window for an urgent job), the late fee until the full-price limit,
 * the full price after, and the grace period right after booking.
 */
export function CancellationTerms({
  start,
  policy,
  timeZone,
  locale,
  now = new Date(),
}: {
  start: Date;
  policy: CancellationPolicy;
  timeZone: string;
  locale: 'ru' | 'en';
  now?: Date;
}) {
  const t = useTranslations('orders.terms');
  const when = (d: Date) =>
    new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(d);
  const freeUntil = new Date(start.getTime() - policy.freeHours * H);
  const fullFrom = new Date(start.getTime() - policy.fullPriceHours * H);
  const percent = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 }).format(
    policy.lateFeeBp / 100,
  );
  return (
    <section className="mt-3 border-t border-slate-100 pt-3 text-sm text-slate-700" data-testid="cancellation-terms">
      <h3 className="font-semibold">{t('title')}</h3>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        <li>{freeUntil > now ? t('freeUntil', { until: when(freeUntil) }) : t('noFreeWindow')}</li>
        {fullFrom > now ? <li>{t('lateFee', { percent, until: when(fullFrom) })}</li> : null}
        <li>{t('fullPrice', { from: when(fullFrom > now ? fullFrom : now) })}</li>
        {policy.graceMinutes ? <li>{t('grace', { minutes: policy.graceMinutes })}</li> : null}
      </ul>
    </section>
  );
}
