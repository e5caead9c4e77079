import type { MatrixInput } from "../data/validate.js";
import { InvalidArgumentError } from "../errors.js";
import type { Estimate, MIEstimator } from "../types.js";
import { subsamplingInterval, validateCount, validateLevel } from "./intervals.js";
import { assertOptionsObject, attachUncertainty, prepareInference, type InferenceOptions } from "./prepareInference.js";
import { runReplicates } from "./replicates.js";
import { validateScheme } from "./resample.js";

export interface SubsampleOptions extends InferenceOptions {
  /** Number of subsamples B (>= 2); default 200. */
  readonly replicates?: number;
  /** Confidence level in (0, 1); default 0.95. */
  readonly level?: number;
  /** Subsample size m in [2, N - 1]; default ⌊N/2⌋. */
  readonly m?: number;
  /**
   * Scale roots by τ_m = √(mN/(N - m)) (default true), the finite-population form for subsamples
   * without replacement; false uses Politis-Romano's √m (valid when m/N → 0).
   */
  readonly finitePopulation?: boolean;
  /** Keep the B replicate values in diagnostics.details.subsample.values (default false). */
  readonly keepReplicates?: boolean;
}

/**
 * m-out-of-n subsampling confidence interval (Politis & Romano 1994, Ann. Statist. 22:2031):
 * B subsamples of m rows drawn without replacement, the estimator run on each, and the law of
 * τ_m(θ̂_m - θ̂_N) used for that of √N(θ̂_N - θ):
 * CI = [θ̂_N - q_(1-α/2)/√N, θ̂_N - q_(α/2)/√N] (`subsamplingInterval`).
 * The default for kNN estimators: a subsample has no duplicated rows, so no zero distances
 * (docs/uncertainty.md). The estimator's own small-sample bias at m (larger than at N for kNN
 * estimators) shifts the roots; the interval then moves in the opposite direction.
 * The standard error is sd(τ_m(θ̂_m - θ̂_N))/√N.
 *
 * Cost: B estimator runs on m rows. Units: those of the estimate.
 * @throws InvalidArgumentError for a bad level, B < 2 or m outside [2, N - 1]; AbortError; the
 *   estimator's own errors (for example k >= m).
 * @example
 * const e = await subsample(ksg({ k: 5 }), x, y, { replicates: 200, seed: 1 });
 * e.uncertainty.ci; // { lower, upper, level: 0.95, method: "subsample" }
 */
export async function subsample(estimator: MIEstimator, x: MatrixInput, y: MatrixInput, options: SubsampleOptions = {}): Promise<Estimate> {
  const fn = "subsample";
  assertOptionsObject(fn, options);
  const replicates = validateCount(fn, "replicates", options.replicates ?? 200, 2);
  const level = validateLevel(fn, options.level ?? 0.95);
  const fpc = options.finitePopulation ?? true;
  if (typeof fpc !== "boolean") throw new InvalidArgumentError(`${fn}: finitePopulation must be a boolean; got ${String(fpc)}.`, "finitePopulation");
  const p = await prepareInference(fn, estimator, x, y, options);
  const m = options.m ?? Math.floor(p.n / 2);
  const scheme = { kind: "subsample" as const, m };
  validateScheme(fn, scheme, p.n);
  const values = await runReplicates(fn, estimator, { x: p.x, y: p.y, seed: p.seed, units: p.units, scheme }, replicates, options, "subsample");
  const r = subsamplingInterval(p.base.value, values, p.n, m, level, fpc);
  const details: Record<string, unknown> = {
    method: "subsample",
    replicates,
    level,
    seed: p.seed,
    m,
    finitePopulation: fpc,
    tauM: r.tauM,
    mean: values.reduce((s, v) => s + v, 0) / replicates,
  };
  if (options.keepReplicates) details.values = Array.from(values);
  return attachUncertainty(p, { se: r.se, ci: Object.freeze({ lower: r.lower, upper: r.upper, level, method: "subsample" }) }, { subsample: Object.freeze(details) });
}
