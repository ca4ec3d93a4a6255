import { useFormatter, useTranslations } from 'next-intl';

/** Counts a job keeps as money, in minor units. */
const MONEY_KEYS = new Set(['total', 'net']);

/**
 * What a job run did, in words and the reader's number format ("счетов: 12 · на сумму 8 400,00 ₽"), for the
 * runner's progress and the list of runs alike. A key without a label is left out rather than shown raw.
 */
export function JobCounts({ counts, currency }: { counts: Record<string, number>; currency: string }) {
  const t = useTranslations('billing.jobs.countLabels');
  const format = useFormatter();
  const parts = Object.entries(counts)
    .filter(([key]) => t.has(key))
    .map(([key, value]) =>
      t(key, {
        value: MONEY_KEYS.has(key) ? format.number(value / 100, { style: 'currency', currency }) : format.number(value),
      }),
    );
  return <>{parts.length ? parts.join(' · ') : '—'}</>;
}
