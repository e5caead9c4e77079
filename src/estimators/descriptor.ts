import type { CMIEstimator, DivergenceEstimator, EntropyEstimator, MIEstimator, Reference } from "../core/types.js";

/** Kinds of column an estimator accepts. */
export type DataKind = "continuous" | "discrete" | "mixed";

/** One option of an estimator, described for the CLI, `minfo estimators` and the web app. */
export interface OptionSpec {
  readonly name: string;
  readonly type: "integer" | "number" | "boolean" | "string" | "integer-list";
  readonly default?: unknown;
  readonly description: string;
  /** Allowed values of a string option; for a boolean option, extra words it accepts besides true/false (e.g. "auto"). */
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/**
 * Registry entry: what an estimator id computes and how to build it. One id may provide several
 * quantities (KSG gives MI, and its Frenzel-Pompe extension gives conditional MI); the CLI and
 * benchmark pick the factory for the quantity the user asked for.
 */
export interface EstimatorDescriptor {
  /** Stable kebab-case id; never renamed. */
  readonly id: string;
  /** One line for listings. */
  readonly summary: string;
  readonly family: "knn" | "parametric" | "binning" | "kernel" | "discrete" | "mixed" | "neural" | "meta";
  readonly accepts: readonly DataKind[];
  /**
   * Data kinds of each variable of the MI factory, for estimators whose variables play different
   * roles (Ross 2014: X continuous, Y discrete). Absent: every variable accepts `accepts`. A
   * discrete variable reaches the MI factory's estimator as integer-coded Matrix columns.
   */
  readonly variables?: { readonly x: readonly DataKind[]; readonly y: readonly DataKind[] };
  readonly options: readonly OptionSpec[];
  readonly references: readonly Reference[];
  /** Time complexity in N (rows) and d (dimensions), for listings. */
  readonly complexity: string;
  readonly mi?: (options: Record<string, unknown>) => MIEstimator;
  readonly cmi?: (options: Record<string, unknown>) => CMIEstimator;
  readonly entropy?: (options: Record<string, unknown>) => EntropyEstimator;
  readonly divergence?: (options: Record<string, unknown>) => DivergenceEstimator;
}
