import { describe, expect, it } from 'vitest';
import { canOverride, checkEligibility } from '@/lib/matching/eligibility';
import type { MatchOrder, MatchWorker } from '@/lib/matching/types';

const at = (hhmm: string, day = 2) => new Date(`2026-12-0${day}T${hhmm}:00Z`);
const rules = { bufferSameZoneMinutes: 30, bufferOtherZoneMinutes: 60 };
const none = { declined: false, blocked: false };

const order = (over: Partial<MatchOrder> = {}): MatchOrder => ({
  id: 'o1',
  clientId: 'c1',
  zoneId: 'center',
  skill: 'cleaning',
  minGrade: 'standard',
  start: at('10:00'),
  end: at('12:00'),
  ...over,
});
const worker = (over: Partial<MatchWorker> = {}): MatchWorker => ({
  id: 'w1',
  name: 'Анна',
  active: true,
  grade: 'standard',
  skills: new Set(['cleaning']),
  zoneIds: new Set(['center', 'north']),
  homeZoneId: 'center',
  weeklyHoursTarget: 30,
  availability: [{ start: at('09:00'), end: at('18:00') }],
  timeOff: [],
  busy: [],
  ...over,
});

describe('checkEligibility', () => {
  it('accepts a worker who fits every rule', () => {
    expect(checkEligibility(order(), worker(), none, rules)).toEqual({ ok: true, reasons: [] });
  });

  it('treats the schedule edges as inclusive and one minute outside as unavailable', () => {
    expect(checkEligibility(order({ start: at('09:00'), end: at('11:00') }), worker(), none, rules).ok).toBe(true);
    expect(checkEligibility(order({ start: at('16:00'), end: at('18:00') }), worker(), none, rules).ok).toBe(true);
    expect(checkEligibility(order({ start: at('08:59'), end: at('11:00') }), worker(), none, rules).reasons).toEqual([
      'availability',
    ]);
    expect(checkEligibility(order({ start: at('16:00'), end: at('18:01') }), worker(), none, rules).reasons).toEqual([
      'availability',
    ]);
  });

  it('needs the whole order inside one free interval, not across a gap', () => {
    const split = worker({
      availability: [
        { start: at('09:00'), end: at('11:00') },
        { start: at('11:30'), end: at('18:00') },
      ],
    });
    expect(checkEligibility(order(), split, none, rules).reasons).toEqual(['availability']);
  });

  it('keeps the travel buffer to neighbouring jobs, larger between different zones', () => {
    const sameZoneAt = (end: string) =>
      worker({ busy: [{ orderId: 'x', start: at('07:00'), end: at(end), zoneId: 'center' }] });
    expect(checkEligibility(order(), sameZoneAt('09:30'), none, rules).ok).toBe(true); // 30 min gap = buffer
    expect(checkEligibility(order(), sameZoneAt('09:31'), none, rules).reasons).toEqual(['travel_buffer']);
    const otherZone = worker({ busy: [{ orderId: 'x', start: at('12:45'), end: at('14:00'), zoneId: 'north' }] });
    expect(checkEligibility(order(), otherZone, none, rules).reasons).toEqual(['travel_buffer']); // 45 min < 60
    const otherZoneLater = worker({ busy: [{ orderId: 'x', start: at('13:00'), end: at('14:00'), zoneId: 'north' }] });
    expect(checkEligibility(order(), otherZoneLater, none, rules).ok).toBe(true);
  });

  it('reports an overlap with an assigned job, but not with the order itself', () => {
    const busy = worker({ busy: [{ orderId: 'x', start: at('11:00'), end: at('13:00'), zoneId: 'center' }] });
    expect(checkEligibility(order(), busy, none, rules).reasons).toEqual(['overlap']);
    const self = worker({ busy: [{ orderId: 'o1', start: at('10:00'), end: at('12:00'), zoneId: 'center' }] });
    expect(checkEligibility(order(), self, none, rules).ok).toBe(true);
  });

  it('excludes time off', () => {
    const off = worker({ timeOff: [{ start: at('00:00'), end: at('00:00', 3) }] });
    expect(checkEligibility(order(), off, none, rules).reasons).toEqual(['time_off']);
  });

  it('excludes a worker who declined the order or whom the client blocked', () => {
    expect(checkEligibility(order(), worker(), { declined: true, blocked: false }, rules).reasons).toEqual([
      'declined',
    ]);
    expect(checkEligibility(order(), worker(), { declined: false, blocked: true }, rules).reasons).toEqual(['blocked']);
  });

  it('checks skill, zone, grade and activity', () => {
    const r = checkEligibility(
      order({ skill: 'windows', zoneId: 'south', minGrade: 'senior' }),
      worker({ active: false }),
      none,
      rules,
    ).reasons;
    expect(r).toEqual(['inactive', 'skill', 'zone', 'grade']);
  });

  it('lets a manager override soft rules but never inactivity or an overlap', () => {
    expect(canOverride(['zone', 'grade', 'declined'])).toBe(true);
    expect(canOverride(['zone', 'overlap'])).toBe(false);
    expect(canOverride(['inactive'])).toBe(false);
  });
});
