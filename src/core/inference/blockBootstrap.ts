import type { MatrixInput } from "../data/validate.js";
import type { Estimate, MIEstimator } from "../types.js";
import { percentileInterval, standardDeviation, validateCount, validateLevel } from "./intervals.js";
import { assertOptionsObject, attachUncertainty, prepareInference, shiftWarning, type InferenceOptions } from "./prepareInference.js";
import { runReplicates } from "./replicates.js";
import { validateScheme } from "./resample.js";

export interface BlockBootstrapOptions extends InferenceOptions {
  /** Number of resamples B (>= 2); default 1000. */
  readonly replicates?: number;
  /** Confidence level in (0, 1); default 0.95. */
  readonly level?: number;
  /** Rows per block, in [1, N]; default max(1, round(N^(1/3))). */
  readonly blockLength?: number;
  /** Keep the B replicate values in diagnostics.details.blockBootstrap.values (default false). */
  readonly keepReplicates?: boolean;
}

/** Default block length N^(1/3) (the MSE-optimal order for variance estimation, Hall, Horowitz & Jing 1995). */
export function defaultBlockLength(n: number): number {
  return Math.max(1, Math.min(n, Math.round(Math.cbrt(n))));
}

/**
 * Moving-block bootstrap percentile interval for serially dependent rows (Künsch 1989, Ann.
 * Statist. 17:1217): each resample concatenates blocks of `blockLength` consecutive rows (x and y
 * together) starting at uniform positions in [0, N - blockLength], cut to N rows, so dependence
 * within a block is kept. Percentile interval and SD of the replicates as the standard error.
 * Like the plain bootstrap it repeats rows, so it is biased for kNN estimators (a row inside two
 * chosen blocks is duplicated; a `bootstrap-shifted` warning flags it).
 *
 * Cost: B estimator runs. Units: those of the estimate.
 * @throws InvalidArgumentError for a bad level, B < 2 or block length; AbortError; the
 *   estimator's own errors.
 * @example
 * const e = await blockBootstrap(gaussianMI(), x, y, { blockLength: 10, seed: 3 });
 */
export async function blockBootstrap(estimator: MIEstimator, x: MatrixInput, y: MatrixInput, options: BlockBootstrapOptions = {}): Promise<Estimate> {
  const fn = "blockBootstrap";
  assertOptionsObject(fn, options);
  const replicates = validateCount(fn, "replicates", options.replicates ?? 1000, 2);
  const level = validateLevel(fn, options.level ?? 0.95);
  const p = await prepareInference(fn, estimator, x, y, options);
  const blockLength = options.blockLength ?? defaultBlockLength(p.n);
  const scheme = { kind: "block" as const, blockLength };
  validateScheme(fn, scheme, p.n);
  const values = await runReplicates(fn, estimator, { x: p.x, y: p.y, seed: p.seed, units: p.units, scheme }, replicates, options, "block bootstrap");
  const { lower, upper } = percentileInterval(values, level);
  const se = standardDeviation(values);
  const details: Record<string, unknown> = {
    method: "block-bootstrap",
    replicates,
    level,
    seed: p.seed,
    blockLength,
    mean: values.reduce((s, v) => s + v, 0) / replicates,
    sd: se,
  };
  if (options.keepReplicates) details.values = Array.from(values);
  return attachUncertainty(
    p,
    { se, ci: Object.freeze({ lower, upper, level, method: "block-bootstrap" }) },
    { blockBootstrap: Object.freeze(details) },
    shiftWarning(fn, p.base.value, values),
  );
}
