/**
 * Delay embeddings of univariate time series for transfer entropy and active information
 * storage (Schreiber 2000; Lizier, Prokopenko & Zomaya 2008, 2012; reference-facts §7).
 *
 * Conventions (JIDT's property names in brackets). Rows are indexed by the predicted time s
 * (s = t + 1 in TE_{Y->X} = I(X_{t+1}; Y^{(l)}_{t+1-u} | X^{(k)}_t)):
 *   target future      x_s
 *   target past        (x_{s-1}, x_{s-1-τ}, ..., x_{s-1-(k-1)τ})            [k_HISTORY, k_TAU]
 *   source past        (y_{s-u}, y_{s-u-τ_y}, ..., y_{s-u-(l-1)τ_y})         [l_HISTORY, l_TAU, DELAY = u]
 * A past block is described by a `PastSpec` { history, tau, lag }: its most recent sample is
 * `lag` steps before s (lag = 1 for the target's own past, lag = u for a source).
 * The first usable s is the largest `lag + (history - 1) * tau` over the blocks; every row
 * s = first .. n - 1 is used, so there are n - first rows.
 */
import { matrix } from "../core/data/matrix.js";
import { integerOption, toMatrix } from "../core/data/validate.js";
import { InsufficientSamplesError, InvalidArgumentError } from "../core/errors.js";
import type { Matrix } from "../core/types.js";

/** A univariate series: numbers, a Float64Array, or a one-column Matrix. */
export type SeriesInput = ArrayLike<number> | Matrix;

/** One block of past values: `history` samples spaced `tau` apart, the newest `lag` steps back. */
export interface PastSpec {
  readonly history: number;
  readonly tau: number;
  readonly lag: number;
}

/** Aligned embedding of one prediction problem: one row per predicted time. */
export interface PredictionEmbedding {
  /** Column 0 = the target's value at the predicted time s. */
  readonly future: Matrix;
  /** One matrix per past block, in the order of the specs given. */
  readonly pasts: readonly Matrix[];
  /** Predicted time of row 0 (rows are s = firstTime .. firstTime + rows - 1). */
  readonly firstTime: number;
  readonly rows: number;
}

/**
 * Validates a univariate series and returns its values (a copy when the input is not already a
 * Float64Array-backed one-column Matrix; never mutated).
 * @throws InvalidArgumentError, NonFiniteValueError
 */
export function toSeries(input: unknown, arg: string, fn: string): Float64Array {
  // Typed arrays other than Float64Array (Int32Array codes, ...) are copied to Float64.
  const asFloat = ArrayBuffer.isView(input) && !(input instanceof Float64Array) && !(input instanceof DataView)
    ? Float64Array.from(input as unknown as ArrayLike<number>)
    : input;
  const m = toMatrix(asFloat, arg, fn);
  if (m.cols !== 1) {
    throw new InvalidArgumentError(`${fn}: ${arg} must be a univariate series (one column); got ${m.cols} columns.`, arg);
  }
  return m.data;
}

/** Validates a PastSpec's fields (integers, history >= 1, tau >= 1, lag >= minLag). */
export function checkPastSpec(fn: string, name: string, spec: PastSpec, minLag: number): PastSpec {
  return {
    history: integerOption(fn, `${name}.history`, spec.history, 1),
    tau: integerOption(fn, `${name}.tau`, spec.tau, 1),
    lag: integerOption(fn, `${name}.lag`, spec.lag, minLag),
  };
}

/** Earliest predicted time s for which the block is complete: lag + (history - 1) * tau. */
export function firstUsableTime(spec: PastSpec): number {
  return spec.lag + (spec.history - 1) * spec.tau;
}

/**
 * Rows s = first .. first + rows - 1 of the block `spec` of `series`: row r holds
 * (v_{s-lag}, v_{s-lag-tau}, ..., v_{s-lag-(history-1)tau}) with s = first + r.
 */
export function pastBlock(series: Float64Array, spec: PastSpec, first: number, rows: number): Matrix {
  const { history: h, tau, lag } = spec;
  const data = new Float64Array(rows * h);
  for (let r = 0; r < rows; r++) {
    const s = first + r - lag;
    const o = r * h;
    for (let c = 0; c < h; c++) data[o + c] = series[s - c * tau];
  }
  return matrix(data, rows, h);
}

/**
 * Aligns the target's future with past blocks of several series (all of length n): the
 * embedding of TE (blocks: target past, source past, conditions) and of AIS (target past).
 * @throws ShapeMismatchError when the series lengths differ (checked by the caller);
 *   InsufficientSamplesError when fewer than `minRows` rows remain.
 */
export function predictionEmbedding(
  fn: string,
  target: Float64Array,
  blocks: readonly { readonly series: Float64Array; readonly spec: PastSpec }[],
  minRows: number,
): PredictionEmbedding {
  const n = target.length;
  let first = 1;
  for (const b of blocks) first = Math.max(first, firstUsableTime(b.spec));
  const rows = n - first;
  if (rows < minRows) {
    throw new InsufficientSamplesError(
      `${fn}: the embedding leaves ${Math.max(rows, 0)} rows (series length ${n}, first predicted time ${first}); needs at least ${minRows}.`,
      minRows + first,
      n,
    );
  }
  const future = new Float64Array(rows);
  for (let r = 0; r < rows; r++) future[r] = target[first + r];
  return {
    future: matrix(future, rows, 1),
    pasts: blocks.map((b) => pastBlock(b.series, b.spec, first, rows)),
    firstTime: first,
    rows,
  };
}

/**
 * Takens delay embedding x_t^{(dim, tau)} = (x_t, x_{t-tau}, ..., x_{t-(dim-1)tau}) for
 * t = (dim-1)tau .. n-1 (row r is t = (dim-1)tau + r).
 * @throws InvalidArgumentError for bad dim/tau; InsufficientSamplesError when no row remains.
 * @example delayEmbedding([1, 2, 3, 4], 2, 1) // rows (2, 1), (3, 2), (4, 3)
 */
export function delayEmbedding(series: SeriesInput, dim: number, tau = 1): Matrix {
  const fn = "delayEmbedding";
  const v = toSeries(series, "series", fn);
  integerOption(fn, "dim", dim, 1);
  integerOption(fn, "tau", tau, 1);
  const first = (dim - 1) * tau;
  const rows = v.length - first;
  if (rows < 1) {
    throw new InsufficientSamplesError(`${fn}: a series of length ${v.length} has no complete vector for dim = ${dim}, tau = ${tau}; needs at least ${first + 1} values.`, first + 1, v.length);
  }
  // Row r is time t = first + r; pastBlock with lag 0 gives (v_t, v_{t-tau}, ...).
  return pastBlock(v, { history: dim, tau, lag: 0 }, first, rows);
}

/**
 * Equal-frequency symbolisation: each value's rank bin in 0..bins-1 (ties share the bin of
 * their first rank), as a Float64Array of integer codes ready for the discrete estimators.
 * @throws InvalidArgumentError when bins is not an integer >= 2.
 */
export function symbolize(series: SeriesInput, bins: number): Float64Array {
  const fn = "symbolize";
  const v = toSeries(series, "series", fn);
  integerOption(fn, "bins", bins, 2);
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
  const out = new Float64Array(n);
  let r = 0;
  while (r < n) {
    let e = r;
    while (e + 1 < n && v[order[e + 1]] === v[order[r]]) e++;
    const bin = Math.min(bins - 1, Math.floor((r * bins) / n));
    for (let q = r; q <= e; q++) out[order[q]] = bin;
    r = e + 1;
  }
  return out;
}
