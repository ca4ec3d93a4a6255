import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { haversineKm } from '@/lib/matching/cost';
import { bufferMinutes, checkEligibility } from '@/lib/matching/eligibility';
import { planAssignments, type PlanInput } from '@/lib/matching/plan';
import type { MatchOrder, MatchWorker } from '@/lib/matching/types';

const DAY0 = Date.UTC(2026, 11, 7); // a Monday
const zones = new Map([
  ['a', { lat: 55.75, lng: 37.6 }],
  ['b', { lat: 55.8, lng: 37.5 }],
  ['c', { lat: 55.7, lng: 37.7 }],
  // On one parallel: west, a point between (nearer the west) and east.
  ['west', { lat: 55.75, lng: 37.5 }],
  ['mid', { lat: 55.75, lng: 37.56 }],
  ['east', { lat: 55.75, lng: 37.65 }],
]);
const km = (x: string, y: string) => haversineKm(zones.get(x)!, zones.get(y)!);
const rules = { bufferSameZoneMinutes: 30, bufferOtherZoneMinutes: 60 };
const weights = { travelPerKm: 1, workload: 10, quality: 10, continuity: 5, seniority: 3 };

function input(orders: MatchOrder[], workers: MatchWorker[]): PlanInput {
  return {
    orders,
    workers,
    facts: () => ({ declined: false, blocked: false }),
    stats: () => ({ ratingSum: 0, ratingCount: 0, completed: 0, failed: 0 }),
    clientRating: () => null,
    weekHours: () => 0,
    weekOf: () => '2026-12-07',
    zones,
    rules,
    weights,
  };
}

const worker = (id: string, zoneIds: string[], home: string): MatchWorker => ({
  id,
  name: id,
  active: true,
  grade: 'standard',
  skills: new Set(['cleaning']),
  zoneIds: new Set(zoneIds),
  homeZoneId: home,
  weeklyHoursTarget: 30,
  availability: [{ start: new Date(DAY0), end: new Date(DAY0 + 3 * 86_400_000) }],
  timeOff: [],
  busy: [],
});

const order = (id: string, zoneId: string, startHour: number, hours: number): MatchOrder => ({
  id,
  clientId: 'c',
  zoneId,
  skill: 'cleaning',
  minGrade: 'junior',
  start: new Date(DAY0 + startHour * 3_600_000),
  end: new Date(DAY0 + (startHour + hours) * 3_600_000),
});

describe('planAssignments', () => {
  it('gives each order the nearer worker when they compete for one time slot', () => {
    const plan = planAssignments(
      input(
        [order('in-a', 'a', 10, 2), order('in-b', 'b', 10, 2)],
        [worker('from-b', ['a', 'b'], 'b'), worker('from-a', ['a', 'b'], 'a')],
      ),
    );
    expect(Object.fromEntries(plan.assignments.map((x) => [x.orderId, x.workerId]))).toEqual({
      'in-a': 'from-a',
      'in-b': 'from-b',
    });
    expect(plan.assignments[0].runnersUp).toHaveLength(1);
  });

  it('lets one worker take a chain of orders of a day, and leaves the one that does not fit', () => {
    const plan = planAssignments(
      input(
        [order('9', 'a', 9, 2), order('11:30', 'a', 11.5, 2), order('13:45', 'a', 13.75, 1)],
        [worker('w', ['a'], 'a')],
      ),
    );
    expect(plan.assignments.map((x) => x.orderId).sort()).toEqual(['11:30', '9']);
    expect(plan.unmatched).toEqual(['13:45']);
  });

  it('never double-books and only assigns eligible pairs (random instances)', () => {
    const zone = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(
        fc.array(fc.record({ zone, start: fc.integer({ min: 16, max: 80 }), len: fc.integer({ min: 2, max: 8 }) }), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.array(fc.record({ zones: fc.subarray(['a', 'b', 'c'], { minLength: 1 }), home: zone }), {
          minLength: 1,
          maxLength: 6,
        }),
        (os, ws) => {
          // Orders start on the half hour and last 1-4 hours, over the first three days.
          const orders = os.map((o, i) => order(`o${i}`, o.zone, o.start / 2, o.len / 2));
          const workers = ws.map((w, i) => worker(`w${i}`, w.zones, w.home));
          const plan = planAssignments(input(orders, workers));
          expect(plan.assignments.length + plan.unmatched.length).toBe(orders.length);
          const byWorker = new Map<string, MatchOrder[]>();
          for (const a of plan.assignments) {
            const o = orders.find((x) => x.id === a.orderId)!;
            byWorker.set(a.workerId, [...(byWorker.get(a.workerId) ?? []), o]);
            const fresh = worker(a.workerId, ws[Number(a.workerId.slice(1))].zones, 'a');
            expect(checkEligibility(o, fresh, { declined: false, blocked: false }, rules).ok).toBe(true);
          }
          for (const list of byWorker.values()) {
            list.sort((x, y) => x.start.getTime() - y.start.getTime());
            for (let k = 1; k < list.length; k++) {
              const gap = list[k].start.getTime() - list[k - 1].end.getTime();
              expect(gap).toBeGreaterThanOrEqual(bufferMinutes(rules, list[k - 1].zoneId, list[k].zoneId) * 60_000);
            }
          }
          // An unmatched order has no worker who could still take it.
          for (const id of plan.unmatched) {
            const o = orders.find((x) => x.id === id)!;
            const anyone = workers.some((w) => checkEligibility(o, w, { declined: false, blocked: false }, rules).ok);
            expect(anyone).toBe(false);
          }
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it("weighs a worker's day, not their home: the one whose previous job is next door wins over a nearer home", () => {
    const nextDoor = worker('next-door', ['west', 'mid', 'east'], 'east');
    nextDoor.busy.push({
      orderId: 'held-9',
      start: new Date(DAY0 + 9 * 3_600_000),
      end: new Date(DAY0 + 11 * 3_600_000),
      zoneId: 'west',
    });
    const nearHome = worker('near-home', ['west', 'mid', 'east'], 'mid');
    nearHome.busy.push({
      orderId: 'held-15',
      start: new Date(DAY0 + 15 * 3_600_000),
      end: new Date(DAY0 + 17 * 3_600_000),
      zoneId: 'east',
    });
    const plan = planAssignments({
      ...input([order('noon', 'west', 12, 2)], [nearHome, nextDoor]),
      weights: { ...weights, workload: 0 },
    });
    expect(plan.assignments.map((x) => [x.orderId, x.workerId])).toEqual([['noon', 'next-door']]);
    // Next door: west (the 09:00 job) → west, 0 km. Near home: mid → west, then west → east instead of mid → east.
    expect(plan.assignments[0].terms.travelKm).toBe(0);
    expect(plan.assignments[0].runnersUp[0].terms.travelKm).toBeCloseTo(
      km('mid', 'west') + km('west', 'east') - km('mid', 'east'),
      2,
    );
  });

  it('revisits an early choice once the later orders of the day are known, and explains the plan as made', () => {
    // Slot by slot, the 09:00 order in the middle goes to the west worker (mid is nearer west: 3.8 km against
    // 5.6 km), who then has to come back west at noon (3.8 km): 7.5 km. Giving the 09:00 order to the east
    // worker instead (5.6 km) leaves the west worker at home for the noon order (0 km): 5.6 km.
    const plan = planAssignments({
      ...input(
        [order('nine-mid', 'mid', 9, 2), order('noon-west', 'west', 12, 2)],
        [worker('from-west', ['west', 'mid', 'east'], 'west'), worker('from-east', ['west', 'mid', 'east'], 'east')],
      ),
      weights: { ...weights, workload: 0 },
    });
    const chosen = Object.fromEntries(plan.assignments.map((x) => [x.orderId, x]));
    expect(chosen['nine-mid'].workerId).toBe('from-east');
    expect(chosen['noon-west'].workerId).toBe('from-west');
    expect(km('west', 'mid')).toBeLessThan(km('mid', 'east'));
    // Each order's stored kilometres are its detour in the final routes: east → mid, and west (home) → west.
    expect(chosen['nine-mid'].terms.travelKm).toBeCloseTo(km('east', 'mid'), 2);
    expect(chosen['noon-west'].terms.travelKm).toBe(0);
    // The runner-up of the 09:00 order is the west worker with the noon order kept: west → mid → west.
    expect(chosen['nine-mid'].runnersUp[0]).toMatchObject({ workerId: 'from-west' });
    expect(chosen['nine-mid'].runnersUp[0].terms.travelKm).toBeCloseTo(2 * km('west', 'mid'), 2);
    for (const a of plan.assignments) {
      const points = Object.values(a.terms.points).reduce((x, y) => x + y, 0);
      expect(points).toBeCloseTo(a.terms.total, 1);
    }
  });
});
