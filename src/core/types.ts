/**
 * Core data types shared by every estimator. Row-major Float64 matrices in, immutable
 * `Estimate` objects out. Values are computed in nats and converted once, at the end.
 */

export type Units = "nats" | "bits";

/** n x d sample, row-major: value (i, j) = data[i * cols + j]. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Optional column names, carried from files so messages and outputs can name them. */
  readonly columnNames?: readonly string[];
}

/** Discrete variable: codes 0..cardinality-1, one per row. */
export interface Labels {
  readonly codes: Int32Array;
  readonly cardinality: number;
  /** The original value of each code, when the labels came from strings or numbers. */
  readonly levels?: readonly string[];
}

export interface ResultWarning {
  /** Stable, kebab-case code (see `WARNING_CODES` in warnings.ts). */
  readonly code: string;
  readonly message: string;
}

export interface Reference {
  readonly id: string;
  readonly citation: string;
  readonly doi?: string;
  readonly url?: string;
}

export interface ConfidenceInterval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly method: string;
}

export interface Uncertainty {
  readonly se?: number;
  readonly ci?: ConfidenceInterval;
  readonly pValue?: number;
}

export type Quantity =
  | "mutual-information"
  | "conditional-mutual-information"
  | "entropy"
  | "kl-divergence"
  | (string & {});

export interface Diagnostics {
  readonly warnings: readonly ResultWarning[];
  readonly elapsedMs: number;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Estimate {
  readonly quantity: Quantity;
  /** In `units`; never clipped (a negative MI estimate is returned raw with a warning). */
  readonly value: number;
  readonly units: Units;
  /** Stable estimator id: "ksg-1", "gaussian", ... */
  readonly estimator: string;
  /** Resolved options, defaults filled in. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly n: number;
  readonly seed?: number;
  readonly uncertainty?: Uncertainty;
  /** Pointwise values in `units`; mean(local) === value. */
  readonly local?: Float64Array;
  readonly diagnostics: Diagnostics;
  readonly references: readonly Reference[];
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly label?: string;
}

/** Per-call settings shared by every estimator. */
export interface RunOptions {
  /** Seed for every random choice (jitter, subsampling); default 0. Recorded in the result. */
  readonly seed?: number;
  readonly units?: Units;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
  /** Return pointwise (local) values when the estimator has them. Default true. */
  readonly local?: boolean;
}

export interface MIEstimator<O = unknown> {
  readonly id: string;
  readonly options: Readonly<O>;
  estimate(x: Matrix, y: Matrix, run?: RunOptions): Estimate | Promise<Estimate>;
}

export interface CMIEstimator<O = unknown> {
  readonly id: string;
  readonly options: Readonly<O>;
  estimate(x: Matrix, y: Matrix, z: Matrix, run?: RunOptions): Estimate | Promise<Estimate>;
}

export interface EntropyEstimator<O = unknown> {
  readonly id: string;
  readonly options: Readonly<O>;
  estimate(x: Matrix, run?: RunOptions): Estimate | Promise<Estimate>;
}

export interface DivergenceEstimator<O = unknown> {
  readonly id: string;
  readonly options: Readonly<O>;
  /** D(P || Q) from samples p ~ P and q ~ Q with the same number of columns. */
  estimate(p: Matrix, q: Matrix, run?: RunOptions): Estimate | Promise<Estimate>;
}
