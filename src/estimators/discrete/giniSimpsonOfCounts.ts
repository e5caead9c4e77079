import { checkCounts } from "./checkCounts.js";

/**
 * Gini-Simpson index 1 - sum_i p_i^2 (= Tsallis S_2 = 1 - exp(-H_2)).
 * - `unbiased: false` (default): plug-in 1 - sum (n_i/N)^2, biased downward by a factor (N-1)/N.
 * - `unbiased: true`: (N/(N-1)) (1 - sum p-hat^2) = 1 - sum n_i(n_i - 1)/(N(N - 1)), unbiased
 *   because sum n_i(n_i-1)/(N(N-1)) is unbiased for sum p_i^2; needs N >= 2.
 * Dimensionless (a probability, not nats). O(K).
 * @throws InvalidArgumentError; InsufficientSamplesError when N = 0 (N < 2 if unbiased).
 */
export function giniSimpsonOfCounts(counts: ArrayLike<number>, options: { unbiased?: boolean } = {}): number {
  const unbiased = options.unbiased === true;
  const { n } = checkCounts(counts, "giniSimpsonOfCounts", unbiased ? 2 : 1);
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    s += unbiased ? c * (c - 1) : c * c;
  }
  return 1 - s / (unbiased ? n * (n - 1) : n * n);
}
