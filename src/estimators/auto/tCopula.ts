import { logGamma } from "../../core/special/logGamma.js";
import type { Matrix } from "../../core/types.js";
import { covarianceFactor, normalScores, tScores } from "./summaries.js";

/** Degrees of freedom compared by `fitCopulaNu` (Infinity: the Gaussian copula). */
export const T_COPULA_NU_GRID: readonly number[] = Object.freeze([1, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 15, 25, 50, Infinity]);

/** Cholesky factor of the normal scores' covariance (a rank correlation matrix; ridged when singular) and its log-determinant. */
function correlationFactor(z: Matrix): { l: Float64Array; logDet: number } {
  const d = z.cols;
  const l = covarianceFactor(z);
  let logDet = 0;
  for (let j = 0; j < d; j++) logDet += 2 * Math.log(l[j * d + j]);
  return { l, logDet };
}

/**
 * Pseudo log-likelihood of a t copula with ν degrees of freedom and correlation R (the normal
 * scores' covariance) at the rank scores s_i = F_ν⁻¹(u_i) of the rows (Demarta & McNeil 2005,
 * "The t copula and related copulas", Int. Stat. Review 73(1), eq. 2.4 with the pseudo-observations
 * of Genest, Ghoudi & Rivest 1995):
 * Σ_i [log t_{d,ν}(s_i; R) − Σ_j log t_ν(s_ij)], where
 * log t_{d,ν}(s; R) = log Γ((ν+d)/2) − log Γ(ν/2) − (d/2) log(νπ) − ½ log|R| − ((ν+d)/2) log(1 + sᵀR⁻¹s/ν).
 * ν = Infinity is the Gaussian copula: Σ_i [−½ log|R| − ½ sᵢᵀR⁻¹sᵢ + ½ sᵢᵀsᵢ].
 */
export function copulaLogLikelihood(m: Matrix, nu: number, factor = correlationFactor(normalScores(m))): number {
  const { rows: n, cols: d } = m;
  const s = tScores(m, nu);
  const { l, logDet } = factor;
  const w = new Float64Array(d);
  const c1 = nu === Infinity ? 0 : logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  const cd = nu === Infinity ? 0 : logGamma((nu + d) / 2) - logGamma(nu / 2) - (d / 2) * Math.log(nu * Math.PI);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let q = 0;
    let margins = 0;
    for (let a = 0; a < d; a++) {
      const v = s.data[i * d + a];
      let r = v;
      for (let k = 0; k < a; k++) r -= l[a * d + k] * w[k];
      w[a] = r / l[a * d + a];
      q += w[a] * w[a];
      margins += nu === Infinity ? -0.5 * v * v : c1 - ((nu + 1) / 2) * Math.log1p((v * v) / nu);
    }
    const joint = nu === Infinity ? -0.5 * q : cd - ((nu + d) / 2) * Math.log1p(q / nu);
    total += joint - 0.5 * logDet - margins;
  }
  return total;
}

/**
 * Rows used to choose ν: the likelihood differences between neighbouring grid values are large
 * (hundreds of log units at 1000 rows for spherical t with ν <= 5), and each grid value costs a
 * table of t quantiles as long as the rows (about 20 ms per 5000), so the fit uses at most this many
 * rows at an even stride.
 */
const FIT_MAX_ROWS = 1000;

/** At most `maxRows` rows of `m` at an even stride (deterministic; all rows when there are fewer). */
function evenStrideRows(m: Matrix, maxRows: number): Matrix {
  if (m.rows <= maxRows) return m;
  const d = m.cols;
  const out = new Float64Array(maxRows * d);
  for (let r = 0; r < maxRows; r++) {
    const i = Math.floor((r * m.rows) / maxRows);
    for (let a = 0; a < d; a++) out[r * d + a] = m.data[i * d + a];
  }
  return { data: out, rows: maxRows, cols: d };
}

/**
 * The degrees of freedom of the t copula that fits the columns of one side best, by pseudo
 * maximum likelihood over T_COPULA_NU_GRID (ties go to the larger ν). A one-column side has no
 * copula: Infinity. Gaussian data give Infinity (or a large ν); spherical Student t_ν data give ν.
 * Uses only that side's data (at most `maxRows` rows at an even stride), so the summary built
 * from it stays a function of that side (the data-processing bound holds).
 */
export function fitCopulaNu(m: Matrix, maxRows = FIT_MAX_ROWS): { nu: number; logLikelihoods: readonly number[] } {
  if (m.cols === 1) return { nu: Infinity, logLikelihoods: [] };
  const rows = evenStrideRows(m, maxRows);
  const factor = correlationFactor(normalScores(rows));
  const ll = T_COPULA_NU_GRID.map((nu) => copulaLogLikelihood(rows, nu, factor));
  let best = 0;
  for (let i = 1; i < ll.length; i++) if (ll[i] >= ll[best]) best = i;
  return { nu: T_COPULA_NU_GRID[best], logLikelihoods: Object.freeze(ll) };
}
