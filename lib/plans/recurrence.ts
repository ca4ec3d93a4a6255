// The dates of a plan's visits (pure). The rule is an RFC 5545 recurrence (rrule) on the company's wall
// clock: the expansion runs on "floating" times (wall time written as UTC), and each date is turned into an
// instant in the company zone only at the end, so a 10:00 weekly visit stays at 10:00 across DST changes.
import * as rruleModule from 'rrule';
import { addDays, fromWallTime, parseDateString } from '@/lib/time';

// rrule ships ESM for bundlers and a UMD build for Node: under plain Node (tsx: the seed, the CLIs) its named
// exports live on the default export. Either way, the same class.
const { RRule } =
  'RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

export type PlanRule = {
  firstDate: string;
  /** 'HH:MM', company wall clock. */
  time: string;
  frequencyWeeks: number;
  untilDate: string | null;
  pausedFrom?: string | null;
  pausedUntil?: string | null;
  holidayRule: 'skip' | 'move';
};

export type Occurrence =
  /** A visit: the plan date it is for, and the day and instant it is placed on (a holiday may move it). */
  | { planDate: string; date: string; start: Date; skipped?: undefined }
  /** A plan date with no visit, and why. */
  | { planDate: string; skipped: 'holiday' | 'paused' };

const floating = (date: string, time = '00:00') => {
  const { year, month, day } = parseDateString(date);
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.UTC(year, month - 1, day, h, m));
};
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

const DAY_MS = 86_400_000;

/**
 * The rule's start moved forward to its last date on or before `from` (a whole number of intervals after
 * the first visit): rrule iterates from its start, so a years-old plan would otherwise walk every past date
 * on every run. Floating times have no DST, so the intervals are whole days and the dates are the same.
 */
function alignedStart(rule: PlanRule, from: string): Date {
  const first = floating(rule.firstDate, rule.time);
  const periodMs = rule.frequencyWeeks * 7 * DAY_MS;
  const behind = floating(from).getTime() - floating(rule.firstDate).getTime();
  return behind <= 0 ? first : new Date(first.getTime() + Math.floor(behind / periodMs) * periodMs);
}

/**
 * The plan's dates from `from` to `to` (inclusive, 'YYYY-MM-DD'), each a visit or a skip. A holiday skips
 * the visit, or moves it to the next day that is not a holiday (the plan date stays the key); a date in
 * the pause is skipped. Dates before the first visit or after `untilDate` do not exist.
 */
export function expandPlan(
  rule: PlanRule,
  from: string,
  to: string,
  opts: { timeZone: string; holidays: readonly string[] },
): Occurrence[] {
  const last = rule.untilDate && rule.untilDate < to ? rule.untilDate : to;
  if (last < from || last < rule.firstDate) return [];
  const rrule = new RRule({
    freq: RRule.WEEKLY,
    interval: rule.frequencyWeeks,
    dtstart: alignedStart(rule, from),
    until: floating(last, '23:59'),
  });
  const holidays = new Set(opts.holidays);
  const [hour, minute] = rule.time.split(':').map(Number);
  const out: Occurrence[] = [];
  for (const at of rrule.between(floating(from), floating(last, '23:59'), true)) {
    const planDate = dateOf(at);
    if (rule.pausedFrom && rule.pausedUntil && planDate >= rule.pausedFrom && planDate <= rule.pausedUntil) {
      out.push({ planDate, skipped: 'paused' });
      continue;
    }
    let date = planDate;
    if (holidays.has(date)) {
      if (rule.holidayRule === 'skip') {
        out.push({ planDate, skipped: 'holiday' });
        continue;
      }
      while (holidays.has(date)) date = addDays(date, 1);
    }
    out.push({ planDate, date, start: fromWallTime({ ...parseDateString(date), hour, minute }, opts.timeZone) });
  }
  return out;
}
