import { InvalidArgumentError } from "../errors.js";

/**
 * Asymptotic series for x >= 10 (A&S 6.4.12): psi1(x) = 1/x + 1/(2x^2) + sum B_2k / x^(2k+1)
 * = 1/x + 1/(2x^2) + 1/(6x^3) - 1/(30x^5) + 1/(42x^7) - 1/(30x^9) + 5/(66x^11) - 691/(2730x^13) + 7/(6x^15).
 * The first omitted term, 3617/(510 x^17), is below 1e-16 relative at x = 10.
 */
function trigammaAsymptotic(x: number): number {
  const r = 1 / (x * x);
  const series = 1 / 6 - r * (1 / 30 - r * (1 / 42 - r * (1 / 30 - r * (5 / 66 - r * (691 / 2730 - r * (7 / 6))))));
  return (1 + (0.5 + series / x) / x) / x;
}

function trigammaPositive(x: number): number {
  // Recurrence psi1(x) = psi1(x + 1) + 1/x^2 (A&S 6.4.6); all terms positive, no cancellation.
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  return trigammaAsymptotic(x) + shift;
}

/**
 * Trigamma function psi1(x) = d^2/dx^2 ln Gamma(x), like scipy.special.polygamma(1, x).
 * Upward recurrence to x >= 10, then the asymptotic series; reflection
 * psi1(1 - x) + psi1(x) = pi^2 / sin^2(pi x) for x < 0. Relative error below 1e-14.
 *
 * @throws InvalidArgumentError for NaN, +-Infinity and the poles x = 0, -1, -2, ...
 */
export function trigamma(x: number): number {
  if (x > 0 && x < Infinity) return trigammaPositive(x);
  if (!Number.isFinite(x) || Number.isInteger(x)) {
    throw new InvalidArgumentError(`trigamma: x must be finite and not a non-positive integer (a pole); got ${x}.`, "x");
  }
  const s = Math.sin(Math.PI * (x - Math.floor(x)));
  return (Math.PI * Math.PI) / (s * s) - trigammaPositive(1 - x);
}
