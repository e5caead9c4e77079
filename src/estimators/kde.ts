import { assertKnownOptions, assertMinRows, numberOption, toMatrix, toPairedMatrices, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InvalidArgumentError, throwIfAborted, UnsupportedDataError } from "../core/errors.js";
import { REFERENCES } from "../core/references.js";
import { meanCompensated } from "../core/special/sum.js";
import type { CMIEstimator, EntropyEstimator, Estimate, Matrix, MIEstimator, Reference, ResultWarning, RunOptions } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import { smallSampleWarning, warning } from "../core/warnings.js";
import type { EstimatorDescriptor, OptionSpec } from "./descriptor.js";
import { choiceOption, negativeWarning } from "./knnPrep.js";

/** Bandwidth rule of the KDE estimators. */
export type KdeBandwidthRule = "scott" | "silverman";
/** Resubstitution (every point in its own density) or leave-one-out. */
export type KdeMode = "resubstitution" | "leave-one-out";

/** Options of the KDE MI, CMI and entropy estimators. */
export interface KdeOptions {
  /**
   * Bandwidth rule, per column j: h_j = factor * SD_j (SD with ddof 1), with d the dimension of
   * the joint sample (dx + dy, or dx + dy + dz, or dx for entropy) and
   *  - "scott" (default): factor = N^(-1/(d+4)) (Scott 1992);
   *  - "silverman": factor = (N (d + 2) / 4)^(-1/(d+4)) (Silverman 1986),
   * the factors of scipy.stats.gaussian_kde. The same h_j is used in the joint and in the
   * marginal densities, so the kernel normalising constants cancel in MI.
   */
  readonly bandwidth?: KdeBandwidthRule;
  /** A fixed factor instead of the rule: h_j = bandwidthFactor * SD_j. Must be > 0. */
  readonly bandwidthFactor?: number;
  /**
   * "resubstitution" (default; Moon et al. 1995): p-hat(z_i) averages the kernel over all N
   * points, i included. "leave-one-out": over the N - 1 others (less upward bias for small
   * bandwidths, higher variance).
   */
  readonly mode?: KdeMode;
}

/** Options with defaults filled in (`bandwidthFactor` null when the rule is used). */
export interface ResolvedKdeOptions {
  readonly bandwidth: KdeBandwidthRule;
  readonly bandwidthFactor: number | null;
  readonly mode: KdeMode;
}

export interface KdeMIEstimator extends MIEstimator<ResolvedKdeOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Estimate;
}
export interface KdeCMIEstimator extends CMIEstimator<ResolvedKdeOptions> {
  estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run?: RunOptions): Estimate;
}
export interface KdeEntropyEstimator extends EntropyEstimator<ResolvedKdeOptions> {
  estimate(x: MatrixInput, run?: RunOptions): Estimate;
}

const ID = "kde";
const KNOWN = ["bandwidth", "bandwidthFactor", "mode"] as const;
const RULES: readonly KdeBandwidthRule[] = ["scott", "silverman"];
const MODES: readonly KdeMode[] = ["resubstitution", "leave-one-out"];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** Rows between progress reports / abort checks. */
const CHUNK = 128;

function resolveOptions(fn: string, options: KdeOptions): ResolvedKdeOptions {
  assertKnownOptions(fn, options, KNOWN);
  const factor = options.bandwidthFactor;
  if (factor !== undefined && !(typeof factor === "number" && Number.isFinite(factor) && factor > 0)) {
    throw new InvalidArgumentError(`${fn}: bandwidthFactor must be a finite number > 0; got ${String(factor)}.`, "bandwidthFactor");
  }
  return Object.freeze({
    bandwidth: choiceOption(fn, "bandwidth", options.bandwidth ?? "scott", RULES),
    bandwidthFactor: factor === undefined ? null : numberOption(fn, "bandwidthFactor", factor, Number.MIN_VALUE),
    mode: choiceOption(fn, "mode", options.mode ?? "resubstitution", MODES),
  });
}

/** Bandwidth factor of a rule for N points in d dimensions (scipy.stats.gaussian_kde's). */
export function kdeBandwidthFactor(rule: KdeBandwidthRule, n: number, d: number): number {
  return rule === "scott" ? Math.pow(n, -1 / (d + 4)) : Math.pow((n * (d + 2)) / 4, -1 / (d + 4));
}

/** A variable scaled by its bandwidths: u_ij = x_ij / h_j (constant columns dropped). */
interface Scaled {
  readonly name: string;
  readonly u: Float64Array;
  /** Non-constant columns kept. */
  readonly cols: number;
  readonly bandwidths: Float64Array;
  readonly constantColumns: readonly number[];
}

function sdColumn(m: Matrix, j: number): number {
  const { data, rows: n, cols } = m;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += data[i * cols + j];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const c = data[i * cols + j] - mean;
    ss += c * c;
  }
  return Math.sqrt(ss / (n - 1));
}

function scale(fn: string, name: string, m: Matrix, factor: number): Scaled {
  const n = m.rows;
  const bandwidths = new Float64Array(m.cols);
  const keep: number[] = [];
  const constantColumns: number[] = [];
  for (let j = 0; j < m.cols; j++) {
    const sd = sdColumn(m, j);
    if (!Number.isFinite(sd)) {
      throw new InvalidArgumentError(`${fn}: the standard deviation of ${name} column ${j} overflows a double; rescale the column first.`, name);
    }
    const h = factor * sd;
    bandwidths[j] = h;
    if (h > 0 && Number.isFinite(1 / h)) keep.push(j);
    else constantColumns.push(j);
  }
  const k = keep.length;
  const u = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) u[i * k + c] = m.data[i * m.cols + keep[c]] / bandwidths[keep[c]];
  return { name, u, cols: k, bandwidths, constantColumns };
}

/** Below this a shifted kernel sum may have lost terms to underflow: recompute it exactly. */
const UNDERFLOW_GUARD = 1e-280;

/**
 * The kernel sums of every row: for each term (a set of variables), lse[t][i] =
 * log sum_j exp(-1/2 ||u_i - u_j||^2 over the term's variables), j over all rows (resubstitution)
 * or j != i (leave-one-out).
 *
 * Fast path: one exp per variable and pair, e_v[j] = exp(-a_v(i, j) - m_v) with m_v the row's
 * largest exponent of variable v; a term's sum is then sum_j prod_{v in term} e_v[j], shifted
 * back by sum_v m_v. When that sum falls below 1e-280 (a point whose nearest neighbours in the
 * separate variables are different points, far apart), the term is recomputed with its own
 * maximum (exact log-sum-exp), so nothing underflows to log 0. O(N^2 (d + variables + terms)),
 * one N-vector per variable, no allocation per row.
 */
function kernelLogSums(
  fn: string,
  vars: readonly Scaled[],
  terms: readonly (readonly number[])[],
  n: number,
  leaveOneOut: boolean,
  run: RunOptions,
): Float64Array[] {
  const nv = vars.length;
  const dist = vars.map(() => new Float64Array(n));
  const ex = vars.map(() => new Float64Array(n));
  const shift = new Float64Array(nv);
  const out = terms.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    if (i % CHUNK === 0) {
      throwIfAborted(run.signal, fn);
      run.onProgress?.({ done: i, total: n, label: fn });
    }
    const skip = leaveOneOut ? i : -1;
    for (let v = 0; v < nv; v++) {
      const { u, cols } = vars[v];
      const dv = dist[v];
      const ev = ex[v];
      const ri = i * cols;
      let max = -Infinity;
      for (let j = 0; j < n; j++) {
        const rj = j * cols;
        let s = 0;
        for (let c = 0; c < cols; c++) {
          const t = u[ri + c] - u[rj + c];
          s += t * t;
        }
        const a = -0.5 * s;
        dv[j] = a;
        if (a > max && j !== skip) max = a;
      }
      for (let j = 0; j < n; j++) ev[j] = Math.exp(dv[j] - max);
      if (skip >= 0) ev[skip] = 0;
      shift[v] = max;
    }
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      const k = term.length;
      let sum = 0;
      let m = 0;
      if (k === 1) {
        const e0 = ex[term[0]];
        for (let j = 0; j < n; j++) sum += e0[j];
      } else if (k === 2) {
        const e0 = ex[term[0]];
        const e1 = ex[term[1]];
        for (let j = 0; j < n; j++) sum += e0[j] * e1[j];
      } else {
        for (let j = 0; j < n; j++) {
          let p = 1;
          for (let q = 0; q < k; q++) p *= ex[term[q]][j];
          sum += p;
        }
      }
      for (let q = 0; q < k; q++) m += shift[term[q]];
      if (!(sum >= UNDERFLOW_GUARD)) {
        // Exact log-sum-exp with the term's own maximum (rare).
        let max = -Infinity;
        for (let j = 0; j < n; j++) {
          if (j === skip) continue;
          let a = 0;
          for (let q = 0; q < k; q++) a += dist[term[q]][j];
          if (a > max) max = a;
        }
        sum = 0;
        for (let j = 0; j < n; j++) {
          if (j === skip) continue;
          let a = 0;
          for (let q = 0; q < k; q++) a += dist[term[q]][j];
          sum += Math.exp(a - max);
        }
        m = max;
      }
      out[t][i] = m + Math.log(sum);
    }
  }
  run.onProgress?.({ done: n, total: n, label: fn });
  return out;
}

function constantWarning(fn: string, vars: readonly Scaled[]): ResultWarning | undefined {
  const named = vars.flatMap((v) => v.constantColumns.map((j) => `${v.name} column ${j}`));
  if (named.length === 0) return undefined;
  return warning("constant-column", `${fn}: ${named.join(", ")} ${named.length === 1 ? "is" : "are"} constant; left out of the kernel (no information).`);
}

function resolveFactor(o: ResolvedKdeOptions, n: number, d: number): number {
  return o.bandwidthFactor ?? kdeBandwidthFactor(o.bandwidth, n, d);
}

function bandwidthDetails(vars: readonly Scaled[], factor: number): Record<string, unknown> {
  const bw: Record<string, number[]> = {};
  for (const v of vars) bw[v.name] = Array.from(v.bandwidths);
  return { bandwidthFactor: factor, bandwidths: bw };
}

const REFS: readonly Reference[] = [REFERENCES.moon1995, REFERENCES.scott1992, REFERENCES.silverman1986];

/**
 * Kernel-density (KDE) estimator of I(X; Y) (Moon, Rajagopalan & Lall 1995, Phys. Rev. E 52:2318).
 *
 * Densities are Gaussian product-kernel estimates with per-column bandwidths h_j = factor * SD_j
 * (`bandwidth` rule, or `bandwidthFactor`), the same h_j in the joint and the marginals; then
 * I = (1/N) sum_i [log p(x_i, y_i) - log p(x_i) - log p(y_i)]
 * with p(z_i) = (1/M) sum_j K_h(z_i - z_j), M = N (resubstitution) or N - 1 (leave-one-out,
 * j != i). The kernel constants cancel, so the local value is
 * i_i = lse_j(-a_ij - b_ij) - lse_j(-a_ij) - lse_j(-b_ij) + log M, a_ij = 1/2 sum_k ((x_ik - x_jk)/h_k)^2,
 * with stabilised log-sum-exp (no underflow for far-apart points).
 *
 * Complexity O(N^2 (dx + dy)) time, O(N) extra memory; reports progress and honours the
 * AbortSignal every 128 rows. Bias: set by the bandwidth. Large h oversmooths and biases the MI
 * downward (toward 0); small h overfits and, with resubstitution, biases it upward (the self
 * term dominates); leave-one-out removes the self term. Rules tuned for density estimation are
 * not optimal for MI. Scale invariant per column (bandwidths follow the SDs).
 * Units: nats (or bits). Local values i_i are returned (their mean is the estimate).
 * Warnings: `constant-column` (left out of the kernel), `negative-estimate`.
 *
 * @throws InvalidArgumentError for unknown or invalid options; ShapeMismatchError;
 *   NonFiniteValueError; InsufficientSamplesError when N < 3.
 * @example
 * kdeMI({ bandwidth: "silverman", mode: "leave-one-out" }).estimate(x, y).value
 */
export function kdeMI(options: KdeOptions = {}): KdeMIEstimator {
  const fn = ID;
  const resolved = resolveOptions(fn, options);
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const [xm, ym] = toPairedMatrices(fn, { x, y });
      const n = xm.rows;
      assertMinRows(fn, n, 3, "a kernel density with leave-one-out or bandwidths from SDs");
      throwIfAborted(run.signal, fn);
      const factor = resolveFactor(resolved, n, xm.cols + ym.cols);
      const vars = [scale(fn, "x", xm, factor), scale(fn, "y", ym, factor)];
      const loo = resolved.mode === "leave-one-out";
      const [lxy, lx, ly] = kernelLogSums(fn, vars, [[0, 1], [0], [1]], n, loo, run);
      const logM = Math.log(loo ? n - 1 : n);
      const local = new Float64Array(n);
      for (let i = 0; i < n; i++) local[i] = lxy[i] - lx[i] - ly[i] + logM;
      const valueNats = meanCompensated(local);
      const warnings = [smallSampleWarning(fn, n), constantWarning(fn, vars), negativeWarning(fn, valueNats, "mutual information")].filter(
        (w): w is ResultWarning => w !== undefined,
      );
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n,
          ...(run.local !== false ? { localNats: local } : {}),
          warnings,
          details: bandwidthDetails(vars, factor),
          references: REFS,
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * KDE estimator of I(X; Y | Z) = E[log p(x,y,z) + log p(z) - log p(x,z) - log p(y,z)], the same
 * product kernel and per-column bandwidths (d = dx + dy + dz in the rule) in all four densities;
 * the kernel constants and log M cancel. O(N^2 (dx + dy + dz)). Bias and warnings as `kdeMI`.
 * @throws as `kdeMI`.
 * @example kdeCMI().estimate(x, y, z).value
 */
export function kdeCMI(options: KdeOptions = {}): KdeCMIEstimator {
  const fn = `${ID}-cmi`;
  const resolved = resolveOptions(fn, options);
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const [xm, ym, zm] = toPairedMatrices(fn, { x, y, z });
      const n = xm.rows;
      assertMinRows(fn, n, 3, "a kernel density with leave-one-out or bandwidths from SDs");
      throwIfAborted(run.signal, fn);
      const factor = resolveFactor(resolved, n, xm.cols + ym.cols + zm.cols);
      const vars = [scale(fn, "x", xm, factor), scale(fn, "y", ym, factor), scale(fn, "z", zm, factor)];
      const loo = resolved.mode === "leave-one-out";
      const [lxyz, lz, lxz, lyz] = kernelLogSums(fn, vars, [[0, 1, 2], [2], [0, 2], [1, 2]], n, loo, run);
      const local = new Float64Array(n);
      for (let i = 0; i < n; i++) local[i] = lxyz[i] + lz[i] - lxz[i] - lyz[i];
      const valueNats = meanCompensated(local);
      const warnings = [smallSampleWarning(fn, n), constantWarning(fn, vars), negativeWarning(fn, valueNats, "conditional mutual information")].filter(
        (w): w is ResultWarning => w !== undefined,
      );
      return finishEstimate(
        {
          quantity: "conditional-mutual-information",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n,
          ...(run.local !== false ? { localNats: local } : {}),
          warnings,
          details: bandwidthDetails(vars, factor),
          references: REFS,
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * KDE (resubstitution or leave-one-out) estimator of the differential entropy,
 * H = -(1/N) sum_i log p(x_i), p(x_i) = (1/M) sum_j prod_k phi((x_ik - x_jk)/h_k)/h_k.
 * O(N^2 d). Bias: resubstitution with small h is biased downward (the self term); large h
 * biases upward (oversmoothing adds the kernel's variance). Units: nats (or bits).
 * @throws as `kdeMI`, and UnsupportedDataError for a constant column (entropy -Infinity).
 * @example kdeEntropy().estimate(x).value
 */
export function kdeEntropy(options: KdeOptions = {}): KdeEntropyEstimator {
  const fn = `${ID}-entropy`;
  const resolved = resolveOptions(fn, options);
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const xm = toMatrix(x, "x", fn);
      const n = xm.rows;
      assertMinRows(fn, n, 3, "a kernel density with leave-one-out or bandwidths from SDs");
      throwIfAborted(run.signal, fn);
      const factor = resolveFactor(resolved, n, xm.cols);
      const v = scale(fn, "x", xm, factor);
      if (v.constantColumns.length > 0) {
        throw new UnsupportedDataError(`${fn}: x column ${v.constantColumns[0]} is constant, so its differential entropy is -Infinity; remove the column.`);
      }
      const loo = resolved.mode === "leave-one-out";
      const [lx] = kernelLogSums(fn, [v], [[0]], n, loo, run);
      let logNorm = Math.log(loo ? n - 1 : n);
      for (let j = 0; j < xm.cols; j++) logNorm += Math.log(v.bandwidths[j]) + HALF_LOG_2PI;
      const local = new Float64Array(n);
      for (let i = 0; i < n; i++) local[i] = logNorm - lx[i];
      const valueNats = meanCompensated(local);
      return finishEstimate(
        {
          quantity: "entropy",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n,
          ...(run.local !== false ? { localNats: local } : {}),
          warnings: [smallSampleWarning(fn, n)].filter((w): w is ResultWarning => w !== undefined),
          details: bandwidthDetails([v], factor),
          references: REFS,
          startedAt,
        },
        units,
      );
    },
  });
}

const OPTION_SPECS: readonly OptionSpec[] = Object.freeze([
  {
    name: "bandwidth",
    type: "string",
    default: "scott",
    choices: [...RULES],
    description: "Bandwidth rule: h_j = factor * SD_j with Scott's N^(-1/(d+4)) or Silverman's factor.",
  },
  {
    name: "bandwidthFactor",
    type: "number",
    min: Number.MIN_VALUE,
    description: "Fixed bandwidth factor (h_j = factor * SD_j) instead of the rule.",
  },
  {
    name: "mode",
    type: "string",
    default: "resubstitution",
    choices: [...MODES],
    description: "Density at each point from all N points (resubstitution) or the N - 1 others (leave-one-out).",
  },
]);

/** Registry entry "kde": Gaussian product-kernel MI, CMI and entropy. */
export const kdeDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: ID,
  summary: "Kernel density (Gaussian product kernel) MI, CMI and entropy; Scott/Silverman bandwidth; resubstitution or leave-one-out.",
  family: "kernel",
  accepts: ["continuous"],
  options: OPTION_SPECS,
  references: REFS,
  complexity: "O(N^2 d)",
  mi: (o: Record<string, unknown>) => kdeMI(o as KdeOptions),
  cmi: (o: Record<string, unknown>) => kdeCMI(o as KdeOptions),
  entropy: (o: Record<string, unknown>) => kdeEntropy(o as KdeOptions),
});
