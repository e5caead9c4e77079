import { choleskyInto } from "../../core/linalg/cholesky.js";
import { columnMeans, covariance } from "../../core/linalg/covariance.js";
import { symmetricEigen } from "../../core/linalg/symmetricEigen.js";
import { normalQuantile } from "../../core/special/normalQuantile.js";
import { studentTQuantile } from "../../core/special/studentT.js";
import type { Matrix } from "../../core/types.js";

/**
 * Per-side summaries used by auto's lower-bound candidates. Each is a measurable function of
 * one side only, so by the data-processing inequality I(f(X); g(Y)) <= I(X; Y) for the
 * population; their point is that they are low-dimensional, where kNN estimators have little bias.
 */

/**
 * Each column replaced by table[lo + hi + 1], where [lo, hi) is the block of its tied values in
 * sorted order (so table[h] is the score of average rank h/2, 1-based; `table` has 2N + 1 entries).
 * Ranks by a native sort of the column and binary search (no comparator callbacks).
 */
function rankScores(m: Matrix, table: Float64Array): Matrix {
  const n = m.rows;
  const d = m.cols;
  const out = new Float64Array(n * d);
  const s = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) s[i] = m.data[i * d + j];
    s.sort();
    for (let i = 0; i < n; i++) {
      const v = m.data[i * d + j];
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (s[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      let e = lo + 1;
      if (e < n && s[e] === v) {
        let h2 = n;
        while (e < h2) {
          const mid = (e + h2) >>> 1;
          if (s[mid] <= v) e = mid + 1;
          else h2 = mid;
        }
      }
      out[i * d + j] = table[lo + e + 1];
    }
  }
  return { data: out, rows: n, cols: d };
}

/**
 * Each column replaced by Φ⁻¹(r/(N+1)), r its average rank (1-based); ties share a score.
 * The scores of the N possible ranks are tabulated once per call.
 */
export function normalScores(m: Matrix): Matrix {
  const n = m.rows;
  const table = new Float64Array(2 * n + 1);
  for (let h = 2; h <= 2 * n; h++) table[h] = normalQuantile(h / 2 / (n + 1));
  return rankScores(m, table);
}

/**
 * Each column replaced by its t_ν scores F_ν⁻¹(r/(N+1)) (r the average rank; ν = Infinity gives
 * the normal scores): the margins of a t copula with ν degrees of freedom. The table is built
 * from the centre outwards with warm-started Newton steps and mirrored (F⁻¹(1 − p) = −F⁻¹(p)).
 */
export function tScores(m: Matrix, nu: number): Matrix {
  if (nu === Infinity) return normalScores(m);
  const n = m.rows;
  const table = new Float64Array(2 * n + 1);
  let prev: number | undefined;
  for (let h = n + 1; h >= 2; h--) {
    const q = h === n + 1 ? 0 : studentTQuantile(h / 2 / (n + 1), nu, prev);
    table[h] = q;
    table[2 * n + 2 - h] = -q;
    prev = h === n + 1 ? undefined : q;
  }
  return rankScores(m, table);
}

/**
 * Cholesky factor of the sample covariance of `m`; a singular covariance (constant or
 * duplicated columns) gets a ridge 1e-10·tr/d, raised ×100 until the factor exists.
 */
export function covarianceFactor(m: Matrix): Float64Array {
  const d = m.cols;
  const c = covariance(m);
  let tr = 0;
  for (let j = 0; j < d; j++) tr += c[j * d + j];
  const l = new Float64Array(d * d);
  let ridge = 0;
  let step = tr > 0 ? (1e-10 * tr) / d : 1e-10;
  for (;;) {
    const a = Float64Array.from(c);
    for (let j = 0; j < d; j++) a[j * d + j] += ridge;
    if (choleskyInto(a, d, l) < 0) return l;
    ridge = ridge === 0 ? step : ridge * 100;
    step = ridge;
  }
}

/**
 * Rows of `m`, centred by the column means, times L⁻¹: whitened rows. L is the Cholesky factor of
 * the sample covariance of `factorOf` (default `m` itself; same shape as `m`).
 */
export function whiten(m: Matrix, factorOf: Matrix = m): Matrix {
  const { rows: n, cols: d, data } = m;
  const mu = columnMeans(m);
  const l = covarianceFactor(factorOf);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = i * d;
    for (let a = 0; a < d; a++) {
      let s = data[r + a] - mu[a];
      for (let k = 0; k < a; k++) s -= l[a * d + k] * out[r + k];
      out[r + a] = s / l[a * d + a];
    }
  }
  return { data: out, rows: n, cols: d };
}

/**
 * The norm summary of one side: the squared Mahalanobis norm ‖s − s̄‖²_S of each row of the
 * t_ν scores s of `m` (`tScores`; ν = Infinity, the default: normal scores), with S the sample
 * covariance of the normal scores (a rank correlation, stable for any ν), one column; a
 * one-column side is kept as its normal scores (its norm would lose the sign).
 * For a scale mixture X = √W·Z (Student t, shared W between X and Y) the dependence sits in the
 * norms: with spherical Z the directions are independent of everything, and I(‖X‖; ‖Y‖) =
 * I(X; Y). Rank scores make the summary invariant to monotone maps of the columns (asinh of a
 * Student t sample gives the same value); scores with the margins' own ν (`fitCopulaNu`) give
 * back the spherical norm exactly, normal scores lose a little for heavy tails (bmi's
 * Student t 5 × 5, ν = 2: 0.41-0.42 for 0.448).
 */
export function normSummary(m: Matrix, nu = Infinity): Matrix {
  const z = normalScores(m);
  if (m.cols === 1) return z;
  const w = whiten(nu === Infinity ? z : tScores(m, nu), z);
  const d = m.cols;
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let q = 0;
    for (let a = 0; a < d; a++) q += w.data[i * d + a] ** 2;
    out[i] = q;
  }
  return { data: out, rows: m.rows, cols: 1 };
}

/**
 * The r leading canonical pairs of (x, y) (linear CCA on the sample covariances): u_t = a_tᵀ x̃,
 * v_t = b_tᵀ ỹ with x̃, ỹ the whitened rows, a_t the leading eigenvectors of K Kᵀ
 * (K = cov(x̃, ỹ)) and b_t = Kᵀ a_t / ρ_t. Returns [U (N × r), V (N × r), ρ (canonical
 * correlations, descending)], r = min(r, dx, dy).
 */
export function canonicalPairs(x: Matrix, y: Matrix, r: number): [Matrix, Matrix, Float64Array] {
  const n = x.rows;
  const dx = x.cols;
  const dy = y.cols;
  const wx = whiten(x);
  const wy = whiten(y);
  const k = new Float64Array(dx * dy);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dx; a++) {
      const va = wx.data[i * dx + a];
      for (let b = 0; b < dy; b++) k[a * dy + b] += va * wy.data[i * dy + b];
    }
  }
  for (let t = 0; t < k.length; t++) k[t] /= n - 1;
  const kk = new Float64Array(dx * dx);
  for (let a = 0; a < dx; a++) {
    for (let c = 0; c <= a; c++) {
      let s = 0;
      for (let b = 0; b < dy; b++) s += k[a * dy + b] * k[c * dy + b];
      kk[a * dx + c] = s;
      kk[c * dx + a] = s;
    }
  }
  const e = symmetricEigen(kk, dx);
  const rr = Math.min(r, dx, dy);
  const u = new Float64Array(n * rr);
  const v = new Float64Array(n * rr);
  const rho = new Float64Array(rr);
  const av = new Float64Array(dx);
  const bv = new Float64Array(dy);
  for (let t = 0; t < rr; t++) {
    const j = dx - 1 - t;
    rho[t] = Math.sqrt(Math.max(0, e.values[j]));
    for (let p = 0; p < dx; p++) av[p] = e.vectors![p * dx + j];
    for (let q = 0; q < dy; q++) {
      let s = 0;
      for (let p = 0; p < dx; p++) s += k[p * dy + q] * av[p];
      bv[q] = rho[t] > 0 ? s / rho[t] : s;
    }
    for (let i = 0; i < n; i++) {
      let su = 0;
      let sv = 0;
      for (let p = 0; p < dx; p++) su += av[p] * wx.data[i * dx + p];
      for (let q = 0; q < dy; q++) sv += bv[q] * wy.data[i * dy + q];
      u[i * rr + t] = su;
      v[i * rr + t] = sv;
    }
  }
  return [
    { data: u, rows: n, cols: rr },
    { data: v, rows: n, cols: rr },
    rho,
  ];
}
