import { cholesky } from "./cholesky.js";

/** log det A = 2 sum_i log L_ii from a lower Cholesky factor (no overflow for any n). */
export function logDetFromCholesky(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return 2 * s;
}

/**
 * Natural log of the determinant of a symmetric positive definite n x n matrix (row-major; only
 * the lower triangle is read), via Cholesky: log det A = 2 sum log L_ii. O(n^3 / 3).
 *
 * @throws NotPositiveDefiniteError when A is not positive definite (det <= 0 or singular).
 */
export function logDet(a: Float64Array, n: number): number {
  return logDetFromCholesky(cholesky(a, n, "logDet"), n);
}
