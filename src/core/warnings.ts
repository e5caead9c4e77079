import type { ResultWarning } from "./types.js";

/**
 * Stable warning codes carried in `Estimate.diagnostics.warnings`. A warning never replaces a
 * number: the value is still returned, and the warning says why it may mislead.
 */
export const WARNING_CODES = {
  /** Exact ties between rows were found and broken with seeded jitter. */
  tiesJittered: "ties-jittered",
  /** Exact ties were found and jitter is off: kNN distances of zero bias the estimate. */
  tiesPresent: "ties-present",
  /** Rows left out because their class has a single member (Ross 2014 kNN estimator). */
  singletonClass: "singleton-class",
  /** A column has zero spread; it carries no information. */
  constantColumn: "constant-column",
  /** A mutual-information estimate below zero; returned raw, not clipped. */
  negativeEstimate: "negative-estimate",
  /** kNN estimate with many dimensions for its sample size. */
  highDimension: "high-dimension",
  /** Very few rows for a reliable estimate. */
  smallSample: "small-sample",
  /** A covariance matrix is (nearly) singular; a ridge was added. */
  singularCovariance: "singular-covariance",
  /** Columns whose values span a range so large that standardisation loses precision. */
  extremeScale: "extreme-scale",
} as const;

export type WarningCode = (typeof WARNING_CODES)[keyof typeof WARNING_CODES];

export function warning(code: WarningCode, message: string): ResultWarning {
  return Object.freeze({ code, message });
}
