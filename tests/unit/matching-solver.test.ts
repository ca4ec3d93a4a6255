import { describe, expect, it } from 'vitest';
import { solveAssignment } from '@/lib/matching/solver';

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
      const matrix = Array.from({ length: n }, () => Array.from({ length: m }, () => (random() < forbidShare ? Infinity : Math.round(random() * 1000) / 10)));
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
});
