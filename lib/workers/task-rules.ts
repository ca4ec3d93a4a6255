// Pure rules of the worker's day: when a start may be confirmed and whether it is late, and what a finish needs.

export type StartWindow = { beforeMinutes: number; lateGraceMinutes: number };
export type StartCheck =
  | { ok: true; late: boolean; lateMinutes: number }
  | { ok: false; reason: 'too_early'; opensAt: Date }
  | { ok: false; reason: 'too_late' };

/**
 * A start is accepted from `beforeMinutes` before the scheduled start up to (not including) the scheduled
 * end. Minutes after the scheduled start are counted whole (59 s late is 0 minutes); beyond the grace the
 * start is late.
 */
export function checkStartWindow(now: Date, scheduledStart: Date, scheduledEnd: Date, window: StartWindow): StartCheck {
  const opensAt = new Date(scheduledStart.getTime() - window.beforeMinutes * 60_000);
  if (now < opensAt) return { ok: false, reason: 'too_early', opensAt };
  if (now >= scheduledEnd) return { ok: false, reason: 'too_late' };
  const lateMinutes = Math.max(0, Math.floor((now.getTime() - scheduledStart.getTime()) / 60_000));
  return { ok: true, late: lateMinutes > window.lateGraceMinutes, lateMinutes };
}

/** Checklist codes not ticked; a finish is allowed only when this is empty. Unknown codes are ignored. */
export function missingChecklistItems(checklist: { code: string }[], ticked: string[]): string[] {
  const done = new Set(ticked);
  return checklist.map((c) => c.code).filter((code) => !done.has(code));
}

export const declineReasonCodes = [
  'illness',
  'emergency',
  'transport',
  'schedule_conflict',
  'too_far',
  'other',
] as const;
export type DeclineReasonCode = (typeof declineReasonCodes)[number];

/** Hours from now to the start, one decimal, for the decline event (penalty rules read it). */
export function hoursBefore(now: Date, start: Date): number {
  return Math.round((start.getTime() - now.getTime()) / 360_000) / 10;
}
