import type { Matrix } from "../types.js";
import { InsufficientSamplesError, InvalidArgumentError } from "../errors.js";

/**
 * Sample covariance of the columns of `m` (rows are observations): a d x d row-major
 * Float64Array, S = (X - mean)^T (X - mean) / (n - ddof), ddof = 1 by default (unbiased, like
 * numpy.cov). Two-pass: column means first, then centred cross-products, which avoids the
 * cancellation of the one-pass sum-of-squares formula when means are large. O(n d^2 / 2).
 *
 * @throws InsufficientSamplesError when n <= ddof.
 */
export function covariance(m: Matrix, ddof = 1): Float64Array {
  const { data, rows: n, cols: d } = m;
  if (!Number.isInteger(ddof) || ddof < 0) {
    throw new InvalidArgumentError(`covariance: ddof must be a non-negative integer; got ${ddof}.`, "ddof");
  }
  if (n <= ddof) {
    throw new InsufficientSamplesError(`covariance: needs at least ${ddof + 1} rows (ddof = ${ddof}); got ${n}.`, ddof + 1, n);
  }
  const mean = columnMeans(m);
  const s = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const r = i * d;
    for (let j = 0; j < d; j++) c[j] = data[r + j] - mean[j];
    for (let j = 0; j < d; j++) {
      const cj = c[j];
      const sj = j * d;
      for (let k = 0; k <= j; k++) s[sj + k] += cj * c[k];
    }
  }
  const inv = 1 / (n - ddof);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k <= j; k++) {
      const v = s[j * d + k] * inv;
      s[j * d + k] = v;
      s[k * d + j] = v;
    }
  }
  return s;
}

/** Column means of `m`, with a second corrective pass (mean + mean of residuals). */
export function columnMeans(m: Matrix): Float64Array {
  const { data, rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  if (n === 0) return mean;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const corr = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) corr[j] += data[i * d + j] - mean[j];
  for (let j = 0; j < d; j++) mean[j] += corr[j] / n;
  return mean;
}
