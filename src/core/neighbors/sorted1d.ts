/**
 * Neighbour search on one column: sort once (by value, ties by row index), then answer each
 * query from the row's position in the sorted order.
 *
 * Exactness without re-checks: the contract's 1-D distance, |x - v| (max) or
 * Math.sqrt((x - v)^2) (euclidean), is computed for every candidate exactly as brute force does,
 * and it is monotone along the sorted order on each side of v (rounded subtraction, squaring and
 * sqrt are monotone). So "d(x, v) < r" is true on a contiguous block around v, and the binary /
 * galloping searches below look for the ends of that block with the exact predicate itself.
 * (Searching for v - r and v + r instead would round the sum and misclassify boundary points.)
 *
 * Complexity: O(n log n) to sort; counts O(log count) per row (galloping search); kNN O(k)
 * per row plus the runs of equal values skipped at the k-th distance.
 */

import type { Metric } from "./types.js";

export interface Sorted1d {
  readonly n: number;
  /** Values in ascending order (-0 canonicalised to +0; distances are unchanged). */
  readonly vals: Float64Array;
  /** Sorted position -> original row; rows with equal values are in ascending row order. */
  readonly idx: Int32Array;
  /** Original row -> sorted position. */
  readonly pos: Int32Array;
}

function pairLess(key: Float64Array, idx: Int32Array, x: number, y: number): boolean {
  return key[x] < key[y] || (key[x] === key[y] && idx[x] < idx[y]);
}

/** In-place sort of (key, idx) pairs, lexicographic, by quicksort + insertion sort. */
function sortPairs(key: Float64Array, idx: Int32Array): void {
  const stack = new Int32Array(128);
  let sp = 0;
  stack[sp++] = 0;
  stack[sp++] = key.length - 1;
  while (sp > 0) {
    const r0 = stack[--sp];
    const l0 = stack[--sp];
    let l = l0;
    let r = r0;
    if (r - l < 24) {
      for (let a = l + 1; a <= r; a++) {
        const kv = key[a];
        const iv = idx[a];
        let b = a - 1;
        while (b >= l && (key[b] > kv || (key[b] === kv && idx[b] > iv))) {
          key[b + 1] = key[b];
          idx[b + 1] = idx[b];
          b--;
        }
        key[b + 1] = kv;
        idx[b + 1] = iv;
      }
      continue;
    }
    // Median of three (first, middle, last) as pivot.
    const m = (l + r) >> 1;
    let med: number;
    if (pairLess(key, idx, l, m)) med = pairLess(key, idx, m, r) ? m : pairLess(key, idx, l, r) ? r : l;
    else med = pairLess(key, idx, l, r) ? l : pairLess(key, idx, m, r) ? r : m;
    const pk = key[med];
    const pi = idx[med];
    while (l <= r) {
      while (key[l] < pk || (key[l] === pk && idx[l] < pi)) l++;
      while (key[r] > pk || (key[r] === pk && idx[r] > pi)) r--;
      if (l <= r) {
        const tk = key[l];
        key[l] = key[r];
        key[r] = tk;
        const ti = idx[l];
        idx[l] = idx[r];
        idx[r] = ti;
        l++;
        r--;
      }
    }
    // Push the larger part first so the smaller is processed next (bounded stack).
    if (r - l0 > r0 - l) {
      if (l0 < r) {
        stack[sp++] = l0;
        stack[sp++] = r;
      }
      if (l < r0) {
        stack[sp++] = l;
        stack[sp++] = r0;
      }
    } else {
      if (l < r0) {
        stack[sp++] = l;
        stack[sp++] = r0;
      }
      if (l0 < r) {
        stack[sp++] = l0;
        stack[sp++] = r;
      }
    }
  }
}

/** Sorts one column (n values, stride `d`, column `col`). */
export function buildSorted1d(data: Float64Array, n: number, d = 1, col = 0): Sorted1d {
  const vals = new Float64Array(n);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    vals[i] = data[i * d + col] + 0; // -0 + 0 === +0
    idx[i] = i;
  }
  if (n > 1) sortPairs(vals, idx);
  const pos = new Int32Array(n);
  for (let p = 0; p < n; p++) pos[idx[p]] = p;
  return { n, vals, idx, pos };
}

/** The contract's distance in one dimension. */
function dist1(x: number, v: number, euclid: boolean): number {
  if (euclid) {
    const t = x - v;
    return Math.sqrt(t * t);
  }
  return Math.abs(x - v);
}

/**
 * out[i] = #{j != i, |i - j| > w : d(i, j) < radii[i]} (strict) or <= radii[i].
 */
export function sortedCount(s: Sorted1d, radii: Float64Array, strict: boolean, metric: Metric, w: number, out: Int32Array): void {
  const { n, vals, idx } = s;
  const euclid = metric === "euclidean";
  for (let p = 0; p < n; p++) {
    const i = idx[p];
    const v = vals[p];
    const r = radii[i];
    // Left block: positions a in [lo, p) pass; find lo by galloping then bisection.
    // Invariant: position `good` passes (or is p), position `bad` fails (or is -1).
    let good = p;
    let step = 1;
    let bad = -1;
    while (good - step >= 0) {
      const dd = dist1(vals[good - step], v, euclid);
      if (strict ? dd < r : dd <= r) {
        good -= step;
        step *= 2;
      } else {
        bad = good - step;
        break;
      }
    }
    while (good - bad > 1) {
      const mid = (good + bad) >> 1;
      const dd = dist1(vals[mid], v, euclid);
      if (strict ? dd < r : dd <= r) good = mid;
      else bad = mid;
    }
    const left = p - good;
    // Right block: positions in (p, hiGood] pass.
    let good2 = p;
    step = 1;
    let bad2 = n;
    while (good2 + step < n) {
      const dd = dist1(vals[good2 + step], v, euclid);
      if (strict ? dd < r : dd <= r) {
        good2 += step;
        step *= 2;
      } else {
        bad2 = good2 + step;
        break;
      }
    }
    while (bad2 - good2 > 1) {
      const mid = (good2 + bad2) >> 1;
      const dd = dist1(vals[mid], v, euclid);
      if (strict ? dd < r : dd <= r) good2 = mid;
      else bad2 = mid;
    }
    let cnt = left + (good2 - p);
    if (w > 0) {
      const j0 = i - w > 0 ? i - w : 0;
      const j1 = i + w < n - 1 ? i + w : n - 1;
      for (let j = j0; j <= j1; j++) {
        if (j === i) continue;
        const dd = dist1(vals[s.pos[j]], v, euclid);
        cnt -= (strict ? dd < r : dd <= r) ? 1 : 0;
      }
    }
    out[i] = cnt;
  }
}

/** Distance to the k-th eligible neighbour of every row (self mode, window w). */
export function sortedKth(s: Sorted1d, k: number, metric: Metric, w: number, out: Float64Array): void {
  const { n, vals, idx } = s;
  const euclid = metric === "euclidean";
  for (let p = 0; p < n; p++) {
    const i = idx[p];
    const v = vals[p];
    let a = p - 1;
    let b = p + 1;
    let got = 0;
    let dk = 0;
    while (got < k) {
      const da = a >= 0 ? dist1(vals[a], v, euclid) : Infinity;
      const db = b < n ? dist1(vals[b], v, euclid) : Infinity;
      if (a < 0 && b >= n) break; // unreachable when k <= eligible neighbours
      let j: number;
      // (Pointers, not distances, decide which side exists: a distance may overflow to Infinity.)
      if (b >= n || (a >= 0 && da <= db)) {
        j = idx[a--];
        dk = da;
      } else {
        j = idx[b++];
        dk = db;
      }
      if (j - i > w || i - j > w) got++;
    }
    out[i] = dk;
  }
}

/** Distance from each query value to its k-th nearest value in `s` (no exclusion). */
export function sortedKthTo(s: Sorted1d, q: Float64Array, nq: number, k: number, metric: Metric, out: Float64Array): void {
  const { n, vals } = s;
  const euclid = metric === "euclidean";
  for (let i = 0; i < nq; i++) {
    const v = q[i];
    // First position with vals >= v.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vals[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    let a = lo - 1;
    let b = lo;
    let dk = 0;
    for (let got = 0; got < k; got++) {
      const da = a >= 0 ? dist1(vals[a], v, euclid) : Infinity;
      const db = b < n ? dist1(vals[b], v, euclid) : Infinity;
      if (b >= n || (a >= 0 && da <= db)) {
        dk = da;
        a--;
      } else {
        dk = db;
        b++;
      }
    }
    out[i] = dk;
  }
}

/**
 * k nearest neighbours with indices (self mode, window w), ascending by (distance, index).
 * Candidates come in groups of equal distance: walking outwards from the row, each side yields
 * runs of equal values (rows ascending within a run); the runs at the current smallest distance
 * are merged by row index. `scratch` (length n) is used only when more than two runs share a
 * distance, which needs values that differ yet round to the same distance.
 */
export function sortedKnn(s: Sorted1d, k: number, metric: Metric, w: number, outD: Float64Array, outI: Int32Array): void {
  const { n, vals, idx } = s;
  const euclid = metric === "euclidean";
  // runStart[p] / runEnd[p]: first position / one past the last with the value at p.
  const runStart = new Int32Array(n);
  const runEnd = new Int32Array(n);
  for (let p = 0; p < n; p++) runStart[p] = p > 0 && vals[p - 1] === vals[p] ? runStart[p - 1] : p;
  for (let p = n - 1; p >= 0; p--) runEnd[p] = p < n - 1 && vals[p + 1] === vals[p] ? runEnd[p + 1] : p + 1;
  let scratch: Int32Array | null = null;
  for (let p = 0; p < n; p++) {
    const i = idx[p];
    const v = vals[p];
    const off = i * k;
    let got = 0;
    let a = p - 1; // next left position (walking down)
    let b = p + 1; // next right position (walking up)
    while (got < k) {
      const da = a >= 0 ? dist1(vals[a], v, euclid) : Infinity;
      const db = b < n ? dist1(vals[b], v, euclid) : Infinity;
      const dStar = da < db ? da : db;
      if (a < 0 && b >= n) break; // unreachable when k <= eligible neighbours
      // Left segments at dStar: [segL0, a] after walking; right: [b, segR1).
      const aStart = a;
      let nSegL = 0;
      while (a >= 0 && dist1(vals[a], v, euclid) === dStar) {
        a = runStart[a] - 1;
        nSegL++;
      }
      const bStart = b;
      let nSegR = 0;
      while (b < n && dist1(vals[b], v, euclid) === dStar) {
        b = runEnd[b];
        nSegR++;
      }
      // The left segment as ascending positions [a + 1, aStart] (the self run's left part
      // starts at its run start, so it is ascending by row too); the right is [bStart, b).
      if (nSegL <= 1 && nSegR <= 1) {
        // Merge two row-ascending sequences, skipping the window.
        let x = a + 1;
        let y = bStart;
        while (got < k && (x <= aStart || y < b)) {
          let j: number;
          if (y >= b || (x <= aStart && idx[x] < idx[y])) j = idx[x++];
          else j = idx[y++];
          if (j - i > w || i - j > w) {
            outD[off + got] = dStar;
            outI[off + got] = j;
            got++;
          }
        }
      } else {
        scratch ??= new Int32Array(n);
        let m = 0;
        for (let x = a + 1; x <= aStart; x++) scratch[m++] = idx[x];
        for (let y = bStart; y < b; y++) scratch[m++] = idx[y];
        const part = scratch.subarray(0, m);
        part.sort();
        for (let x = 0; x < m && got < k; x++) {
          const j = part[x];
          if (j - i > w || i - j > w) {
            outD[off + got] = dStar;
            outI[off + got] = j;
            got++;
          }
        }
      }
    }
  }
}
