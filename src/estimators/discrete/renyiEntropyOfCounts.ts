import { InvalidArgumentError } from "../../core/errors.js";
import { checkCounts } from "./checkCounts.js";
import { plugin } from "./pluginEntropyOfCounts.js";

/**
 * Plug-in Renyi entropy of order alpha, nats: H_alpha = log(sum_i p_i^alpha) / (1 - alpha),
 * with the limits alpha = 0 (log K-hat, observed bins), alpha = 1 (Shannon) and
 * alpha = Infinity (min-entropy, -log max p). Biased (plug-in). O(K).
 * @throws InvalidArgumentError when alpha is not a number >= 0 (Infinity allowed).
 */
export function renyiEntropyOfCounts(counts: ArrayLike<number>, alpha: number): number {
  const fn = "renyiEntropyOfCounts";
  if (typeof alpha !== "number" || Number.isNaN(alpha) || alpha < 0) {
    throw new InvalidArgumentError(`${fn}: alpha must be a number >= 0 (Infinity allowed); got ${String(alpha)}.`, "alpha");
  }
  const { n, observedBins } = checkCounts(counts, fn);
  if (alpha === 0) return Math.log(observedBins);
  if (alpha === 1) return plugin(counts, n);
  if (alpha === Infinity) {
    let max = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] > max) max = counts[i];
    return -Math.log(max / n);
  }
  // log sum p^alpha = alpha log p_max + log sum (n_i / n_max)^alpha: no underflow for large alpha.
  let max = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > max) max = counts[i];
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) s += Math.pow(c / max, alpha);
  }
  return (alpha * Math.log(max / n) + Math.log(s)) / (1 - alpha);
}
