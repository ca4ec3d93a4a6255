import { describe, expect, it } from 'vitest';
import { checkStartWindow, hoursBefore, missingChecklistItems } from '@/lib/workers/task-rules';

const start = new Date('2026-12-01T07:00:00Z');
const end = new Date('2026-12-01T09:00:00Z');
const win = { beforeMinutes: 30, lateGraceMinutes: 5 };
const at = (iso: string) => new Date(iso);

describe('start window', () => {
  it('opens exactly 30 minutes before the start', () => {
    expect(checkStartWindow(at('2026-12-01T06:29:59Z'), start, end, win)).toMatchObject({
      ok: false,
      reason: 'too_early',
    });
    expect(checkStartWindow(at('2026-12-01T06:30:00Z'), start, end, win)).toEqual({
      ok: true,
      late: false,
      lateMinutes: 0,
    });
  });
  it('counts late minutes after the grace, and closes at the scheduled end', () => {
    expect(checkStartWindow(at('2026-12-01T07:05:59Z'), start, end, win)).toEqual({
      ok: true,
      late: false,
      lateMinutes: 5,
    });
    expect(checkStartWindow(at('2026-12-01T07:06:00Z'), start, end, win)).toEqual({
      ok: true,
      late: true,
      lateMinutes: 6,
    });
    expect(checkStartWindow(at('2026-12-01T08:59:59Z'), start, end, win)).toEqual({
      ok: true,
      late: true,
      lateMinutes: 119,
    });
    expect(checkStartWindow(at('2026-12-01T09:00:00Z'), start, end, win)).toEqual({ ok: false, reason: 'too_late' });
  });
  it('honours other settings', () => {
    expect(
      checkStartWindow(at('2026-12-01T06:00:00Z'), start, end, { beforeMinutes: 60, lateGraceMinutes: 0 }),
    ).toMatchObject({ ok: true });
    expect(
      checkStartWindow(at('2026-12-01T07:01:00Z'), start, end, { beforeMinutes: 60, lateGraceMinutes: 0 }),
    ).toEqual({ ok: true, late: true, lateMinutes: 1 });
  });
});

describe('finish checklist', () => {
  const checklist = [{ code: 'dust' }, { code: 'floors' }, { code: 'trash' }];
  it('requires every item', () => {
    expect(missingChecklistItems(checklist, ['dust', 'floors'])).toEqual(['trash']);
    expect(missingChecklistItems(checklist, [])).toEqual(['dust', 'floors', 'trash']);
    expect(missingChecklistItems(checklist, ['trash', 'floors', 'dust', 'unknown'])).toEqual([]);
    expect(missingChecklistItems([], [])).toEqual([]);
  });
  it('rounds hours before the start to a tenth', () => {
    // 90 minutes = 1.5 h; 20 minutes = 0.333 h → 0.3
    expect(hoursBefore(at('2026-12-01T05:30:00Z'), start)).toBe(1.5);
    expect(hoursBefore(at('2026-12-01T06:40:00Z'), start)).toBe(0.3);
  });
});
