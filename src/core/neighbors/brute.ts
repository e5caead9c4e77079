/**
 * Brute-force neighbour search: the reference implementation every fast path must equal bit
 * for bit, and the fastest method in high dimension. O(n^2 d) time, O(k) extra memory per row.
 *
 * Distances follow the contract in types.ts exactly:
 *   max-norm:  d = max_c |a_jc - a_ic|
 *   euclidean: d = Math.sqrt(sum_{c = 0..d-1} (a_jc - a_ic)^2), summed left to right.
 * Candidates j are visited in ascending index order, so a candidate is accepted into the k-best
 * buffer only when strictly closer than the current k-th: ties keep the smaller index first.
 *
 * Rows are processed in blocks of queries against blocks of reference rows so a block of the
 * reference stays in cache while several queries scan it (helps when n * d exceeds the caches).
 */

import type { Metric } from "./types.js";

/** Index of an empty k-best slot: larger than every row index, so real rows win ties. */
export const EMPTY = 0x7fffffff;

const QUERY_BLOCK = 32;
const REF_BLOCK = 512;

/** Exact distance between row i of `a` and row j of `b` (both with `d` columns). */
export function rowDistance(a: Float64Array, i: number, b: Float64Array, j: number, d: number, metric: Metric): number {
  const ai = i * d;
  const bj = j * d;
  if (metric === "max") {
    let m = 0;
    for (let c = 0; c < d; c++) {
      const t = Math.abs(b[bj + c] - a[ai + c]);
      if (t > m) m = t;
    }
    return m;
  }
  let s = 0;
  for (let c = 0; c < d; c++) {
    const t = b[bj + c] - a[ai + c];
    s += t * t;
  }
  return Math.sqrt(s);
}

/**
 * Inserts (dist, idx) into the buffer of `k` entries starting at `off`, ascending by (distance,
 * index); the last entry drops out. Empty slots are (Infinity, EMPTY).
 */
function insertSorted(dist: Float64Array, ind: Int32Array, off: number, k: number, dv: number, jv: number): void {
  let m = off + k - 1;
  while (m > off && (dist[m - 1] > dv || (dist[m - 1] === dv && ind[m - 1] > jv))) {
    dist[m] = dist[m - 1];
    ind[m] = ind[m - 1];
    m--;
  }
  dist[m] = dv;
  ind[m] = jv;
}

/**
 * k nearest neighbours of every query row among reference rows, visiting reference rows in
 * ascending index order. With `self` true, query and reference are the same set and row i skips
 * every j with |i - j| <= exclude.
 */
function scanKnn(
  q: Float64Array,
  nq: number,
  r: Float64Array,
  nr: number,
  d: number,
  k: number,
  metric: Metric,
  self: boolean,
  exclude: number,
  dist: Float64Array,
  ind: Int32Array,
): void {
  dist.fill(Infinity);
  // Empty slots: (Infinity, EMPTY), so a distance that overflows to Infinity still fills them.
  ind.fill(EMPTY);
  const isMax = metric === "max";
  for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
    const q1 = Math.min(nq, q0 + QUERY_BLOCK);
    for (let r0 = 0; r0 < nr; r0 += REF_BLOCK) {
      const r1 = Math.min(nr, r0 + REF_BLOCK);
      for (let i = q0; i < q1; i++) {
        const off = i * k;
        const last = off + k - 1;
        const qi = i * d;
        // Reference rows of this block outside the window [i - exclude, i + exclude].
        let lo = r1;
        let hi = r1;
        if (self) {
          lo = Math.max(r0, Math.min(r1, i - exclude));
          hi = Math.max(r0, Math.min(r1, i + exclude + 1));
        }
        for (let part = 0; part < 2; part++) {
          const jStart = part === 0 ? r0 : hi;
          const jEnd = part === 0 ? lo : r1;
          let bound = dist[last];
          if (isMax) {
            for (let j = jStart; j < jEnd; j++) {
              const rj = j * d;
              let m = 0;
              let c = 0;
              for (; c < d; c++) {
                const t = Math.abs(r[rj + c] - q[qi + c]);
                m = t > m ? t : m;
                if (m > bound) break;
              }
              if (m < bound || (m === bound && ind[last] === EMPTY)) {
                insertSorted(dist, ind, off, k, m, j);
                bound = dist[last];
              }
            }
          } else {
            for (let j = jStart; j < jEnd; j++) {
              const rj = j * d;
              let s = 0;
              for (let c = 0; c < d; c++) {
                const t = r[rj + c] - q[qi + c];
                s += t * t;
              }
              const e = Math.sqrt(s);
              if (e < bound || (e === bound && ind[last] === EMPTY)) {
                insertSorted(dist, ind, off, k, e, j);
                bound = dist[last];
              }
            }
          }
        }
      }
    }
  }
}

/** Brute-force kNN of every row of `points` (n x d, row-major), excluding |i - j| <= exclude. */
export function bruteKnn(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  metric: Metric,
  exclude: number,
): { distances: Float64Array; indices: Int32Array } {
  const distances = new Float64Array(n * k);
  const indices = new Int32Array(n * k);
  scanKnn(data, n, data, n, d, k, metric, true, exclude, distances, indices);
  return { distances, indices };
}

/** Brute-force distance to the k-th neighbour of each row. */
export function bruteKth(data: Float64Array, n: number, d: number, k: number, metric: Metric, exclude: number): Float64Array {
  const { distances } = bruteKnn(data, n, d, k, metric, exclude);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = distances[i * k + k - 1];
  return out;
}

/** Brute-force distance from each query row to its k-th nearest reference row (no exclusion). */
export function bruteKthTo(
  q: Float64Array,
  nq: number,
  r: Float64Array,
  nr: number,
  d: number,
  k: number,
  metric: Metric,
): Float64Array {
  const distances = new Float64Array(nq * k);
  const indices = new Int32Array(nq * k);
  scanKnn(q, nq, r, nr, d, k, metric, false, 0, distances, indices);
  const out = new Float64Array(nq);
  for (let i = 0; i < nq; i++) out[i] = distances[i * k + k - 1];
  return out;
}

/**
 * Brute-force radius counts: out[i] = #{j : |i - j| > exclude, d(i, j) < radii[i]} (strict) or
 * <= radii[i] (non-strict).
 */
export function bruteCount(
  data: Float64Array,
  n: number,
  d: number,
  radii: Float64Array,
  strict: boolean,
  metric: Metric,
  exclude: number,
): Int32Array {
  const out = new Int32Array(n);
  const isMax = metric === "max";
  for (let q0 = 0; q0 < n; q0 += QUERY_BLOCK) {
    const q1 = Math.min(n, q0 + QUERY_BLOCK);
    for (let r0 = 0; r0 < n; r0 += REF_BLOCK) {
      const r1 = Math.min(n, r0 + REF_BLOCK);
      for (let i = q0; i < q1; i++) {
        const qi = i * d;
        const rad = radii[i];
        const lo = Math.max(r0, Math.min(r1, i - exclude));
        const hi = Math.max(r0, Math.min(r1, i + exclude + 1));
        let cnt = 0;
        for (let part = 0; part < 2; part++) {
          const jStart = part === 0 ? r0 : hi;
          const jEnd = part === 0 ? lo : r1;
          if (isMax) {
            // Within iff every coordinate difference is within; stop at the first that is not.
            if (strict) {
              for (let j = jStart; j < jEnd; j++) {
                const rj = j * d;
                let c = 0;
                while (c < d && Math.abs(data[rj + c] - data[qi + c]) < rad) c++;
                cnt += c === d ? 1 : 0;
              }
            } else {
              for (let j = jStart; j < jEnd; j++) {
                const rj = j * d;
                let c = 0;
                while (c < d && Math.abs(data[rj + c] - data[qi + c]) <= rad) c++;
                cnt += c === d ? 1 : 0;
              }
            }
          } else {
            for (let j = jStart; j < jEnd; j++) {
              const rj = j * d;
              let s = 0;
              for (let c = 0; c < d; c++) {
                const t = data[rj + c] - data[qi + c];
                s += t * t;
              }
              const e = Math.sqrt(s);
              cnt += (strict ? e < rad : e <= rad) ? 1 : 0;
            }
          }
        }
        out[i] += cnt;
      }
    }
  }
  return out;
}
