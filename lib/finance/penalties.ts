// Penalty rules applied to an order's events (pure). The bands come from the penalty_rules table (an admin
// edits them); these defaults apply when the table has no band for a rule.
import { applyBasisPoints } from '@/lib/money';

export type PenaltyBand = {
  rule: string;
  fromValue: number;
  toValue: number | null;
  rateBp: number;
  fixedAmount: number;
  active: boolean;
};

export type Penalty = { rule: string; amount: number; band: PenaltyBand; value: number };

export const LATENESS = 'lateness';
export const LATE_DECLINE = 'late_decline';
export const failRule = (reasonCode: string) => `fail:${reasonCode}`;
/** The failure reasons (lib/quality's list) whose rule starts switched off; a unit test keeps the lists in step. */
export const FAIL_REASONS_WITHOUT_DEFAULT_FINE = ['poor_quality', 'damage', 'client_unreachable', 'other'] as const;

/**
 * The rules:
 *  - lateness at start: up to 30 min (inclusive) 10 % of the order's pay; over 30 min 30 %;
 *  - late decline: 24 h or more before the start none; [18, 24) h 30 %; [12, 18) h 50 %; [6, 12) h 80 %;
 *    under 6 h 100 % (each band includes its lower edge, so exactly 18 h before is still 30 %);
 *  - a failed order for no-show: 100 % of the pay; every other failure reason has a rule that starts
 *    switched off (the manager may set an amount with the outcome, or an admin switches the rule on).
 */
export const defaultPenaltyBands: PenaltyBand[] = [
  { rule: LATENESS, fromValue: 0, toValue: 30, rateBp: 1_000, fixedAmount: 0, active: true },
  { rule: LATENESS, fromValue: 30, toValue: null, rateBp: 3_000, fixedAmount: 0, active: true },
  { rule: LATE_DECLINE, fromValue: 18, toValue: 24, rateBp: 3_000, fixedAmount: 0, active: true },
  { rule: LATE_DECLINE, fromValue: 12, toValue: 18, rateBp: 5_000, fixedAmount: 0, active: true },
  { rule: LATE_DECLINE, fromValue: 6, toValue: 12, rateBp: 8_000, fixedAmount: 0, active: true },
  { rule: LATE_DECLINE, fromValue: 0, toValue: 6, rateBp: 10_000, fixedAmount: 0, active: true },
  { rule: failRule('no_show'), fromValue: 0, toValue: null, rateBp: 10_000, fixedAmount: 0, active: true },
  // Every other failure reason has a rule too, switched off until an admin sets it: "no rule, no fine" is
  // then a visible choice on the rules page instead of a silent gap.
  ...FAIL_REASONS_WITHOUT_DEFAULT_FINE.map((reason): PenaltyBand => ({
    rule: failRule(reason),
    fromValue: 0,
    toValue: null,
    rateBp: 0,
    fixedAmount: 0,
    active: false,
  })),
];

/** The bands of one rule: the table's when it has any (even inactive ones), else the defaults. */
export function bandsFor(rule: string, table: PenaltyBand[]): PenaltyBand[] {
  const own = table.filter((b) => b.rule === rule);
  return own.length > 0 ? own : defaultPenaltyBands.filter((b) => b.rule === rule);
}

function fine(band: PenaltyBand, pay: number, value: number): Penalty | null {
  if (!band.active) return null;
  // A fine never exceeds the order's pay plus the fixed part the rule names.
  const amount = applyBasisPoints(Math.max(0, pay), band.rateBp) + band.fixedAmount;
  return amount > 0 ? { rule: band.rule, amount, band, value } : null;
}

/** Lateness: minutes late at start; band (fromValue, toValue]; 0 or less is on time. */
export function latenessPenalty(table: PenaltyBand[], lateMinutes: number, pay: number): Penalty | null {
  if (!(lateMinutes > 0)) return null;
  const band = bandsFor(LATENESS, table).find(
    (b) => lateMinutes > b.fromValue && (b.toValue === null || lateMinutes <= b.toValue),
  );
  return band ? fine(band, pay, lateMinutes) : null;
}

/** Late decline: hours before the start at the decline; band [fromValue, toValue); after the start counts as under 6 h. */
export function lateDeclinePenalty(table: PenaltyBand[], hoursBeforeStart: number, pay: number): Penalty | null {
  const hours = Math.max(0, hoursBeforeStart);
  const band = bandsFor(LATE_DECLINE, table).find(
    (b) => hours >= b.fromValue && (b.toValue === null || hours < b.toValue),
  );
  return band ? fine(band, pay, hours) : null;
}

/** A failed order: the rule for its reason code, if any. */
export function failPenalty(table: PenaltyBand[], reasonCode: string, pay: number): Penalty | null {
  const band = bandsFor(failRule(reasonCode), table)[0];
  return band ? fine(band, pay, 0) : null;
}
