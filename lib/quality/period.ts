// Reading the period and filters from a page's URL (pure), so a view can be shared as a link.
import { addDays, fromWallTime, parseDateString } from '@/lib/time';

export type SearchParams = Record<string, string | string[] | undefined>;

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dateRe = /^\d{4}-\d{2}-\d{2}$/;

export function one(sp: SearchParams, key: string): string | undefined {
  const v = sp[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

export const uuidParam = (sp: SearchParams, key: string) => {
  const v = one(sp, key);
  return v && uuidRe.test(v) ? v : undefined;
};

/** from/to as company-zone dates; default the last `days` days up to today; from after to is swapped. */
export function periodParam(sp: SearchParams, today: string, days = 30): { from: string; to: string } {
  const f = one(sp, 'from');
  const t = one(sp, 'to');
  let from = f && dateRe.test(f) ? f : addDays(today, -(days - 1));
  let to = t && dateRe.test(t) ? t : today;
  if (from > to) [from, to] = [to, from];
  // At most two years in one view: the queries stay cheap.
  if (addDays(from, 731) < to) from = addDays(to, -731);
  return { from, to };
}

/** A query string from the current params with some replaced (undefined removes). */
export function withParams(sp: SearchParams, patch: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s !== '' && !(k in patch)) q.set(k, s);
  }
  for (const [k, v] of Object.entries(patch)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The instant a company-zone date starts ('YYYY-MM-DD'); undefined for anything else. */
export function dayStart(date: string | undefined, timeZone: string, plusDays = 0): Date | undefined {
  if (!date || !dateRe.test(date)) return undefined;
  const { year, month, day } = parseDateString(addDays(date, plusDays));
  return fromWallTime({ year, month, day, hour: 0, minute: 0 }, timeZone);
}
