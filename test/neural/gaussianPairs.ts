import { createRng } from "../../src/core/random/rng.js";
import type { Matrix } from "../../src/core/types.js";

/** x, y each d-dimensional, coordinate pairs (x_k, y_k) with correlation rho: I = -d/2 log(1 - rho^2). */
export function gaussianPairs(n: number, d: number, rho: number, seed: number): { x: Matrix; y: Matrix; truth: number } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    const a = rng.normal();
    x[i] = a;
    y[i] = rho * a + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return { x: { data: x, rows: n, cols: d }, y: { data: y, rows: n, cols: d }, truth: (-d / 2) * Math.log(1 - rho * rho) };
}
