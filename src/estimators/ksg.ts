import { hstack } from "../core/data/matrix.js";
import { assertKnownOptions, integerOption, toPairedMatrices, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { throwIfAborted } from "../core/errors.js";
import { countWithin, knn, kthNeighborDistance } from "../core/neighbors/index.js";
import { REFERENCES } from "../core/references.js";
import { validateSeed } from "../core/random/rng.js";
import { digammaInt } from "../core/special/digamma.js";
import { meanCompensated } from "../core/special/sum.js";
import type { Estimate, Matrix, MIEstimator, ResultWarning, RunOptions } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";
import { frenzelPompe } from "./conditional.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import {
  booleanOption,
  checkKAgainstN,
  choiceOption,
  DEFAULT_JITTER,
  highDimensionWarning,
  jitterOption,
  KSG_OPTION_SPECS,
  kListOption,
  marginalRadii,
  negativeWarning,
  prepareKnnData,
  zeroFraction,
} from "./knnPrep.js";
import { smallSampleWarning } from "../core/warnings.js";

/** Options of the KSG mutual-information estimator. */
export interface KsgOptions {
  /** Algorithm 1 (eq. 8, strict counts in the joint radius) or 2 (eq. 9, per-marginal radii). Default 1. */
  readonly algorithm?: 1 | 2;
  /**
   * Number of neighbours, default 3. A list (e.g. [5, 10]) averages the raw per-k estimates
   * (never clipped per k, unlike bmi's ensemble); per-k values go to diagnostics.details.perK.
   */
  readonly k?: number | readonly number[];
  /** Centre and scale each column to unit SD (ddof 0) first. Default true (KSG is not scale invariant in finite samples). */
  readonly standardize?: boolean;
  /** Relative SD of the seeded jitter added to columns with exact ties; 0 = off. Default 1e-10. */
  readonly jitter?: number;
  /** Norm inside each marginal; the joint distance is the max of the marginal ones. Only "max" (the KSG paper's). */
  readonly metric?: "max";
}

/** KSG options with every default filled in. */
export interface ResolvedKsgOptions {
  readonly algorithm: 1 | 2;
  readonly k: number | readonly number[];
  readonly standardize: boolean;
  readonly jitter: number;
  readonly metric: "max";
}

/** A KSG estimator: `estimate(x, y, run)` with x and y paired row by row. */
export interface KsgEstimator extends MIEstimator<ResolvedKsgOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Estimate;
}

const KNOWN = ["algorithm", "k", "standardize", "jitter", "metric"] as const;

/**
 * Kraskov-Stögbauer-Grassberger (KSG) kNN estimator of the mutual information I(X; Y) between
 * two continuous variables (Kraskov, Stögbauer & Grassberger 2004, Phys. Rev. E 69:066138).
 *
 * With joint max-norm distances ‖z - z'‖ = max(‖x - x'‖∞, ‖y - y'‖∞), the point itself excluded:
 * - algorithm 1 (eq. 8): ε_i = distance to the k-th joint neighbour; n_x(i) = #{j ≠ i :
 *   ‖x_j - x_i‖ < ε_i} (strict), n_y likewise;
 *   Î = ψ(k) + ψ(N) - ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩.
 * - algorithm 2 (eq. 9): ε_x,i (ε_y,i) = largest x- (y-) distance among the k joint neighbours;
 *   n_x(i) = #{j ≠ i : ‖x_j - x_i‖ ≤ ε_x,i} (non-strict), n_y likewise;
 *   Î = ψ(k) - 1/k + ψ(N) - ⟨ψ(n_x) + ψ(n_y)⟩.
 * Local values are the summands (e.g. ψ(k) + ψ(N) - ψ(n_x(i)+1) - ψ(n_y(i)+1)); the estimate is
 * their compensated mean. With a list of k the local values and the estimate are the averages
 * over k.
 *
 * Preprocessing (knnPrep.ts): columns z-scored (ddof 0) by default; tied columns get seeded
 * jitter of relative SD `jitter` (data without ties is never jittered); if every column of X or
 * of Y is constant the estimate is exactly 0 (with a `constant-column` warning).
 *
 * Complexity: one k-NN search in the joint space and one radius count per marginal:
 * O(N² (dx + dy)) with brute force, about O(N log N) with a kd-tree in low dimension.
 *
 * Bias: close to unbiased for independent variables (values scatter around 0 and may be
 * negative: returned raw with a `negative-estimate` warning); biased downward for strong
 * dependence and in high dimension (needs exponentially many samples in the true MI).
 * The two algorithms perform similarly; KSG report slightly smaller statistical errors for
 * algorithm 1 and smaller systematic errors for algorithm 2 in higher dimension.
 *
 * Units: nats by default; `run.units = "bits"` divides by ln 2.
 *
 * Edge cases: exact duplicates without jitter give zero radii (`ties-present` warning and the
 * fraction of zero radii in diagnostics.details.zeroDistanceFraction); more than 10 search
 * dimensions or N < 20·2^(d/2) gives a `high-dimension` warning.
 *
 * @throws InvalidArgumentError for unknown or invalid options (in the factory) and for invalid
 *   data; ShapeMismatchError when x and y have different row counts; NonFiniteValueError for
 *   NaN/Infinity; InsufficientSamplesError when k > N - 1.
 * @example
 * const est = ksg({ algorithm: 1, k: 3 });
 * const r = est.estimate([[0.1], [0.5], [0.2], [0.9], [0.4]], [[0.2], [0.4], [0.1], [1.0], [0.3]], { seed: 0 });
 * r.value; // nats
 */
export function ksg(options: KsgOptions = {}): KsgEstimator {
  assertKnownOptions("ksg", options, KNOWN);
  const algorithm = options.algorithm ?? 1;
  const id = algorithm === 2 ? "ksg-2" : "ksg-1";
  const fn = id;
  integerOption(fn, "algorithm", algorithm, 1, 2);
  const kValue = options.k ?? 3;
  const ks = kListOption(fn, kValue, true);
  const resolved: ResolvedKsgOptions = Object.freeze({
    algorithm: algorithm as 1 | 2,
    k: Array.isArray(kValue) ? Object.freeze([...ks]) : ks[0],
    standardize: booleanOption(fn, "standardize", options.standardize ?? true),
    jitter: jitterOption(fn, options.jitter ?? DEFAULT_JITTER),
    metric: choiceOption(fn, "metric", options.metric ?? "max", ["max"] as const),
  });
  return Object.freeze({
    id,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const [xm, ym] = toPairedMatrices(fn, { x, y });
      const n = xm.rows;
      checkKAgainstN(fn, ks, n);
      throwIfAborted(run.signal, fn);
      const prep = prepareKnnData(
        fn,
        [
          { name: "x", matrix: xm },
          { name: "y", matrix: ym },
        ],
        resolved,
        seed,
      );
      const warnings: ResultWarning[] = [...prep.warnings];
      const small = smallSampleWarning(fn, n);
      if (small) warnings.push(small);
      const [px, py] = prep.variables;
      const details: Record<string, unknown> = {
        dims: { x: xm.cols, y: ym.cols },
        tiedColumns: prep.tiedColumnCount,
        jittered: px.jittered || py.jittered,
      };
      let local: Float64Array;
      if (px.allConstant || py.allConstant) {
        local = new Float64Array(n);
        details.shortCircuit = "constant-variable";
      } else {
        const hd = highDimensionWarning(fn, xm.cols + ym.cols, n);
        if (hd) warnings.push(hd);
        const res = ksgLocal(px.matrix, py.matrix, ks, resolved.algorithm, run, fn);
        local = res.local;
        details.perK = res.perK.map((p) => ({ k: p.k, value: fromNats(p.valueNats, units) }));
        if (prep.tiesRemain) details.zeroDistanceFraction = res.zeroFraction;
      }
      const valueNats = meanCompensated(local);
      const neg = negativeWarning(fn, valueNats, "mutual information");
      if (neg) warnings.push(neg);
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: id,
          params: resolved as unknown as Record<string, unknown>,
          n,
          seed,
          ...(run.local === false ? {} : { localNats: local }),
          warnings,
          details,
          references: [REFERENCES.kraskov2004],
          startedAt,
        },
        units,
      );
    },
  });
}

/** Per-point KSG values averaged over `ks`, plus each k's raw estimate (nats). */
export interface KsgLocalResult {
  readonly local: Float64Array;
  readonly perK: readonly { readonly k: number; readonly valueNats: number }[];
  /** Fraction of points whose k-th joint neighbour (smallest k) is at distance 0. */
  readonly zeroFraction: number;
}

/**
 * KSG kernel on prepared data: one joint k-NN search (largest k), then one radius count per
 * marginal and per k. No allocation per point.
 */
export function ksgLocal(
  x: Matrix,
  y: Matrix,
  ks: readonly number[],
  algorithm: 1 | 2,
  run: RunOptions,
  fn: string,
): KsgLocalResult {
  const n = x.rows;
  const joint = hstack(x, y);
  const kmax = Math.max(...ks);
  const total = 1 + 2 * ks.length;
  let done = 0;
  const search = { metric: "max" } as const;
  // Algorithm 1 with one k needs only the k-th distance, which is much cheaper than full
  // neighbour lists on tied data (knn must visit every duplicate to order ties by index).
  const distanceOnly = algorithm === 1 && ks.length === 1;
  const nb = distanceOnly
    ? { distances: kthNeighborDistance(joint, kmax, search), indices: new Int32Array(0) }
    : knn(joint, kmax, search);
  run.onProgress?.({ done: ++done, total, label: `${fn}: joint neighbours` });
  throwIfAborted(run.signal, fn);
  const local = new Float64Array(n);
  const perK: { k: number; valueNats: number }[] = [];
  const epsX = new Float64Array(n);
  const epsY = new Float64Array(n);
  const buf = new Float64Array(n);
  const psiN = digammaInt(n);
  const weight = 1 / ks.length;
  let zf = 0;
  const kmin = Math.min(...ks);
  for (const k of ks) {
    let nx: Int32Array;
    let ny: Int32Array;
    if (algorithm === 1) {
      if (distanceOnly) epsX.set(nb.distances);
      else for (let i = 0; i < n; i++) epsX[i] = nb.distances[i * kmax + k - 1];
      if (k === kmin) zf = zeroFraction(epsX);
      nx = countWithin(x, epsX, true, search);
      run.onProgress?.({ done: ++done, total, label: `${fn}: x counts (k = ${k})` });
      throwIfAborted(run.signal, fn);
      ny = countWithin(y, epsX, true, search);
      const c = digammaInt(k) + psiN;
      for (let i = 0; i < n; i++) buf[i] = c - (digammaInt(nx[i] + 1) + digammaInt(ny[i] + 1));
    } else {
      if (k === kmin) {
        for (let i = 0; i < n; i++) epsX[i] = nb.distances[i * kmax + k - 1];
        zf = zeroFraction(epsX);
      }
      marginalRadii(x, nb.indices, kmax, k, epsX);
      marginalRadii(y, nb.indices, kmax, k, epsY);
      nx = countWithin(x, epsX, false, search);
      run.onProgress?.({ done: ++done, total, label: `${fn}: x counts (k = ${k})` });
      throwIfAborted(run.signal, fn);
      ny = countWithin(y, epsY, false, search);
      // n_x, n_y >= k >= 1 (the k joint neighbours lie in the rectangle), so psi is defined.
      const c = digammaInt(k) - 1 / k + psiN;
      for (let i = 0; i < n; i++) buf[i] = c - (digammaInt(nx[i]) + digammaInt(ny[i]));
    }
    run.onProgress?.({ done: ++done, total, label: `${fn}: y counts (k = ${k})` });
    throwIfAborted(run.signal, fn);
    perK.push({ k, valueNats: meanCompensated(buf) });
    if (ks.length === 1) local.set(buf);
    else for (let i = 0; i < n; i++) local[i] += weight * buf[i];
  }
  return { local, perK, zeroFraction: zf };
}

function ksgDescriptor(algorithm: 1 | 2): EstimatorDescriptor {
  const d: EstimatorDescriptor = {
    id: algorithm === 1 ? "ksg-1" : "ksg-2",
    summary:
      algorithm === 1
        ? "KSG kNN estimator, algorithm 1 (strict counts in the joint radius); conditional MI via Frenzel-Pompe."
        : "KSG kNN estimator, algorithm 2 (per-marginal radii); conditional MI via Frenzel-Pompe algorithm 2.",
    family: "knn",
    accepts: ["continuous"],
    options: KSG_OPTION_SPECS,
    references: [REFERENCES.kraskov2004, REFERENCES.frenzel2007],
    complexity: "O(N^2 d) brute force; ~O(N log N) with a kd-tree for d <= 10",
    mi: (o: Record<string, unknown>) => ksg({ ...(o as KsgOptions), algorithm }),
    cmi: (o: Record<string, unknown>) => frenzelPompe({ ...(o as object), algorithm }),
  };
  return Object.freeze(d);
}

/** Registry entry "ksg-1": KSG algorithm 1 for MI, Frenzel-Pompe algorithm 1 for CMI. */
export const ksg1Descriptor: EstimatorDescriptor = ksgDescriptor(1);
/** Registry entry "ksg-2": KSG algorithm 2 for MI, Frenzel-Pompe algorithm 2 for CMI. */
export const ksg2Descriptor: EstimatorDescriptor = ksgDescriptor(2);
