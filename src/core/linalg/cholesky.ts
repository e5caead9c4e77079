import { InvalidArgumentError } from "../errors.js";
import { checkSquare } from "./checkSquare.js";

/**
 * The matrix given to a Cholesky-based routine is not (numerically) positive definite:
 * pivot `pivot` (0-based) was `value` <= 0 or not finite. Code "invalid-argument".
 */
export class NotPositiveDefiniteError extends InvalidArgumentError {
  readonly pivot: number;
  readonly value: number;
  constructor(fn: string, arg: string, pivot: number, value: number) {
    super(
      `${fn}: ${arg} must be symmetric positive definite; pivot ${pivot} of its Cholesky factorisation is ${value} ` +
        `(a singular or indefinite matrix, e.g. a constant or duplicated column).`,
      arg,
    );
    this.pivot = pivot;
    this.value = value;
  }
}

/**
 * Lower Cholesky factor L of a symmetric positive definite matrix, A = L L^T.
 *
 * `a` is n x n, row-major; only its lower triangle (j <= i) is read. Returns a new n x n
 * row-major Float64Array with zeros above the diagonal. Cholesky-Banachiewicz order (row by
 * row), so both inner-product operands are contiguous rows. n^3/3 flops; backward stable
 * (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 4.2.1).
 *
 * A pivot (the squared diagonal entry L_ii^2 before the square root) counts as zero when it is
 * below 4 (i + 1) eps A_ii, the size of the rounding noise left by eliminating i columns: such a
 * matrix is singular to working precision (condition number above ~1e15), as with a duplicated
 * or constant column, and its factor would be meaningless.
 *
 * @throws NotPositiveDefiniteError when a pivot is not positive (as above) or not finite.
 * @throws InvalidArgumentError, ShapeMismatchError for a malformed argument.
 */
export function cholesky(a: Float64Array, n: number, fn = "cholesky", arg = "a"): Float64Array {
  checkSquare(fn, arg, a, n);
  const l = new Float64Array(n * n);
  const pivot = choleskyInto(a, n, l);
  if (pivot >= 0) throw new NotPositiveDefiniteError(fn, arg, pivot, l[pivot * n + pivot]);
  return l;
}

/** Relative pivot floor per step: pivots below 4 (i + 1) eps A_ii count as zero. */
const PIVOT_TOLERANCE = 4 * Number.EPSILON;

/**
 * Unchecked kernel: writes the factor of `a` into `l` (length n * n, may not alias `a`).
 * Returns -1 on success, or the index of the first failing pivot (its value is left in
 * l[p * n + p]). For callers that want to react to singularity without exceptions.
 */
export function choleskyInto(a: Float64Array, n: number, l: Float64Array): number {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      if (i === j) {
        // Singular to working precision when the pivot is within rounding noise of zero
        // (relative to the original diagonal); a duplicated column lands here, not at +-0.
        if (!(s > PIVOT_TOLERANCE * (i + 1) * a[ri + i]) || !Number.isFinite(s)) {
          l[ri + i] = s;
          return i;
        }
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / l[rj + j];
      }
    }
    for (let j = i + 1; j < n; j++) l[ri + j] = 0;
  }
  return -1;
}
