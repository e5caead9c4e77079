/**
 * kNN mutual-information estimators for mixed discrete-continuous data:
 * - `ross`: Ross (2014), X continuous (one or more columns), Y discrete (class labels);
 * - `gao`: Gao, Kannan, Oh & Viswanath (2017) "mixed KSG", where X and Y may each be
 *   continuous, discrete, or a mixture of both (exact ties allowed, never jittered).
 *
 * Discrete variables are given as `Labels`, as integer (or string) codes, or as integer-coded
 * Matrix columns; the registry's MI factories take both variables as Matrix (Y of integer codes
 * for `ross`), which is how the CLI passes them.
 */
import { hstack, matrix, selectRows } from "../core/data/matrix.js";
import { isLabels, toDiscreteVariable, type DiscreteInput } from "../core/data/labels.js";
import { assertKnownOptions, assertSameRows, integerOption, toMatrix, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InsufficientSamplesError, ShapeMismatchError, throwIfAborted } from "../core/errors.js";
import { countWithin, kthNeighborDistance } from "../core/neighbors/index.js";
import { REFERENCES } from "../core/references.js";
import { validateSeed } from "../core/random/rng.js";
import { digammaInt } from "../core/special/digamma.js";
import { meanCompensated } from "../core/special/sum.js";
import type { Estimate, Labels, Matrix, MIEstimator, ResultWarning, RunOptions } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import { smallSampleWarning, warning, WARNING_CODES } from "../core/warnings.js";
import type { EstimatorDescriptor, OptionSpec } from "./descriptor.js";
import {
  booleanOption,
  checkKAgainstN,
  choiceOption,
  DEFAULT_JITTER,
  highDimensionWarning,
  jitterOption,
  negativeWarning,
  prepareKnnData,
} from "./knnPrep.js";

/** Options of the Ross (2014) continuous-discrete estimator. */
export interface RossOptions {
  /** Neighbours within the class, default 3 (scikit-learn's); per point k_i = min(k, N_c - 1). */
  readonly k?: number;
  /** Z-score each X column (ddof 0) first. Default true. Irrelevant for one X column (rank-invariant). */
  readonly standardize?: boolean;
  /** Relative SD of seeded jitter added to X columns with exact ties; 0 = off. Default 1e-10. */
  readonly jitter?: number;
  /** Norm in X: "max" (default) or "euclidean"; identical for one column. */
  readonly metric?: "max" | "euclidean";
}

export interface ResolvedRossOptions {
  readonly k: number;
  readonly standardize: boolean;
  readonly jitter: number;
  readonly metric: "max" | "euclidean";
}

/** A Ross estimator: `estimate(x, y, run)` with x continuous and y discrete, paired by row. */
export interface RossEstimator extends MIEstimator<ResolvedRossOptions> {
  estimate(x: MatrixInput, y: DiscreteInput, run?: RunOptions): Estimate;
}

const ROSS_KNOWN = ["k", "standardize", "jitter", "metric"] as const;

/**
 * Ross (2014, PLoS ONE 9(2):e87357, eq. 2 and the surrounding algorithm) kNN estimator of
 * I(X; Y) for continuous X and discrete Y.
 *
 * Points whose class has a single member are left out (a `singleton-class` warning; the count
 * is in diagnostics.details.droppedRows) and N is the number of remaining points. For each
 * remaining point i in class c with N_c members:
 *   k_i = min(k, N_c - 1);
 *   d_i = distance from x_i to its k_i-th nearest neighbour among the points of class c;
 *   m_i = #{j : ‖x_j - x_i‖ < d_i} over all N points, i itself included (when d_i = 0, a
 *   tie: the number of exact duplicates of x_i, i included, as scikit-learn counts it);
 *   Î = ψ(N) + ⟨ψ(k_i)⟩ - ⟨ψ(N_c(i))⟩ - ⟨ψ(m_i)⟩.
 * Local values are the summands ψ(N) + ψ(k_i) - ψ(N_c(i)) - ψ(m_i) (rows left out have none:
 * `local` has one value per kept row, in row order).
 *
 * Parity: equals scikit-learn's `_compute_mi_cd(c, d, k)` (the kernel of `mutual_info_classif`)
 * up to rounding (pinned to 1e-9 on committed fixtures), except that sklearn clips a negative
 * estimate to 0 and minfo returns it raw with a `negative-estimate` warning. sklearn counts
 * m_i with radius nextafter(d_i, 0), including i; the same strict count (and the duplicate
 * count when d_i = 0). Ties bias the estimate strongly (a fixture with X on a 0.25 grid gives
 * -1.37 nats at k = 1 without jitter), hence the default jitter. `mutual_info_classif`
 * itself differs from `_compute_mi_cd` only by its preprocessing: it scales X without centring
 * and adds 1e-10·max(1, mean|x|)·N(0, 1) noise to every continuous column, so its value depends
 * on its random_state; minfo jitters only columns with ties.
 *
 * Complexity: one kNN search per class plus one radius count over all points:
 * O(N² d) brute force, about O(N log N) with a kd-tree in low dimension.
 *
 * Bias: like KSG, close to unbiased under independence (values scatter around 0, may be
 * negative) and biased downward when X determines Y almost surely (I near H(Y)).
 *
 * Units: nats by default; `run.units = "bits"` divides by ln 2.
 *
 * @throws InvalidArgumentError for unknown or invalid options and invalid data;
 *   UnsupportedDataError when y holds non-integer numbers; ShapeMismatchError when x and y
 *   have different row counts; NonFiniteValueError for NaN/Infinity in x;
 *   InsufficientSamplesError when fewer than 2 rows remain after leaving out singleton classes.
 * @example
 * const r = ross({ k: 3 }).estimate([0.1, 0.4, 0.35, 2.1, 2.4, 1.9], [0, 0, 0, 1, 1, 1]);
 * r.value; // nats
 */
export function ross(options: RossOptions = {}): RossEstimator {
  const fn = "ross";
  assertKnownOptions(fn, options, ROSS_KNOWN);
  const resolved: ResolvedRossOptions = Object.freeze({
    k: integerOption(fn, "k", options.k ?? 3, 1),
    standardize: booleanOption(fn, "standardize", options.standardize ?? true),
    jitter: jitterOption(fn, options.jitter ?? DEFAULT_JITTER),
    metric: choiceOption(fn, "metric", options.metric ?? "max", ["max", "euclidean"] as const),
  });
  return Object.freeze({
    id: "ross",
    options: resolved,
    estimate(x: MatrixInput, y: DiscreteInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const xm = toMatrix(x, "x", fn);
      const labels = toDiscreteVariable(y, "y", fn).labels;
      if (labels.codes.length !== xm.rows) {
        throw new ShapeMismatchError(`${fn}: y has ${labels.codes.length} rows but x has ${xm.rows}; they must be paired row by row.`);
      }
      throwIfAborted(run.signal, fn);
      const warnings: ResultWarning[] = [];
      // Keep the rows whose class has at least 2 members.
      const classSize = new Int32Array(labels.cardinality);
      for (let i = 0; i < labels.codes.length; i++) classSize[labels.codes[i]]++;
      const kept: number[] = [];
      for (let i = 0; i < labels.codes.length; i++) if (classSize[labels.codes[i]] > 1) kept.push(i);
      const dropped = xm.rows - kept.length;
      if (dropped > 0) {
        warnings.push(
          warning(
            WARNING_CODES.singletonClass,
            `${fn}: left out ${dropped} row${dropped > 1 ? "s" : ""} whose class has a single member (no within-class neighbour); N = ${kept.length}.`,
          ),
        );
      }
      const n = kept.length;
      if (n < 2) {
        throw new InsufficientSamplesError(
          `${fn}: needs at least 2 rows in classes with 2 or more members; got ${n} of ${xm.rows} rows.`,
          2,
          n,
        );
      }
      // k above N - 1 cannot be a neighbour count; classes smaller than k + 1 use k_i = N_c - 1.
      checkKAgainstN(fn, [resolved.k], n);
      const xk = dropped > 0 ? selectRows(xm, kept) : xm;
      const codes = new Int32Array(n);
      for (let r = 0; r < n; r++) codes[r] = labels.codes[kept[r]];
      const prep = prepareKnnData(fn, [{ name: "x", matrix: xk }], resolved, seed);
      warnings.push(...prep.warnings);
      const small = smallSampleWarning(fn, n);
      if (small) warnings.push(small);
      const px = prep.variables[0];
      let res: { local: Float64Array; classes: number; zeroFraction: number };
      if (px.allConstant) {
        // Every distance would be 0 (m_i = 1): the formula is meaningless; X carries nothing.
        res = { local: new Float64Array(n), classes: new Set(codes).size, zeroFraction: 1 };
      } else {
        const hd = highDimensionWarning(fn, xk.cols, n);
        if (hd) warnings.push(hd);
        res = rossLocal(px.matrix, codes, labels.cardinality, resolved.k, resolved.metric);
      }
      throwIfAborted(run.signal, fn);
      const local = res.local;
      const valueNats = meanCompensated(local);
      const neg = negativeWarning(fn, valueNats, "mutual information");
      if (neg) warnings.push(neg);
      const details: Record<string, unknown> = {
        dims: { x: xm.cols },
        classes: res.classes,
        droppedRows: dropped,
        tiedColumns: prep.tiedColumnCount,
        jittered: px.jittered,
        ...(px.allConstant ? { shortCircuit: "constant-variable" } : {}),
      };
      if (prep.tiesRemain) details.zeroDistanceFraction = res.zeroFraction;
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: "ross",
          params: resolved as unknown as Record<string, unknown>,
          n,
          seed,
          ...(run.local === false ? {} : { localNats: local }),
          warnings,
          details,
          references: [REFERENCES.ross2014],
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * Ross kernel on prepared data: `codes` (0..cardinality-1, every present class with >= 2
 * members) for the rows of `x`. Returns the per-point summands.
 */
export function rossLocal(
  x: Matrix,
  codes: Int32Array,
  cardinality: number,
  k: number,
  metric: "max" | "euclidean",
): { local: Float64Array; classes: number; zeroFraction: number } {
  const n = x.rows;
  const search = { metric } as const;
  // Rows of each class, in row order.
  const size = new Int32Array(cardinality);
  for (let i = 0; i < n; i++) size[codes[i]]++;
  const start = new Int32Array(cardinality + 1);
  for (let c = 0; c < cardinality; c++) start[c + 1] = start[c] + size[c];
  const order = new Int32Array(n);
  const fill = start.slice(0, cardinality);
  for (let i = 0; i < n; i++) order[fill[codes[i]]++] = i;
  const radius = new Float64Array(n);
  const kOf = new Int32Array(n);
  let classes = 0;
  let zeros = 0;
  for (let c = 0; c < cardinality; c++) {
    const nc = size[c];
    if (nc === 0) continue;
    classes++;
    const rows = order.subarray(start[c], start[c + 1]);
    const kc = Math.min(k, nc - 1);
    const d = kthNeighborDistance(selectRows(x, rows), kc, search);
    for (let r = 0; r < nc; r++) {
      radius[rows[r]] = d[r];
      kOf[rows[r]] = kc;
      if (d[r] === 0) zeros++;
    }
  }
  // m_i - 1 = #{j != i : ‖x_j - x_i‖ < d_i}; for d_i = 0, the exact duplicates of x_i
  // (scikit-learn's radius nextafter(0, 0) = 0 with its <= count).
  const m = countWithin(x, radius, true, search);
  if (zeros > 0) {
    const dup = countWithin(x, new Float64Array(n), false, search);
    for (let i = 0; i < n; i++) if (radius[i] === 0) m[i] = dup[i];
  }
  const psiN = digammaInt(n);
  const local = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    local[i] = psiN + digammaInt(kOf[i]) - digammaInt(size[codes[i]]) - digammaInt(m[i] + 1);
  }
  return { local, classes, zeroFraction: n === 0 ? 0 : zeros / n };
}

/** Options of the Gao et al. (2017) mixed KSG estimator. */
export interface GaoOptions {
  /** Neighbours in the joint space, default 5 (the authors' code). */
  readonly k?: number;
  /**
   * Z-score every column (ddof 0) first. Default false, as in the authors' code: the estimate
   * compares distances on discrete coordinates (integer codes) with those on continuous ones,
   * so the scale of each column is part of the model.
   */
  readonly standardize?: boolean;
}

export interface ResolvedGaoOptions {
  readonly k: number;
  readonly standardize: boolean;
}

/** A mixed KSG estimator: `estimate(x, y, run)`; discrete columns as numeric codes or Labels. */
export interface GaoEstimator extends MIEstimator<ResolvedGaoOptions> {
  estimate(x: MatrixInput | Labels, y: MatrixInput | Labels, run?: RunOptions): Estimate;
}

const GAO_KNOWN = ["k", "standardize"] as const;

/** Labels as a one-column Matrix of their codes; anything else through toMatrix. */
function numericInput(v: MatrixInput | Labels, arg: string, fn: string): Matrix {
  if (isLabels(v)) {
    const l = toDiscreteVariable(v, arg, fn).labels;
    return matrix(Float64Array.from(l.codes), l.codes.length, 1);
  }
  return toMatrix(v, arg, fn);
}

/**
 * Gao, Kannan, Oh & Viswanath (2017, NeurIPS 30, arXiv:1709.06212, the "mixed KSG" estimator
 * of section 3) for I(X; Y) when X and Y may be discrete, continuous, or mixtures (for example
 * zero-inflated counts). Exact ties are allowed and never jittered.
 *
 * With ρ_i the max-norm distance from z_i = (x_i, y_i) to its k-th nearest neighbour (i
 * excluded) and counts that include i itself:
 * - ρ_i > 0: k̃_i = k, n_x,i = #{j : ‖x_j - x_i‖∞ < ρ_i}, n_y,i likewise;
 * - ρ_i = 0 (z_i has at least k exact duplicates): k̃_i = #{j : z_j = z_i},
 *   n_x,i = #{j : x_j = x_i}, n_y,i = #{j : y_j = y_i};
 * Î = (1/N) Σ_i [ψ(k̃_i) + log N - ψ(n_x,i) - ψ(n_y,i)]  (log N, not ψ(N), as in the paper
 * and the authors' code). Local values are the summands.
 *
 * Special cases: on purely discrete data where every point has at least k duplicates, every
 * point takes the tie branch and Î = ⟨ψ(n_xy) + log N - ψ(n_x) - ψ(n_y)⟩, the plug-in
 * estimate ⟨log(N n_xy / (n_x n_y))⟩ with each log n replaced by ψ(n) (they differ by
 * O(K/N), K the number of cells: ψ(n) = log n - 1/(2n) + O(n⁻²)). On continuous data without
 * ties it is KSG algorithm 1 with log N in place of ψ(N) (a difference below 1/(2N)).
 *
 * Complexity: one joint kNN search and two radius counts: O(N² d) brute force, about
 * O(N log N) with a kd-tree in low dimension (plus three exact-duplicate counts when ties
 * occur).
 *
 * Bias: consistent for mixtures (the paper's theorem); on continuous data it inherits KSG's
 * downward bias for strong dependence. Discrete codes enter through their numeric distances:
 * only equality matters while ρ_i < 1 (integer codes), but for larger ρ_i neighbouring codes
 * count, so codes of unordered categories should be far apart or the k small.
 *
 * Units: nats by default; `run.units = "bits"` divides by ln 2.
 *
 * @throws InvalidArgumentError for unknown or invalid options and invalid data;
 *   ShapeMismatchError when x and y have different row counts; NonFiniteValueError for
 *   NaN/Infinity; InsufficientSamplesError when k > N - 1.
 * @example
 * const r = gao({ k: 5 }).estimate(xCodes, yValues);
 * r.value; // nats
 */
export function gao(options: GaoOptions = {}): GaoEstimator {
  const fn = "gao";
  assertKnownOptions(fn, options, GAO_KNOWN);
  const resolved: ResolvedGaoOptions = Object.freeze({
    k: integerOption(fn, "k", options.k ?? 5, 1),
    standardize: booleanOption(fn, "standardize", options.standardize ?? false),
  });
  return Object.freeze({
    id: "gao",
    options: resolved,
    estimate(x: MatrixInput | Labels, y: MatrixInput | Labels, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const xm = numericInput(x, "x", fn);
      const ym = numericInput(y, "y", fn);
      assertSameRows(fn, [
        ["x", xm],
        ["y", ym],
      ]);
      const n = xm.rows;
      const k = resolved.k;
      if (k > n - 1) {
        throw new InsufficientSamplesError(`${fn}: k must be an integer in [1, n-1] (n = ${n}); got ${k}.`, k + 1, n);
      }
      throwIfAborted(run.signal, fn);
      const prep = prepareKnnData(
        fn,
        [
          { name: "x", matrix: xm },
          { name: "y", matrix: ym },
        ],
        { standardize: resolved.standardize, jitter: 0 },
        0,
      );
      // Ties are part of the model here: keep the constant-column note, drop the ties warning.
      const warnings: ResultWarning[] = prep.warnings.filter((w) => w.code !== WARNING_CODES.tiesPresent);
      const small = smallSampleWarning(fn, n);
      if (small) warnings.push(small);
      const [px, py] = prep.variables;
      const hd = highDimensionWarning(fn, xm.cols + ym.cols, n);
      if (hd) warnings.push(hd);
      const res = gaoLocal(px.matrix, py.matrix, k);
      throwIfAborted(run.signal, fn);
      const valueNats = meanCompensated(res.local);
      const neg = negativeWarning(fn, valueNats, "mutual information");
      if (neg) warnings.push(neg);
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: "gao",
          params: resolved as unknown as Record<string, unknown>,
          n,
          ...(run.local === false ? {} : { localNats: res.local }),
          warnings,
          details: { dims: { x: xm.cols, y: ym.cols }, tieFraction: res.tieFraction },
          references: [REFERENCES.gao2017],
          startedAt,
        },
        units,
      );
    },
  });
}

/** Mixed KSG kernel on prepared data; `tieFraction` = fraction of points with ρ_i = 0. */
export function gaoLocal(x: Matrix, y: Matrix, k: number): { local: Float64Array; tieFraction: number } {
  const n = x.rows;
  const search = { metric: "max" } as const;
  const joint = hstack(x, y);
  const rho = kthNeighborDistance(joint, k, search);
  const nx = countWithin(x, rho, true, search);
  const ny = countWithin(y, rho, true, search);
  let ties = 0;
  for (let i = 0; i < n; i++) if (rho[i] === 0) ties++;
  let kz: Int32Array | undefined;
  let nx0: Int32Array | undefined;
  let ny0: Int32Array | undefined;
  if (ties > 0) {
    const zero = new Float64Array(n);
    kz = countWithin(joint, zero, false, search);
    nx0 = countWithin(x, zero, false, search);
    ny0 = countWithin(y, zero, false, search);
  }
  const logN = Math.log(n);
  const psiK = digammaInt(k);
  const local = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rho[i] > 0) local[i] = psiK + logN - digammaInt(nx[i] + 1) - digammaInt(ny[i] + 1);
    else local[i] = digammaInt(kz![i] + 1) + logN - digammaInt(nx0![i] + 1) - digammaInt(ny0![i] + 1);
  }
  return { local, tieFraction: n === 0 ? 0 : ties / n };
}

const ROSS_OPTION_SPECS: readonly OptionSpec[] = Object.freeze([
  { name: "k", type: "integer", default: 3, min: 1, description: "Neighbours within the class (k_i = min(k, N_c - 1))." },
  { name: "standardize", type: "boolean", default: true, description: "Z-score each X column (ddof 0) first." },
  {
    name: "jitter",
    type: "number",
    default: DEFAULT_JITTER,
    min: 0,
    max: 1,
    description: "Relative SD of seeded noise added to X columns with exact ties; 0 = off.",
  },
  { name: "metric", type: "string", default: "max", choices: ["max", "euclidean"], description: "Norm in X (the same for one column)." },
]);

const GAO_OPTION_SPECS: readonly OptionSpec[] = Object.freeze([
  { name: "k", type: "integer", default: 5, min: 1, description: "Neighbours in the joint space." },
  {
    name: "standardize",
    type: "boolean",
    default: false,
    description: "Z-score every column first (off: distances between discrete codes are part of the model).",
  },
]);

/**
 * Registry entry "ross": MI between continuous X and discrete Y. The MI factory's estimator
 * takes Y as an integer-coded Matrix (one or more columns; several columns form one joint
 * label), or as Labels / codes when called directly.
 */
export const rossDescriptor: EstimatorDescriptor = Object.freeze({
  id: "ross",
  summary: "Ross (2014) kNN MI between continuous X and discrete Y (scikit-learn's mutual_info_classif kernel).",
  family: "mixed",
  accepts: ["mixed"],
  variables: Object.freeze({ x: Object.freeze(["continuous"] as const), y: Object.freeze(["discrete"] as const) }),
  options: ROSS_OPTION_SPECS,
  references: [REFERENCES.ross2014],
  complexity: "O(N^2 d) brute force; ~O(N log N) with a kd-tree for d <= 10",
  mi: (o: Record<string, unknown>) => ross(o as RossOptions),
} satisfies EstimatorDescriptor);

/** Registry entry "gao": mixed KSG for any mix of discrete, continuous and mixture columns. */
export const gaoDescriptor: EstimatorDescriptor = Object.freeze({
  id: "gao",
  summary: "Gao et al. (2017) mixed KSG: MI for discrete, continuous or mixed columns, exact ties allowed.",
  family: "mixed",
  accepts: ["continuous", "discrete", "mixed"],
  options: GAO_OPTION_SPECS,
  references: [REFERENCES.gao2017],
  complexity: "O(N^2 d) brute force; ~O(N log N) with a kd-tree for d <= 10",
  mi: (o: Record<string, unknown>) => gao(o as GaoOptions),
} satisfies EstimatorDescriptor);
