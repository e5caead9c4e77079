import { hstack } from "../../core/data/matrix.js";
import { assertKnownOptions, assertMinRows, numberOption, toPairedMatrices, type MatrixInput } from "../../core/data/validate.js";
import { InvalidArgumentError, ShapeMismatchError, throwIfAborted } from "../../core/errors.js";
import { choleskyInto } from "../../core/linalg/cholesky.js";
import { covariance } from "../../core/linalg/covariance.js";
import { logDetFromCholesky } from "../../core/linalg/logDet.js";
import { REFERENCES } from "../../core/references.js";
import type { RunOptions } from "../../core/types.js";
import { resolveUnits } from "../../core/units.js";
import { SingularCovarianceError } from "../../estimators/gaussian.js";
import { pidFromRedundancy, type PidResult } from "./pid.js";

/** I(T; S1), I(T; S2), I(T; S1, S2) in nats of a Gaussian with covariance `a` (d x d) and blocks of `dims`. */
function gaussianMis(fn: string, a: Float64Array, d: number, dims: readonly [number, number, number], ridge: number) {
  const [d1, d2, dt] = dims;
  const idx1 = Array.from({ length: d1 }, (_, j) => j);
  const idx2 = Array.from({ length: d2 }, (_, j) => d1 + j);
  const idxT = Array.from({ length: dt }, (_, j) => d1 + d2 + j);
  const names = ["source 1", "source 2", "target"];
  const h = (cols: readonly number[]): number => {
    const k = cols.length;
    const sub = new Float64Array(k * k);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) sub[r * k + c] = a[cols[r] * d + cols[c]];
      sub[r * k + r] += ridge * a[cols[r] * d + cols[r]];
    }
    const l = new Float64Array(k * k);
    const p = choleskyInto(sub, k, l);
    if (p >= 0) {
      const col = cols[p];
      const which = col < d1 ? 0 : col < d1 + d2 ? 1 : 2;
      const local = col - (which === 0 ? 0 : which === 1 ? d1 : d1 + d2);
      throw new SingularCovarianceError(
        `${fn}: the covariance is singular at ${names[which]} column ${local} (constant, or a linear combination of other columns); the Gaussian PID would be infinite. Remove the column or pass ridge > 0.`,
        names[which],
        local,
      );
    }
    return 0.5 * logDetFromCholesky(l, k);
  };
  const hT = h(idxT);
  const h1 = h(idx1);
  const h2 = h(idx2);
  return {
    source1: h1 + hT - h([...idx1, ...idxT]),
    source2: h2 + hT - h([...idx2, ...idxT]),
    joint: h([...idx1, ...idx2]) + hT - h([...idx1, ...idx2, ...idxT]),
  };
}

/**
 * Minimum-mutual-information (MMI) PID of jointly Gaussian sources S1 (d1 columns), S2 (d2) and
 * a univariate target T from their covariance `cov` ((d1 + d2 + 1) square, sources first):
 *   Red = min(I(T; S1), I(T; S2)), Unq_i = I(T; S_i) - Red, Syn = I(T; S1, S2) - max_i I(T; S_i),
 * with Gaussian mutual informations I(T; S) = 1/2 log(det S_SS det S_TT / det S_(S,T)). For a
 * univariate target Barrett (2015, Phys. Rev. E 91:052802) shows that the BROJA decomposition
 * (and others in the Williams-Beer family) reduces to MMI; so one unique information is always 0.
 * @throws InvalidArgumentError (shape, dt != 1), SingularCovarianceError.
 * @example gaussianPidFromCovariance([[1, 0, .5], [0, 1, .5], [.5, .5, 1]], [1, 1, 1]).synergy
 */
export function gaussianPidFromCovariance(
  cov: Float64Array | readonly (readonly number[])[],
  dims: readonly [number, number, number] = [1, 1, 1],
  run: RunOptions = {},
): PidResult {
  const fn = "gaussianPidFromCovariance";
  const startedAt = performance.now();
  const units = resolveUnits(run.units, fn);
  const { a, d } = squareMatrix(fn, cov);
  checkDims(fn, dims, d);
  const mi = gaussianMis(fn, a, d, dims, 0);
  return pidFromRedundancy(fn, "mmi", "gaussian", Math.min(mi.source1, mi.source2), mi, units, {
    startedAt,
    references: [REFERENCES.barrett2015, REFERENCES.williamsBeer2010],
  });
}

export interface GaussianPidOptions {
  /** Ridge added to each diagonal entry of the covariance, relative to that entry, in [0, 1]. Default 0. */
  readonly ridge?: number;
}

/**
 * Gaussian MMI PID estimated from data: sources `s1`, `s2` (one or more columns each) and a
 * univariate target `t`, paired row by row; the covariance is the sample covariance (ddof 1)
 * and the decomposition is `gaussianPidFromCovariance`'s. Exact for jointly normal data up to
 * sampling error; the mutual informations are biased upward by about d_S / (2N) nats each
 * (Wilks), so small samples show spurious synergy of order 1/N.
 * @throws InvalidArgumentError (bad data, target with more than one column), ShapeMismatchError,
 *   NonFiniteValueError, InsufficientSamplesError (N <= d1 + d2 + 1), SingularCovarianceError.
 * @example gaussianPid(x1, x2, y, {}, { units: "bits" }).redundancy
 */
export function gaussianPid(s1: MatrixInput, s2: MatrixInput, t: MatrixInput, options: GaussianPidOptions = {}, run: RunOptions = {}): PidResult {
  const fn = "gaussianPid";
  const startedAt = performance.now();
  assertKnownOptions(fn, options ?? {}, ["ridge"]);
  const ridge = numberOption(fn, "ridge", options?.ridge ?? 0, 0, 1);
  const units = resolveUnits(run.units, fn);
  const [m1, m2, mt] = toPairedMatrices(fn, { s1, s2, t });
  if (mt.cols !== 1) throw new InvalidArgumentError(`${fn}: t must have exactly one column (MMI is exact for a univariate target); got ${mt.cols}.`, "t");
  if (m1.cols < 1 || m2.cols < 1) throw new InvalidArgumentError(`${fn}: each source must have at least one column.`, m1.cols < 1 ? "s1" : "s2");
  const d = m1.cols + m2.cols + 1;
  assertMinRows(fn, m1.rows, d + 1, `a non-singular ${d} x ${d} sample covariance`);
  throwIfAborted(run.signal, fn);
  const a = covariance(hstack(m1, m2, mt));
  const mi = gaussianMis(fn, a, d, [m1.cols, m2.cols, 1], ridge);
  return pidFromRedundancy(fn, "mmi", "gaussian", Math.min(mi.source1, mi.source2), mi, units, {
    n: m1.rows,
    startedAt,
    details: { dims: [m1.cols, m2.cols, 1], ridge },
    references: [REFERENCES.barrett2015, REFERENCES.williamsBeer2010],
  });
}

function squareMatrix(fn: string, cov: Float64Array | readonly (readonly number[])[]): { a: Float64Array; d: number } {
  let a: Float64Array;
  let d: number;
  if (cov instanceof Float64Array) {
    d = Math.round(Math.sqrt(cov.length));
    if (d * d !== cov.length) throw new ShapeMismatchError(`${fn}: cov must have d * d values; got ${cov.length}.`);
    a = cov;
  } else if (Array.isArray(cov)) {
    d = cov.length;
    a = new Float64Array(d * d);
    cov.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== d) {
        throw new ShapeMismatchError(`${fn}: cov must be square; row ${i} has ${Array.isArray(row) ? row.length : 0} values, expected ${d}.`);
      }
      row.forEach((v: number, j: number) => (a[i * d + j] = v));
    });
  } else {
    throw new InvalidArgumentError(`${fn}: cov must be a Float64Array or rows of numbers; got ${typeof cov}.`, "cov");
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new InvalidArgumentError(`${fn}: cov must be finite; entry (${Math.floor(i / d)}, ${i % d}) is ${a[i]}.`, "cov");
  }
  return { a, d };
}

function checkDims(fn: string, dims: readonly number[], d: number): void {
  if (
    !Array.isArray(dims) ||
    dims.length !== 3 ||
    dims.some((k) => !Number.isInteger(k) || k < 1) ||
    dims[0] + dims[1] + dims[2] !== d
  ) {
    throw new InvalidArgumentError(`${fn}: dims must be [d1, d2, 1] adding up to the size of cov (${d}); got ${JSON.stringify(dims)}.`, "dims");
  }
  if (dims[2] !== 1) throw new InvalidArgumentError(`${fn}: the target must be univariate (dims[2] = 1); got ${dims[2]}.`, "dims");
}
