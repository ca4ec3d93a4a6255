import { describe, expect, it } from 'vitest';
import { solveAssignment, solveAssignmentFlat } from '@/lib/matching/solver';
import { textbookHungarian } from '@/tests/support/hungarian';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Best (most pairs, then least cost) over every partial assignment, by exhaustive search. */
function bruteForce(matrix: number[][]): { count: number; total: number } {
  const n = matrix.length;
  const m = n ? matrix[0].length : 0;
  let best = { count: -1, total: Infinity };
  const used = new Array<boolean>(m).fill(false);
  const go = (i: number, count: number, total: number) => {
    if (i === n) {
      if (count > best.count || (count === best.count && total < best.total - 1e-9)) best = { count, total };
      return;
    }
    go(i + 1, count, total);
    for (let j = 0; j < m; j++) {
      if (used[j] || !Number.isFinite(matrix[i][j])) continue;
      used[j] = true;
      go(i + 1, count + 1, total + matrix[i][j]);
      used[j] = false;
    }
  };
  go(0, 0, 0);
  return best;
}

/**
 * Best (most pairs, then least cost) by the textbook Hungarian method (tests/support), written independently
 * of the solver: the matrix is padded to s × s with zero-cost dummies and a forbidden pair costs more than
 * all feasible pairs together, so fewer forbidden pairs always wins.
 */
function textbookBest(matrix: number[][]): { count: number; total: number } {
  const n = matrix.length;
  const m = n ? matrix[0].length : 0;
  let penalty = 1;
  for (const row of matrix) for (const c of row) if (Number.isFinite(c)) penalty += 2 * Math.abs(c);
  const cost = (i: number, j: number) =>
    i < n && j < m ? (Number.isFinite(matrix[i][j]) ? matrix[i][j] : penalty) : 0;
  const rowOf = textbookHungarian(cost, Math.max(n, m));
  let count = 0;
  let total = 0;
  rowOf.forEach((i, j) => {
    if (i < n && j < m && Number.isFinite(matrix[i][j])) {
      count++;
      total += matrix[i][j];
    }
  });
  return { count, total };
}

/** Checks that the solver's answer is a valid assignment of the expected size and total. */
function expectOptimal(matrix: number[][], expected: { count: number; total: number }) {
  const got = solveAssignment(matrix);
  expect(got.rowToCol.length).toBe(matrix.length);
  const cols = [...got.rowToCol].filter((c) => c >= 0);
  expect(new Set(cols).size).toBe(cols.length);
  let total = 0;
  got.rowToCol.forEach((c, i) => {
    if (c < 0) return;
    expect(Number.isFinite(matrix[i][c])).toBe(true);
    total += matrix[i][c];
  });
  expect(cols.length).toBe(expected.count);
  expect(got.total).toBeCloseTo(total, 6);
  expect(got.total).toBeCloseTo(expected.total, 6);
}

/** An n × m matrix of integers in [low, low + range), each forbidden with probability `forbidShare`. */
function integerMatrix(
  random: () => number,
  n: number,
  m: number,
  low: number,
  range: number,
  forbidShare: number,
): number[][] {
  return Array.from({ length: n }, () =>
    Array.from({ length: m }, () => (random() < forbidShare ? Infinity : low + Math.floor(random() * range))),
  );
}

describe('solveAssignment', () => {
  it('solves a textbook 3 × 3 instance', () => {
    // Optimal: row0→col1 (1), row1→col0 (2), row2→col2 (2) = 5.
    const r = solveAssignment([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect([...r.rowToCol]).toEqual([1, 0, 2]);
    expect(r.total).toBe(5);
  });

  it('handles empty, wide and tall matrices', () => {
    expect(solveAssignment([]).rowToCol.length).toBe(0);
    expect([...solveAssignment([[5, 1, 9]]).rowToCol]).toEqual([1]);
    expect([...solveAssignment([[5], [1], [9]]).rowToCol]).toEqual([-1, 0, -1]);
  });

  it('prefers more feasible pairs to a cheaper total', () => {
    // Row 0 could take col 0 cheaply, but then row 1 (only col 0 allowed) would go without: 100 + 1 wins.
    const r = solveAssignment([
      [1, 100],
      [1, Infinity],
    ]);
    expect([...r.rowToCol]).toEqual([1, 0]);
    expect(r.total).toBe(101);
  });

  it('leaves a row with only forbidden pairs unassigned', () => {
    const r = solveAssignment([
      [Infinity, Infinity],
      [3, 4],
    ]);
    expect([...r.rowToCol]).toEqual([-1, 0]);
  });

  it('matches brute force on 600 random instances up to 6 × 6 with forbidden pairs', () => {
    const random = rng(20261125);
    for (let k = 0; k < 600; k++) {
      const n = 1 + Math.floor(random() * 6);
      const m = 1 + Math.floor(random() * 6);
      const forbidShare = random() * 0.5;
      const matrix = Array.from({ length: n }, () =>
        Array.from({ length: m }, () => (random() < forbidShare ? Infinity : Math.round(random() * 1000) / 10)),
      );
      const expected = bruteForce(matrix);
      const got = solveAssignment(matrix);
      const cols = [...got.rowToCol].filter((c) => c >= 0);
      expect(new Set(cols).size).toBe(cols.length);
      got.rowToCol.forEach((c, i) => {
        if (c >= 0) expect(Number.isFinite(matrix[i][c])).toBe(true);
      });
      expect(cols.length).toBe(expected.count);
      expect(got.total).toBeCloseTo(expected.total, 6);
    }
  });

  it('matches brute force on 600 tie-heavy integer instances up to 6 × 6, with forbidden rows and columns', () => {
    const random = rng(4242);
    for (let k = 0; k < 600; k++) {
      const n = 1 + Math.floor(random() * 6);
      const m = 1 + Math.floor(random() * 6);
      // Costs from a handful of values (some negative), so many assignments tie.
      const matrix = integerMatrix(
        random,
        n,
        m,
        -2 + Math.floor(random() * 3),
        1 + Math.floor(random() * 4),
        random() * 0.4,
      );
      if (k % 5 === 0) matrix[Math.floor(random() * n)].fill(Infinity);
      if (k % 7 === 0) {
        const j = Math.floor(random() * m);
        for (const row of matrix) row[j] = Infinity;
      }
      expectOptimal(matrix, bruteForce(matrix));
    }
  });

  it('matches an independent textbook Hungarian on 300 larger square and rectangular instances', () => {
    const random = rng(777);
    for (let k = 0; k < 300; k++) {
      const n = 1 + Math.floor(random() * 40);
      const m =
        k % 3 === 0 ? n : k % 3 === 1 ? n + Math.floor(random() * 15) : Math.max(1, n - Math.floor(random() * 15));
      const kind = Math.floor(k / 3) % 4;
      const forbidShare = kind >= 2 ? random() * 0.8 : 0;
      const matrix =
        kind % 2 === 0
          ? Array.from({ length: n }, () =>
              Array.from({ length: m }, () => (random() < forbidShare ? Infinity : random() * 100)),
            )
          : integerMatrix(random, n, m, 0, 1 + Math.floor(random() * 10), forbidShare);
      if (kind === 3 && k % 2 === 0) matrix[Math.floor(random() * n)].fill(Infinity);
      expectOptimal(matrix, textbookBest(matrix));
    }
  });

  it('does not modify the caller’s matrix', () => {
    const random = rng(99);
    for (const forbidShare of [0, 0.3]) {
      const n = 30;
      const cost = new Float64Array(n * n).map(() => (random() < forbidShare ? Infinity : random() * 10));
      const copy = cost.slice();
      solveAssignmentFlat(cost, n, n);
      expect(cost).toEqual(copy);
    }
  });
});
