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
  /**
   * Columns with heavy tails (a few extreme values dominate the spread): kNN neighbourhoods and
   * z-scoring behave badly; a monotone transform such as asinh leaves the MI unchanged and helps.
   */
  heavyTails: "heavy-tails",
  /**
   * A trained (neural) estimate that was still rising when its step budget ended: more steps
   * would likely give a higher, less biased lower bound. (auto uses the same code for a kNN
   * candidate whose subsample means still rise with N.)
   */
  stillRising: "still-rising",
} as const;

export type WarningCode = (typeof WARNING_CODES)[keyof typeof WARNING_CODES];

export function warning(code: WarningCode, message: string): ResultWarning {
  return Object.freeze({ code, message });
}

/**
 * Row count below which estimators that use it attach a `small-sample` warning: under 50 rows the
 * sampling SD of a kNN or Gaussian MI estimate (about 0.1 nats for KSG at N = 50 on independent
 * normals) is as large as the dependences one usually looks for.
 */
export const SMALL_SAMPLE_ROWS = 50;

/** A `small-sample` warning when `n < SMALL_SAMPLE_ROWS`, else undefined. */
export function smallSampleWarning(fn: string, n: number): ResultWarning | undefined {
  if (n >= SMALL_SAMPLE_ROWS) return undefined;
  return warning(
    "small-sample",
    `${fn}: only ${n} rows (fewer than ${SMALL_SAMPLE_ROWS}); the estimate has a large sampling error: ` +
      `report it with an interval (--ci) or collect more data.`,
  );
}
