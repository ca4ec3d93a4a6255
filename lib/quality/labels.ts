// Labels for reason codes that other modules write (cancel, decline) or we write (fail): a known code is
// translated from the `quality.reasons` messages, anything else is shown as it is.
export function reasonLabel(t: { has: (key: string) => boolean; (key: string): string }, code: string | null): string {
  if (!code) return '—';
  const key = `reasons.${code}`;
  return t.has(key) ? t(key) : code;
}

/** An analysis group's label by status and reason code ('—' for none), for the analysis page and its CSV. */
export function groupLabel(t: { has: (key: string) => boolean; (key: string): string }) {
  return (status: string, code: string) =>
    `${t(`status.${status}`)}: ${code === '—' ? t('analysis.noReason') : reasonLabel(t, code)}`;
}
