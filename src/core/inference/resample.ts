import { InvalidArgumentError } from "../errors.js";
import { createRng, type Rng } from "../random/rng.js";
import type { Matrix, MIEstimator, Units } from "../types.js";

/**
 * How one replicate dataset is drawn from the sample (x, y) of N paired rows. Plain data, so that
 * a worker thread can receive it and rebuild exactly the same replicate.
 * - `bootstrap`: N rows drawn with replacement (Efron 1979).
 * - `subsample`: m rows drawn without replacement (Politis & Romano 1994).
 * - `block`: moving-block bootstrap (Künsch 1989): blocks of `blockLength` consecutive rows with
 *   uniform start in [0, N - blockLength], concatenated and cut to N rows.
 * - `jackknife`: replicate g leaves out group g of `groups` groups; rows are assigned to groups
 *   by one seeded shuffle (`assignment: "random"`) or in consecutive runs ("contiguous"); with
 *   groups = N it is the delete-one jackknife.
 * - `permutation`: x unchanged, y's rows shuffled (a test of independence).
 */
export type ResampleScheme =
  | { readonly kind: "bootstrap" }
  | { readonly kind: "subsample"; readonly m: number }
  | { readonly kind: "block"; readonly blockLength: number }
  | { readonly kind: "jackknife"; readonly groups: number; readonly assignment: "random" | "contiguous" }
  | { readonly kind: "permutation" };

/**
 * Stream tag per scheme: replicate b of scheme s with seed `seed` uses
 * `createRng(seed).fork(tag(s)).fork(b)`, so replicates never depend on the order in which they
 * are computed, and two schemes run with the same seed use unrelated streams.
 */
const STREAM: Readonly<Record<ResampleScheme["kind"], number>> = Object.freeze({
  bootstrap: 1,
  subsample: 2,
  block: 3,
  jackknife: 4,
  permutation: 5,
});

/** The random stream of replicate `b` of `scheme` (see STREAM). */
export function replicateRng(seed: number, scheme: ResampleScheme, b: number): Rng {
  return createRng(seed).fork(STREAM[scheme.kind]).fork(b);
}

/** Checks a scheme against N rows. @throws InvalidArgumentError */
export function validateScheme(fn: string, scheme: ResampleScheme, n: number): void {
  switch (scheme.kind) {
    case "subsample":
      if (!Number.isInteger(scheme.m) || scheme.m < 2 || scheme.m >= n) {
        throw new InvalidArgumentError(`${fn}: m must be an integer in [2, N - 1] (N = ${n}); got ${String(scheme.m)}.`, "m");
      }
      return;
    case "block":
      if (!Number.isInteger(scheme.blockLength) || scheme.blockLength < 1 || scheme.blockLength > n) {
        throw new InvalidArgumentError(
          `${fn}: blockLength must be an integer in [1, N] (N = ${n}); got ${String(scheme.blockLength)}.`,
          "blockLength",
        );
      }
      return;
    case "jackknife":
      if (!Number.isInteger(scheme.groups) || scheme.groups < 2 || scheme.groups > n) {
        throw new InvalidArgumentError(`${fn}: groups must be an integer in [2, N] (N = ${n}); got ${String(scheme.groups)}.`, "groups");
      }
      if (scheme.assignment !== "random" && scheme.assignment !== "contiguous") {
        throw new InvalidArgumentError(
          `${fn}: assignment must be "random" or "contiguous"; got ${JSON.stringify(scheme.assignment)}.`,
          "assignment",
        );
      }
      return;
    default:
      return;
  }
}

/** A uniform random permutation of 0..n-1 (Fisher-Yates). */
export function randomPermutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Group of each row for the grouped jackknife: sizes differ by at most one. "random" draws the
 * assignment once from `createRng(seed).fork(4).fork(2^32 - 1)`, shared by all replicates.
 */
export function jackknifeGroups(n: number, groups: number, assignment: "random" | "contiguous", seed: number): Int32Array {
  const g = new Int32Array(n);
  // Row r of the (possibly shuffled) order goes to group floor(r * groups / n): consecutive runs.
  if (assignment === "contiguous") {
    for (let r = 0; r < n; r++) g[r] = Math.floor((r * groups) / n);
    return g;
  }
  const perm = randomPermutation(n, createRng(seed).fork(STREAM.jackknife).fork(0xffffffff));
  for (let r = 0; r < n; r++) g[perm[r]] = Math.floor((r * groups) / n);
  return g;
}

/** Row indices of replicate `b`: which rows of the sample (in order) form the replicate. */
export function replicateRows(scheme: ResampleScheme, n: number, rng: Rng, groupOf?: Int32Array, b = 0): Int32Array {
  switch (scheme.kind) {
    case "bootstrap": {
      const idx = new Int32Array(n);
      for (let i = 0; i < n; i++) idx[i] = rng.int(n);
      return idx;
    }
    case "subsample": {
      // Partial Fisher-Yates: the first m entries of a uniform permutation, then sorted so that
      // the replicate keeps the sample's row order.
      const m = scheme.m;
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      for (let i = 0; i < m; i++) {
        const j = i + rng.int(n - i);
        const t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p.slice(0, m).sort();
    }
    case "block": {
      const l = scheme.blockLength;
      const idx = new Int32Array(n);
      for (let filled = 0; filled < n; ) {
        const start = rng.int(n - l + 1);
        for (let t = 0; t < l && filled < n; t++) idx[filled++] = start + t;
      }
      return idx;
    }
    case "jackknife": {
      if (!groupOf) throw new InvalidArgumentError("replicateRows: jackknife needs the row groups.", "groupOf");
      let keep = 0;
      for (let i = 0; i < n; i++) if (groupOf[i] !== b) keep++;
      const idx = new Int32Array(keep);
      for (let i = 0, r = 0; i < n; i++) if (groupOf[i] !== b) idx[r++] = i;
      return idx;
    }
    case "permutation":
      return randomPermutation(n, rng);
  }
}

/** Rows `idx` of m as a new Matrix (column names kept). */
export function takeRows(m: Matrix, idx: Int32Array): Matrix {
  const d = m.cols;
  const data = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r] * d;
    for (let j = 0; j < d; j++) data[r * d + j] = m.data[i + j];
  }
  return m.columnNames ? { data, rows: idx.length, cols: d, columnNames: m.columnNames } : { data, rows: idx.length, cols: d };
}

/** Everything a replicate needs besides its index; plain data apart from the estimator. */
export interface ReplicateContext {
  readonly x: Matrix;
  readonly y: Matrix;
  readonly scheme: ResampleScheme;
  readonly seed: number;
  readonly units: Units;
  /** Groups of the rows, for the jackknife (from `jackknifeGroups`). */
  readonly groupOf?: Int32Array;
}

/**
 * The estimate on replicate `b`: the replicate's rows drawn from `replicateRng(seed, scheme, b)`,
 * and the estimator's own seed (tie-breaking jitter) drawn from the same stream first. This is the
 * single definition used by the sequential path and by worker threads, so both give identical
 * numbers.
 */
export async function computeReplicate(estimator: MIEstimator, ctx: ReplicateContext, b: number): Promise<number> {
  const rng = replicateRng(ctx.seed, ctx.scheme, b);
  const estimatorSeed = rng.uint32();
  const n = ctx.x.rows;
  const idx = replicateRows(ctx.scheme, n, rng, ctx.groupOf, b);
  let xb: Matrix;
  let yb: Matrix;
  if (ctx.scheme.kind === "permutation") {
    xb = ctx.x;
    yb = takeRows(ctx.y, idx);
  } else {
    xb = takeRows(ctx.x, idx);
    yb = takeRows(ctx.y, idx);
  }
  const e = await estimator.estimate(xb, yb, { seed: estimatorSeed, units: ctx.units, local: false });
  return e.value;
}
