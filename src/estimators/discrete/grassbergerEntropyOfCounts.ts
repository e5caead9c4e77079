import { digamma, digammaInt } from "../../core/special/digamma.js";
import { checkCounts } from "./checkCounts.js";

/**
 * Grassberger's G(n) = psi(n) + (1/2) (-1)^n [psi((n + 1)/2) - psi(n/2)] (Grassberger 2003,
 * arXiv physics/0307138, the estimator with G_{2n+1} = G_{2n}); G(1) = -gamma - ln 2,
 * G(2) = 2 - gamma - ln 2.
 */
export function grassbergerG(n: number): number {
  const half = 0.5 * (digamma((n + 1) / 2) - digamma(n / 2));
  return digammaInt(n) + (n % 2 === 0 ? half : -half);
}

/**
 * Grassberger (2003) entropy: H = log N - (1/N) sum_i n_i G(n_i), nats. Smaller bias than
 * Miller-Madow for undersampled distributions; still biased downward when most of the mass is
 * in unseen bins. O(K) digamma evaluations.
 * @throws InvalidArgumentError, InsufficientSamplesError (N = 0).
 */
export function grassbergerEntropyOfCounts(counts: ArrayLike<number>): number {
  const { n } = checkCounts(counts, "grassbergerEntropyOfCounts");
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) s += c * grassbergerG(c);
  }
  return Math.log(n) - s / n;
}
