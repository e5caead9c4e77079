import type { Rng } from "./rng.js";
import { positiveNumber } from "./checkArgs.js";

/** Marsaglia-Tsang squeeze-and-reject for shape >= 1 (unit scale). */
function gammaAtLeastOne(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.float64(); // (0, 1]: log(u) is finite
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v; // squeeze: accepts ~98 %
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * One draw from Gamma(shape, scale) (density x^(shape-1) e^(-x/scale) / (Gamma(shape) scale^shape);
 * mean shape * scale, variance shape * scale^2).
 *
 * Method: Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS
 * 26(3):363-372: for shape >= 1, d = shape - 1/3, c = 1/sqrt(9d), propose d (1 + c Z)^3 with
 * the squeeze 1 - 0.0331 Z^4 and the log acceptance test. For shape < 1 the boost
 * Gamma(a) = Gamma(a + 1) U^(1/a) (their sec. 6), computed in logs so tiny shapes do not
 * underflow before the final exp. Uses rng.normal() and rng.float64().
 *
 * @throws InvalidArgumentError when shape or scale is not a finite number > 0.
 */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  positiveNumber("gamma", "shape", shape);
  positiveNumber("gamma", "scale", scale);
  if (shape >= 1) return scale * gammaAtLeastOne(rng, shape);
  const g = gammaAtLeastOne(rng, shape + 1);
  const u = 1 - rng.float64();
  return scale * Math.exp(Math.log(g) + Math.log(u) / shape);
}
