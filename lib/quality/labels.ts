// Labels for reason codes that other modules write (cancel, decline) or we write (fail): a known code is
// translated from the `quality.reasons` messages, anything else is shown as it is.
export function reasonLabel(t: { has: (key: string) => boolean; (key: string): string }, code: string | null): string {
  if (!code) return '—';
  const key = `reasons.${code}`;
  return t.has(key) ? t(key) : code;
}
