import { checkCounts } from "./checkCounts.js";
import { plugin } from "./pluginEntropyOfCounts.js";

/**
 * Miller-Madow entropy (Miller 1955): the plug-in entropy plus (K-hat - 1) / (2N), with K-hat
 * the number of **observed** (non-empty) bins. Removes the first-order bias term of the plug-in
 * estimate; still biased downward when many bins are unseen. Nats; O(K).
 * @throws InvalidArgumentError, InsufficientSamplesError (N = 0).
 */
export function millerMadowEntropyOfCounts(counts: ArrayLike<number>): number {
  const { n, observedBins } = checkCounts(counts, "millerMadowEntropyOfCounts");
  return plugin(counts, n) + (observedBins - 1) / (2 * n);
}
