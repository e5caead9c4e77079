import { cholesky } from "./cholesky.js";

/**
 * Inverse of a symmetric positive definite n x n matrix (row-major; lower triangle read) via
 * Cholesky: A^-1 = L^-T L^-1, with L^-1 by forward substitution. The result is exactly
 * symmetric (the upper triangle is mirrored). O(n^3).
 *
 * @throws NotPositiveDefiniteError when A is not positive definite.
 */
export function inverseSpd(a: Float64Array, n: number): Float64Array {
  const l = cholesky(a, n, "inverseSpd");
  // W = L^-1 (lower triangular), row by row.
  const w = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    w[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * n + k] * w[k * n + j];
      w[i * n + j] = s / l[i * n + i];
    }
  }
  // A^-1 = W^T W: (i, j) = sum_{k >= max(i, j)} W_ki W_kj.
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += w[k * n + i] * w[k * n + j];
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  }
  return inv;
}
