// Worker pay for one order, priced from the order's price lines and the pay rate in force (pure).
import { applyBasisPoints, assertMinor } from '@/lib/money';
import type { PriceLine } from '@/db/schema/orders';
import type { Grade } from '@/db/schema/workers';

export type PayRate = {
  /** Share of the work lines the worker earns, basis points. */
  shareBp: number;
  /** Share of the travel fee passed to the worker, basis points. */
  travelShareBp: number;
  /** Floor for one order's pay, minor units. */
  minPay: number;
};

/**
 * Default rates when an installation has none for a service and grade (the seed writes these as the
 * fallback rows with no service): the worker earns 50 / 55 / 60 % of the work (junior / standard /
 * senior), all of the travel fee, and at least 1 000 ₽ per order.
 */
export const defaultPayRates: Record<Grade, PayRate> = {
  junior: { shareBp: 5_000, travelShareBp: 10_000, minPay: 100_000 },
  standard: { shareBp: 5_500, travelShareBp: 10_000, minPay: 100_000 },
  senior: { shareBp: 6_000, travelShareBp: 10_000, minPay: 100_000 },
};

// The client's discount is the company's gift and a cancellation fee is not work: neither changes the pay.
const notWork = (code: string) =>
  code === 'travel' || code === 'discount' || code.startsWith('discount:') || code === 'cancellation_fee';

/**
 * Pay lines, in order (a zero line is left out):
 *  - work: shareBp of the work lines (base, bathrooms, extras, grade, urgency: everything but travel,
 *    discount and fees), rounded once;
 *  - travel: travelShareBp of the travel line;
 *  - minimum: the top-up to minPay when the two are below it.
 * The lines sum to the total by construction.
 */
export function computePay(priceLines: PriceLine[], rate: PayRate): { lines: PriceLine[]; total: number } {
  const work = priceLines.filter((l) => !notWork(l.code)).reduce((s, l) => s + assertMinor(l.amount), 0);
  const travel = priceLines.filter((l) => l.code === 'travel').reduce((s, l) => s + assertMinor(l.amount), 0);
  const lines: PriceLine[] = [];
  const push = (line: PriceLine) => {
    if (line.amount !== 0) lines.push(line);
  };
  push({
    code: 'work',
    labelRu: `Работа (${rate.shareBp / 100}%)`,
    labelEn: `Work (${rate.shareBp / 100}%)`,
    quantity: work,
    unitPrice: rate.shareBp,
    amount: applyBasisPoints(work, rate.shareBp),
  });
  push({ code: 'travel', labelRu: 'Выезд', labelEn: 'Travel', amount: applyBasisPoints(travel, rate.travelShareBp) });
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  if (subtotal < rate.minPay)
    push({
      code: 'minimum',
      labelRu: 'Доплата до минимума',
      labelEn: 'Top-up to the minimum',
      amount: rate.minPay - subtotal,
    });
  return { lines, total: lines.reduce((s, l) => s + l.amount, 0) };
}
