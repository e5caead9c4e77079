import type { Matrix } from "../../core/types.js";

/**
 * An injective map applied to every row of one variable (X or Y). Injective maps leave mutual
 * information unchanged, so a transformed sampler keeps its base's ground truth.
 */
export interface MatrixTransform {
  /** bmi's prefix for task ids ("normal_cdf", "half_cube", "asinh", "wiggly", "spiral", "swissroll_x"). */
  readonly id: string;
  /** Number of output columns for `inputDim` input columns. */
  outputDim(inputDim: number): number;
  /** A new matrix; the input is not mutated. */
  apply(m: Matrix): Matrix;
}
