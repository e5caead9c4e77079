import { InvalidArgumentError } from "../../core/errors.js";
import type { Matrix } from "../../core/types.js";
import type { Rng } from "../../core/random/rng.js";

/** A paired sample: row i of x goes with row i of y. */
export interface Sample {
  readonly x: Matrix;
  readonly y: Matrix;
  /** True when X holds category codes: bmi's z-scoring leaves it as is (see standardizeSample). */
  readonly xDiscrete?: boolean;
}

/**
 * A joint distribution of (X, Y) that can be sampled. Samplers are pure: the same `rng` state
 * gives the same sample. Families with an exact MI expose it as `mutualInformation` (nats).
 */
export interface Sampler {
  readonly dimX: number;
  readonly dimY: number;
  sample(n: number, rng: Rng): Sample;
}

/** A sampler whose mutual information is known in closed form (nats). */
export interface ExactSampler extends Sampler {
  readonly mutualInformation: number;
}

/** Validates a sample size (a non-negative safe integer). */
export function checkSampleSize(fn: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(`${fn}: n must be a non-negative integer; got ${String(n)}.`, "n");
  }
  return n;
}

/** Validates a dimension (a positive safe integer). */
export function checkDimension(fn: string, name: string, d: unknown): number {
  if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 1) {
    throw new InvalidArgumentError(`${fn}: ${name} must be a positive integer; got ${String(d)}.`, name);
  }
  return d;
}

/** Splits the n x (dx + dy) matrix z into its first dx and last dy columns (copies). */
export function splitColumns(z: Float64Array, n: number, dx: number, dy: number): Sample {
  const d = dx + dy;
  const x = new Float64Array(n * dx);
  const y = new Float64Array(n * dy);
  for (let i = 0; i < n; i++) {
    const r = i * d;
    for (let j = 0; j < dx; j++) x[i * dx + j] = z[r + j];
    for (let j = 0; j < dy; j++) y[i * dy + j] = z[r + dx + j];
  }
  return { x: { data: x, rows: n, cols: dx }, y: { data: y, rows: n, cols: dy } };
}
