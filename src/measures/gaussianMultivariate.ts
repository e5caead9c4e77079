import { hstack } from "../core/data/matrix.js";
import { assertMinRows } from "../core/data/validate.js";
import { InvalidArgumentError, ShapeMismatchError } from "../core/errors.js";
import { choleskyInto } from "../core/linalg/cholesky.js";
import { covariance } from "../core/linalg/covariance.js";
import { logDetFromCholesky } from "../core/linalg/logDet.js";
import type { Matrix, ResultWarning } from "../core/types.js";
import { warning } from "../core/warnings.js";
import { SingularCovarianceError } from "../estimators/gaussian.js";
import { combineEntropies, type MultivariateEngine } from "./multivariateEngine.js";

/** TC, DTC, O-information and S-information in nats. */
export interface MultivariateValues {
  readonly totalCorrelation: number;
  readonly dualTotalCorrelation: number;
  readonly oInformation: number;
  readonly sInformation: number;
}

/** Column offsets of variables with `dims` columns each. */
function offsetsOf(dims: readonly number[]): number[] {
  const off: number[] = [];
  let d = 0;
  for (const k of dims) {
    off.push(d);
    d += k;
  }
  return off;
}

/**
 * Log-determinants of principal submatrices of a d x d SPD matrix, with a cache keyed by the
 * column list. Returns NaN-free values or reports the failing pivot.
 */
class LogDetCache {
  private readonly cache = new Map<string, number>();
  constructor(
    private readonly a: Float64Array,
    private readonly d: number,
    private readonly ridge: number,
  ) {}

  /** 1/2 log det of the block on `cols` (ridge added to its diagonal), or the failing column. */
  halfLogDet(cols: readonly number[]): { value: number; failed: number } {
    const key = cols.join(",");
    const hit = this.cache.get(key);
    if (hit !== undefined) return { value: hit, failed: -1 };
    const k = cols.length;
    const sub = new Float64Array(k * k);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) sub[r * k + c] = this.a[cols[r] * this.d + cols[c]];
      sub[r * k + r] += this.ridge;
    }
    const l = new Float64Array(k * k);
    const pivot = choleskyInto(sub, k, l);
    if (pivot >= 0) return { value: NaN, failed: cols[pivot] };
    const v = 0.5 * logDetFromCholesky(l, k);
    this.cache.set(key, v);
    return { value: v, failed: -1 };
  }
}

/** Columns of the variables in `vars` (indices into the joint matrix). */
function columnsOf(vars: readonly number[], dims: readonly number[], offsets: readonly number[]): number[] {
  const cols: number[] = [];
  for (const v of vars) for (let c = 0; c < dims[v]; c++) cols.push(offsets[v] + c);
  return cols;
}

/**
 * Gaussian TC and DTC of the multiplet `subset` from the log-determinants of principal blocks of
 * an SPD matrix `a` (a covariance or correlation matrix; the result is the same):
 * h(A) = 1/2 log det a_AA, TC = sum_j h(j) - h(all), DTC = sum_j h(-j) - (m - 1) h(all).
 * `onFail(column)` builds the error for a singular block.
 */
function gaussianTcDtc(
  cache: LogDetCache,
  subset: readonly number[],
  dims: readonly number[],
  offsets: readonly number[],
  onFail: (column: number, what: string) => Error,
): { tc: number; dtc: number } {
  const m = subset.length;
  const get = (vars: readonly number[], what: string) => {
    const r = cache.halfLogDet(columnsOf(vars, dims, offsets));
    if (r.failed >= 0) throw onFail(r.failed, what);
    return r.value;
  };
  const hAll = get(subset, `variables ${subset.join(", ")}`);
  const hSingle = new Float64Array(m);
  const hComp = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    hSingle[j] = get([subset[j]], `variable ${subset[j]}`);
    hComp[j] = get(
      subset.filter((_, t) => t !== j),
      `variables ${subset.filter((_, t) => t !== j).join(", ")}`,
    );
  }
  return combineEntropies(hAll, hSingle, hComp);
}

/**
 * Closed-form TC, DTC, O-information and S-information (nats) of a multivariate normal with
 * covariance `cov` (d x d, row-major, or rows), whose columns form variables of `dims` columns
 * each (default: every column is a variable). With h(A) = 1/2 log det cov_AA,
 *   TC = sum_j h(j) - h(all)        (= 1/2 [sum log S_jj - log det S] for scalar variables),
 *   DTC = sum_j h(-j) - (n - 1) h(all) (= 1/2 [log det S + sum log (S^-1)_jj]),
 *   Omega = TC - DTC, S = TC + DTC   (Rosas et al. 2019, Phys. Rev. E 100:032305).
 *
 * @throws InvalidArgumentError when `cov` is not square, `dims` do not add up to d, there are
 *   fewer than 2 variables, or a block is not positive definite.
 * @example gaussianMultivariateFromCovariance([[1, .5, .5], [.5, 1, .5], [.5, .5, 1]]).oInformation // 0.084950
 */
export function gaussianMultivariateFromCovariance(
  cov: Float64Array | readonly (readonly number[])[],
  dims?: readonly number[],
): MultivariateValues {
  const fn = "gaussianMultivariateFromCovariance";
  let a: Float64Array;
  let d: number;
  if (cov instanceof Float64Array) {
    d = Math.round(Math.sqrt(cov.length));
    if (d * d !== cov.length) throw new ShapeMismatchError(`${fn}: cov must have d * d values; got ${cov.length}.`);
    a = cov;
  } else {
    d = cov.length;
    a = new Float64Array(d * d);
    cov.forEach((row, i) => {
      if (row.length !== d) throw new ShapeMismatchError(`${fn}: cov must be square; row ${i} has ${row.length} values, expected ${d}.`);
      row.forEach((v, j) => (a[i * d + j] = v));
    });
  }
  for (let i = 0; i < d * d; i++) {
    if (!Number.isFinite(a[i])) throw new InvalidArgumentError(`${fn}: cov must be finite; entry ${i} is ${a[i]}.`, "cov");
  }
  const ds = dims ?? Array.from({ length: d }, () => 1);
  if (ds.length < 2 || ds.some((k) => !Number.isInteger(k) || k < 1) || ds.reduce((s, k) => s + k, 0) !== d) {
    throw new InvalidArgumentError(
      `${fn}: dims must list at least 2 positive integers adding up to the size of cov (${d}); got ${JSON.stringify(ds)}.`,
      "dims",
    );
  }
  const offsets = offsetsOf(ds);
  const cache = new LogDetCache(a, d, 0);
  const all = ds.map((_, j) => j);
  const { tc, dtc } = gaussianTcDtc(cache, all, ds, offsets, (col, what) =>
    new InvalidArgumentError(`${fn}: cov must be positive definite; the block of ${what} is singular at column ${col}.`, "cov"),
  );
  return Object.freeze({ totalCorrelation: tc, dualTotalCorrelation: dtc, oInformation: tc - dtc, sInformation: tc + dtc });
}

/**
 * Gaussian back end: the sample covariance (ddof 1) of all variables, scaled to a correlation
 * matrix once; every multiplet uses log-determinants of its principal blocks (cached).
 * O(N D^2) once, then O(m D_m^3) per multiplet of m variables with D_m columns.
 */
export function gaussianEngine(fn: string, vars: readonly Matrix[], ridge: number): MultivariateEngine {
  const dims = vars.map((v) => v.cols);
  const offsets = offsetsOf(dims);
  const joint = hstack(...vars);
  const n = joint.rows;
  const d = joint.cols;
  assertMinRows(fn, n, ridge > 0 ? 2 : d + 1, ridge > 0 ? "a sample covariance" : `a non-singular ${d} x ${d} sample covariance`);
  const s = covariance(joint);
  const inv = new Float64Array(d);
  const constant: boolean[] = [];
  for (let j = 0; j < d; j++) {
    const v = s[j * d + j];
    constant.push(!(v > 0));
    inv[j] = v > 0 ? 1 / Math.sqrt(v) : 0;
  }
  const corr = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < d; k++) corr[j * d + k] = j === k ? (inv[j] > 0 ? 1 : 0) : s[j * d + k] * inv[j] * inv[k];
  }
  const describe = (col: number) => {
    let v = 0;
    while (v + 1 < dims.length && offsets[v + 1] <= col) v++;
    const c = col - offsets[v];
    const name = vars[v].columnNames?.[c];
    return { v, c, text: `variable ${v} column ${c}${name !== undefined ? ` ("${name}")` : ""}` };
  };
  const cache = new LogDetCache(corr, d, ridge);
  const warnings: ResultWarning[] = [];
  if (ridge > 0) {
    const plain = new LogDetCache(corr, d, 0);
    if (plain.halfLogDet(Array.from({ length: d }, (_, j) => j)).failed >= 0) {
      warnings.push(
        warning("singular-covariance", `${fn}: the sample covariance is singular; ridge ${ridge} was added to the correlation matrix's diagonal.`),
      );
    }
  }
  return {
    id: "gaussian",
    n,
    count: vars.length,
    params: Object.freeze({ ridge }),
    warnings,
    compute(subset) {
      const { tc, dtc } = gaussianTcDtc(cache, subset, dims, offsets, (col, what) => {
        const c = describe(col);
        const why = constant[col] ? `${c.text} is constant` : `${c.text} is (numerically) a linear combination of the columns before it`;
        return new SingularCovarianceError(
          `${fn}: the sample covariance of ${what} is singular: ${why}. The Gaussian estimate would be infinite; remove the column or pass ridge > 0.`,
          `variable ${c.v}`,
          c.c,
        );
      });
      return { tc, dtc, warnings: [], details: {} };
    },
  };
}
