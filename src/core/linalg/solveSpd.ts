import { InvalidArgumentError, ShapeMismatchError } from "../errors.js";
import { cholesky } from "./cholesky.js";

/**
 * Solves L Y = B by forward substitution for a lower-triangular L (n x n) and B (n x m),
 * row-major; returns Y as a new array. O(n^2 m). With L a Cholesky factor of A, the rows of
 * Y^T are "whitened": Y^T Y = B^T A^-1 B.
 */
export function forwardSubstitute(l: Float64Array, n: number, b: Float64Array, m = 1): Float64Array {
  if (b.length !== n * m) {
    throw new ShapeMismatchError(`forwardSubstitute: b has ${b.length} values; expected n * m = ${n * m}.`);
  }
  const y = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      for (let c = 0; c < m; c++) y[i * m + c] -= lik * y[k * m + c];
    }
    const d = l[ri + i];
    for (let c = 0; c < m; c++) y[i * m + c] /= d;
  }
  return y;
}

/**
 * Solves L L^T X = B in place of a copy of B, given the lower Cholesky factor L (n x n) and B
 * (n x m, row-major). Forward then back substitution; O(n^2 m).
 */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array, m = 1): Float64Array {
  if (b.length !== n * m) {
    throw new ShapeMismatchError(`choleskySolve: b has ${b.length} values; expected n * m = ${n * m}.`);
  }
  const x = Float64Array.from(b);
  // L Y = B
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      for (let c = 0; c < m; c++) x[i * m + c] -= lik * x[k * m + c];
    }
    const d = l[ri + i];
    for (let c = 0; c < m; c++) x[i * m + c] /= d;
  }
  // L^T X = Y
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const lki = l[k * n + i];
      if (lki === 0) continue;
      for (let c = 0; c < m; c++) x[i * m + c] -= lki * x[k * m + c];
    }
    const d = l[i * n + i];
    for (let c = 0; c < m; c++) x[i * m + c] /= d;
  }
  return x;
}

/**
 * Solves A X = B for symmetric positive definite A (n x n, lower triangle read) and B (n x m,
 * row-major; a vector when m = 1). Returns a new array; inputs are not mutated. O(n^3/3 + n^2 m).
 *
 * @throws NotPositiveDefiniteError when A is not positive definite.
 */
export function solveSpd(a: Float64Array, n: number, b: Float64Array, m = 1): Float64Array {
  if (!Number.isInteger(m) || m < 1) throw new InvalidArgumentError(`solveSpd: m must be an integer >= 1; got ${m}.`, "m");
  return choleskySolve(cholesky(a, n, "solveSpd"), n, b, m);
}
