import { checkCounts } from "./checkCounts.js";

/**
 * Plug-in (maximum-likelihood) entropy of a count vector, in nats:
 * H = -sum_i p_i log p_i with p_i = n_i / N; empty bins contribute 0.
 *
 * Bias: negative, about -(K - 1) / (2N) to first order (Miller 1955). O(K).
 * @throws InvalidArgumentError for a negative or non-integer count; InsufficientSamplesError when N = 0.
 * @example pluginEntropyOfCounts([1, 1]) // ln 2
 */
export function pluginEntropyOfCounts(counts: ArrayLike<number>): number {
  const { n } = checkCounts(counts, "pluginEntropyOfCounts");
  return plugin(counts, n);
}

/** Plug-in entropy without validation (counts checked by the caller, n = total). */
export function plugin(counts: ArrayLike<number>, n: number): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) {
      const p = c / n;
      h -= p * Math.log(p);
    }
  }
  return h;
}
