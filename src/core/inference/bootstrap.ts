import type { MatrixInput } from "../data/validate.js";
import { InvalidArgumentError } from "../errors.js";
import type { Estimate, MIEstimator } from "../types.js";
import { bcaInterval, percentileInterval, standardDeviation, validateCount, validateLevel } from "./intervals.js";
import { assertOptionsObject, attachUncertainty, prepareInference, shiftWarning, type InferenceOptions } from "./prepareInference.js";
import { runReplicates } from "./replicates.js";
import { jackknifeGroups } from "./resample.js";

export interface BootstrapOptions extends InferenceOptions {
  /** Number of resamples B (>= 2); default 1000. */
  readonly replicates?: number;
  /** Confidence level in (0, 1); default 0.95. */
  readonly level?: number;
  /** "percentile" (default) or "bca" (bias-corrected and accelerated). */
  readonly method?: "percentile" | "bca";
  /** BCa only: groups G of the grouped jackknife that gives the acceleration; default min(N, 50). */
  readonly jackknifeGroups?: number;
  /** Keep the B replicate values in diagnostics.details.bootstrap.values (default false). */
  readonly keepReplicates?: boolean;
}

/**
 * Nonparametric bootstrap confidence interval for any MI estimator (Efron 1979): B resamples of
 * the N rows with replacement (x and y rows kept paired), the estimator run on each, and
 * - "percentile": [θ*_(α/2), θ*_(1-α/2)];
 * - "bca": Efron 1987 bias-corrected and accelerated interval, acceleration from a grouped
 *   jackknife (reference-facts §8; `bcaInterval`).
 * Resample b is drawn from seed fork b (see `replicateRng`), so the interval depends only on the
 * seed, never on scheduling (`runner`). The standard error is the SD of the replicates.
 *
 * Do not use it for kNN estimators (KSG, KL, Frenzel-Pompe, Gao, Ross): a duplicated row is its
 * own neighbour at distance 0, so resampled estimates are biased far upward (docs/uncertainty.md);
 * use `subsample`. A `bootstrap-shifted` warning flags such a shifted bootstrap distribution.
 *
 * Cost: B (+ G for BCa) estimator runs. Units: those of the estimate.
 * @throws InvalidArgumentError for a bad level, B < 2, bad method or groups; UnsupportedDataError
 *   from BCa when z0 is infinite; AbortError when the signal fires; the estimator's own errors.
 * @example
 * const e = await bootstrap(gaussianMI(), x, y, { replicates: 500, method: "bca", seed: 1 });
 * e.uncertainty.ci; // { lower, upper, level: 0.95, method: "bootstrap-bca" }
 */
export async function bootstrap(estimator: MIEstimator, x: MatrixInput, y: MatrixInput, options: BootstrapOptions = {}): Promise<Estimate> {
  const fn = "bootstrap";
  assertOptionsObject(fn, options);
  const replicates = validateCount(fn, "replicates", options.replicates ?? 1000, 2);
  const level = validateLevel(fn, options.level ?? 0.95);
  const method = options.method ?? "percentile";
  if (method !== "percentile" && method !== "bca") {
    throw new InvalidArgumentError(`${fn}: method must be "percentile" or "bca"; got ${JSON.stringify(method)}.`, "method");
  }
  const p = await prepareInference(fn, estimator, x, y, options);
  let groups = 0;
  if (method === "bca") groups = validateCount(fn, "jackknifeGroups", options.jackknifeGroups ?? Math.min(p.n, 50), 2);
  if (groups > p.n) {
    throw new InvalidArgumentError(`${fn}: jackknifeGroups must be an integer in [2, N] (N = ${p.n}); got ${groups}.`, "jackknifeGroups");
  }
  const ctx = { x: p.x, y: p.y, seed: p.seed, units: p.units };
  const values = await runReplicates(fn, estimator, { ...ctx, scheme: { kind: "bootstrap" } }, replicates, options, "bootstrap");
  const theta = p.base.value;
  const se = standardDeviation(values);
  const details: Record<string, unknown> = {
    method: method === "bca" ? "bootstrap-bca" : "bootstrap-percentile",
    replicates,
    level,
    seed: p.seed,
    mean: values.reduce((s, v) => s + v, 0) / replicates,
    sd: se,
  };
  let lower: number;
  let upper: number;
  if (method === "bca") {
    const scheme = { kind: "jackknife" as const, groups, assignment: "random" as const };
    const groupOf = jackknifeGroups(p.n, groups, "random", p.seed);
    const jack = await runReplicates(fn, estimator, { ...ctx, scheme, groupOf }, groups, options, "jackknife");
    const r = bcaInterval(theta, values, jack, level);
    lower = r.lower;
    upper = r.upper;
    Object.assign(details, { jackknifeGroups: groups, z0: r.z0, acceleration: r.acceleration, alpha1: r.alpha1, alpha2: r.alpha2 });
  } else {
    ({ lower, upper } = percentileInterval(values, level));
  }
  if (options.keepReplicates) details.values = Array.from(values);
  return attachUncertainty(
    p,
    { se, ci: Object.freeze({ lower, upper, level, method: details.method as string }) },
    { bootstrap: Object.freeze(details) },
    shiftWarning(fn, theta, values),
  );
}
