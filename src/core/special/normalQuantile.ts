import { InvalidArgumentError } from "../errors.js";
import { erf } from "./erf.js";
import { normalCdf } from "./normalCdf.js";

// Rational approximations of P. J. Acklam (2003), "An algorithm for computing the inverse normal
// cumulative distribution function", relative error below 1.15e-9 before refinement.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;
const SQRT_2PI = 2.5066282746310002;

/** Acklam's approximation for 0 < p <= 0.5. */
function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

/**
 * Inverse of the standard normal CDF, Phi^-1(p), like scipy.special.ndtri.
 *
 * Method: Acklam's rational approximation (relative error 1.15e-9), then one Halley step on
 * Phi(x) - p (cubically convergent, so 1e-9 becomes rounding level; uses the tail-accurate
 * `normalCdf`), giving relative error below 2e-15 (a second step measured no better). Computed in the lower half (p <= 1/2) and mirrored, which is exact because
 * 1 - p is exact for p in [1/2, 1]. normalQuantile(0) = -Infinity, normalQuantile(1) = Infinity.
 *
 * @throws InvalidArgumentError when p is not in [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new InvalidArgumentError(`normalQuantile: p must be a probability in [0, 1]; got ${p}.`, "p");
  }
  if (p > 0.5) return -normalQuantile(1 - p);
  if (p === 0) return -Infinity;
  if (p === 0.5) return 0;
  let x = acklam(p);
  for (let step = 0; step < 1; step++) {
    // Halley: u = (Phi(x) - p) / phi(x); x -= u / (1 + x u / 2). Written relative to p so that
    // exp(x^2/2) cannot overflow before it is multiplied by the small residual.
    // Near the centre Phi(x) - p = erf(x/sqrt 2)/2 - (p - 1/2), where p - 1/2 is exact: keeps
    // relative accuracy for p close to 1/2 (x close to 0).
    const e = x > -1 ? 0.5 * erf(x * Math.SQRT1_2) - (p - 0.5) : normalCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    if (!Number.isFinite(u)) break;
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}
