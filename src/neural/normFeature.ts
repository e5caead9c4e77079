/**
 * The squared-norm input feature of the neural critics, and the test that decides when to add it.
 *
 * Why: when X and Y depend only through a shared scale (X = sqrt(W) Z1, Y = sqrt(W) Z2, as in
 * bmi's Student-t tasks), no odd function of x is correlated with y. A freshly initialised MLP
 * critic then has almost no gradient to follow, and every bound stays near 0 for thousands of
 * steps. The centred squared norm (|s|^2 - d) / sqrt(2d) of each side's normal scores s makes
 * that dependence linear in the critic's inputs. It is a function of the inputs, which stay in,
 * so the map is injective and MI is unchanged. Normal scores (ranks, computed per column over all
 * rows, as `normalScores` does) keep the feature's tails light whatever the columns' tails are:
 * the squared norm of the raw columns has tails heavier than the columns themselves.
 *
 * When: only if the squared norms of x and y are more correlated than a Gaussian dependence
 * explains. For jointly Gaussian, standardised z = (x, y),
 * corr(|x|^2, |y|^2) = ||C_xy||_F^2 / (||C_xx||_F ||C_yy||_F), with C the correlation blocks
 * (Isserlis: cov(x_j^2, y_k^2) = 2 C_jk^2). The test compares the two on the normal scores of
 * the columns (ranks, so heavy tails do not dominate), on the training rows only, so that the
 * held-out rows stay untouched. On Gaussian copulas the two agree to about 0.01 at N = 2500;
 * on shared-scale data the excess is 0.6-0.8 (docs/neural.md, "Shared scale").
 */
import { fromColumn, selectRows } from "../core/data/matrix.js";
import { standardize } from "../core/data/standardize.js";
import type { Matrix } from "../core/types.js";

/** Excess correlation of the squared norms over the Gaussian value that turns the feature on. */
export const NORM_FEATURE_EXCESS = 0.1;

/** Work budget (multiply-adds) of the test; rows beyond it are not used (at least 500 are). */
const TEST_BUDGET = 2e8;
const TEST_MIN_ROWS = 500;

export interface ScaleDependence {
  /** corr(|x|^2, |y|^2) on the standardised normal scores of the rows used. */
  readonly observed: number;
  /** The same correlation if the normal scores were jointly Gaussian with their correlations. */
  readonly gaussian: number;
  /** observed - gaussian. */
  readonly excess: number;
  /** The excess above which the feature is added: max(NORM_FEATURE_EXCESS, 4 / sqrt(rows)). */
  readonly threshold: number;
  /** Rows the test used (the first of `rows`, up to the work budget). */
  readonly rows: number;
}

/**
 * The scale-dependence test on the given rows of sx and sy, the normal scores of x and y
 * (`normalScores`: per column over all rows, no pairing). The first rows of `rows` are used, as
 * many as a budget of O(m (dx dy + dx^2 + dy^2)) work allows.
 */
export function scaleDependence(sx: Matrix, sy: Matrix, rows: Int32Array): ScaleDependence {
  const dx = sx.cols;
  const dy = sy.cols;
  const perRow = dx * dy + dx * dx + dy * dy;
  const m = Math.min(rows.length, Math.max(TEST_MIN_ROWS, Math.floor(TEST_BUDGET / perRow)));
  // Columns centred and scaled to unit SD (ddof 0) on the rows used; constant columns become 0.
  const zx = standardize(selectRows(sx, rows.subarray(0, m))).data;
  const zy = standardize(selectRows(sy, rows.subarray(0, m))).data;
  const qx = standardize(fromColumn(squaredNorms(zx, m, dx))).data;
  const qy = standardize(fromColumn(squaredNorms(zy, m, dy))).data;
  let observed = 0;
  for (let i = 0; i < m; i++) observed += (qx[i] * qy[i]) / m;
  const cxy = frobeniusSquared(zx, dx, zy, dy, m);
  const cxx = frobeniusSquared(zx, dx, zx, dx, m);
  const cyy = frobeniusSquared(zy, dy, zy, dy, m);
  const gaussian = cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : 0;
  return { observed, gaussian, excess: observed - gaussian, threshold: Math.max(NORM_FEATURE_EXCESS, 4 / Math.sqrt(m)), rows: m };
}

/**
 * The feature (|s|^2 - d) / sqrt(2d) of the given rows of s (normal scores, d columns): about 0
 * mean and unit variance, as for standard normal rows.
 */
export function normFeature(s: Matrix, rows: Int32Array): Float64Array {
  const d = s.cols;
  const scale = 1 / Math.sqrt(2 * d);
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    let q = 0;
    for (let j = 0; j < d; j++) q += s.data[rows[r] * d + j] ** 2;
    out[r] = (q - d) * scale;
  }
  return out;
}

/** `data` (rows x cols, row-major) with `column` appended as one more column; `data` is not changed. */
export function appendColumn(data: Float32Array, rows: number, cols: number, column: Float64Array): Float32Array {
  const out = new Float32Array(rows * (cols + 1));
  for (let i = 0; i < rows; i++) {
    out.set(data.subarray(i * cols, (i + 1) * cols), i * (cols + 1));
    out[i * (cols + 1) + cols] = column[i];
  }
  return out;
}

function squaredNorms(z: ArrayLike<number>, m: number, d: number): Float64Array {
  const q = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += z[r * d + j] ** 2;
    q[r] = s;
  }
  return q;
}

/** Σ_jk corr(a_j, b_k)^2 for standardised columns (the squared Frobenius norm of the correlation block). */
function frobeniusSquared(a: ArrayLike<number>, da: number, b: ArrayLike<number>, db: number, m: number): number {
  const c = new Float64Array(da * db);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < da; j++) {
      const v = a[r * da + j];
      if (v === 0) continue;
      for (let k = 0; k < db; k++) c[j * db + k] += v * b[r * db + k];
    }
  }
  let s = 0;
  for (let i = 0; i < c.length; i++) s += (c[i] / m) ** 2;
  return s;
}
