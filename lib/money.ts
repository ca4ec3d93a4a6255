// Money is integer minor units (kopecks for RUB) everywhere. Every rounding in the product goes through here.

/** Rounds half away from zero to a whole minor unit. */
export function roundMinor(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** amount × basisPoints / 10 000, rounded once (e.g. a 15% surcharge is 1500 bp). */
export function applyBasisPoints(amount: number, basisPoints: number): number {
  return roundMinor((amount * basisPoints) / 10_000);
}

/** amount × (numerator / denominator), rounded once. */
export function mulDiv(amount: number, numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('Division by zero');
  return roundMinor((amount * numerator) / denominator);
}

export function assertMinor(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not an integer amount in minor units: ${amount}`);
  return amount;
}

/** One formatter per (locale, currency): building an Intl.NumberFormat costs more than formatting with it. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amountMinor: number, currency: string, locale: 'ru' | 'en'): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
    });
    moneyFormats.set(key, f);
  }
  return f.format(amountMinor / 100);
}
