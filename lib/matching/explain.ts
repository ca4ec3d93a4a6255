import type { CostTerms } from './cost';

// Turns stored cost terms into the short facts managers read ("2 km away, 12 h this week, rating 4.9").
// Pure and locale-free: the words come from the `matching` message namespace.

export type Fact =
  | { key: 'km'; values: { km: number } }
  | { key: 'weekHours'; values: { hours: number } }
  | { key: 'rating'; values: { rating: number } }
  | { key: 'newWorker'; values: Record<string, never> }
  | { key: 'clientFavourite'; values: { rating: number } }
  | { key: 'failures'; values: { pct: number } }
  | { key: 'overqualified'; values: Record<string, never> }
  | { key: 'underqualified'; values: Record<string, never> }
  | { key: 'overCap'; values: Record<string, never> }
  | { key: 'regularWorker'; values: Record<string, never> }
  | { key: 'notRegular'; values: Record<string, never> }
  | { key: 'preferredWorker'; values: Record<string, never> }
  | { key: 'notPreferred'; values: Record<string, never> }
  | { key: 'replanned'; values: Record<string, never> };

type Terms = Pick<CostTerms, 'travelKm' | 'weekHours' | 'rating' | 'failureRate' | 'clientRating' | 'gradeGap'> &
  Partial<Pick<CostTerms, 'overCap' | 'regular' | 'preferred' | 'replanned'>>;

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

export function explanationFacts(terms: Terms): Fact[] {
  const facts: Fact[] = [
    { key: 'km', values: { km: terms.travelKm < 10 ? oneDecimal(terms.travelKm) : Math.round(terms.travelKm) } },
    { key: 'weekHours', values: { hours: oneDecimal(terms.weekHours) } },
    terms.rating === null
      ? { key: 'newWorker', values: {} }
      : { key: 'rating', values: { rating: oneDecimal(terms.rating) } },
  ];
  if (terms.clientRating !== null && terms.clientRating >= 4.5)
    facts.push({ key: 'clientFavourite', values: { rating: oneDecimal(terms.clientRating) } });
  if (terms.failureRate > 0) facts.push({ key: 'failures', values: { pct: Math.round(terms.failureRate * 100) } });
  if (terms.gradeGap > 0) facts.push({ key: 'overqualified', values: {} });
  if (terms.gradeGap < 0) facts.push({ key: 'underqualified', values: {} });
  if (terms.overCap) facts.push({ key: 'overCap', values: {} });
  if (terms.regular === true) facts.push({ key: 'regularWorker', values: {} });
  if (terms.regular === false) facts.push({ key: 'notRegular', values: {} });
  if (terms.preferred === true) facts.push({ key: 'preferredWorker', values: {} });
  if (terms.preferred === false) facts.push({ key: 'notPreferred', values: {} });
  // The worker took the job over from another on the day's re-plan (lib/matching/dispatch.ts, loadHeld).
  if (terms.replanned === true) facts.push({ key: 'replanned', values: {} });
  return facts;
}

/** A next-intl translator of the `matching` namespace (or anything with the same call shape). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** "matched Анна: 2 km away, 12 h this week, rating 4.9; runner-up Ольга: 9 km away, …" */
export function explanationSentence(
  t: Translate,
  chosen: { name: string; terms: Terms },
  runnersUp: readonly { name: string; terms: Terms }[],
): string {
  const facts = (terms: Terms) =>
    explanationFacts(terms)
      .map((f) => t(`facts.${f.key}`, f.values))
      .join(', ');
  const parts = [
    t('sentence.matched', { name: chosen.name, facts: facts(chosen.terms) }),
    ...runnersUp.map((r) => t('sentence.runnerUp', { name: r.name, facts: facts(r.terms) })),
  ];
  return parts.join('; ');
}
