/** Seeded samplers with closed-form information values, shared by the kNN estimator tests. */
import { matrix } from "../../src/core/data/matrix.js";
import { createRng } from "../../src/core/random/rng.js";
import { digamma } from "../../src/core/special/digamma.js";
import { logGamma } from "../../src/core/special/logGamma.js";
import type { Matrix } from "../../src/core/types.js";

/** n x d standard normal matrix from createRng(seed). */
export function normals(n: number, d: number, seed: number): Matrix {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return matrix(data, n, d);
}

/**
 * Paired Gaussians with per-coordinate correlations rho[c]: x ~ N(0, I), y_c = rho_c x_c +
 * sqrt(1 - rho_c^2) e_c. Exact MI = -1/2 sum_c log(1 - rho_c^2).
 */
export function correlatedGaussian(n: number, rho: readonly number[], seed: number): { x: Matrix; y: Matrix; mi: number } {
  const d = rho.length;
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      const a = rng.normal();
      const e = rng.normal();
      x[i * d + c] = a;
      y[i * d + c] = rho[c] * a + Math.sqrt(1 - rho[c] * rho[c]) * e;
    }
  }
  const mi = -0.5 * rho.reduce((s, r) => s + Math.log(1 - r * r), 0);
  return { x: matrix(x, n, d), y: matrix(y, n, d), mi };
}

/** X ~ U(0,1), Y = X + U(-eps, eps); I = eps - log(2 eps) for eps <= 1/2, else 1/(4 eps). */
export function additiveUniform(n: number, eps: number, seed: number): { x: Matrix; y: Matrix; mi: number } {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.float64();
    y[i] = x[i] + eps * (2 * rng.float64() - 1);
  }
  const mi = eps <= 0.5 ? eps - Math.log(2 * eps) : 1 / (4 * eps);
  return { x: matrix(x, n, 1), y: matrix(y, n, 1), mi };
}

/** h(k) of the multivariate Student-t MI correction (Arellano-Valle et al. 2013). */
function studentH(k: number, nu: number): number {
  return (
    -logGamma((nu + k) / 2) +
    logGamma(nu / 2) +
    (k / 2) * Math.log(nu * Math.PI) +
    ((nu + k) / 2) * (digamma((nu + k) / 2) - digamma(nu / 2))
  );
}

/** Exact MI of a multivariate t with identity dispersion split into dx + dy coordinates. */
export function studentIdentityMi(dx: number, dy: number, nu: number): number {
  return studentH(dx, nu) + studentH(dy, nu) - studentH(dx + dy, nu);
}

/**
 * Multivariate Student-t with identity dispersion: (x, y) = Z / sqrt(W / nu), Z ~ N(0, I),
 * W ~ chi2_nu (a sum of nu squared normals, nu integer), one W per row shared by x and y.
 */
export function studentIdentity(n: number, dx: number, dy: number, nu: number, seed: number): { x: Matrix; y: Matrix; mi: number } {
  const rng = createRng(seed);
  const x = new Float64Array(n * dx);
  const y = new Float64Array(n * dy);
  for (let i = 0; i < n; i++) {
    let w = 0;
    for (let t = 0; t < nu; t++) {
      const g = rng.normal();
      w += g * g;
    }
    const s = 1 / Math.sqrt(w / nu);
    for (let c = 0; c < dx; c++) x[i * dx + c] = rng.normal() * s;
    for (let c = 0; c < dy; c++) y[i * dy + c] = rng.normal() * s;
  }
  return { x: matrix(x, n, dx), y: matrix(y, n, dy), mi: studentIdentityMi(dx, dy, nu) };
}

/** Sample mean and SD (ddof 1). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}
