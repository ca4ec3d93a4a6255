import { paymentProviders, type PaymentFilter } from '@/lib/payments';
import { dayStart, one, type SearchParams } from '@/lib/quality/shared';

/** The payments list's filters as the page and its CSV export read them from the URL (dates in the company zone). */
export function paymentFilterFrom(sp: SearchParams, timeZone: string): PaymentFilter {
  const provider = one(sp, 'provider');
  return {
    q: one(sp, 'q')?.slice(0, 100),
    provider: (paymentProviders as readonly string[]).includes(provider ?? '') ? provider : undefined,
    from: dayStart(one(sp, 'from'), timeZone),
    to: dayStart(one(sp, 'to'), timeZone, 1),
    cursor: one(sp, 'cursor'),
  };
}
