/** 'h' / 'hm' / 'm' message keys of orders.durationFmt with their values, for a duration in minutes. */
export function durationParts(minutes: number): { key: 'h' | 'hm' | 'm'; values: { h: number; m: number } } {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return { key: h === 0 ? 'm' : m === 0 ? 'h' : 'hm', values: { h, m } };
}
