import type { ResultWarning, RunOptions } from "../core/types.js";

/**
 * What every multivariate back end (Gaussian, kNN, discrete) computes for one multiplet (a
 * subset of the variables, by index): total correlation and dual total correlation in nats.
 * O-information and S-information follow as TC - DTC and TC + DTC (Rosas et al. 2019).
 */
export interface MultivariateRaw {
  /** TC in nats. */
  readonly tc: number;
  /** DTC in nats. */
  readonly dtc: number;
  /** Pointwise TC and DTC (nats) when the back end has them; their means are `tc` and `dtc`. */
  readonly localTc?: Float64Array;
  readonly localDtc?: Float64Array;
  readonly warnings: readonly ResultWarning[];
  readonly details: Record<string, unknown>;
}

/** A back end bound to a set of validated variables (prepared once, reused for every multiplet). */
export interface MultivariateEngine {
  /** Estimator id recorded in results: "gaussian", "ksg-1", "plugin", ... */
  readonly id: string;
  /** Rows (samples). */
  readonly n: number;
  /** Number of variables. */
  readonly count: number;
  /** Resolved estimator options (recorded in `params`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Warnings about the data as a whole (ties, constant columns), added to every result. */
  readonly warnings: readonly ResultWarning[];
  /** TC and DTC of the multiplet `subset` (distinct variable indices, at least 2). */
  compute(subset: readonly number[], run: RunOptions): MultivariateRaw;
}

/**
 * TC and DTC from entropies of the whole multiplet, of each variable and of each complement:
 *   TC  = sum_j H(X_j) - H(X)                     (Watanabe 1960)
 *   DTC = sum_j H(X_{-j}) - (m - 1) H(X)          (= H(X) - sum_j H(X_j | X_{-j}), Han 1978)
 * Any additive constant common to all entropies of the same dimension cancels (the dimensions
 * of the singletons and of the complements add up to those of the joint), so back ends may drop
 * terms such as 1/2 log(2 pi e) per dimension.
 */
export function combineEntropies(hAll: number, hSingle: ArrayLike<number>, hComplement: ArrayLike<number>): { tc: number; dtc: number } {
  const m = hSingle.length;
  let sumSingle = 0;
  let sumComp = 0;
  for (let j = 0; j < m; j++) {
    sumSingle += hSingle[j];
    sumComp += hComplement[j];
  }
  return { tc: sumSingle - hAll, dtc: sumComp - (m - 1) * hAll };
}
