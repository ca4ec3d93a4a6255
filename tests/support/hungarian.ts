/**
 * The textbook Hungarian method with potentials (O(s³)) on an s × s cost function, written independently of
 * lib/matching's solver so that tests and the benchmark can check it. Returns rowOf[j] = the row (0-based)
 * holding column j.
 */
export function textbookHungarian(cost: (row: number, col: number) => number, s: number): Int32Array {
  // 1-based rows and columns; p[j] = the row holding column j, column 0 is the search root.
  const u = new Float64Array(s + 1);
  const v = new Float64Array(s + 1);
  const p = new Int32Array(s + 1);
  const way = new Int32Array(s + 1);
  for (let i = 1; i <= s; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(s + 1).fill(Infinity);
    const used = new Uint8Array(s + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= s; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= s; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  return p.subarray(1).map((row) => row - 1);
}
