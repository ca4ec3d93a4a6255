// The assignment problem: given a cost for every (row, column) pair, pick at most one column per row and
// one row per column so that as many rows as possible are assigned and, among those choices, the total
// cost is the least. Forbidden pairs have cost Infinity.
//
// The algorithm is the Hungarian method in its shortest-augmenting-path form (the one Jonker and
// Volgenant refined): rows are added one by one, each by a Dijkstra-like search over reduced costs
// with potentials u (rows) and v (columns), so it runs in O(n² m) for n ≤ m. Rectangular inputs with
// more rows than columns are transposed. Forbidden pairs become a cost larger than any feasible total,
// so the optimum first maximises the number of feasible pairs and only then minimises their cost.

export type Assignment = {
  /** rowToCol[i] = the column assigned to row i, or -1. */
  rowToCol: Int32Array;
  /** Sum of the costs of the assigned pairs. */
  total: number;
};

/** Solves an n × m problem given as a row-major Float64Array (Infinity = forbidden). */
export function solveAssignmentFlat(cost: Float64Array, n: number, m: number): Assignment {
  if (cost.length !== n * m) throw new RangeError('cost matrix size does not match n × m');
  if (n === 0 || m === 0) return { rowToCol: new Int32Array(n).fill(-1), total: 0 };
  if (n > m) {
    const t = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j * n + i] = cost[i * m + j];
    const transposed = solveAssignmentFlat(t, m, n);
    const rowToCol = new Int32Array(n).fill(-1);
    transposed.rowToCol.forEach((row, col) => {
      if (row >= 0) rowToCol[row] = col;
    });
    return { rowToCol, total: transposed.total };
  }

  // Replace Infinity by a finite "forbidden" cost above any sum of feasible costs.
  // A dense problem (no forbidden pair) is read in place: copying 1000 × 1000 costs more than the scan.
  let maxFinite = 0;
  let allFinite = true;
  for (let k = 0; k < cost.length; k++) {
    const c = cost[k];
    if (!Number.isFinite(c)) allFinite = false;
    else if (Math.abs(c) > maxFinite) maxFinite = Math.abs(c);
  }
  let a = cost;
  if (!allFinite) {
    const forbidden = (maxFinite + 1) * (n + 1) * 2;
    a = new Float64Array(cost.length);
    for (let k = 0; k < cost.length; k++) a[k] = Number.isFinite(cost[k]) ? cost[k] : forbidden;
  }

  // Shortest augmenting paths (Jonker-Volgenant; this form follows Crouse, "On implementing 2D rectangular
  // assignment algorithms", 2016): each row in turn finds the cheapest path in reduced costs to a free
  // column, scanning only the columns not yet reached, then the potentials are updated and the path flipped.
  const u = new Float64Array(n);
  const v = new Float64Array(m);
  const shortest = new Float64Array(m);
  const path = new Int32Array(m);
  const col4row = new Int32Array(n).fill(-1);
  const row4col = new Int32Array(m).fill(-1);
  const scannedRow = new Uint8Array(n);
  const scannedCol = new Uint8Array(m);
  const remaining = new Int32Array(m);
  // Row reduction: each row's potential is its cheapest cost and the row takes that column when it is still
  // free. Reduced costs stay ≥ 0, matched pairs tight and column potentials 0 (which a rectangular problem
  // needs for its free columns), so the augmenting phase below only places the rows left over.
  for (let r = 0; r < n; r++) {
    let best = Infinity;
    let bestCol = -1;
    const base = r * m;
    for (let j = 0; j < m; j++) {
      if (a[base + j] < best || (a[base + j] === best && row4col[j] === -1)) {
        best = a[base + j];
        bestCol = j;
      }
    }
    u[r] = best;
    if (row4col[bestCol] === -1) {
      col4row[r] = bestCol;
      row4col[bestCol] = r;
    }
  }
  for (let cur = 0; cur < n; cur++) {
    if (col4row[cur] !== -1) continue;
    shortest.fill(Infinity);
    scannedRow.fill(0);
    scannedCol.fill(0);
    for (let k = 0; k < m; k++) remaining[k] = m - 1 - k;
    let left = m;
    let minVal = 0;
    let i = cur;
    let sink = -1;
    while (sink === -1) {
      scannedRow[i] = 1;
      let index = -1;
      let lowest = Infinity;
      const base = i * m;
      const offset = minVal - u[i];
      for (let k = 0; k < left; k++) {
        const j = remaining[k];
        const r = offset + a[base + j] - v[j];
        let d = shortest[j];
        if (r < d) {
          path[j] = i;
          shortest[j] = d = r;
        }
        // Ties go to a free column: the path ends sooner.
        if (d < lowest || (d === lowest && row4col[j] === -1)) {
          lowest = d;
          index = k;
        }
      }
      minVal = lowest;
      const j = remaining[index];
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
      scannedCol[j] = 1;
      remaining[index] = remaining[--left];
    }
    u[cur] += minVal;
    for (let r = 0; r < n; r++) if (scannedRow[r] && r !== cur) u[r] += minVal - shortest[col4row[r]];
    for (let c = 0; c < m; c++) if (scannedCol[c]) v[c] -= minVal - shortest[c];
    let j = sink;
    for (;;) {
      const r = path[j];
      row4col[j] = r;
      const prev = col4row[r];
      col4row[r] = j;
      if (r === cur) break;
      j = prev;
    }
  }

  const rowToCol = new Int32Array(n).fill(-1);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const c = col4row[r];
    if (c < 0 || !Number.isFinite(cost[r * m + c])) continue;
    rowToCol[r] = c;
    total += cost[r * m + c];
  }
  return { rowToCol, total };
}

/** Convenience form for small problems: a matrix of rows. */
export function solveAssignment(matrix: readonly (readonly number[])[]): Assignment {
  const n = matrix.length;
  const m = n ? matrix[0].length : 0;
  const flat = new Float64Array(n * m);
  matrix.forEach((row, i) => {
    if (row.length !== m) throw new RangeError('ragged cost matrix');
    flat.set(row, i * m);
  });
  return solveAssignmentFlat(flat, n, m);
}
