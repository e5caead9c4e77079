/**
 * kd-tree for exact neighbour search (Bentley 1975; Friedman, Bentley & Finkel 1977), built
 * once per point set and reused for every query.
 *
 * Layout: an implicit complete binary tree in typed arrays (node v has children 2v + 1 and
 * 2v + 2; every leaf sits at the same depth and holds ceil or floor of n / 2^depth points, at
 * most `leafSize`). Points are copied in tree order so a leaf is one contiguous block. Each node
 * stores its range of positions and its tight bounding box. Splits are at the median position
 * of the widest box side (quickselect).
 *
 * Exactness: every pruning test uses a true lower bound of the distance brute force would
 * compute. Rounded subtraction, multiplication, addition and sqrt are monotone, so the distance
 * from a query to a box computed with the same operations as a point distance satisfies
 *   near(box) <= d(q, p) <= far(box)   for every p in the box,
 * and the gap to a child's extreme coordinate on the split axis, fl(x - hiL), is at most every
 * |p_dim - x| in that child. Pruning therefore never changes a result: kNN equals brute force
 * bit for bit (ties broken by smaller index, which is why a node whose bound equals the current
 * k-th distance is still visited, unless only distances are wanted), and radius counts add
 * whole nodes only when `far` passes the exact test.
 *
 * Complexity: build O(n d log n); a query visits O(log n) nodes in low dimension and degrades
 * towards O(n) above ~10-20 dimensions (see docs/neighbors.md for the measured cross-over).
 */

import { EMPTY } from "./brute.js";
import type { Metric } from "./types.js";

export interface KdTree {
  readonly n: number;
  readonly d: number;
  /** Original data (row-major, n x d); never written. */
  readonly data: Float64Array;
  /** Points copied in tree order: pts[p * d + c] = data[idx[p] * d + c]. */
  readonly pts: Float64Array;
  /** Tree position -> original row. */
  readonly idx: Int32Array;
  /** Per node: first position and one past the last. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Per node tight bounding box: lo[v * d + c], hi[v * d + c]. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Per internal node: the split dimension (left child <= right child along it). */
  readonly split: Int32Array;
  /** Nodes v >= firstLeaf are leaves. */
  readonly firstLeaf: number;
  readonly depth: number;
}

export const DEFAULT_LEAF_SIZE = 16;

/**
 * Up to this many columns, point tests run without early exit (V8 turns a data-dependent exit
 * into a mispredicted branch); above it, stopping at the first failing axis is cheaper.
 */
export const BRANCH_FREE_MAX_DIM = 6;

/** Wirth's selection: reorders idx[from..to] so position kth holds the median key by `dim`. */
function selectByDim(idx: Int32Array, data: Float64Array, d: number, dim: number, from: number, to: number, kth: number): void {
  let l = from;
  let r = to;
  while (l < r) {
    const pivot = data[idx[kth] * d + dim];
    let a = l;
    let b = r;
    do {
      while (data[idx[a] * d + dim] < pivot) a++;
      while (pivot < data[idx[b] * d + dim]) b--;
      if (a <= b) {
        const t = idx[a];
        idx[a] = idx[b];
        idx[b] = t;
        a++;
        b--;
      }
    } while (a <= b);
    if (b < kth) l = a;
    if (kth < a) r = b;
  }
}

/** Builds the tree over rows of `data` (n x d). The data is not copied into the result twice. */
export function buildKdTree(data: Float64Array, n: number, d: number, leafSize = DEFAULT_LEAF_SIZE): KdTree {
  let depth = 0;
  while (Math.ceil(n / 2 ** depth) > leafSize) depth++;
  const nNodes = 2 ** (depth + 1) - 1;
  const firstLeaf = 2 ** depth - 1;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const split = new Int32Array(firstLeaf);
  const start = new Int32Array(nNodes);
  const end = new Int32Array(nNodes);
  const lo = new Float64Array(nNodes * d);
  const hi = new Float64Array(nNodes * d);
  start[0] = 0;
  end[0] = n;
  for (let v = 0; v < nNodes; v++) {
    const s = start[v];
    const e = end[v];
    const o = v * d;
    // Tight box of the node's points.
    for (let c = 0; c < d; c++) {
      lo[o + c] = Infinity;
      hi[o + c] = -Infinity;
    }
    for (let p = s; p < e; p++) {
      const b = idx[p] * d;
      for (let c = 0; c < d; c++) {
        const x = data[b + c];
        if (x < lo[o + c]) lo[o + c] = x;
        if (x > hi[o + c]) hi[o + c] = x;
      }
    }
    if (v >= firstLeaf) continue;
    let dim = 0;
    let spread = -1;
    for (let c = 0; c < d; c++) {
      const w = hi[o + c] - lo[o + c];
      if (w > spread) {
        spread = w;
        dim = c;
      }
    }
    split[v] = dim;
    const mid = (s + e) >> 1;
    if (e - s > 1) selectByDim(idx, data, d, dim, s, e - 1, mid);
    start[2 * v + 1] = s;
    end[2 * v + 1] = mid;
    start[2 * v + 2] = mid;
    end[2 * v + 2] = e;
  }
  const pts = new Float64Array(n * d);
  for (let p = 0; p < n; p++) {
    const b = idx[p] * d;
    for (let c = 0; c < d; c++) pts[p * d + c] = data[b + c];
  }
  return { n, d, data, pts, idx, start, end, lo, hi, split, firstLeaf, depth };
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The largest double below x (x >= 0; Infinity stays Infinity): "v > nextDown(x)" is "v >= x". */
function nextDown(x: number): number {
  if (x === Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  i64[0] -= 1n;
  return f64[0];
}

/** Squared-distance threshold T with s > T  =>  Math.sqrt(s) > bound (used only to prune). */
function sqBound(bound: number): number {
  return bound * bound * (1 + 2 ** -48) + 1e-300;
}

/**
 * k nearest neighbours of query points against the tree.
 * - self mode (`q === null`): the queries are the tree's own rows, each excluding |i - j| <= w;
 *   results go to row i of `outD`/`outI` (n x k).
 * - external mode: query rows of `q` (nq x d), no exclusion; results to row i.
 * Ties: smaller index first. With `ties` false only the distances are wanted (the k-th
 * distance does not depend on which of several equidistant rows is kept), so candidates at
 * exactly the current k-th distance are pruned too: much faster on tie-heavy data, where
 * resolving ties by index means visiting every duplicate.
 */
export function kdKnn(
  t: KdTree,
  k: number,
  metric: Metric,
  w: number,
  q: Float64Array | null,
  nq: number,
  outD: Float64Array,
  outI: Int32Array,
  ties = true,
): void {
  if (metric === "max") kdKnnMax(t, k, w, q, nq, outD, outI, ties);
  else if (t.d <= BRANCH_FREE_MAX_DIM) kdKnnEuclid(t, k, w, q, nq, outD, outI, ties);
  else kdKnnBox(t, k, "euclidean", w, q, nq, outD, outI, ties);
}

/**
 * Max-norm kNN. Lower bounds for a child come from its parent's bound and the gap to the
 * child's extreme coordinate along the split axis, O(1) per node: every point p of the left
 * child has p_dim <= hiL, so |p_dim - x| >= fl(x - hiL) (rounded subtraction is monotone), and
 * the max-norm is at least each axis difference. A weaker bound than the full box only prunes
 * less; it never drops a point.
 */
function kdKnnMax(
  t: KdTree,
  k: number,
  w: number,
  q: Float64Array | null,
  nq: number,
  outD: Float64Array,
  outI: Int32Array,
  ties: boolean,
): void {
  const { pts, idx, start, end, lo, hi, split, firstLeaf, d, depth } = t;
  const stackN = new Int32Array(2 * depth + 8);
  const stackD = new Float64Array(2 * depth + 8);
  const self = q === null;
  const qs = self ? pts : q;
  const count = self ? t.n : nq;
  outD.fill(Infinity);
  outI.fill(EMPTY);
  for (let p = 0; p < count; p++) {
    const i = self ? idx[p] : p;
    const qb = p * d;
    const off = i * k;
    const last = off + k - 1;
    const exLo = self ? i - w : 1;
    const exHi = self ? i + w : 0;
    let bound = Infinity;
    let cut = Infinity;
    stackN[0] = 0;
    stackD[0] = 0;
    let sp = 1;
    while (sp > 0) {
      sp--;
      let v = stackN[sp];
      let lb = stackD[sp];
      if (lb > cut) continue;
      // Descend to the nearer leaf, pushing the farther children.
      while (v < firstLeaf) {
        const dim = split[v];
        const x = qs[qb + dim];
        const l = 2 * v + 1;
        const gl = x - hi[l * d + dim];
        const gr = lo[(l + 1) * d + dim] - x;
        if (gl <= gr) {
          const lbr = gr > lb ? gr : lb;
          if (lbr <= cut) {
            stackN[sp] = l + 1;
            stackD[sp] = lbr;
            sp++;
          }
          v = l;
          lb = gl > lb ? gl : lb;
        } else {
          const lbl = gl > lb ? gl : lb;
          if (lbl <= cut) {
            stackN[sp] = l;
            stackD[sp] = lbl;
            sp++;
          }
          v = l + 1;
          lb = gr > lb ? gr : lb;
        }
      }
      if (lb > cut) continue;
      // The leaf's tight box can be farther than the split-plane bound says.
      const o = v * d;
      let c0 = 0;
      for (; c0 < d; c0++) {
        const x = qs[qb + c0];
        const a = lo[o + c0] - x;
        const b = x - hi[o + c0];
        if (a > cut || b > cut) break;
      }
      if (c0 < d) continue;
      const e = end[v];
      for (let pp = start[v]; pp < e; pp++) {
        const pb = pp * d;
        // Branch-free screen (every axis within the bound), then the exact distance.
        // (In higher dimension an early exit wins: most candidates fail on the first axes.)
        let ok = 1;
        if (d <= BRANCH_FREE_MAX_DIM) {
          for (let c = 0; c < d; c++) ok &= Number(Math.abs(pts[pb + c] - qs[qb + c]) <= cut);
        } else {
          for (let c = 0; c < d && ok === 1; c++) ok = Number(Math.abs(pts[pb + c] - qs[qb + c]) <= cut);
        }
        if (ok === 0) continue;
        let m = 0;
        for (let c = 0; c < d; c++) {
          const x = Math.abs(pts[pb + c] - qs[qb + c]);
          m = x > m ? x : m;
        }
        if (m > cut) continue;
        const j = idx[pp];
        if (m === bound && j > outI[last]) continue;
        if (j >= exLo && j <= exHi) continue;
        let s = last;
        while (s > off && (outD[s - 1] > m || (outD[s - 1] === m && outI[s - 1] > j))) {
          outD[s] = outD[s - 1];
          outI[s] = outI[s - 1];
          s--;
        }
        outD[s] = m;
        outI[s] = j;
        bound = outD[last];
        cut = ties ? bound : nextDown(bound);
      }
    }
  }
}

/**
 * Euclidean kNN: the max-norm walk with two changes. A child's O(1) bound, max(parent bound,
 * split-axis gap), is a bound on one axis difference and so on the distance, but the computed
 * distance can be a few ulps below the exact one: it prunes against the bound widened by a
 * relative 2^-40 (plus 1e-150 for underflow), which only prunes less. Leaves are then checked
 * with the exact box distance, computed like a point distance (monotone, so a true bound).
 */
function kdKnnEuclid(
  t: KdTree,
  k: number,
  w: number,
  q: Float64Array | null,
  nq: number,
  outD: Float64Array,
  outI: Int32Array,
  ties: boolean,
): void {
  const { pts, idx, start, end, lo, hi, split, firstLeaf, d, depth } = t;
  const stackN = new Int32Array(2 * depth + 8);
  const stackD = new Float64Array(2 * depth + 8);
  const self = q === null;
  const qs = self ? pts : q;
  const count = self ? t.n : nq;
  outD.fill(Infinity);
  outI.fill(EMPTY);
  for (let p = 0; p < count; p++) {
    const i = self ? idx[p] : p;
    const qb = p * d;
    const off = i * k;
    const last = off + k - 1;
    const exLo = self ? i - w : 1;
    const exHi = self ? i + w : 0;
    let bound = Infinity;
    let cut = Infinity;
    let cutE = Infinity;
    let bsq = Infinity;
    stackN[0] = 0;
    stackD[0] = 0;
    let sp = 1;
    while (sp > 0) {
      sp--;
      let v = stackN[sp];
      let lb = stackD[sp];
      if (lb > cutE) continue;
      // Descend to the nearer leaf, pushing the farther children.
      while (v < firstLeaf) {
        const dim = split[v];
        const x = qs[qb + dim];
        const l = 2 * v + 1;
        const gl = x - hi[l * d + dim];
        const gr = lo[(l + 1) * d + dim] - x;
        if (gl <= gr) {
          const lbr = gr > lb ? gr : lb;
          if (lbr <= cutE) {
            stackN[sp] = l + 1;
            stackD[sp] = lbr;
            sp++;
          }
          v = l;
          lb = gl > lb ? gl : lb;
        } else {
          const lbl = gl > lb ? gl : lb;
          if (lbl <= cutE) {
            stackN[sp] = l;
            stackD[sp] = lbl;
            sp++;
          }
          v = l + 1;
          lb = gr > lb ? gr : lb;
        }
      }
      if (lb > cutE) continue;
      // The leaf's tight box, with the exact distance computation (monotone, so a true bound).
      const o = v * d;
      let nb = 0;
      for (let c = 0; c < d; c++) {
        const x = qs[qb + c];
        const a = lo[o + c] - x;
        const b = x - hi[o + c];
        const g = a > b ? (a > 0 ? a : 0) : b > 0 ? b : 0;
        nb += g * g;
      }
      if (Math.sqrt(nb) > cut) continue;
      const e = end[v];
      for (let pp = start[v]; pp < e; pp++) {
        const pb = pp * d;
        let sq = 0;
        if (d <= BRANCH_FREE_MAX_DIM) {
          for (let c = 0; c < d; c++) {
            const x = pts[pb + c] - qs[qb + c];
            sq += x * x;
          }
          if (sq > bsq) continue;
        } else {
          let c = 0;
          for (; c < d; c++) {
            const x = pts[pb + c] - qs[qb + c];
            sq += x * x;
            if (sq > bsq) break;
          }
          if (c < d) continue;
        }
        const m = Math.sqrt(sq);
        if (m > cut) continue;
        const j = idx[pp];
        if (m === bound && j > outI[last]) continue;
        if (j >= exLo && j <= exHi) continue;
        let s = last;
        while (s > off && (outD[s - 1] > m || (outD[s - 1] === m && outI[s - 1] > j))) {
          outD[s] = outD[s - 1];
          outI[s] = outI[s - 1];
          s--;
        }
        outD[s] = m;
        outI[s] = j;
        bound = outD[last];
        cut = ties ? bound : nextDown(bound);
        cutE = cut * (1 + 2 ** -40) + 1e-150;
        bsq = sqBound(cut);
      }
    }
  }
}

/**
 * kNN with exact box distances for both children of every visited node, best first (used for
 * the Euclidean metric above BRANCH_FREE_MAX_DIM columns, where the stronger pruning pays).
 */
function kdKnnBox(
  t: KdTree,
  k: number,
  metric: Metric,
  w: number,
  q: Float64Array | null,
  nq: number,
  outD: Float64Array,
  outI: Int32Array,
  ties: boolean,
): void {
  const { pts, idx, start, end, lo, hi, firstLeaf, d, depth } = t;
  const stackN = new Int32Array(2 * depth + 8);
  const stackD = new Float64Array(2 * depth + 8);
  const isMax = metric === "max";
  const self = q === null;
  const qs = self ? pts : q;
  const count = self ? t.n : nq;
  outD.fill(Infinity);
  outI.fill(EMPTY);
  for (let p = 0; p < count; p++) {
    // Self queries run in tree order (neighbouring queries share cache lines and nodes).
    const i = self ? idx[p] : p;
    const qb = p * d;
    const off = i * k;
    const last = off + k - 1;
    const exLo = self ? i - w : 1;
    const exHi = self ? i + w : 0;
    let bound = Infinity;
    let cut = Infinity;
    let bsq = Infinity;
    let sp = 0;
    stackN[0] = 0;
    stackD[0] = 0;
    sp = 1;
    while (sp > 0) {
      sp--;
      const v = stackN[sp];
      if (stackD[sp] > cut) continue;
      if (v >= firstLeaf) {
        const e = end[v];
        for (let pp = start[v]; pp < e; pp++) {
          const pb = pp * d;
          let dist: number;
          if (isMax) {
            let m = 0;
            let c = 0;
            for (; c < d; c++) {
              const x = Math.abs(pts[pb + c] - qs[qb + c]);
              m = x > m ? x : m;
              if (m > cut) break;
            }
            if (c < d) continue;
            dist = m;
          } else {
            let s = 0;
            let c = 0;
            for (; c < d; c++) {
              const x = pts[pb + c] - qs[qb + c];
              s += x * x;
              if (s > bsq) break;
            }
            if (c < d) continue;
            dist = Math.sqrt(s);
          }
          if (dist > cut) continue;
          const j = idx[pp];
          if (dist === bound && j > outI[last]) continue;
          if (j >= exLo && j <= exHi) continue;
          // Insert (dist, j) into the ascending buffer, lexicographic on (distance, index).
          let m = last;
          while (m > off && (outD[m - 1] > dist || (outD[m - 1] === dist && outI[m - 1] > j))) {
            outD[m] = outD[m - 1];
            outI[m] = outI[m - 1];
            m--;
          }
          outD[m] = dist;
          outI[m] = j;
          bound = outD[last];
          cut = ties ? bound : nextDown(bound);
          bsq = sqBound(cut);
        }
      } else {
        const l = 2 * v + 1;
        const ol = l * d;
        const or = ol + d;
        let nl = 0;
        let nr = 0;
        if (isMax) {
          for (let c = 0; c < d; c++) {
            const x = qs[qb + c];
            const al = lo[ol + c] - x;
            const bl = x - hi[ol + c];
            const gl = al > bl ? al : bl;
            nl = gl > nl ? gl : nl;
            const ar = lo[or + c] - x;
            const br = x - hi[or + c];
            const gr = ar > br ? ar : br;
            nr = gr > nr ? gr : nr;
          }
        } else {
          for (let c = 0; c < d; c++) {
            const x = qs[qb + c];
            const al = lo[ol + c] - x;
            const bl = x - hi[ol + c];
            const gl = al > bl ? (al > 0 ? al : 0) : bl > 0 ? bl : 0;
            nl += gl * gl;
            const ar = lo[or + c] - x;
            const br = x - hi[or + c];
            const gr = ar > br ? (ar > 0 ? ar : 0) : br > 0 ? br : 0;
            nr += gr * gr;
          }
          nl = Math.sqrt(nl);
          nr = Math.sqrt(nr);
        }
        // Push the farther child first so the nearer is searched first.
        if (nl <= nr) {
          if (nr <= cut) {
            stackN[sp] = l + 1;
            stackD[sp] = nr;
            sp++;
          }
          if (nl <= cut) {
            stackN[sp] = l;
            stackD[sp] = nl;
            sp++;
          }
        } else {
          if (nl <= cut) {
            stackN[sp] = l;
            stackD[sp] = nl;
            sp++;
          }
          if (nr <= cut) {
            stackN[sp] = l + 1;
            stackD[sp] = nr;
            sp++;
          }
        }
      }
    }
  }
}

/**
 * Radius counts for the tree's own rows: out[i] = #{j != i, |i - j| > w : d(i, j) < radii[i]}
 * (strict) or <= radii[i]. Whole boxes whose far corner passes the exact test are counted
 * without visiting their points; the window is subtracted afterwards with exact distances.
 */
export function kdCount(t: KdTree, radii: Float64Array, strict: boolean, metric: Metric, w: number, out: Int32Array): void {
  if (metric === "max") {
    if (strict) kdCountMax(t, radii, true, out);
    else kdCountMax(t, radii, false, out);
    subtractWindow(t, radii, strict, metric, w, out);
  } else {
    kdCountBox(t, radii, strict, metric, out);
    subtractWindow(t, radii, strict, metric, w, out);
  }
}

/**
 * Max-norm counts, every row included (the caller removes i and its window). A point is within
 * iff every axis difference is within, so a whole node is within iff its far corner is, and a
 * child is skipped when its split-axis gap already fails.
 */
function kdCountMax(t: KdTree, radii: Float64Array, strict: boolean, out: Int32Array): void {
  const { pts, idx, start, end, lo, hi, split, firstLeaf, d, depth, n } = t;
  const stackN = new Int32Array(2 * depth + 8);
  for (let p = 0; p < n; p++) {
    const i = idx[p];
    const qb = p * d;
    const r = radii[i];
    let cnt = 0;
    // Root: skip everything when even the nearest box point fails.
    stackN[0] = 0;
    let sp = 1;
    while (sp > 0) {
      const v = stackN[--sp];
      const o = v * d;
      // Inside test: the far corner passes on every axis.
      let c = 0;
      if (strict) {
        for (; c < d; c++) {
          const x = pts[qb + c];
          if (!(x - lo[o + c] < r && hi[o + c] - x < r)) break;
        }
      } else {
        for (; c < d; c++) {
          const x = pts[qb + c];
          if (!(x - lo[o + c] <= r && hi[o + c] - x <= r)) break;
        }
      }
      if (c === d) {
        cnt += end[v] - start[v];
        continue;
      }
      if (v < firstLeaf) {
        const dim = split[v];
        const x = pts[qb + dim];
        const l = 2 * v + 1;
        const gl = x - hi[l * d + dim];
        const gr = lo[(l + 1) * d + dim] - x;
        if (strict) {
          if (gl < r) stackN[sp++] = l;
          if (gr < r) stackN[sp++] = l + 1;
        } else {
          if (gl <= r) stackN[sp++] = l;
          if (gr <= r) stackN[sp++] = l + 1;
        }
        continue;
      }
      // Branch-free leaf scan: a point counts iff every axis passes (no data-dependent jumps).
      const e = end[v];
      if (strict) {
        for (let pp = start[v]; pp < e; pp++) {
          const pb = pp * d;
          let ok = 1;
          if (d <= BRANCH_FREE_MAX_DIM) for (let cc = 0; cc < d; cc++) ok &= Number(Math.abs(pts[pb + cc] - pts[qb + cc]) < r);
          else for (let cc = 0; cc < d && ok === 1; cc++) ok = Number(Math.abs(pts[pb + cc] - pts[qb + cc]) < r);
          cnt += ok;
        }
      } else {
        for (let pp = start[v]; pp < e; pp++) {
          const pb = pp * d;
          let ok = 1;
          if (d <= BRANCH_FREE_MAX_DIM) for (let cc = 0; cc < d; cc++) ok &= Number(Math.abs(pts[pb + cc] - pts[qb + cc]) <= r);
          else for (let cc = 0; cc < d && ok === 1; cc++) ok = Number(Math.abs(pts[pb + cc] - pts[qb + cc]) <= r);
          cnt += ok;
        }
      }
    }
    out[i] = cnt;
  }
}

/** Removes row i and its window from counts that included every row, with exact distances. */
function subtractWindow(t: KdTree, radii: Float64Array, strict: boolean, metric: Metric, w: number, out: Int32Array): void {
  const { n, d, data } = t;
  const isMax = metric === "max";
  for (let i = 0; i < n; i++) {
    const r = radii[i];
    const j0 = i - w > 0 ? i - w : 0;
    const j1 = i + w < n - 1 ? i + w : n - 1;
    const ib = i * d;
    let cnt = 0;
    for (let j = j0; j <= j1; j++) {
      const jb = j * d;
      let e2: number;
      if (isMax) {
        e2 = 0;
        for (let c = 0; c < d; c++) {
          const x = Math.abs(data[jb + c] - data[ib + c]);
          e2 = x > e2 ? x : e2;
        }
      } else {
        let s = 0;
        for (let c = 0; c < d; c++) {
          const x = data[jb + c] - data[ib + c];
          s += x * x;
        }
        e2 = Math.sqrt(s);
      }
      cnt += (strict ? e2 < r : e2 <= r) ? 1 : 0;
    }
    out[i] -= cnt;
  }
}

/** Counts with exact box distances (used for the Euclidean metric); every row included. */
function kdCountBox(t: KdTree, radii: Float64Array, strict: boolean, metric: Metric, out: Int32Array): void {
  const { pts, idx, start, end, lo, hi, firstLeaf, d, depth, n } = t;
  const stackN = new Int32Array(2 * depth + 8);
  const isMax = metric === "max";
  for (let p = 0; p < n; p++) {
    const i = idx[p];
    const qb = p * d;
    const r = radii[i];
    let cnt = 0;
    let sp = 1;
    stackN[0] = 0;
    while (sp > 0) {
      sp--;
      const v = stackN[sp];
      const o = v * d;
      let near = 0;
      let far = 0;
      if (isMax) {
        for (let c = 0; c < d; c++) {
          const x = pts[qb + c];
          const a = lo[o + c] - x;
          const b = x - hi[o + c];
          const g = a > b ? a : b;
          near = g > near ? g : near;
          const fa = x - lo[o + c];
          const fb = hi[o + c] - x;
          const f = fa > fb ? fa : fb;
          far = f > far ? f : far;
        }
      } else {
        for (let c = 0; c < d; c++) {
          const x = pts[qb + c];
          const a = lo[o + c] - x;
          const b = x - hi[o + c];
          const g = a > b ? (a > 0 ? a : 0) : b > 0 ? b : 0;
          near += g * g;
          const fa = x - lo[o + c];
          const fb = hi[o + c] - x;
          const f = fa > fb ? fa : fb;
          far += f * f;
        }
        near = Math.sqrt(near);
        far = Math.sqrt(far);
      }
      if (strict ? near >= r : near > r) continue;
      if (strict ? far < r : far <= r) {
        cnt += end[v] - start[v];
        continue;
      }
      if (v < firstLeaf) {
        stackN[sp++] = 2 * v + 1;
        stackN[sp++] = 2 * v + 2;
        continue;
      }
      const e = end[v];
      for (let pp = start[v]; pp < e; pp++) {
        const pb = pp * d;
        if (isMax) {
          let c = 0;
          if (strict) while (c < d && Math.abs(pts[pb + c] - pts[qb + c]) < r) c++;
          else while (c < d && Math.abs(pts[pb + c] - pts[qb + c]) <= r) c++;
          cnt += c === d ? 1 : 0;
        } else {
          let s = 0;
          for (let c = 0; c < d; c++) {
            const x = pts[pb + c] - pts[qb + c];
            s += x * x;
          }
          const e2 = Math.sqrt(s);
          cnt += (strict ? e2 < r : e2 <= r) ? 1 : 0;
        }
      }
    }
    out[i] = cnt;
  }
}
