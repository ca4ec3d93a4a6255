import { describe, expect, it } from 'vitest';
import {
  canFollow,
  greedyDay,
  optimumDay,
  routeKm,
  type Buffers,
  type DayJob,
  type DayWorker,
} from '../bench/plans-travel';

// The plans benchmark compares the dispatcher's routes with greedy dispatch and with the offline optimum.
// The optimum must really be the least: checked here against every possible assignment of small days.

const zones = new Map([
  ['a', { lat: 55.65, lng: 37.45 }],
  ['b', { lat: 55.73, lng: 37.45 }],
  ['c', { lat: 55.65, lng: 37.6 }],
]);
const buffers: Buffers = { sameZone: 30, otherZone: 60 };
const H = 3_600_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The least route km over every assignment whose routes keep the buffers (workers^jobs of them). */
function bruteForce(jobs: DayJob[], workers: DayWorker[]): number | null {
  let best: number | null = null;
  const choice = new Array<number>(jobs.length).fill(0);
  for (;;) {
    const assignment = new Map(jobs.map((j, i) => [j.id, workers[choice[i]].id]));
    const feasible = jobs.every((a, i) =>
      jobs.every((b, k) => k <= i || choice[i] !== choice[k] || canFollow(a, b, buffers) || canFollow(b, a, buffers)),
    );
    if (feasible) {
      const total = routeKm(jobs, assignment, workers, zones);
      if (best === null || total < best) best = total;
    }
    let i = 0;
    while (i < jobs.length && ++choice[i] === workers.length) choice[i++] = 0;
    if (i === jobs.length) return best;
  }
}

describe('plans benchmark: travel with hindsight', () => {
  it('the optimum equals brute force on small days, and greedy is never below it', () => {
    const r = rng(7);
    const names = ['a', 'b', 'c'];
    for (let t = 0; t < 60; t++) {
      const jobs: DayJob[] = Array.from({ length: 2 + Math.floor(r() * 4) }, (_, i) => {
        const start = (9 + Math.floor(r() * 8)) * H;
        return { id: `j${i}`, zoneId: names[Math.floor(r() * 3)], start, end: start + 2 * H, bookedAt: r() };
      });
      const workers: DayWorker[] = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({
        id: `w${i}`,
        homeZoneId: names[Math.floor(r() * 3)],
      }));
      const exact = bruteForce(jobs, workers);
      const optimum = optimumDay(jobs, workers, zones, buffers);
      if (exact === null) {
        expect(optimum).toBeNull();
        continue;
      }
      expect(optimum).not.toBeNull();
      expect(optimum!.size).toBe(jobs.length);
      expect(routeKm(jobs, optimum!, workers, zones)).toBeCloseTo(exact, 6);
      const greedy = greedyDay(jobs, workers, zones, buffers);
      if (greedy.size === jobs.length)
        expect(routeKm(jobs, greedy, workers, zones)).toBeGreaterThanOrEqual(exact - 1e-9);
    }
  });

  it('a worker drives home → first job → next job; a same-zone chain costs nothing', () => {
    const jobs: DayJob[] = [
      { id: '1', zoneId: 'b', start: 9 * H, end: 11 * H, bookedAt: 0 },
      { id: '2', zoneId: 'b', start: 12 * H, end: 14 * H, bookedAt: 1 },
    ];
    const workers = [
      { id: 'home-a', homeZoneId: 'a' },
      { id: 'home-b', homeZoneId: 'b' },
    ];
    expect(routeKm(jobs, optimumDay(jobs, workers, zones, buffers)!, workers, zones)).toBe(0);
    // a → b is 0.08° of latitude: about 8.9 km.
    expect(
      routeKm(
        jobs,
        new Map([
          ['1', 'home-a'],
          ['2', 'home-a'],
        ]),
        workers,
        zones,
      ),
    ).toBeCloseTo(8.9, 1);
  });
});
