import { describe, expect, it } from 'vitest';
import {
  canFollow,
  greedyDay,
  keptVisits,
  mostJobsDay,
  optimumDay,
  optimumKeptDay,
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
function bruteForce(
  jobs: DayJob[],
  workers: DayWorker[],
  fixed: ReadonlyMap<string, string> = new Map(),
): number | null {
  let best: number | null = null;
  const choice = new Array<number>(jobs.length).fill(0);
  for (;;) {
    const assignment = new Map(jobs.map((j, i) => [j.id, workers[choice[i]].id]));
    const feasible =
      [...fixed].every(([id, w]) => assignment.get(id) === w) &&
      jobs.every((a, i) =>
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

  it('the optimum keeping regulars equals brute force over the assignments that keep them, and is never below the free optimum', async () => {
    const r = rng(11);
    const names = ['a', 'b', 'c'];
    let constrained = 0;
    for (let t = 0; t < 80; t++) {
      const jobs: DayJob[] = Array.from({ length: 3 + Math.floor(r() * 4) }, (_, i) => {
        const start = (9 + Math.floor(r() * 8)) * H;
        return { id: `j${i}`, zoneId: names[Math.floor(r() * 3)], start, end: start + 2 * H, bookedAt: r() };
      });
      const workers: DayWorker[] = Array.from({ length: 2 + Math.floor(r() * 2) }, (_, i) => ({
        id: `w${i}`,
        homeZoneId: names[Math.floor(r() * 3)],
      }));
      // About half the jobs are plan visits with a regular (some of whom clash, so keptVisits drops one).
      const visits = jobs.map((j) => ({
        ...j,
        regular: r() < 0.5 ? workers[Math.floor(r() * workers.length)].id : null,
      }));
      const fixed = keptVisits(visits, new Set(workers.map((w) => w.id)), buffers);
      const exact = bruteForce(jobs, workers, fixed);
      const kept = await optimumKeptDay(jobs, workers, zones, buffers, fixed);
      if (exact === null) {
        expect(kept).toBeNull();
        continue;
      }
      expect(kept).not.toBeNull();
      expect(kept!.size).toBe(jobs.length);
      for (const [id, w] of fixed) expect(kept!.get(id)).toBe(w);
      // Every worker's jobs keep the buffers between them.
      for (const a of jobs)
        for (const b of jobs)
          if (a.id < b.id && kept!.get(a.id) === kept!.get(b.id))
            expect(canFollow(a, b, buffers) || canFollow(b, a, buffers)).toBe(true);
      expect(routeKm(jobs, kept!, workers, zones)).toBeCloseTo(exact, 6);
      const free = bruteForce(jobs, workers)!;
      expect(exact).toBeGreaterThanOrEqual(free - 1e-9);
      if (exact > free + 1e-6) constrained++;
    }
    // The property is not vacuous: keeping regulars costs kilometres on some of these days.
    expect(constrained).toBeGreaterThan(5);
  });

  it('a regular keeps the earlier of two clashing visits, and none on a day off', () => {
    const v = (id: string, hour: number, regular: string | null) => ({
      id,
      zoneId: 'a',
      start: hour * H,
      end: (hour + 2) * H,
      bookedAt: 0,
      regular,
    });
    const kept = keptVisits(
      [v('late', 10, 'w1'), v('early', 9, 'w1'), v('off', 9, 'w2'), v('none', 9, null)],
      new Set(['w1']),
      buffers,
    );
    expect([...kept]).toEqual([['early', 'w1']]);
  });

  it('the most jobs a day allows: all of them when the workers suffice, one per worker at a shared hour', () => {
    const at = (id: string, hour: number, zoneId = 'a'): DayJob => ({
      id,
      zoneId,
      start: hour * H,
      end: (hour + 2) * H,
      bookedAt: 0,
    });
    const two = [
      { id: 'w1', homeZoneId: 'a' },
      { id: 'w2', homeZoneId: 'b' },
    ];
    // 09:00 and 11:30 in one zone chain (30 min buffer), so one worker does both and the other the 10:00 one.
    expect(mostJobsDay([at('1', 9), at('2', 11.5), at('3', 10)], two, buffers)).toBe(3);
    // Three jobs at 14:00 and two workers: one of them cannot be done by anyone.
    expect(mostJobsDay([at('1', 14), at('2', 14, 'b'), at('3', 14, 'c')], two, buffers)).toBe(2);
    // 11:30 after 09:00 in another zone needs a 60 min buffer: not one worker's.
    expect(mostJobsDay([at('1', 9), at('2', 11.5, 'b')], [two[0]], buffers)).toBe(1);
  });
});
