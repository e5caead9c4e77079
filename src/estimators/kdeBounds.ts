import { countLabels } from "../core/data/contingency.js";
import { toLabels } from "../core/data/labels.js";
import { assertMinRows, toMatrix, type MatrixInput } from "../core/data/validate.js";
import { InvalidArgumentError, ShapeMismatchError } from "../core/errors.js";
import type { Labels, Matrix, Units } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";

/**
 * Pairwise-distance bounds on the entropy of a Gaussian mixture and the information-plane
 * quantities built from them (Kolchinsky & Tracey 2017, Entropy 19(7):361, eqs. for the KL and
 * Bhattacharyya pairwise-distance estimators; used by Saxe et al. 2018, ICLR).
 *
 * Model (reference-facts 1.10): T = h(X) + Z, Z ~ N(0, sigma2 I_d), X uniform over the N rows of
 * `h` (h_i = h(x_i)). T is then a mixture of N Gaussians with equal weights, and
 *   H_up(T)  = (d/2) log(2 pi sigma2) + d/2 - (1/N) sum_i log[(1/N) sum_j exp(-||h_i - h_j||^2 / (2 sigma2))]
 *   H_low(T) = the same with 8 sigma2 (the Bhattacharyya distance) instead of 2 sigma2,
 * with H_low <= H(T) <= H_up. Since H(T | X) = (d/2) log(2 pi e sigma2) exactly,
 *   I(X;T) in [ -(1/N) sum_i log((1/N) sum_j exp(-D_ij/(8 sigma2))), -(1/N) sum_i log((1/N) sum_j exp(-D_ij/(2 sigma2))) ],
 * both within [0, log N]. With class labels Y,
 *   I(T;Y) = H(T) - sum_y p(y) H(T | Y = y),
 * each term from the same formula on the class's rows; the "upper" and "lower" values of I(T;Y)
 * use the upper (or lower) entropy estimate in both terms, as in Saxe et al.'s code, and are
 * therefore estimates, not guaranteed bounds.
 *
 * Complexity O(N^2 d) time (one pass over the pairs for both bounds), O(d) extra memory; the sums
 * include j = i, whose term exp(0) = 1 is the largest, so no log-sum-exp shift is needed and no
 * underflow to log 0 can occur. Results depend strongly on sigma2.
 */

/** Units option of the bound functions (nats by default). */
export interface KdeBoundsOptions {
  readonly units?: Units;
}

/** A lower and an upper value of one quantity. */
export interface BoundPair {
  readonly lower: number;
  readonly upper: number;
}

/** Result of `kdeMutualInformationBounds`, in `units`. */
export interface KdeMIBounds {
  readonly units: Units;
  readonly n: number;
  readonly d: number;
  readonly sigma2: number;
  /** Bounds on the mixture entropy H(T). */
  readonly entropy: BoundPair;
  /** Bounds on I(X;T) (each in [0, log N]). */
  readonly ixt: BoundPair;
  /** I(T;Y) from the lower and the upper entropy estimates (when labels were given). */
  readonly ity?: BoundPair;
  /** Number of classes in the labels (when given). */
  readonly classes?: number;
}

function checkSigma2(fn: string, sigma2: unknown): number {
  if (typeof sigma2 !== "number" || !Number.isFinite(sigma2) || !(sigma2 > 0)) {
    throw new InvalidArgumentError(`${fn}: sigma2 must be a finite number > 0 (the noise variance); got ${String(sigma2)}.`, "sigma2");
  }
  return sigma2;
}

function checkOptions(fn: string, options: KdeBoundsOptions): Units {
  for (const key of Object.keys(options)) {
    if (key !== "units") throw new InvalidArgumentError(`${fn}: unknown option "${key}"; known options: units.`, key);
  }
  return resolveUnits(options.units, fn);
}

/**
 * For the rows `idx` of `m` (all rows when null): the means over i of
 * log((1/n) sum_j exp(-||h_i - h_j||^2 c)) for c = 1/(2 sigma2) (KL) and c = 1/(8 sigma2)
 * (Bhattacharyya), i and j both in `idx`. Both values are in [-log n, 0].
 */
function meanLogKernel(m: Matrix, idx: Int32Array | null, sigma2: number): { kl: number; bd: number } {
  const { data, cols: d } = m;
  const n = idx ? idx.length : m.rows;
  const cKl = 1 / (2 * sigma2);
  const cBd = 1 / (8 * sigma2);
  const logN = Math.log(n);
  let accKl = 0;
  let accBd = 0;
  for (let a = 0; a < n; a++) {
    const ri = (idx ? idx[a] : a) * d;
    let sKl = 0;
    let sBd = 0;
    for (let b = 0; b < n; b++) {
      const rj = (idx ? idx[b] : b) * d;
      let dist = 0;
      for (let c = 0; c < d; c++) {
        const t = data[ri + c] - data[rj + c];
        dist += t * t;
      }
      sKl += Math.exp(-dist * cKl);
      sBd += Math.exp(-dist * cBd);
    }
    accKl += Math.log(sKl) - logN;
    accBd += Math.log(sBd) - logN;
  }
  return { kl: accKl / n, bd: accBd / n };
}

/** (d/2) log(2 pi e sigma2): the entropy of one mixture component, H(T | X). */
function componentEntropy(d: number, sigma2: number): number {
  return 0.5 * d * (Math.log(2 * Math.PI * sigma2) + 1);
}

function loadH(fn: string, h: MatrixInput): Matrix {
  const m = toMatrix(h, "h", fn);
  assertMinRows(fn, m.rows, 1, "at least one point");
  return m;
}

/**
 * Upper bound on the entropy of T = h(X) + N(0, sigma2 I) with X uniform over the rows of `h`
 * (Kolchinsky & Tracey 2017, KL pairwise-distance estimator):
 * H_up = (d/2) log(2 pi sigma2) + d/2 - (1/N) sum_i log[(1/N) sum_j exp(-||h_i - h_j||^2/(2 sigma2))].
 * O(N^2 d). Nats by default.
 * @throws InvalidArgumentError (sigma2 not > 0, unknown option), NonFiniteValueError,
 *   InsufficientSamplesError (no rows).
 * @example kdeEntropyUpperBound([[0], [10]], 1) // log(2) + 1/2 log(2 pi e), nearly
 */
export function kdeEntropyUpperBound(h: MatrixInput, sigma2: number, options: KdeBoundsOptions = {}): number {
  const fn = "kdeEntropyUpperBound";
  const units = checkOptions(fn, options);
  const s2 = checkSigma2(fn, sigma2);
  const m = loadH(fn, h);
  return fromNats(componentEntropy(m.cols, s2) - meanLogKernel(m, null, s2).kl, units);
}

/**
 * Lower bound on the same entropy (Bhattacharyya pairwise-distance estimator, Kolchinsky &
 * Tracey 2017): as `kdeEntropyUpperBound` with 8 sigma2 in place of 2 sigma2. O(N^2 d).
 * @throws as `kdeEntropyUpperBound`.
 * @example kdeEntropyLowerBound(h, 0.1) <= kdeEntropyUpperBound(h, 0.1) // true
 */
export function kdeEntropyLowerBound(h: MatrixInput, sigma2: number, options: KdeBoundsOptions = {}): number {
  const fn = "kdeEntropyLowerBound";
  const units = checkOptions(fn, options);
  const s2 = checkSigma2(fn, sigma2);
  const m = loadH(fn, h);
  return fromNats(componentEntropy(m.cols, s2) - meanLogKernel(m, null, s2).bd, units);
}

/**
 * Information-plane quantities of a layer with activations `h` (N x d, one row per input) under
 * Gaussian noise of variance `sigma2`: bounds on H(T) and I(X;T), and, with `labels` (one per
 * row: numbers, strings or `Labels`), I(T;Y) = H(T) - sum_y p(y) H(T | Y = y) from the lower and
 * from the upper entropy estimates (see the module comment; Saxe et al. 2018 report the upper
 * one). O(N^2 d) (plus sum over classes N_y^2 d). Units: nats by default, or bits.
 * Identical activations give I(X;T) = 0; activations far apart relative to sigma give
 * I(X;T) = log N and I(T;Y) = H(Y).
 * @throws InvalidArgumentError (sigma2, options, labels), NonFiniteValueError,
 *   ShapeMismatchError (labels length differs from the rows of h), InsufficientSamplesError.
 * @example
 * const b = kdeMutualInformationBounds(activations, 0.1, classLabels, { units: "bits" });
 * b.ixt.upper; b.ity?.upper
 */
export function kdeMutualInformationBounds(
  h: MatrixInput,
  sigma2: number,
  labels?: ArrayLike<number | string> | Labels,
  options: KdeBoundsOptions = {},
): KdeMIBounds {
  const fn = "kdeMutualInformationBounds";
  const units = checkOptions(fn, options);
  const s2 = checkSigma2(fn, sigma2);
  const m = loadH(fn, h);
  const n = m.rows;
  const d = m.cols;
  const hc = componentEntropy(d, s2);
  const all = meanLogKernel(m, null, s2);
  const entropy = { lower: hc - all.bd, upper: hc - all.kl };
  const conv = (p: BoundPair): BoundPair => Object.freeze({ lower: fromNats(p.lower, units), upper: fromNats(p.upper, units) });
  const base = {
    units,
    n,
    d,
    sigma2: s2,
    entropy: conv(entropy),
    // 0 - v rather than -v: identical points give +0, not -0.
    ixt: conv({ lower: 0 - all.bd, upper: 0 - all.kl }),
  };
  if (labels === undefined) return Object.freeze(base);
  const y = toLabels(labels, "labels", fn);
  if (y.codes.length !== n) {
    throw new ShapeMismatchError(`${fn}: labels has ${y.codes.length} entries but h has ${n} rows; they must be paired row by row.`);
  }
  const counts = countLabels(y);
  // Row indices of each class, in one buffer.
  const start = new Int32Array(y.cardinality + 1);
  for (let c = 0; c < y.cardinality; c++) start[c + 1] = start[c] + counts[c];
  const fill = start.slice(0, y.cardinality);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[y.codes[i]]++] = i;
  let condLower = 0;
  let condUpper = 0;
  let classes = 0;
  for (let c = 0; c < y.cardinality; c++) {
    if (counts[c] === 0) continue;
    classes++;
    const r = meanLogKernel(m, order.subarray(start[c], start[c + 1]), s2);
    const p = counts[c] / n;
    condLower += p * (hc - r.bd);
    condUpper += p * (hc - r.kl);
  }
  return Object.freeze({
    ...base,
    ity: conv({ lower: entropy.lower - condLower, upper: entropy.upper - condUpper }),
    classes,
  });
}
