import { createRng } from "../../../src/core/random/rng.js";
import type { Matrix } from "../../../src/core/types.js";

/** N rows of a bivariate Gaussian with correlation rho (x and y one column each). */
export function gaussianPair(n: number, rho: number, seed: number): [Matrix, Matrix] {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const c = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    y[i] = rho * x[i] + c * rng.normal();
  }
  return [
    { data: x, rows: n, cols: 1 },
    { data: y, rows: n, cols: 1 },
  ];
}

/** True MI of the bivariate Gaussian, nats. */
export const gaussianTruth = (rho: number): number => -0.5 * Math.log(1 - rho * rho);
