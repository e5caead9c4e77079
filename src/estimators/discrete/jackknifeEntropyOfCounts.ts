import { checkCounts, sumNLogN } from "./checkCounts.js";
import { plugin } from "./pluginEntropyOfCounts.js";

/**
 * Jackknife bias-corrected plug-in entropy (Zahl 1977), nats:
 * H_JK = N H - ((N - 1)/N) sum_{j=1}^{N} H_(-j), where H_(-j) is the plug-in entropy without
 * sample j. Samples in the same bin give the same H_(-j), so the sum is
 * sum_i n_i H(counts with n_i - 1), computed in O(K) from S = sum n log n.
 * Removes the 1/N bias term; variance larger than plug-in.
 * @throws InvalidArgumentError; InsufficientSamplesError when N < 2.
 */
export function jackknifeEntropyOfCounts(counts: ArrayLike<number>): number {
  const { n } = checkCounts(counts, "jackknifeEntropyOfCounts", 2);
  const h = plugin(counts, n);
  const s = sumNLogN(counts);
  const m = n - 1;
  const logM = Math.log(m);
  let sumLeaveOut = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) {
      const si = s - (c > 1 ? c * Math.log(c) : 0) + (c > 2 ? (c - 1) * Math.log(c - 1) : 0);
      sumLeaveOut += c * (logM - si / m);
    }
  }
  return n * h - ((n - 1) / n) * sumLeaveOut;
}
