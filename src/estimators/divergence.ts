import { matrix, selectColumns } from "../core/data/matrix.js";
import { assertKnownOptions, toMatrix, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InsufficientSamplesError, ShapeMismatchError, throwIfAborted, UnsupportedDataError } from "../core/errors.js";
import { kthNeighborDistance, kthNeighborDistanceTo } from "../core/neighbors/index.js";
import type { Metric } from "../core/neighbors/types.js";
import { REFERENCES } from "../core/references.js";
import { validateSeed } from "../core/random/rng.js";
import { meanCompensated } from "../core/special/sum.js";
import type { DivergenceEstimator, Estimate, Matrix, ResultWarning, RunOptions } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import {
  booleanOption,
  choiceOption,
  DEFAULT_JITTER,
  highDimensionWarning,
  jitterOption,
  kListOption,
  negativeWarning,
  prepareKnnData,
  zeroFraction,
} from "./knnPrep.js";
import { smallSampleWarning } from "../core/warnings.js";
import { globalSafeScale } from "./kozachenkoLeonenko.js";

/** Options of the kNN Kullback-Leibler divergence estimator. */
export interface KnnKlOptions {
  /** Neighbours (the same k in P and in Q), default 3. */
  readonly k?: number;
  /** Norm of both searches; default "euclidean". The ball-volume constants cancel, so any norm is valid. */
  readonly metric?: Metric;
  /**
   * Z-score each column with the pooled mean and SD of P and Q (the same affine map for both,
   * so the target D(P||Q) is unchanged). Default false.
   */
  readonly standardize?: boolean;
  /** Relative SD of seeded jitter for columns with ties in the pooled sample; 0 = off. Default 1e-10. */
  readonly jitter?: number;
}

export interface ResolvedKnnKlOptions {
  readonly k: number;
  readonly metric: Metric;
  readonly standardize: boolean;
  readonly jitter: number;
}

export interface KnnKlEstimator extends DivergenceEstimator<ResolvedKnnKlOptions> {
  estimate(p: MatrixInput, q: MatrixInput, run?: RunOptions): Estimate;
}

const ID = "knn-kl";
const KNOWN = ["k", "metric", "standardize", "jitter"] as const;

/**
 * Wang-Kulkarni-Verdú kNN estimator of the Kullback-Leibler divergence D(P‖Q) from samples
 * p_1..p_n ~ P and q_1..q_m ~ Q in ℝ^d (Wang, Kulkarni & Verdú 2009, IEEE Trans. Inf. Theory
 * 55(5):2392-2405, eq. 5 with k_i = l_i = k):
 *   D̂ = (d/n) Σ_i log(ν_k(i) / ρ_k(i)) + log(m / (n - 1)),
 * ρ_k(i) = distance from p_i to its k-th neighbour among the other p's, ν_k(i) = distance from
 * p_i to its k-th neighbour among the q's. Local values are the summands
 * d log(ν_k(i)/ρ_k(i)) + log(m/(n-1)); the estimate is their compensated mean.
 *
 * Not symmetric: D(P‖Q) ≠ D(Q‖P). Columns constant in the pooled sample (P and Q both sit on
 * the same value there) carry no divergence and are dropped with a `constant-column` warning.
 *
 * Complexity: two k-NN searches, O((n² + nm) d) brute force.
 * Bias: asymptotically unbiased (consistent as n, m → ∞ with k fixed); in finite samples biased
 * in high dimension and for large divergences. May be negative (returned raw, with a
 * `negative-estimate` warning).
 * Units: nats, or bits with `run.units`.
 *
 * Edge cases: a p_i equal to some q_j gives ν = 0 (-∞) and a duplicate inside P gives ρ = 0
 * (+∞). With `jitter > 0`, columns with ties in the pooled sample are jittered first; with
 * `jitter = 0` a zero distance throws.
 *
 * @throws InvalidArgumentError for bad options or data; ShapeMismatchError when p and q have
 *   different column counts; NonFiniteValueError; InsufficientSamplesError when n < k + 1 or
 *   m < k; UnsupportedDataError for a zero distance with jitter 0.
 * @example
 * const d = knnKlDivergence({ k: 5 }).estimate(samplesFromP, samplesFromQ).value;
 */
export function knnKlDivergence(options: KnnKlOptions = {}): KnnKlEstimator {
  const fn = ID;
  assertKnownOptions(fn, options, KNOWN);
  const [k] = kListOption(fn, options.k ?? 3, false);
  const resolved: ResolvedKnnKlOptions = Object.freeze({
    k,
    metric: choiceOption(fn, "metric", options.metric ?? "euclidean", ["euclidean", "max"] as const),
    standardize: booleanOption(fn, "standardize", options.standardize ?? false),
    jitter: jitterOption(fn, options.jitter ?? DEFAULT_JITTER),
  });
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(p: MatrixInput, q: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const pm = toMatrix(p, "p", fn);
      const qm = toMatrix(q, "q", fn);
      if (pm.cols !== qm.cols) {
        throw new ShapeMismatchError(`${fn}: p has ${pm.cols} columns but q has ${qm.cols}; both samples must live in the same space.`);
      }
      const n = pm.rows;
      const m = qm.rows;
      if (n < k + 1) {
        throw new InsufficientSamplesError(`${fn}: k must be an integer in [1, n-1] (n = ${n} rows of p); got ${k}.`, k + 1, n);
      }
      if (m < k) {
        throw new InsufficientSamplesError(`${fn}: k must be an integer in [1, m] (m = ${m} rows of q); got ${k}.`, k, m);
      }
      throwIfAborted(run.signal, fn);
      // Pool P and Q so that standardisation and tie detection treat them alike (a p_i equal to
      // a q_j is a tie in the pooled sample).
      const pooled = vstack(pm, qm);
      const prep = prepareKnnData(fn, [{ name: "p and q (pooled)", matrix: pooled }], resolved, seed);
      const [pv] = prep.variables;
      const warnings: ResultWarning[] = [...prep.warnings];
      const small = smallSampleWarning(fn, Math.min(n, m));
      if (small) warnings.push(small);
      let all = pv.matrix;
      const keep: number[] = [];
      const constantSet = new Set(pv.constantColumns);
      for (let j = 0; j < all.cols; j++) if (!constantSet.has(j)) keep.push(j);
      const details: Record<string, unknown> = { n, m, dims: pm.cols, tiedColumns: prep.tiedColumnCount, jittered: pv.jittered };
      let local: Float64Array;
      if (keep.length === 0) {
        // P and Q are the same point mass: D = 0.
        local = new Float64Array(n);
        details.shortCircuit = "constant-pooled-sample";
      } else {
        if (keep.length < all.cols) {
          all = selectColumns(all, keep);
          details.droppedConstantColumns = pv.constantColumns;
        }
        // Values whose squares overflow or underflow: search on one power-of-two rescaled copy
        // (the ratio nu / rho does not change).
        all = globalSafeScale(all).matrix;
        const d = all.cols;
        const hd = highDimensionWarning(fn, d, n);
        if (hd) warnings.push(hd);
        const ps = matrix(all.data.subarray(0, n * d), n, d);
        const qs = matrix(all.data.subarray(n * d), m, d);
        const search = { metric: resolved.metric } as const;
        const rho = kthNeighborDistance(ps, k, search);
        throwIfAborted(run.signal, fn);
        run.onProgress?.({ done: 1, total: 2, label: `${fn}: neighbours within p` });
        const nu = kthNeighborDistanceTo(ps, qs, k, search);
        run.onProgress?.({ done: 2, total: 2, label: `${fn}: neighbours in q` });
        const zr = zeroFraction(rho);
        const zn = zeroFraction(nu);
        if (prep.tiesRemain) details.zeroDistanceFraction = { withinP: zr, toQ: zn };
        if (zr > 0 || zn > 0) {
          throw new UnsupportedDataError(
            `${fn}: ${Math.round(zr * n)} points of p have their k-th neighbour in p (k = ${k}) at distance 0 and ` +
              `${Math.round(zn * n)} have their k-th neighbour in q at distance 0 (duplicates), so the log ratio is infinite; ` +
              `set jitter > 0 (e.g. 1e-10).`,
          );
        }
        const c = Math.log(m / (n - 1));
        local = new Float64Array(n);
        for (let i = 0; i < n; i++) local[i] = d * Math.log(nu[i] / rho[i]) + c;
      }
      const valueNats = meanCompensated(local);
      const neg = negativeWarning(fn, valueNats, "KL divergence");
      if (neg) warnings.push(neg);
      return finishEstimate(
        {
          quantity: "kl-divergence",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n,
          seed,
          ...(run.local === false ? {} : { localNats: local }),
          warnings,
          details,
          references: [REFERENCES.wang2009],
          startedAt,
        },
        units,
      );
    },
  });
}

/** Rows of a, then rows of b (same column count), as a new Matrix. */
function vstack(a: Matrix, b: Matrix): Matrix {
  const data = new Float64Array((a.rows + b.rows) * a.cols);
  data.set(a.data, 0);
  data.set(b.data, a.rows * a.cols);
  return matrix(data, a.rows + b.rows, a.cols);
}

/** Registry entry "knn-kl": KL divergence D(P‖Q) from two samples. */
export const knnKlDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: ID,
  summary: "Wang-Kulkarni-Verdu kNN estimator of the KL divergence D(P||Q) from two samples.",
  family: "knn",
  accepts: ["continuous"],
  options: Object.freeze([
    { name: "k", type: "integer", default: 3, min: 1, description: "Neighbours in P and in Q." },
    { name: "metric", type: "string", default: "euclidean", choices: ["euclidean", "max"], description: "Norm of both searches." },
    { name: "standardize", type: "boolean", default: false, description: "Z-score columns with the pooled mean and SD of P and Q." },
    { name: "jitter", type: "number", default: DEFAULT_JITTER, min: 0, max: 1, description: "Relative SD of seeded noise for tied columns; 0 = off." },
  ]),
  references: [REFERENCES.wang2009],
  complexity: "O((n^2 + n m) d) brute force; less with a kd-tree for d <= 10",
  divergence: (o: Record<string, unknown>) => knnKlDivergence(o as KnnKlOptions),
});
