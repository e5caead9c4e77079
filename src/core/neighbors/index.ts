/**
 * Neighbour search: the public entry points used by every kNN estimator (KSG, Kozachenko-
 * Leonenko, kNN divergences, Frenzel-Pompe). See types.ts for the exact contract: every search
 * excludes the row itself and its Theiler window, and every method returns what a brute-force
 * loop returns, bit for bit.
 */

import { InvalidArgumentError, ShapeMismatchError } from "../errors.js";
import { assertFinite } from "../data/validate.js";
import type { Matrix } from "../types.js";
import { bruteCount, bruteKnn, bruteKth, bruteKthTo } from "./brute.js";
import { buildKdTree, kdCount, kdKnn } from "./kdTree.js";
import { selectMethod } from "./select.js";
import { buildSorted1d, sortedCount, sortedKnn, sortedKth, sortedKthTo } from "./sorted1d.js";
import type { KnnResult, Metric, SearchMethod, SearchOptions } from "./types.js";

export type { KnnResult, Metric, SearchMethod, SearchOptions } from "./types.js";

const METHODS: readonly SearchMethod[] = ["auto", "kdtree", "brute", "sorted"];

interface Resolved {
  readonly metric: Metric;
  readonly exclude: number;
  readonly method: SearchMethod;
}

function checkMatrix(fn: string, arg: string, m: Matrix): void {
  if (typeof m !== "object" || m === null || !(m.data instanceof Float64Array)) {
    throw new InvalidArgumentError(`${fn}: ${arg} must be a Matrix with Float64Array data; got ${m === null ? "null" : typeof m}.`, arg);
  }
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 0 || m.cols < 0) {
    throw new InvalidArgumentError(`${fn}: ${arg}.rows and ${arg}.cols must be non-negative integers; got ${m.rows} x ${m.cols}.`, arg);
  }
  if (m.data.length !== m.rows * m.cols) {
    throw new ShapeMismatchError(`${fn}: ${arg}.data has ${m.data.length} values; expected rows * cols = ${m.rows * m.cols}.`);
  }
  if (m.cols === 0 && m.rows > 0) {
    throw new InvalidArgumentError(`${fn}: ${arg} must have at least one column; got 0.`, arg);
  }
  assertFinite(m, arg, fn);
}

function resolveOptions(fn: string, options: SearchOptions, cols: number): Resolved {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object with a metric; got ${String(options)}.`, "options");
  }
  const { metric, exclude = 0, method = "auto" } = options;
  if (metric !== "max" && metric !== "euclidean") {
    throw new InvalidArgumentError(`${fn}: metric must be "max" or "euclidean"; got ${JSON.stringify(metric)}.`, "metric");
  }
  if (typeof exclude !== "number" || !Number.isInteger(exclude) || exclude < 0) {
    throw new InvalidArgumentError(`${fn}: exclude must be an integer >= 0; got ${String(exclude)}.`, "exclude");
  }
  if (!METHODS.includes(method)) {
    throw new InvalidArgumentError(`${fn}: method must be one of ${METHODS.join(", ")}; got ${JSON.stringify(method)}.`, "method");
  }
  if (method === "sorted" && cols !== 1) {
    throw new InvalidArgumentError(`${fn}: method "sorted" needs 1-column data; got ${cols} columns.`, "method");
  }
  return { metric, exclude, method };
}

/** Fewest neighbours any row has once itself and its window are excluded. */
function minEligible(n: number, exclude: number): number {
  return n - Math.min(n, 2 * exclude + 1);
}

function checkK(fn: string, k: number, n: number, exclude: number): void {
  const max = minEligible(n, exclude);
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1 || k > max) {
    const why =
      exclude > 0
        ? `(n = ${n}, exclude = ${exclude}: every row keeps at least n - min(n, 2 * exclude + 1) = ${max} neighbours)`
        : `(n = ${n})`;
    throw new InvalidArgumentError(`${fn}: k must be an integer in [1, ${max}] ${why}; got ${String(k)}.`, "k");
  }
}

/**
 * The k nearest neighbours of every row, excluding the row itself and every j with
 * |i - j| <= options.exclude. Row i's neighbours are ascending by distance, ties by index.
 * n = 0 gives empty arrays.
 * @throws InvalidArgumentError when k is not an integer in [1, n - min(n, 2 * exclude + 1)]
 *   or an option is invalid; NonFiniteValueError, ShapeMismatchError on bad points.
 */
export function knn(points: Matrix, k: number, options: SearchOptions): KnnResult {
  const fn = "knn";
  checkMatrix(fn, "points", points);
  const o = resolveOptions(fn, options, points.cols);
  if (points.rows === 0) return { distances: new Float64Array(0), indices: new Int32Array(0) };
  const { data, rows: n, cols: d } = points;
  checkK(fn, k, n, o.exclude);
  const method = selectMethod(o.method, n, d, "knn");
  if (method === "brute") return bruteKnn(data, n, d, k, o.metric, o.exclude);
  const distances = new Float64Array(n * k);
  const indices = new Int32Array(n * k);
  if (method === "sorted") sortedKnn(buildSorted1d(data, n), k, o.metric, o.exclude, distances, indices);
  else kdKnn(buildKdTree(data, n, d), k, o.metric, o.exclude, null, 0, distances, indices);
  return { distances, indices };
}

/**
 * Distance from each row to its k-th nearest neighbour (same exclusions as `knn`).
 * @throws as `knn`.
 */
export function kthNeighborDistance(points: Matrix, k: number, options: SearchOptions): Float64Array {
  const fn = "kthNeighborDistance";
  checkMatrix(fn, "points", points);
  const o = resolveOptions(fn, options, points.cols);
  if (points.rows === 0) return new Float64Array(0);
  const { data, rows: n, cols: d } = points;
  checkK(fn, k, n, o.exclude);
  const method = selectMethod(o.method, n, d, "knn");
  if (method === "brute") return bruteKth(data, n, d, k, o.metric, o.exclude);
  const out = new Float64Array(n);
  if (method === "sorted") {
    sortedKth(buildSorted1d(data, n), k, o.metric, o.exclude, out);
    return out;
  }
  const distances = new Float64Array(n * k);
  kdKnn(buildKdTree(data, n, d), k, o.metric, o.exclude, null, 0, distances, new Int32Array(n * k), false);
  for (let i = 0; i < n; i++) out[i] = distances[i * k + k - 1];
  return out;
}

/**
 * For each row i, the number of rows j (j != i, |i - j| > exclude) with d(i, j) < radii[i]
 * when `strict`, else d(i, j) <= radii[i].
 * @throws InvalidArgumentError when radii is not a Float64Array of length n without NaN, or an
 *   option is invalid; NonFiniteValueError, ShapeMismatchError on bad points.
 */
export function countWithin(points: Matrix, radii: Float64Array, strict: boolean, options: SearchOptions): Int32Array {
  const fn = "countWithin";
  checkMatrix(fn, "points", points);
  const o = resolveOptions(fn, options, points.cols);
  if (!(radii instanceof Float64Array) || radii.length !== points.rows) {
    throw new ShapeMismatchError(
      `${fn}: radii must be a Float64Array with one radius per row (${points.rows}); got ${radii instanceof Float64Array ? `length ${radii.length}` : typeof radii}.`,
    );
  }
  for (let i = 0; i < radii.length; i++) {
    if (Number.isNaN(radii[i])) throw new InvalidArgumentError(`${fn}: radii must not contain NaN; row ${i} is NaN.`, "radii");
  }
  if (typeof strict !== "boolean") {
    throw new InvalidArgumentError(`${fn}: strict must be a boolean; got ${String(strict)}.`, "strict");
  }
  const { data, rows: n, cols: d } = points;
  const method = selectMethod(o.method, n, d, "count");
  if (method === "brute") return bruteCount(data, n, d, radii, strict, o.metric, o.exclude);
  const out = new Int32Array(n);
  if (method === "sorted") sortedCount(buildSorted1d(data, n), radii, strict, o.metric, o.exclude, out);
  else kdCount(buildKdTree(data, n, d), radii, strict, o.metric, o.exclude, out);
  return out;
}

/**
 * Distance from each query row to its k-th nearest reference row (no exclusion: query and
 * reference are different samples, as in kNN divergence estimators).
 * @throws InvalidArgumentError when k is not an integer in [1, reference.rows];
 *   ShapeMismatchError when the column counts differ.
 */
export function kthNeighborDistanceTo(query: Matrix, reference: Matrix, k: number, options: SearchOptions): Float64Array {
  const fn = "kthNeighborDistanceTo";
  checkMatrix(fn, "query", query);
  checkMatrix(fn, "reference", reference);
  if (query.rows > 0 && reference.rows > 0 && query.cols !== reference.cols) {
    throw new ShapeMismatchError(`${fn}: query has ${query.cols} columns but reference has ${reference.cols}; they must match.`);
  }
  const o = resolveOptions(fn, { ...options, exclude: 0 }, reference.cols);
  if (query.rows === 0) return new Float64Array(0);
  const m = reference.rows;
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1 || k > m) {
    throw new InvalidArgumentError(`${fn}: k must be an integer in [1, ${m}] (reference n = ${m}); got ${String(k)}.`, "k");
  }
  const d = reference.cols;
  const nq = query.rows;
  const method = selectMethod(o.method, m, d, "knn");
  if (method === "brute") return bruteKthTo(query.data, nq, reference.data, m, d, k, o.metric);
  const out = new Float64Array(nq);
  if (method === "sorted") {
    sortedKthTo(buildSorted1d(reference.data, m), query.data, nq, k, o.metric, out);
    return out;
  }
  const distances = new Float64Array(nq * k);
  kdKnn(buildKdTree(reference.data, m, d), k, o.metric, 0, query.data, nq, distances, new Int32Array(nq * k), false);
  for (let i = 0; i < nq; i++) out[i] = distances[i * k + k - 1];
  return out;
}
