import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bufferMinutes, checkEligibility } from '@/lib/matching/eligibility';
import { planAssignments, type PlanInput } from '@/lib/matching/plan';
import type { MatchOrder, MatchWorker } from '@/lib/matching/types';

const DAY0 = Date.UTC(2026, 11, 7); // a Monday
const zones = new Map([
  ['a', { lat: 55.75, lng: 37.6 }],
  ['b', { lat: 55.8, lng: 37.5 }],
  ['c', { lat: 55.7, lng: 37.7 }],
]);
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

  it('improvement passes re-plan an early order once a later one shows whose route it belongs on', () => {
    // 08:00 in a, then 11:00 in b. Solved in time order, the 08:00 order goes to the worker from b (8.37 km
    // from home, a hair less than the worker from c), who then drives back to b: 8.37 + 8.37 = 16.74 km. With
    // the 11:00 order known, the worker from c takes 08:00 (8.37 km) and the one from b does 11:00 from home (0 km).
    const make = () => ({
      orders: [order('8:00', 'a', 8, 2), order('11:00', 'b', 11, 2)],
      workers: [worker('from-b', ['a', 'b', 'c'], 'b'), worker('from-c', ['a', 'b', 'c'], 'c')],
    });
    const slotsOnly = make();
    const before = planAssignments(input(slotsOnly.orders, slotsOnly.workers), { improve: false });
    expect(Object.fromEntries(before.assignments.map((x) => [x.orderId, x.workerId]))).toEqual({
      '8:00': 'from-b',
      '11:00': 'from-b',
    });
    const improved = make();
    const plan = planAssignments(input(improved.orders, improved.workers));
    expect(Object.fromEntries(plan.assignments.map((x) => [x.orderId, x.workerId]))).toEqual({
      '8:00': 'from-c',
      '11:00': 'from-b',
    });
    // The stored terms describe the final routes: 8:00 from c's home, 11:00 from b's home (0 km); each
    // order's runner-up is the other worker.
    const byOrder = new Map(plan.assignments.map((x) => [x.orderId, x]));
    expect(byOrder.get('8:00')!.terms.travelKm).toBeCloseTo(8.37, 1);
    expect(byOrder.get('11:00')!.terms.travelKm).toBe(0);
    expect(byOrder.get('8:00')!.runnersUp.map((x) => x.workerId)).toEqual(['from-b']);
    expect(byOrder.get('11:00')!.runnersUp.map((x) => x.workerId)).toEqual(['from-c']);
    // The calendars the planner hands back agree with the assignments.
    expect(improved.workers.map((w) => w.busy.map((j) => j.orderId))).toEqual([['11:00'], ['8:00']]);
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
          // The improvement passes never cost a match: they keep every order placed and retry the rest.
          const slotsOnly = planAssignments(
            input(
              orders,
              ws.map((w, i) => worker(`w${i}`, w.zones, w.home)),
            ),
            { improve: false },
          );
          expect(plan.assignments.length).toBeGreaterThanOrEqual(slotsOnly.assignments.length);
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
});
