import type { Matrix } from "../types.js";
import { cholesky } from "../linalg/cholesky.js";
import type { Rng } from "./rng.js";
import { positiveNumber, sampleSize } from "./checkArgs.js";
import { chiSquare } from "./chiSquare.js";
import { affineNormalRows, checkMeanAndMatrix } from "./multivariateNormal.js";

/**
 * n draws from the multivariate Student t with location `mean`, scale matrix `scale` (d x d,
 * row-major, lower triangle read) and `nu` degrees of freedom, as an n x d Matrix:
 * x = mean + L z / sqrt(W / nu), with scale = L L^T, z ~ N(0, I_d) and W ~ chi2_nu drawn
 * independently for each row (Kotz & Nadarajah, Multivariate t Distributions, 2004, eq. 1.1).
 * The covariance is nu / (nu - 2) * scale for nu > 2 (infinite for nu <= 2). O(d^3 + n d^2).
 *
 * @throws InvalidArgumentError for a non-finite mean, nu <= 0, bad n, or a malformed scale.
 * @throws NotPositiveDefiniteError when scale is not positive definite.
 */
export function multivariateT(rng: Rng, mean: ArrayLike<number>, scale: Float64Array, nu: number, n: number): Matrix {
  const fn = "multivariateT";
  sampleSize(fn, n);
  positiveNumber(fn, "nu", nu);
  const d = checkMeanAndMatrix(fn, mean, scale, "scale");
  const l = cholesky(scale, d, fn, "scale");
  const data = affineNormalRows(rng, mean, l, d, n, () => 1 / Math.sqrt(chiSquare(rng, nu) / nu));
  return { data, rows: n, cols: d };
}
