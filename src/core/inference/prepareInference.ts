import { toPairedMatrices, type MatrixInput } from "../data/validate.js";
import { InvalidArgumentError } from "../errors.js";
import { validateSeed } from "../random/rng.js";
import type { Estimate, Matrix, MIEstimator, ResultWarning, Uncertainty, Units } from "../types.js";
import { resolveUnits } from "../units.js";
import type { ReplicateSettings } from "./replicates.js";

/** Settings shared by every uncertainty wrapper. */
export interface InferenceOptions extends ReplicateSettings {
  /** Units of the estimate and of its interval; default nats (or the units of `estimate`). */
  readonly units?: Units;
  /**
   * The full-sample estimate, when already computed (with the same estimator, data, seed and
   * units); otherwise the wrapper computes it with `seed`.
   */
  readonly estimate?: Estimate;
}

/** Validated inputs of a wrapper and the full-sample estimate. */
export interface PreparedInference {
  readonly x: Matrix;
  readonly y: Matrix;
  readonly n: number;
  readonly seed: number;
  readonly units: Units;
  readonly base: Estimate;
  readonly startedAt: number;
}

/** Stable warning codes added by the uncertainty wrappers. */
export const INFERENCE_WARNING_CODES = Object.freeze({
  /** Nearly all resampled estimates lie on one side of the full-sample estimate. */
  bootstrapShifted: "bootstrap-shifted",
} as const);

/** @throws InvalidArgumentError unless `options` is an object. */
export function assertOptionsObject(fn: string, options: unknown): void {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
}

/**
 * Validates the estimator and data, and computes (or checks) the full-sample estimate.
 * @throws InvalidArgumentError, ShapeMismatchError, NonFiniteValueError
 */
export async function prepareInference(
  fn: string,
  estimator: MIEstimator,
  x: MatrixInput,
  y: MatrixInput,
  options: InferenceOptions,
): Promise<PreparedInference> {
  const startedAt = performance.now();
  if (typeof estimator !== "object" || estimator === null || typeof estimator.estimate !== "function" || typeof estimator.id !== "string") {
    throw new InvalidArgumentError(`${fn}: estimator must be an MI estimator with an id and an estimate(x, y) method; got ${String(estimator)}.`, "estimator");
  }
  assertOptionsObject(fn, options);
  const seed = validateSeed(options.seed, fn);
  const [xm, ym] = toPairedMatrices(fn, { x, y });
  let base = options.estimate;
  let units: Units;
  if (base !== undefined) {
    if (typeof base !== "object" || base === null || typeof base.value !== "number" || base.n !== xm.rows) {
      throw new InvalidArgumentError(`${fn}: estimate must be the full-sample Estimate of these ${xm.rows} rows; got ${base === null ? "null" : `n = ${String(base?.n)}`}.`, "estimate");
    }
    units = base.units;
    if (options.units !== undefined && resolveUnits(options.units, fn) !== units) {
      throw new InvalidArgumentError(`${fn}: units must match the given estimate's units (${units}); got ${String(options.units)}.`, "units");
    }
  } else {
    units = resolveUnits(options.units, fn);
    base = await estimator.estimate(xm, ym, { seed, units, signal: options.signal });
  }
  return { x: xm, y: ym, n: xm.rows, seed, units, base, startedAt };
}

/**
 * A copy of `base` with uncertainty fields added (existing ones kept unless replaced), details
 * merged under their keys, warnings appended and elapsedMs covering the whole computation.
 */
export function attachUncertainty(
  p: PreparedInference,
  add: Uncertainty,
  details: Record<string, unknown>,
  warnings: readonly ResultWarning[] = [],
): Estimate {
  const base = p.base;
  const uncertainty: Uncertainty = Object.freeze({ ...(base.uncertainty ?? {}), ...add });
  return Object.freeze({
    ...base,
    uncertainty,
    diagnostics: Object.freeze({
      warnings: Object.freeze([...base.diagnostics.warnings, ...warnings]),
      elapsedMs: base.diagnostics.elapsedMs + (performance.now() - p.startedAt),
      details: Object.freeze({ ...base.diagnostics.details, ...details }),
    }),
  });
}

/** A `bootstrap-shifted` warning when under 2.5% or over 97.5% of the values exceed θ̂. */
export function shiftWarning(fn: string, theta: number, values: ArrayLike<number>): ResultWarning[] {
  let above = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > theta) above++;
  const frac = above / values.length;
  if (frac > 0.025 && frac < 0.975) return [];
  return [
    Object.freeze({
      code: INFERENCE_WARNING_CODES.bootstrapShifted,
      message:
        `${fn}: ${(frac * 100).toFixed(1)}% of the ${values.length} resampled estimates exceed the full-sample estimate; ` +
        `the estimator is biased under resampling with replacement (kNN estimators see duplicated rows at distance 0), ` +
        `so this interval is not trustworthy: use subsampling.`,
    }),
  ];
}
