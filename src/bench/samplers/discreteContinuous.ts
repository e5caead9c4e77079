import { InvalidArgumentError } from "../../core/errors.js";
import type { Rng } from "../../core/random/rng.js";
import { checkSampleSize, type ExactSampler, type Sample } from "./sampler.js";

/**
 * Exact MI (nats) of Gao, Kannan, Oh & Viswanath (2017, NeurIPS 30, arXiv 1709.06212)'s
 * discrete–continuous mixture: X uniform on {0, …, m−1}, Y | X ~ U(X, X + 2). Then
 * I = h(Y) − h(Y | X) = log m − ((m − 1)/m) log 2 (1.05492 for m = 5; reference-facts §1.5).
 */
export function discreteContinuousMutualInformation(categories: number): number {
  checkCategories("discreteContinuousMutualInformation", categories);
  return Math.log(categories) - ((categories - 1) / categories) * Math.LN2;
}

function checkCategories(fn: string, m: unknown): number {
  if (typeof m !== "number" || !Number.isSafeInteger(m) || m < 1) {
    throw new InvalidArgumentError(`${fn}: categories must be a positive integer; got ${String(m)}.`, "categories");
  }
  return m;
}

/**
 * Gao et al. 2017's sampler: x holds the category code (an integer-valued float, so the column is
 * discrete with ties), y is continuous. Default m = 5.
 */
export function discreteContinuous(categories = 5): ExactSampler {
  const fn = "discreteContinuous";
  checkCategories(fn, categories);
  return Object.freeze({
    dimX: 1,
    dimY: 1,
    mutualInformation: discreteContinuousMutualInformation(categories),
    sample(n: number, rng: Rng): Sample {
      checkSampleSize(fn, n);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = rng.int(categories);
        y[i] = x[i] + 2 * rng.float64();
      }
      return { x: { data: x, rows: n, cols: 1 }, y: { data: y, rows: n, cols: 1 }, xDiscrete: true };
    },
  });
}
