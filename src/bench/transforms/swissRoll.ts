import { ShapeMismatchError } from "../../core/errors.js";
import type { Matrix } from "../../core/types.js";
import type { MatrixTransform } from "./transform.js";

/**
 * bmi's Swiss-roll embedding of u ∈ (0, 1) into the plane: t = 1.5π(1 + 2u),
 * (u) ↦ (t cos t, t sin t) / 21. Injective: the distance from the origin, t / 21, is strictly
 * increasing in u (`swissRollInverse` recovers u = (21 ‖p‖ / 1.5π − 1) / 2). Applied to X = Φ(X₀)
 * of the binormal task.
 */
export const swissRoll: MatrixTransform = Object.freeze({
  id: "swissroll_x",
  outputDim: () => 2,
  apply(m: Matrix): Matrix {
    if (m.cols !== 1) throw new ShapeMismatchError(`swissRoll: input must have 1 column; got ${m.cols}.`);
    const out = new Float64Array(2 * m.rows);
    for (let r = 0; r < m.rows; r++) {
      const t = 1.5 * Math.PI * (1 + 2 * m.data[r]);
      out[2 * r] = (t * Math.cos(t)) / 21;
      out[2 * r + 1] = (t * Math.sin(t)) / 21;
    }
    return { data: out, rows: m.rows, cols: 2 };
  },
});

/** Recovers u from a Swiss-roll point (x, y): u = (21 √(x² + y²) / 1.5π − 1) / 2. */
export function swissRollInverse(x: number, y: number): number {
  return ((21 * Math.hypot(x, y)) / (1.5 * Math.PI) - 1) / 2;
}
