import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { haversineKm } from '@/lib/matching/cost';
import { bufferMinutes, checkEligibility } from '@/lib/matching/eligibility';
import { planAssignments, type PlanInput } from '@/lib/matching/plan';
import type { Grade } from '@/db/schema/workers';
import type { MatchOrder, MatchWorker } from '@/lib/matching/types';

// The day's re-plan in the pure planner: orders already held by a worker (`held`) that the plan may give to
// another one, for the re-plan's points.

const DAY0 = Date.UTC(2026, 11, 7); // a Monday
const zones = new Map([
  ['west', { lat: 55.75, lng: 37.5 }],
  ['mid', { lat: 55.75, lng: 37.56 }],
  ['east', { lat: 55.75, lng: 37.65 }],
]);
const km = (x: string, y: string) => (x === y ? 0 : haversineKm(zones.get(x)!, zones.get(y)!));
const rules = { bufferSameZoneMinutes: 30, bufferOtherZoneMinutes: 60 };
// Travel only: every other term is the same whoever takes an order, so the plan's cost is its kilometres.
const weights = { travelPerKm: 1, workload: 0, quality: 10, continuity: 5, seniority: 3 };
const all = ['west', 'mid', 'east'];

const worker = (id: string, home: string, grade: Grade = 'standard'): MatchWorker => ({
  id,
  name: id,
  active: true,
  grade,
  skills: new Set(['cleaning']),
  zoneIds: new Set(all),
  homeZoneId: home,
  weeklyHoursTarget: 40,
  availability: [{ start: new Date(DAY0), end: new Date(DAY0 + 86_400_000) }],
  timeOff: [],
  busy: [],
});

const at = (hour: number) => new Date(DAY0 + hour * 3_600_000);

/** An order `holder` already has (in their calendar), which the re-plan may move for `points`. */
function held(id: string, zoneId: string, hour: number, holder: MatchWorker, points: number, grades?: Grade[]) {
  const order: MatchOrder = {
    id,
    clientId: `client-${id}`,
    zoneId,
    skill: 'cleaning',
    minGrade: 'junior',
    start: at(hour),
    end: at(hour + 2),
    held: { workerId: holder.id, points, ...(grades ? { grades: new Set(grades) } : {}) },
  };
  holder.busy.push({ orderId: id, start: order.start, end: order.end, zoneId });
  return order;
}

function input(orders: MatchOrder[], heldOrders: MatchOrder[], workers: MatchWorker[]): PlanInput {
  return {
    orders,
    held: heldOrders,
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

/** Route km of the workers' calendars: home → first job → next …, by start. */
function routesKm(workers: readonly MatchWorker[]): number {
  let total = 0;
  for (const w of workers) {
    let here = w.homeZoneId!;
    for (const job of [...w.busy].sort((a, b) => a.start.getTime() - b.start.getTime())) {
      total += km(here, job.zoneId);
      here = job.zoneId;
    }
  }
  return total;
}

describe('the day’s re-plan (held orders)', () => {
  it('gives a held order to the worker next door when that saves more than the re-plan points, and says so', () => {
    const far = worker('far', 'east');
    const near = worker('near', 'west');
    const order = held('h', 'west', 10, far, 3);
    const plan = planAssignments(input([], [order], [far, near]));
    // far drives east → west, km('east', 'west') ≈ 9.4 km; near starts at home in the west: 0 km. 9.4 > 3 points.
    expect(km('east', 'west')).toBeGreaterThan(9);
    expect(plan.assignments).toEqual([]);
    expect(plan.moves.map((m) => [m.orderId, m.workerId])).toEqual([['h', 'near']]);
    expect(plan.moves[0].terms).toMatchObject({ travelKm: 0, replanned: true, points: { replan: 3 } });
    // The calendars follow the plan.
    expect(near.busy.map((j) => j.orderId)).toEqual(['h']);
    expect(far.busy).toEqual([]);
  });

  it('leaves a held order where it is when the saving is below the re-plan points', () => {
    const far = worker('far', 'east');
    const near = worker('near', 'west');
    // The same 9.4 km saving against 20 points.
    const plan = planAssignments(input([], [held('h', 'west', 10, far, 20)], [far, near]));
    expect(plan.moves).toEqual([]);
    expect(far.busy.map((j) => j.orderId)).toEqual(['h']);
    expect(near.busy).toEqual([]);
  });

  it('never gives a held order to a grade that would change its price', () => {
    const far = worker('far', 'east');
    const senior = worker('senior-next-door', 'west', 'senior');
    const plan = planAssignments(input([], [held('h', 'west', 10, far, 3, ['standard'])], [far, senior]));
    expect(plan.moves).toEqual([]);
  });

  it('lets two workers swap jobs at the same hour', () => {
    // Crossed: the east worker holds the 10:00 job in the west and the west worker the 10:00 job in the east,
    // 2 × 9.4 km; swapped, both work at home: 0 km, for 2 × 3 points.
    const east = worker('east-home', 'east');
    const west = worker('west-home', 'west');
    const a = held('a', 'west', 10, east, 3);
    const b = held('b', 'east', 10, west, 3);
    const plan = planAssignments(input([], [a, b], [east, west]));
    expect(Object.fromEntries(plan.moves.map((m) => [m.orderId, m.workerId]))).toEqual({
      a: 'west-home',
      b: 'east-home',
    });
    expect(routesKm([east, west])).toBe(0);
  });

  it('re-plans a new order together with the held ones: a sick worker’s job goes where the day gets shortest', () => {
    // The sick worker's 10:00 job in the east comes back to matching, and the worker living in the east holds a
    // 10:00 job in the west. Kept where it is, the east job goes to the mid worker: 9.4 km (east → west) + 5.6 km
    // (mid → east) = 15.0 km. Re-planned, the west worker takes the west job and the east worker the east one, both
    // from home: 0 km, for one held order moved (3 points).
    const eastHome = worker('east-home', 'east');
    const westHome = worker('west-home', 'west');
    const midHome = worker('mid-home', 'mid');
    const h = held('h', 'west', 10, eastHome, 3);
    const sick: MatchOrder = {
      id: 'sick',
      clientId: 'client-sick',
      zoneId: 'east',
      skill: 'cleaning',
      minGrade: 'junior',
      start: at(10),
      end: at(12),
    };
    const plan = planAssignments(input([sick], [h], [eastHome, westHome, midHome]));
    expect(plan.assignments.map((x) => [x.orderId, x.workerId])).toEqual([['sick', 'east-home']]);
    expect(plan.moves.map((m) => [m.orderId, m.workerId])).toEqual([['h', 'west-home']]);
    expect(routesKm([eastHome, westHome, midHome])).toBe(0);
  });

  it('never double-books, keeps every held order, and never makes the day longer than its points (random days)', () => {
    const zone = fc.constantFrom('west', 'mid', 'east');
    fc.assert(
      fc.property(
        fc.array(fc.record({ zone, start: fc.integer({ min: 16, max: 36 }), holder: fc.nat() }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(zone, { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 12 }),
        (os, homes, points) => {
          const workers = homes.map((home, i) => worker(`w${i}`, home));
          // Held orders start on the half hour between 08:00 and 18:00 and last 2 hours; each goes to the first
          // worker (from its drawn holder on) who can still take it, as a day of earlier matches leaves them.
          const orders: MatchOrder[] = [];
          os.forEach((o, i) => {
            const start = at(o.start / 2);
            const probe: MatchOrder = {
              id: `o${i}`,
              clientId: 'c',
              zoneId: o.zone,
              skill: 'cleaning',
              minGrade: 'junior',
              start,
              end: at(o.start / 2 + 2),
            };
            for (let k = 0; k < workers.length; k++) {
              const w = workers[(o.holder + k) % workers.length];
              if (!checkEligibility(probe, w, { declined: false, blocked: false }, rules).ok) continue;
              orders.push(held(probe.id, o.zone, o.start / 2, w, points));
              break;
            }
          });
          const before = routesKm(workers);
          const holderOf = new Map(orders.map((o) => [o.id, o.held!.workerId]));
          const plan = planAssignments(input([], orders, workers));
          // Every held order is still in exactly one calendar, and a move names a new worker.
          const owners = new Map<string, string>();
          for (const w of workers) for (const j of w.busy) owners.set(j.orderId, w.id);
          expect([...owners.keys()].sort()).toEqual(orders.map((o) => o.id).sort());
          for (const m of plan.moves) {
            expect(m.workerId).not.toBe(holderOf.get(m.orderId));
            expect(owners.get(m.orderId)).toBe(m.workerId);
          }
          for (const o of orders)
            if (!plan.moves.some((m) => m.orderId === o.id)) expect(owners.get(o.id)).toBe(holderOf.get(o.id));
          // No worker holds two orders closer than the travel buffer.
          for (const w of workers) {
            const list = [...w.busy].sort((a, b) => a.start.getTime() - b.start.getTime());
            for (let k = 1; k < list.length; k++)
              expect(list[k].start.getTime() - list[k - 1].end.getTime()).toBeGreaterThanOrEqual(
                bufferMinutes(rules, list[k - 1].zoneId, list[k].zoneId) * 60_000,
              );
          }
          // Its own measure never gets worse: the kilometres saved pay for the points of every move.
          expect(routesKm(workers) + points * plan.moves.length).toBeLessThanOrEqual(before + 1e-6);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
