import { ShapeMismatchError } from "../errors.js";
import type { Labels } from "../types.js";

/**
 * Count tables for discrete variables: marginal counts, joint (contingency) counts as a dense
 * table when small or a sparse map otherwise, and the "counts of counts" used by the
 * coincidence-based entropy estimators.
 */

/** Number of rows with each code: an Int32Array of length `cardinality`. */
export function countLabels(l: Labels): Int32Array {
  const counts = new Int32Array(l.cardinality);
  const codes = l.codes;
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return counts;
}

/** Joint counts of two variables. Cell (a, b) has key a * cardinalityB + b. */
export interface JointCounts {
  readonly cardinalityA: number;
  readonly cardinalityB: number;
  readonly n: number;
  /** Row-major cardinalityA x cardinalityB table, when that is small enough. */
  readonly dense?: Int32Array;
  /** Non-zero cells by key, when the dense table would be too large. */
  readonly sparse?: ReadonlyMap<number, number>;
}

/** Largest dense table (cells) built by `jointCounts` by default. */
export const DENSE_TABLE_LIMIT = 1 << 20;

/**
 * Contingency table of a and b: dense when cardinalityA * cardinalityB <= denseLimit, sparse
 * otherwise.
 * @throws ShapeMismatchError when the lengths differ.
 */
export function jointCounts(a: Labels, b: Labels, denseLimit = DENSE_TABLE_LIMIT): JointCounts {
  const n = a.codes.length;
  if (b.codes.length !== n) {
    throw new ShapeMismatchError(`jointCounts: the variables must have the same number of rows; got ${n} and ${b.codes.length}.`);
  }
  const ka = a.cardinality;
  const kb = b.cardinality;
  const ac = a.codes;
  const bc = b.codes;
  if (ka * kb <= denseLimit) {
    const dense = new Int32Array(ka * kb);
    for (let i = 0; i < n; i++) dense[ac[i] * kb + bc[i]]++;
    return { cardinalityA: ka, cardinalityB: kb, n, dense };
  }
  const sparse = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = ac[i] * kb + bc[i];
    sparse.set(key, (sparse.get(key) ?? 0) + 1);
  }
  return { cardinalityA: ka, cardinalityB: kb, n, sparse };
}

/** Count of cell (a, b) of a joint table. */
export function cellCount(t: JointCounts, a: number, b: number): number {
  const key = a * t.cardinalityB + b;
  return t.dense ? t.dense[key] : (t.sparse!.get(key) ?? 0);
}

/** The positive counts of a count vector or joint table, in key order. */
export function nonzeroCounts(t: JointCounts | ArrayLike<number>): Int32Array {
  if ("cardinalityA" in t) {
    if (t.sparse) {
      const keys = [...t.sparse.keys()].sort((x, y) => x - y);
      return Int32Array.from(keys, (k) => t.sparse!.get(k)!);
    }
    return nonzeroCounts(t.dense!);
  }
  let m = 0;
  for (let i = 0; i < t.length; i++) if (t[i] > 0) m++;
  const out = new Int32Array(m);
  m = 0;
  for (let i = 0; i < t.length; i++) if (t[i] > 0) out[m++] = t[i];
  return out;
}

/**
 * Counts of counts: `values[j]` is a positive count that occurs, `multiplicity[j]` how many bins
 * have exactly that count (f_values[j] in the ecology notation). Sorted by value. Zero counts
 * are left out.
 */
export function countsOfCounts(counts: ArrayLike<number>): { values: Float64Array; multiplicity: Float64Array } {
  const m = new Map<number, number>();
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) m.set(c, (m.get(c) ?? 0) + 1);
  }
  const values = Float64Array.from([...m.keys()].sort((x, y) => x - y));
  const multiplicity = Float64Array.from(values, (v) => m.get(v)!);
  return { values, multiplicity };
}
