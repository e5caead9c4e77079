import type { MatrixInput } from "../data/validate.js";
import type { Estimate, MIEstimator } from "../types.js";
import { permutationPValue, standardDeviation, validateCount } from "./intervals.js";
import { assertOptionsObject, attachUncertainty, prepareInference, type InferenceOptions } from "./prepareInference.js";
import { runReplicates } from "./replicates.js";

export interface PermutationTestOptions extends InferenceOptions {
  /** Number of permutations B (>= 1); default 200 (as NPEET's shuffle_test). */
  readonly permutations?: number;
}

/**
 * Permutation test of independence of X and Y (reference-facts §8): Y's rows are shuffled
 * (keeping both marginals, destroying the dependence), the estimator is rerun B times, and
 * p = (1 + #{I_perm >= I})/(1 + B) (Phipson & Smyth 2010: never 0, exact level under H0).
 * The null distribution goes to diagnostics.details.permutation.nullDistribution (a plain array,
 * in the estimate's units). Valid for exchangeable rows; for time series the shuffle destroys
 * autocorrelation too, so use block or circular surrogates (measures/surrogates.ts).
 *
 * Cost: B estimator runs. Result: `uncertainty.pValue`, other uncertainty fields kept.
 * @throws InvalidArgumentError for B < 1; AbortError; the estimator's own errors.
 * @example
 * const e = await permutationTest(ksg(), x, y, { permutations: 200, seed: 7 });
 * e.uncertainty.pValue;
 */
export async function permutationTest(estimator: MIEstimator, x: MatrixInput, y: MatrixInput, options: PermutationTestOptions = {}): Promise<Estimate> {
  const fn = "permutationTest";
  assertOptionsObject(fn, options);
  const permutations = validateCount(fn, "permutations", options.permutations ?? 200, 1);
  const p = await prepareInference(fn, estimator, x, y, options);
  const scheme = { kind: "permutation" as const };
  const values = await runReplicates(fn, estimator, { x: p.x, y: p.y, seed: p.seed, units: p.units, scheme }, permutations, options, "permutation");
  const pValue = permutationPValue(p.base.value, values);
  const details = Object.freeze({
    method: "permutation",
    permutations,
    seed: p.seed,
    pValue,
    nullMean: values.reduce((s, v) => s + v, 0) / permutations,
    nullSd: standardDeviation(values),
    nullDistribution: Object.freeze(Array.from(values)),
  });
  return attachUncertainty(p, { pValue }, { permutation: details });
}
