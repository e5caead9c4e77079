import { InsufficientSamplesError, InvalidArgumentError } from "../../core/errors.js";

/** Summary of a validated count vector. */
export interface CountSummary {
  /** Total count N. */
  readonly n: number;
  /** Number of occupied bins K-hat. */
  readonly observedBins: number;
  /** Number of bins with count exactly 1 (singletons, f1). */
  readonly singletons: number;
}

/**
 * Validates a count vector (Int32Array, Float64Array or number[]): every entry a finite
 * non-negative integer, total N >= minTotal. Zero entries are allowed (empty bins).
 * @throws InvalidArgumentError naming the first bad bin; InsufficientSamplesError when N < minTotal.
 */
export function checkCounts(counts: ArrayLike<number>, fn: string, minTotal = 1): CountSummary {
  if (typeof counts !== "object" || counts === null || typeof counts.length !== "number") {
    throw new InvalidArgumentError(`${fn}: counts must be an array of non-negative integers; got ${String(counts)}.`, "counts");
  }
  let n = 0;
  let observedBins = 0;
  let singletons = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0) {
      throw new InvalidArgumentError(`${fn}: counts must be non-negative integers; bin ${i} is ${String(c)}.`, "counts");
    }
    n += c;
    if (c > 0) observedBins++;
    if (c === 1) singletons++;
  }
  if (n < minTotal) {
    throw new InsufficientSamplesError(`${fn}: needs a total count of at least ${minTotal}; got ${n}.`, minTotal, n);
  }
  return { n, observedBins, singletons };
}

/** sum_i n_i log n_i over the positive counts (0 log 0 = 0). */
export function sumNLogN(counts: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 1) s += c * Math.log(c);
  }
  return s;
}
