/** Seeded samples with known higher-order structure, shared by the measures tests. */
import { matrix } from "../../src/core/data/matrix.js";
import { multivariateNormal } from "../../src/core/random/multivariateNormal.js";
import { createRng } from "../../src/core/random/rng.js";
import type { Matrix } from "../../src/core/types.js";

/** n x n equicorrelated covariance (1 on the diagonal, rho elsewhere), row-major. */
export function equicorrelated(n: number, rho: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] = i === j ? 1 : rho;
  return c;
}

/** N rows of N(0, cov). */
export function gaussianSample(cov: Float64Array, rows: number, seed: number): Matrix {
  const d = Math.round(Math.sqrt(cov.length));
  return multivariateNormal(createRng(seed), new Array(d).fill(0), cov, rows);
}

/** One-column matrices, one per column of m. */
export function splitColumns(m: Matrix): Matrix[] {
  const out: Matrix[] = [];
  for (let j = 0; j < m.cols; j++) {
    const d = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) d[i] = m.data[i * m.cols + j];
    out.push(matrix(d, m.rows, 1));
  }
  return out;
}

/**
 * Redundant system: three noisy copies of one source, x_j = z + sigma e_j. Omega > 0.
 * Synergistic system: x1, x2 independent, x3 = x1 + x2 + sigma e. Omega < 0 (for Gaussians with
 * small sigma the sum is a synergistic target: each input alone tells little about x3).
 */
export function redundantAndSynergistic(rows: number, sigma: number, seed: number): { redundant: Matrix[]; synergistic: Matrix[] } {
  const rng = createRng(seed);
  const red = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  const syn = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  for (let i = 0; i < rows; i++) {
    const z = rng.normal();
    for (const r of red) r[i] = z + sigma * rng.normal();
    const a = rng.normal();
    const b = rng.normal();
    syn[0][i] = a;
    syn[1][i] = b;
    syn[2][i] = a + b + sigma * rng.normal();
  }
  return { redundant: red.map((d) => matrix(d, rows, 1)), synergistic: syn.map((d) => matrix(d, rows, 1)) };
}

/** All 2^k bit patterns (rows), each once. */
export function allBits(k: number): number[][] {
  const out: number[][] = [];
  for (let v = 0; v < 1 << k; v++) out.push(Array.from({ length: k }, (_, j) => (v >> (k - 1 - j)) & 1));
  return out;
}

/** Columns of integer rows as separate code arrays. */
export function columnsOf(rows: readonly (readonly number[])[]): number[][] {
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}
