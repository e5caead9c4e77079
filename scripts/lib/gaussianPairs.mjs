// Shared by the neural benchmark scripts: the d+d Gaussian they train on.

/**
 * n rows of a d+d Gaussian with y = rho x + sqrt(1 - rho^2) e per coordinate pair
 * (I = -d/2 log(1 - rho^2) nats), drawn from `rng` (minfo's createRng): x then e per entry.
 */
export function gaussianPairs(rng, n, d, rho) {
  const c = Math.sqrt(1 - rho * rho);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    x[i] = rng.normal();
    y[i] = rho * x[i] + c * rng.normal();
  }
  return { x: { data: x, rows: n, cols: d }, y: { data: y, rows: n, cols: d } };
}
