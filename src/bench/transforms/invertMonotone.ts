import { InvalidArgumentError } from "../../core/errors.js";
import { normalCdf } from "../../core/special/normalCdf.js";
import { elementwise } from "./elementwise.js";
import type { MatrixTransform } from "./transform.js";

/**
 * The inverse of a strictly increasing f on [lo, hi] by bisection, as in bmi's `invert_cdf`:
 * halve [x0, x1] (keeping f(x0) < v <= f(x1)) until x1 − x0 <= tol or the midpoint no longer
 * separates the ends, and return the midpoint. Values outside [f(lo), f(hi)] map to the nearest
 * end. About log2((hi − lo)/tol) ≈ 44 evaluations of f per call for bmi's [−10, 10], 1e-12.
 */
export function invertMonotone(f: (x: number) => number, lo = -10, hi = 10, tol = 1e-12): (v: number) => number {
  const fn = "invertMonotone";
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new InvalidArgumentError(`${fn}: need finite lo < hi; got lo = ${lo}, hi = ${hi}.`, "lo");
  }
  if (!Number.isFinite(tol) || !(tol > 0)) throw new InvalidArgumentError(`${fn}: tol must be a finite number > 0; got ${tol}.`, "tol");
  return (v: number): number => {
    let x0 = lo;
    let x1 = hi;
    for (;;) {
      const xm = (x0 + x1) / 2;
      if (!(x1 - x0 > tol && xm > x0 && x1 > xm)) return xm;
      if (f(xm) < v) x0 = xm;
      else x1 = xm;
    }
  };
}

/** bmi's bimodal CDF for X: F_X(x) = 0.3 Φ(x) + 0.7 Φ(x − 5). */
export function bimodalCdfX(x: number): number {
  return 0.3 * normalCdf(x) + 0.7 * normalCdf(x - 5);
}

/** bmi's bimodal CDF for Y: F_Y(y) = 0.5 Φ(y + 1) + 0.5 Φ(y − 3). */
export function bimodalCdfY(y: number): number {
  return 0.5 * normalCdf(y + 1) + 0.5 * normalCdf(y - 3);
}

/** F_X⁻¹ by bisection on [−10, 10] with tolerance 1e-12, coordinate-wise. */
export const bimodalInverseCdfX: MatrixTransform = elementwise("bimodal", invertMonotone(bimodalCdfX));
/** F_Y⁻¹ by bisection on [−10, 10] with tolerance 1e-12, coordinate-wise. */
export const bimodalInverseCdfY: MatrixTransform = elementwise("bimodal", invertMonotone(bimodalCdfY));
