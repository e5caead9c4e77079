import { assertKnownOptions, assertMinRows, numberOption, toMatrix, toPairedMatrices, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InvalidArgumentError, throwIfAborted, UnsupportedDataError } from "../core/errors.js";
import { choleskyInto } from "../core/linalg/cholesky.js";
import { columnMeans, covariance } from "../core/linalg/covariance.js";
import { logDetFromCholesky } from "../core/linalg/logDet.js";
import { forwardSubstitute } from "../core/linalg/solveSpd.js";
import { symmetricEigen } from "../core/linalg/symmetricEigen.js";
import { REFERENCES } from "../core/references.js";
import { meanCompensated } from "../core/special/sum.js";
import type { CMIEstimator, EntropyEstimator, Estimate, Matrix, MIEstimator, Reference, ResultWarning, RunOptions } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";
import { smallSampleWarning, warning } from "../core/warnings.js";
import type { EstimatorDescriptor, OptionSpec } from "./descriptor.js";

/** How the Gaussian MI is computed from the covariance; both give the same number (to ~1e-12). */
export type GaussianForm = "logdet" | "cca";

/** Options of `gaussianMI` and `gaussianCMI`. */
export interface GaussianOptions {
  /**
   * "logdet" (default): I = 1/2 (log det S_XX + log det S_YY - log det S). "cca": I = -1/2 sum
   * log(1 - rho_i^2) over the canonical correlations rho_i, which are also reported in
   * diagnostics.details.canonicalCorrelations.
   */
  readonly form?: GaussianForm;
  /**
   * Ridge added to the diagonal of the correlation matrix (so relative to each column's
   * variance), in [0, 1]. Default 0: a singular covariance throws `SingularCovarianceError`.
   * With ridge > 0 the estimate is always finite (shrunk slightly toward 0), constant columns
   * carry no information, and a `singular-covariance` warning says when the ridge was needed.
   */
  readonly ridge?: number;
}

/** Options with defaults filled in. */
export interface ResolvedGaussianOptions {
  readonly form: GaussianForm;
  readonly ridge: number;
}

/** Options of `gaussianEntropy`. */
export interface GaussianEntropyOptions {
  /** As in `GaussianOptions.ridge`; constant columns still throw (their entropy is -Infinity). */
  readonly ridge?: number;
}

export interface ResolvedGaussianEntropyOptions {
  readonly ridge: number;
}

/**
 * The sample covariance is singular (to working precision), so the Gaussian estimate would be
 * +-Infinity or meaningless: a constant column, a duplicated column, or a column that is a
 * linear combination of others. `variable` and `column` name the offending column (0-based),
 * the first one found dependent on the columns before it. Code "unsupported-data".
 */
export class SingularCovarianceError extends UnsupportedDataError {
  readonly variable: string;
  readonly column: number;
  constructor(message: string, variable: string, column: number) {
    super(message);
    this.variable = variable;
    this.column = column;
  }
}

const ID = "gaussian";
const KNOWN_MI = ["form", "ridge"] as const;
const KNOWN_ENTROPY = ["ridge"] as const;
/** 1/2 log(2 pi e). */
const HALF_LOG_2PI_E = 0.5 * Math.log(2 * Math.PI * Math.E);

function resolveOptions(fn: string, options: GaussianOptions): ResolvedGaussianOptions {
  assertKnownOptions(fn, options, KNOWN_MI);
  const form = options.form ?? "logdet";
  if (form !== "logdet" && form !== "cca") {
    throw new InvalidArgumentError(`${fn}: form must be "logdet" or "cca"; got ${JSON.stringify(form)}.`, "form");
  }
  return Object.freeze({ form, ridge: numberOption(fn, "ridge", options.ridge ?? 0, 0, 1) });
}

/** One variable's columns inside the joint matrix. */
interface Part {
  readonly name: string;
  readonly matrix: Matrix;
  readonly offset: number;
}

/** Correlation-scale summary of the joint sample (columns of all parts side by side). */
interface Joint {
  readonly n: number;
  readonly d: number;
  readonly parts: readonly Part[];
  /** The joint sample, n x d row-major (the parts' columns side by side). */
  readonly data: Float64Array;
  /** d x d correlation matrix; a constant column has a zero row and column (diagonal 0). */
  readonly corr: Float64Array;
  /** log of each column's standard deviation (ddof 1); -Infinity for constant columns. */
  readonly logSd: Float64Array;
  /**
   * log(1 / a_j) for columns copied as a_j * x_j with a power of two a_j (values whose squares
   * would overflow or underflow); 0 elsewhere. `data`, `logSd` and `corr` refer to the scaled copy.
   */
  readonly logUnscale: Float64Array;
  readonly constant: readonly boolean[];
}

function buildJoint(fn: string, parts: readonly { name: string; matrix: Matrix }[], ridge: number): Joint {
  const n = parts[0].matrix.rows;
  let d = 0;
  const placed: Part[] = [];
  for (const p of parts) {
    placed.push({ ...p, offset: d });
    d += p.matrix.cols;
  }
  assertMinRows(fn, n, ridge > 0 ? 2 : d + 1, ridge > 0 ? "a sample covariance" : `a non-singular ${d} x ${d} sample covariance`);
  const data = new Float64Array(n * d);
  const constant: boolean[] = [];
  for (const p of placed) {
    const { data: src, cols } = p.matrix;
    for (let j = 0; j < cols; j++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = src[i * cols + j];
        data[i * d + p.offset + j] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      constant.push(lo === hi);
    }
  }
  const logUnscale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let maxAbs = 0;
    for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(data[i * d + j]));
    if (maxAbs > 1e150 || (maxAbs > 0 && maxAbs < 1e-150)) {
      const e = -Math.round(Math.log2(maxAbs));
      const a = Math.pow(2, e);
      for (let i = 0; i < n; i++) data[i * d + j] *= a;
      logUnscale[j] = -e * Math.LN2;
    }
  }
  const s = covariance({ data, rows: n, cols: d });
  const logSd = new Float64Array(d);
  const invSd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const v = s[j * d + j];
    const ok = !constant[j] && v > 0;
    logSd[j] = ok ? 0.5 * Math.log(v) : -Infinity;
    invSd[j] = ok ? 1 / Math.sqrt(v) : 0;
  }
  const corr = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < d; k++) corr[j * d + k] = j === k ? (invSd[j] > 0 ? 1 : 0) : s[j * d + k] * invSd[j] * invSd[k];
  }
  return { n, d, parts: placed, data, corr, logSd, logUnscale, constant };
}

/** "y column 1 ("age")" for joint column j. */
function describeColumn(joint: Joint, j: number): { variable: string; column: number; text: string } {
  for (let p = joint.parts.length - 1; p >= 0; p--) {
    const part = joint.parts[p];
    if (j >= part.offset) {
      const column = j - part.offset;
      const name = part.matrix.columnNames?.[column];
      return { variable: part.name, column, text: `${part.name} column ${column}${name !== undefined ? ` ("${name}")` : ""}` };
    }
  }
  return { variable: "?", column: j, text: `column ${j}` };
}

/** Principal submatrix of the correlation matrix on `idx`, plus ridge on its diagonal. */
function submatrix(joint: Joint, idx: readonly number[], ridge: number): Float64Array {
  const k = idx.length;
  const a = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) a[r * k + c] = joint.corr[idx[r] * joint.d + idx[c]];
    a[r * k + r] += ridge;
  }
  return a;
}

function singularError(fn: string, joint: Joint, idx: readonly number[], pivot: number, what: string): SingularCovarianceError {
  const col = describeColumn(joint, idx[pivot]);
  const why = joint.constant[idx[pivot]]
    ? `${col.text} is constant`
    : `${col.text} is (numerically) a linear combination of the columns before it in ${what}, e.g. a duplicated column`;
  return new SingularCovarianceError(
    `${fn}: the sample covariance of ${what} is singular: ${why}. The Gaussian estimate would be infinite or undefined; ` +
      `remove the column or pass ridge > 0 to regularise.`,
    col.variable,
    col.column,
  );
}

interface Factor {
  readonly idx: readonly number[];
  readonly l: Float64Array;
  readonly logDet: number;
}

/** Cholesky factor (and log det) of the correlation block on `idx`, ridge included. */
function factor(fn: string, joint: Joint, idx: readonly number[], ridge: number, what: string): Factor {
  const k = idx.length;
  const a = submatrix(joint, idx, ridge);
  const l = new Float64Array(k * k);
  const pivot = choleskyInto(a, k, l);
  if (pivot >= 0) throw singularError(fn, joint, idx, pivot, what);
  return { idx, l, logDet: logDetFromCholesky(l, k) };
}

/** Whether the un-regularised block on `idx` is singular (for the `singular-covariance` warning). */
function isSingular(joint: Joint, idx: readonly number[]): boolean {
  const k = idx.length;
  return choleskyInto(submatrix(joint, idx, 0), k, new Float64Array(k * k)) >= 0;
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}

/**
 * Squared canonical correlations of a (dx + dy) x (dx + dy) SPD matrix `r` (row-major, X
 * columns first): eigenvalues of Rxx^-1 Rxy Ryy^-1 Ryx, computed symmetrically as those of
 * C C^T (or C^T C, whichever is smaller) with C = Lx^-1 Rxy Ly^-T. Descending.
 */
function squaredCanonicalCorrelations(
  fn: string,
  r: Float64Array,
  dx: number,
  dy: number,
  names: { x: string; y: string },
): Float64Array {
  const d = dx + dy;
  const blockOf = (off: number, k: number) => {
    const a = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = r[(off + i) * d + off + j];
    return a;
  };
  const lx = new Float64Array(dx * dx);
  const ly = new Float64Array(dy * dy);
  for (const [l, off, k, name] of [
    [lx, 0, dx, names.x],
    [ly, dx, dy, names.y],
  ] as const) {
    const p = choleskyInto(blockOf(off, k), k, l);
    if (p >= 0) {
      throw new SingularCovarianceError(
        `${fn}: the sample covariance of ${name} is singular (column ${p} depends on the columns before it); ` +
          `remove the column or pass ridge > 0 to regularise.`,
        name.split(" ")[0],
        p,
      );
    }
  }
  const rxy = new Float64Array(dx * dy);
  for (let i = 0; i < dx; i++) for (let j = 0; j < dy; j++) rxy[i * dy + j] = r[i * d + dx + j];
  const a = forwardSubstitute(lx, dx, rxy, dy); // dx x dy: Lx^-1 Rxy
  const at = new Float64Array(dy * dx);
  for (let i = 0; i < dx; i++) for (let j = 0; j < dy; j++) at[j * dx + i] = a[i * dy + j];
  const ct = forwardSubstitute(ly, dy, at, dx); // dy x dx: C^T = Ly^-1 Ryx Lx^-T
  const k = Math.min(dx, dy);
  const m = new Float64Array(k * k);
  if (dx <= dy) {
    // C C^T = (C^T)^T C^T: (i, j) = sum_r ct[r, i] ct[r, j]
    for (let i = 0; i < dx; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let q = 0; q < dy; q++) s += ct[q * dx + i] * ct[q * dx + j];
      m[i * k + j] = m[j * k + i] = s;
    }
  } else {
    for (let i = 0; i < dy; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let q = 0; q < dx; q++) s += ct[i * dx + q] * ct[j * dx + q];
      m[i * k + j] = m[j * k + i] = s;
    }
  }
  const ev = symmetricEigen(m, k, { vectors: false }).values;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = Math.max(0, ev[k - 1 - i]);
  if (out[0] >= 1 - 4 * d * Number.EPSILON) {
    throw new SingularCovarianceError(
      `${fn}: ${names.x} and ${names.y} are (numerically) perfectly correlated: a canonical correlation is 1, so the ` +
        `Gaussian MI is infinite (e.g. a column duplicated across them); pass ridge > 0 to regularise.`,
      names.y.split(" ")[0],
      0,
    );
  }
  return out;
}

/** -1/2 sum log(1 - rho^2). */
function ccaNats(rho2: Float64Array): number {
  let s = 0;
  for (let i = 0; i < rho2.length; i++) s += Math.log1p(-rho2[i]);
  return -0.5 * s;
}

/**
 * Correlation-scale matrix of (X, Y) given Z: R_(XY)(XY) - R_(XY)Z R_ZZ^-1 R_Z(XY) (ridge on
 * every diagonal), the covariance of the residuals of (X, Y) regressed on Z, in Z's units.
 */
function conditionalBlock(joint: Joint, lz: Factor, xy: readonly number[], ridge: number): Float64Array {
  const dz = lz.idx.length;
  const k = xy.length;
  const rzxy = new Float64Array(dz * k);
  for (let i = 0; i < dz; i++) for (let j = 0; j < k; j++) rzxy[i * k + j] = joint.corr[lz.idx[i] * joint.d + xy[j]];
  const w = forwardSubstitute(lz.l, dz, rzxy, k); // Lz^-1 R_Z(XY)
  const out = submatrix(joint, xy, ridge);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    let s = 0;
    for (let q = 0; q < dz; q++) s += w[q * k + i] * w[q * k + j];
    out[i * k + j] -= s;
  }
  return out;
}

/**
 * Pointwise values i_t = value + 1/2 sum_A sign_A q_A(t), where q_A(t) = ||L_A^-1 z_t[A]||^2 is
 * the Mahalanobis form of row t on block A (standardised, centred). Because the sample
 * covariance uses ddof 1, mean_t q_A(t) = d_A (N - 1)/N for every block and the signed
 * dimensions cancel, so the mean of the pointwise values is exactly the estimate; the rounding
 * residual (~1e-15) is removed by a final shift so the compensated mean equals `valueNats`.
 */
function localValues(joint: Joint, blocks: readonly { f: Factor; sign: number }[], valueNats: number): Float64Array {
  const { n, d, data } = joint;
  const mean = columnMeans({ data, rows: n, cols: d });
  const invSd = Float64Array.from(joint.logSd, (v) => Math.exp(-v));
  const nb = blocks.length;
  const idxs = blocks.map((b) => Int32Array.from(b.f.idx));
  const ls = blocks.map((b) => b.f.l);
  const signs = Float64Array.from(blocks, (b) => b.sign);
  const z = new Float64Array(d);
  const buf = new Float64Array(d);
  const local = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const row = t * d;
    for (let j = 0; j < d; j++) z[j] = (data[row + j] - mean[j]) * invSd[j];
    let acc = 0;
    for (let b = 0; b < nb; b++) {
      const idx = idxs[b];
      const l = ls[b];
      const k = idx.length;
      let q = 0;
      for (let i = 0; i < k; i++) {
        let s = z[idx[i]];
        const ri = i * k;
        for (let c = 0; c < i; c++) s -= l[ri + c] * buf[c];
        const v = s / l[ri + i];
        buf[i] = v;
        q += v * v;
      }
      acc += signs[b] * q;
    }
    local[t] = valueNats + 0.5 * acc;
  }
  const shift = valueNats - meanCompensated(local);
  for (let t = 0; t < n; t++) local[t] += shift;
  return local;
}

function singularWarning(fn: string, what: string, ridge: number): ResultWarning {
  return warning(
    "singular-covariance",
    `${fn}: the sample covariance of ${what} is singular (a constant, duplicated or linearly dependent column); ` +
      `the estimate uses the ridge ${ridge} on the correlation matrix and is shrunk toward 0.`,
  );
}

const REFS_MI: readonly Reference[] = [REFERENCES.coverThomas2006, REFERENCES.hotelling1936];

/** A Gaussian MI estimator: `estimate(x, y, run)` with x and y paired row by row. */
export interface GaussianMIEstimator extends MIEstimator<ResolvedGaussianOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Estimate;
}

/** A Gaussian conditional-MI estimator: `estimate(x, y, z, run)`. */
export interface GaussianCMIEstimator extends CMIEstimator<ResolvedGaussianOptions> {
  estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run?: RunOptions): Estimate;
}

/** A Gaussian entropy estimator: `estimate(x, run)`. */
export interface GaussianEntropyEstimator extends EntropyEstimator<ResolvedGaussianEntropyOptions> {
  estimate(x: MatrixInput, run?: RunOptions): Estimate;
}

/**
 * Gaussian (parametric) estimator of the mutual information I(X; Y): the MI of the normal
 * distribution with the sample covariance S (ddof 1) of the joint sample (X, Y),
 *   I = 1/2 (log det S_XX + log det S_YY - log det S)   (Cover & Thomas 2006, eq. 8.56 applied
 *   to h(X) + h(Y) - h(X, Y)),
 * or, with `form: "cca"`, the same number from the canonical correlations rho_i (Hotelling 1936),
 *   I = -1/2 sum_{i <= min(dx, dy)} log(1 - rho_i^2),
 * rho_i^2 the eigenvalues of S_XX^-1 S_XY S_YY^-1 S_YX. Both are computed on the correlation
 * matrix (the MI is invariant to affine maps of X and of Y), with Cholesky factors, never with
 * explicit determinants, so they do not overflow and agree to ~1e-12.
 *
 * Exact for jointly Gaussian data. For other data it is the MI of the Gaussian with the same
 * covariance, which is a lower bound on the true MI only in special cases; it measures linear
 * (canonical) dependence.
 *
 * Complexity O(N d^2 + d^3) with d = dx + dy; pointwise values (`run.local`, default on) add
 * O(N d^2).
 *
 * Bias: upward in finite samples. Under independence 2 N I is asymptotically chi-square with
 * dx dy degrees of freedom (Wilks' likelihood-ratio statistic), so E[I] ~ dx dy / (2N) nats
 * (e.g. 0.25 nats for 50 x 50 dimensions at N = 5000); reported as
 * diagnostics.details.independenceBias. The estimate is never negative (up to rounding).
 *
 * Units: nats by default; `run.units = "bits"` divides by ln 2.
 *
 * Singular covariance (a constant, duplicated or linearly dependent column, or N <= d): by
 * default `SingularCovarianceError` names the column, since the Gaussian MI is then infinite or
 * undefined. With `ridge > 0` the correlation matrix gets ridge * I, the estimate stays finite,
 * and a `singular-covariance` warning is added when the un-regularised matrix was singular.
 * Pointwise values are returned only when ridge = 0 (their mean equals the estimate exactly).
 *
 * @throws InvalidArgumentError for unknown or invalid options; ShapeMismatchError when x and y
 *   have different row counts; NonFiniteValueError for NaN/Infinity; InsufficientSamplesError
 *   when N <= dx + dy (ridge = 0) or N < 2; SingularCovarianceError as above.
 * @example
 * const r = gaussianMI().estimate([[0.1], [0.5], [0.2], [0.9]], [[0.2], [0.4], [0.3], [1.0]]);
 * r.value; // nats
 */
export function gaussianMI(options: GaussianOptions = {}): GaussianMIEstimator {
  const fn = "gaussian";
  const resolved = resolveOptions(fn, options);
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const [xm, ym] = toPairedMatrices(fn, { x, y });
      throwIfAborted(run.signal, fn);
      const { ridge, form } = resolved;
      const joint = buildJoint(fn, [
        { name: "x", matrix: xm },
        { name: "y", matrix: ym },
      ], ridge);
      const dx = xm.cols;
      const dy = ym.cols;
      const ix = range(0, dx);
      const iy = range(dx, dy);
      const ixy = range(0, dx + dy);
      const warnings: ResultWarning[] = [];
      if (ridge > 0 && isSingular(joint, ixy)) warnings.push(singularWarning(fn, "(x, y)", ridge));
      const small = smallSampleWarning(fn, xm.rows);
      if (small) warnings.push(small);
      const fx = factor(fn, joint, ix, ridge, "x");
      const fy = factor(fn, joint, iy, ridge, "y");
      const fxy = factor(fn, joint, ixy, ridge, "(x, y)");
      let valueNats: number;
      const details: Record<string, unknown> = {
        dims: { x: dx, y: dy },
        independenceBias: fromNats((dx * dy) / (2 * joint.n), units),
      };
      if (form === "cca") {
        const rho2 = squaredCanonicalCorrelations(fn, submatrix(joint, ixy, ridge), dx, dy, { x: "x", y: "y" });
        valueNats = ccaNats(rho2);
        details.canonicalCorrelations = Array.from(rho2, Math.sqrt);
      } else {
        valueNats = 0.5 * (fx.logDet + fy.logDet - fxy.logDet);
      }
      const wantLocal = run.local !== false && ridge === 0;
      const local = wantLocal
        ? localValues(joint, [
            { f: fx, sign: 1 },
            { f: fy, sign: 1 },
            { f: fxy, sign: -1 },
          ], valueNats)
        : undefined;
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n: joint.n,
          ...(local ? { localNats: local } : {}),
          warnings,
          details,
          references: REFS_MI,
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * Gaussian estimator of the conditional mutual information I(X; Y | Z): the CMI of the normal
 * distribution with the joint sample covariance S (ddof 1),
 *   I = 1/2 (log det S_XZ + log det S_YZ - log det S_XYZ - log det S_Z)
 * (from I(X;Y|Z) = h(X,Z) + h(Y,Z) - h(X,Y,Z) - h(Z) and Cover & Thomas 2006 eq. 8.56). With
 * `form: "cca"` the same number is -1/2 sum log(1 - rho_i^2) over the partial canonical
 * correlations of X and Y given Z (the canonical correlations of the residual covariance
 * S_(XY)(XY) - S_(XY)Z S_Z^-1 S_Z(XY)), reported in details.canonicalCorrelations.
 *
 * Complexity O(N d^2 + d^3), d = dx + dy + dz. Bias: under conditional independence
 * E[I] ~ dx dy / (2N) nats (Wilks), in details.independenceBias. Units, ridge, singular
 * covariances and pointwise values as for `gaussianMI`.
 *
 * @throws as `gaussianMI`, with N <= dx + dy + dz rows insufficient when ridge = 0.
 * @example
 * gaussianCMI().estimate(x, y, z, { units: "bits" }).value
 */
export function gaussianCMI(options: GaussianOptions = {}): GaussianCMIEstimator {
  const fn = "gaussian-cmi";
  const resolved = resolveOptions(fn, options);
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const [xm, ym, zm] = toPairedMatrices(fn, { x, y, z });
      throwIfAborted(run.signal, fn);
      const { ridge, form } = resolved;
      const joint = buildJoint(fn, [
        { name: "x", matrix: xm },
        { name: "y", matrix: ym },
        { name: "z", matrix: zm },
      ], ridge);
      const dx = xm.cols;
      const dy = ym.cols;
      const dz = zm.cols;
      const ix = range(0, dx);
      const iy = range(dx, dy);
      const iz = range(dx + dy, dz);
      const warnings: ResultWarning[] = [];
      if (ridge > 0 && isSingular(joint, range(0, dx + dy + dz))) warnings.push(singularWarning(fn, "(x, y, z)", ridge));
      const small = smallSampleWarning(fn, xm.rows);
      if (small) warnings.push(small);
      const fz = factor(fn, joint, iz, ridge, "z");
      const fxz = factor(fn, joint, [...ix, ...iz], ridge, "(x, z)");
      const fyz = factor(fn, joint, [...iy, ...iz], ridge, "(y, z)");
      const fxyz = factor(fn, joint, [...ix, ...iy, ...iz], ridge, "(x, y, z)");
      const details: Record<string, unknown> = {
        dims: { x: dx, y: dy, z: dz },
        independenceBias: fromNats((dx * dy) / (2 * joint.n), units),
      };
      let valueNats: number;
      if (form === "cca") {
        const cond = conditionalBlock(joint, fz, [...ix, ...iy], ridge);
        const rho2 = squaredCanonicalCorrelations(fn, cond, dx, dy, { x: "x given z", y: "y given z" });
        valueNats = ccaNats(rho2);
        details.canonicalCorrelations = Array.from(rho2, Math.sqrt);
      } else {
        valueNats = 0.5 * (fxz.logDet + fyz.logDet - fxyz.logDet - fz.logDet);
      }
      const local =
        run.local !== false && ridge === 0
          ? localValues(joint, [
              { f: fxz, sign: 1 },
              { f: fyz, sign: 1 },
              { f: fxyz, sign: -1 },
              { f: fz, sign: -1 },
            ], valueNats)
          : undefined;
      return finishEstimate(
        {
          quantity: "conditional-mutual-information",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n: joint.n,
          ...(local ? { localNats: local } : {}),
          warnings,
          details,
          references: REFS_MI,
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * Gaussian estimator of the differential entropy of X: the entropy of the normal with the
 * sample covariance S (ddof 1), H = 1/2 log((2 pi e)^d det S) (Cover & Thomas 2006, Thm 8.4.1),
 * computed as d/2 log(2 pi e) + sum_j log sd_j + 1/2 log det R with R the correlation matrix.
 * An upper bound on the entropy of any distribution with covariance S (maximum entropy).
 *
 * Complexity O(N d^2 + d^3). Bias: the plug-in log det S is biased downward, E[log det S] -
 * log det Sigma = sum_{i=1..d} psi((N - i)/2) + d log(2/(N - 1)) ~ -d(d + 1)/(2N); not corrected
 * here. Units: nats (or bits). Differential entropy can be negative.
 *
 * @throws InvalidArgumentError for unknown or invalid options; NonFiniteValueError;
 *   InsufficientSamplesError when N <= d (ridge = 0); SingularCovarianceError for a constant
 *   column (entropy -Infinity, whatever the ridge) or, with ridge = 0, linearly dependent columns.
 * @example
 * gaussianEntropy().estimate([[0.1], [0.5], [0.2], [0.9]]).value
 */
export function gaussianEntropy(options: GaussianEntropyOptions = {}): GaussianEntropyEstimator {
  const fn = "gaussian-entropy";
  assertKnownOptions(fn, options, KNOWN_ENTROPY);
  const resolved: ResolvedGaussianEntropyOptions = Object.freeze({ ridge: numberOption(fn, "ridge", options.ridge ?? 0, 0, 1) });
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const xm = toMatrix(x, "x", fn);
      throwIfAborted(run.signal, fn);
      const { ridge } = resolved;
      const joint = buildJoint(fn, [{ name: "x", matrix: xm }], ridge);
      const d = xm.cols;
      const ix = range(0, d);
      const c = joint.constant.indexOf(true);
      if (c >= 0) {
        throw new SingularCovarianceError(
          `${fn}: ${describeColumn(joint, c).text} is constant, so the differential entropy is -Infinity; remove the column.`,
          "x",
          c,
        );
      }
      const warnings: ResultWarning[] = [];
      if (ridge > 0 && isSingular(joint, ix)) warnings.push(singularWarning(fn, "x", ridge));
      const small = smallSampleWarning(fn, xm.rows);
      if (small) warnings.push(small);
      const f = factor(fn, joint, ix, ridge, "x");
      let sumLogSd = 0;
      for (let j = 0; j < d; j++) sumLogSd += joint.logSd[j] + joint.logUnscale[j];
      const valueNats = d * HALF_LOG_2PI_E + sumLogSd + 0.5 * f.logDet;
      return finishEstimate(
        {
          quantity: "entropy",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n: joint.n,
          warnings,
          details: { dims: { x: d }, logDetCovariance: 2 * sumLogSd + f.logDet },
          references: [REFERENCES.coverThomas2006],
          startedAt,
        },
        units,
      );
    },
  });
}

const OPTION_SPECS: readonly OptionSpec[] = Object.freeze([
  {
    name: "form",
    type: "string",
    default: "logdet",
    choices: ["logdet", "cca"],
    description: "log-determinant formula, or canonical correlations (same value; cca reports the correlations). MI and CMI only.",
  },
  {
    name: "ridge",
    type: "number",
    default: 0,
    min: 0,
    max: 1,
    description: "Ridge on the correlation matrix; 0 = throw on a singular covariance.",
  },
]);

/** Registry entry "gaussian": Gaussian MI, conditional MI and entropy from the sample covariance. */
export const gaussianDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: ID,
  summary: "Gaussian (parametric) MI, CMI and entropy from the sample covariance (log-det or CCA form).",
  family: "parametric",
  accepts: ["continuous"],
  options: OPTION_SPECS,
  references: REFS_MI,
  complexity: "O(N d^2 + d^3)",
  mi: (o: Record<string, unknown>) => gaussianMI(o as GaussianOptions),
  cmi: (o: Record<string, unknown>) => gaussianCMI(o as GaussianOptions),
  // `form` does not apply to entropy; the shared option record may carry it, so it is dropped here.
  entropy: (o: Record<string, unknown>) => {
    // A non-object is passed on unchanged, so that gaussianEntropy rejects it with a typed error.
    if (typeof o !== "object" || o === null || Array.isArray(o)) return gaussianEntropy(o as GaussianEntropyOptions);
    const { form: _form, ...rest } = o;
    return gaussianEntropy(rest as GaussianEntropyOptions);
  },
});
