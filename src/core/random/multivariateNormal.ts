import { InvalidArgumentError, ShapeMismatchError } from "../errors.js";
import type { Matrix } from "../types.js";
import { cholesky } from "../linalg/cholesky.js";
import type { Rng } from "./rng.js";
import { sampleSize } from "./checkArgs.js";

/** Validates mean (length d) and a d x d matrix; returns d. */
export function checkMeanAndMatrix(fn: string, mean: ArrayLike<number>, m: Float64Array, name: string): number {
  const d = mean.length;
  if (d < 1) throw new InvalidArgumentError(`${fn}: mean must have at least one entry; got 0.`, "mean");
  for (let j = 0; j < d; j++) {
    if (!Number.isFinite(mean[j])) {
      throw new InvalidArgumentError(`${fn}: mean must be finite; entry ${j} is ${mean[j]}.`, "mean");
    }
  }
  if (!(m instanceof Float64Array)) {
    throw new InvalidArgumentError(`${fn}: ${name} must be a Float64Array (d * d, row-major); got ${typeof m}.`, name);
  }
  if (m.length !== d * d) {
    throw new ShapeMismatchError(`${fn}: ${name} has ${m.length} values; expected d * d = ${d * d} for a mean of length ${d}.`);
  }
  return d;
}

/** Rows mean + L z_i with z_i standard normal; `scaleRow(i)` multiplies each L z_i. */
export function affineNormalRows(rng: Rng, mean: ArrayLike<number>, l: Float64Array, d: number, n: number, scaleRow?: () => number): Float64Array {
  const out = new Float64Array(n * d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) z[j] = rng.normal();
    const f = scaleRow ? scaleRow() : 1;
    const r = i * d;
    for (let j = 0; j < d; j++) {
      let s = 0;
      const lj = j * d;
      for (let k = 0; k <= j; k++) s += l[lj + k] * z[k];
      out[r + j] = mean[j] + f * s;
    }
  }
  return out;
}

/**
 * n draws from the multivariate normal N(mean, cov) as an n x d Matrix: x = mean + L z with
 * cov = L L^T (Cholesky) and z a vector of d independent `rng.normal()` draws. O(d^3 + n d^2).
 * `cov` is d x d row-major; its lower triangle is read. A singular covariance (degenerate
 * normal) is rejected rather than sampled: pass a full-rank covariance.
 *
 * @throws InvalidArgumentError for a non-finite mean, bad n, or a malformed cov.
 * @throws NotPositiveDefiniteError when cov is not positive definite.
 */
export function multivariateNormal(rng: Rng, mean: ArrayLike<number>, cov: Float64Array, n: number): Matrix {
  const fn = "multivariateNormal";
  sampleSize(fn, n);
  const d = checkMeanAndMatrix(fn, mean, cov, "cov");
  const l = cholesky(cov, d, fn, "cov");
  return { data: affineNormalRows(rng, mean, l, d, n), rows: n, cols: d };
}
