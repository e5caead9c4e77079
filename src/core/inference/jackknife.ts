import type { MatrixInput } from "../data/validate.js";
import type { Estimate, MIEstimator } from "../types.js";
import { jackknifeStandardError, validateCount } from "./intervals.js";
import { assertOptionsObject, attachUncertainty, prepareInference, type InferenceOptions } from "./prepareInference.js";
import { runReplicates } from "./replicates.js";
import { jackknifeGroups, validateScheme } from "./resample.js";

export interface JackknifeOptions extends InferenceOptions {
  /** Number of groups G in [2, N]; default min(N, 50). G = N is the delete-one jackknife. */
  readonly groups?: number;
  /** "random" (default: one seeded shuffle) or "contiguous" (consecutive runs of rows, for series). */
  readonly assignment?: "random" | "contiguous";
  /** Keep the G leave-group-out values in diagnostics.details.jackknife.values (default false). */
  readonly keepReplicates?: boolean;
}

/**
 * Grouped (delete-a-group) jackknife standard error (Quenouille 1956; Efron & Tibshirani 1993
 * §11): the rows are split into G groups of sizes differing by at most one, the estimator is run
 * with each group left out, and se² = (G - 1)/G · Σ_g (θ̂_(-g) - θ̄)². The delete-one jackknife
 * (G = N) costs N estimator runs, which is O(N² log N) or worse for kNN estimators; G = 50 groups
 * cost 50 runs on (1 - 1/G)N rows. Also returns the jackknife bias estimate
 * (G - 1)(θ̄ - θ̂) in details (not subtracted from the value).
 * Removing rows never duplicates any, so the jackknife is safe for kNN estimators.
 *
 * Gives `uncertainty.se` only (no interval). Units: those of the estimate.
 * @throws InvalidArgumentError for G outside [2, N] or a bad assignment; AbortError; the
 *   estimator's own errors.
 * @example
 * const e = await jackknife(ksg({ k: 5 }), x, y, { groups: 20 });
 * e.uncertainty.se;
 */
export async function jackknife(estimator: MIEstimator, x: MatrixInput, y: MatrixInput, options: JackknifeOptions = {}): Promise<Estimate> {
  const fn = "jackknife";
  assertOptionsObject(fn, options);
  if (options.groups !== undefined) validateCount(fn, "groups", options.groups, 2);
  const p = await prepareInference(fn, estimator, x, y, options);
  const groups = options.groups ?? Math.min(p.n, 50);
  const assignment = options.assignment ?? "random";
  const scheme = { kind: "jackknife" as const, groups, assignment };
  validateScheme(fn, scheme, p.n);
  const groupOf = jackknifeGroups(p.n, groups, assignment, p.seed);
  const values = await runReplicates(fn, estimator, { x: p.x, y: p.y, seed: p.seed, units: p.units, scheme, groupOf }, groups, options, "jackknife");
  const se = jackknifeStandardError(values);
  const mean = values.reduce((s, v) => s + v, 0) / groups;
  const details: Record<string, unknown> = {
    method: "jackknife",
    groups,
    assignment,
    seed: p.seed,
    mean,
    bias: (groups - 1) * (mean - p.base.value),
  };
  if (options.keepReplicates) details.values = Array.from(values);
  return attachUncertainty(p, { se }, { jackknife: Object.freeze(details) });
}
