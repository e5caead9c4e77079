/**
 * Active information storage (Lizier, Prokopenko & Zomaya 2012, Information Sciences 208:39-54):
 * the information the past of a process carries about its next value,
 *   A_X(k, τ) = I(X^{(k,τ)}_t; X_{t+1}),
 * with local values a(t+1) = log p(x_{t+1} | x^{(k)}_t) / p(x_{t+1}) (reference-facts §7).
 *
 * Estimators as for transferEntropy (transferEntropy.ts): "ksg" (KSG algorithm 1, eq. 8 of
 * Kraskov et al. 2004, k = 4, series z-scored, Theiler window `theiler`), "gaussian" (closed
 * form from the sample covariance; for a Gaussian AR(p) process with k >= p it is
 * 1/2 log(Var X / innovation variance)), and the discrete ids (plug-in by default).
 *
 * Surrogates (options.surrogates = S > 0) reorder the rows of the past block relative to the
 * next value ("circular" default, "shuffle", "block"; surrogates.ts), which destroys the
 * storage, and give p = (1 + #{A_surr >= A_obs}) / (1 + S) in uncertainty.pValue.
 *
 * Complexity and bias as for the MI estimators used: KSG O(N log N) with kd-trees at small k,
 * Gaussian O(N k^2 + k^3) (bias ≈ k/(2N) upward), plug-in biased upward.
 */
import { assertKnownOptions } from "../core/data/validate.js";
import { InvalidArgumentError } from "../core/errors.js";
import { validateSeed } from "../core/random/rng.js";
import { REFERENCES } from "../core/references.js";
import type { Estimate, RunOptions } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import { checkPastSpec, predictionEmbedding, toSeries, type SeriesInput } from "./embedding.js";
import {
  estimatorParams,
  minimumRows,
  prepareSeries,
  resolveTimeSeriesEstimator,
  runTimeSeriesMeasure,
  timeSeriesReferences,
  type TimeSeriesOptions,
} from "./transferEntropy.js";

export type ActiveInformationStorageOptions = TimeSeriesOptions;

const KNOWN = [
  "estimator",
  "history",
  "tau",
  "k",
  "theiler",
  "standardize",
  "jitter",
  "ridge",
  "surrogates",
  "surrogateMethod",
  "blockSize",
  "minShift",
] as const;

/**
 * Active information storage A_X(k, τ) of a univariate series. Returns an Estimate with
 * quantity "active-information-storage", params { estimator, history, tau, k, theiler, ... },
 * local values per embedding row (predicted time firstTime + i) and details { rows, firstTime }.
 *
 * @throws InvalidArgumentError for bad options; NonFiniteValueError; InsufficientSamplesError
 *   when the embedding leaves too few rows; UnsupportedDataError for non-integer values with a
 *   discrete estimator; SingularCovarianceError (Gaussian) for a constant series; AbortError.
 * @example
 * activeInformationStorage(x, { estimator: "gaussian", history: 2 }).value
 */
export function activeInformationStorage(series: SeriesInput, options: ActiveInformationStorageOptions = {}, run: RunOptions = {}): Estimate {
  const startedAt = performance.now();
  const fn = "activeInformationStorage";
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
  assertKnownOptions(fn, options, KNOWN);
  const r = resolveTimeSeriesEstimator(fn, options);
  const units = resolveUnits(run.units, fn);
  const seed = validateSeed(run.seed, fn);
  const spec = checkPastSpec(fn, "target", { history: options.history ?? 1, tau: options.tau ?? 1, lag: 1 }, 1);
  const xs = toSeries(series, "series", fn);
  const prep = prepareSeries(fn, r, [{ name: "series", values: xs }], seed);
  const emb = predictionEmbedding(fn, prep.values[0], [{ series: prep.values[0], spec }], minimumRows(r, 1 + spec.history));
  return runTimeSeriesMeasure({
    fn,
    quantity: "active-information-storage",
    r,
    a: emb.future,
    b: emb.pasts[0],
    c: undefined,
    constantShortCircuit: prep.constant[0],
    params: { ...estimatorParams(r), history: spec.history, tau: spec.tau },
    details: { rows: emb.rows, firstTime: emb.firstTime, seriesLength: xs.length },
    warnings: prep.warnings,
    references: timeSeriesReferences([REFERENCES.lizier2012], r),
    seed,
    units,
    run,
    startedAt,
  });
}
