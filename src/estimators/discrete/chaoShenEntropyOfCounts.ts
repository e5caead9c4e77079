import { checkCounts } from "./checkCounts.js";

/**
 * Chao-Shen (2003) coverage-adjusted entropy, nats:
 * C = 1 - f1/N (Good-Turing sample coverage; f1 = number of singletons, replaced by N - 1 when
 * every count is 1 so that C > 0), p~_i = C n_i / N, and the Horvitz-Thompson sum
 * H = -sum_i p~_i log p~_i / (1 - (1 - p~_i)^N). Designed for unseen species; less biased than
 * plug-in when many bins are unseen, can overshoot at tiny N. O(K).
 * @throws InvalidArgumentError, InsufficientSamplesError (N = 0).
 */
export function chaoShenEntropyOfCounts(counts: ArrayLike<number>): number {
  const { n, singletons } = checkCounts(counts, "chaoShenEntropyOfCounts");
  const f1 = singletons === n ? n - 1 : singletons;
  const coverage = 1 - f1 / n;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) {
      const p = (coverage * c) / n;
      // 1 - (1 - p)^N without cancellation for small p.
      const inclusion = -Math.expm1(n * Math.log1p(-p));
      h -= (p * Math.log(p)) / inclusion;
    }
  }
  return h;
}
