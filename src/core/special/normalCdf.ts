import { InvalidArgumentError } from "../errors.js";
import { erf, erfcxLarge } from "./erf.js";

/**
 * exp(-x^2/2) with x = h + l, h on a 1/4096 grid (h^2 exact): keeps relative precision in the
 * far tail, where the rounding of x*x/2 alone would cost up to 1e-13.
 */
function expNegHalfSquare(x: number): number {
  const h = Math.floor(x * 4096) / 4096;
  const l = x - h;
  return Math.exp(-0.5 * h * h) * Math.exp(-0.5 * l * (x + h));
}

/**
 * Standard normal CDF Phi(x) = erfc(-x/sqrt 2)/2, accurate in both tails: for x <= -sqrt 2,
 * Phi(x) = erfcx(-x/sqrt 2) exp(-x^2/2)/2 with the exponential computed from x itself, so the
 * lower tail keeps relative error below 1e-14 down to underflow (x ~ -38.5). Upper tail values
 * are 1 - Phi(-x), which round to 1 for x > 8.3, as doubles must.
 *
 * @throws InvalidArgumentError for NaN.
 */
export function normalCdf(x: number): number {
  if (x !== x) throw new InvalidArgumentError("normalCdf: x must be a number; got NaN.", "x");
  if (x <= -Math.SQRT2) {
    if (x < -38.5) return 0;
    return 0.5 * erfcxLarge(-x * Math.SQRT1_2) * expNegHalfSquare(x);
  }
  if (x >= Math.SQRT2) return 1 - normalCdf(-x);
  return 0.5 + 0.5 * erf(x * Math.SQRT1_2);
}
