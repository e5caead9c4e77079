import { InvalidArgumentError } from "../../core/errors.js";
import type { Rng } from "../../core/random/rng.js";
import { checkSampleSize, type ExactSampler, type Sample } from "./sampler.js";

/**
 * Exact MI (nats) of X ~ U(0, 1), Y = X + N with N ~ U(−ε, ε) independent of X:
 * I = h(Y) − h(N) with h(N) = log 2ε and Y trapezoidal, giving
 * I = ε − log(2ε) for ε <= ½ and I = 1/(4ε) for ε > ½ (reference-facts §9.1, bmi's
 * `AdditiveUniformSampler`).
 *
 * @throws InvalidArgumentError when ε is not a finite number > 0.
 */
export function additiveUniformMutualInformation(epsilon: number): number {
  checkEpsilon("additiveUniformMutualInformation", epsilon);
  return epsilon <= 0.5 ? epsilon - Math.log(2 * epsilon) : 1 / (4 * epsilon);
}

function checkEpsilon(fn: string, epsilon: unknown): number {
  if (typeof epsilon !== "number" || !Number.isFinite(epsilon) || !(epsilon > 0)) {
    throw new InvalidArgumentError(`${fn}: epsilon must be a finite number > 0; got ${String(epsilon)}.`, "epsilon");
  }
  return epsilon;
}

/** X ~ U(0, 1) and Y = X + U(−ε, ε), both 1-dimensional; exact MI as above. */
export function additiveUniform(epsilon: number): ExactSampler {
  const fn = "additiveUniform";
  checkEpsilon(fn, epsilon);
  return Object.freeze({
    dimX: 1,
    dimY: 1,
    mutualInformation: additiveUniformMutualInformation(epsilon),
    sample(n: number, rng: Rng): Sample {
      checkSampleSize(fn, n);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = rng.float64();
        y[i] = x[i] + epsilon * (2 * rng.float64() - 1);
      }
      return { x: { data: x, rows: n, cols: 1 }, y: { data: y, rows: n, cols: 1 } };
    },
  });
}
