import { InvalidArgumentError } from "../../core/errors.js";
import { checkCounts } from "./checkCounts.js";
import { plugin } from "./pluginEntropyOfCounts.js";

/**
 * Plug-in Tsallis entropy of index q: S_q = (1 - sum_i p_i^q) / (q - 1); q = 1 is the Shannon
 * limit (nats), q = 0 gives K-hat - 1, q = 2 gives Gini-Simpson. Biased (plug-in). O(K).
 * @throws InvalidArgumentError when q is not a finite number >= 0.
 */
export function tsallisEntropyOfCounts(counts: ArrayLike<number>, q: number): number {
  const fn = "tsallisEntropyOfCounts";
  if (typeof q !== "number" || !Number.isFinite(q) || q < 0) {
    throw new InvalidArgumentError(`${fn}: q must be a finite number >= 0; got ${String(q)}.`, "q");
  }
  const { n } = checkCounts(counts, fn);
  if (q === 1) return plugin(counts, n);
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) s += Math.pow(c / n, q);
  }
  return (1 - s) / (q - 1);
}
