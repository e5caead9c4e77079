import { InvalidArgumentError, ShapeMismatchError } from "../../core/errors.js";
import type { Matrix } from "../../core/types.js";
import type { MatrixTransform } from "./transform.js";

export interface SpiralOptions {
  /** Dimension n of the rows it applies to (n >= 2). */
  readonly dim: number;
  /** The generator acts on the plane (i, j), 0 <= i < j < n: A[i][j] = −1, A[j][i] = 1. */
  readonly i?: number;
  readonly j?: number;
  /** s in exp(s ‖x‖² A); bmi uses speed / dim with speed = 1. */
  readonly speed: number;
}

/**
 * bmi's spiral x ↦ exp(s ‖x‖² A) x, with A the so(n) generator of the plane (i, j). For this A the
 * matrix exponential is a rotation by θ = s ‖x‖² in that plane:
 * x_i ↦ cos θ x_i − sin θ x_j, x_j ↦ sin θ x_i + cos θ x_j, other coordinates unchanged.
 * Rotations preserve ‖x‖, so the map is a bijection of ℝⁿ with inverse y ↦ exp(−s ‖y‖² A) y
 * (`spiralInverse`); MI is unchanged.
 *
 * @throws InvalidArgumentError for dim < 2, a bad plane or a non-finite speed.
 */
export function spiral(options: SpiralOptions): MatrixTransform {
  return makeSpiral(options, 1);
}

/** The inverse of `spiral(options)`: the rotation by −s ‖y‖². */
export function spiralInverse(options: SpiralOptions): MatrixTransform {
  return makeSpiral(options, -1);
}

function makeSpiral(options: SpiralOptions, sign: 1 | -1): MatrixTransform {
  const fn = "spiral";
  const { dim, speed } = options;
  const p = options.i ?? 0;
  const q = options.j ?? 1;
  if (!Number.isSafeInteger(dim) || dim < 2) throw new InvalidArgumentError(`${fn}: dim must be an integer >= 2; got ${String(dim)}.`, "dim");
  if (!Number.isInteger(p) || !Number.isInteger(q) || !(0 <= p && p < q && q < dim)) {
    throw new InvalidArgumentError(`${fn}: the plane must satisfy 0 <= i < j < dim = ${dim}; got i = ${p}, j = ${q}.`, "i");
  }
  if (!Number.isFinite(speed)) throw new InvalidArgumentError(`${fn}: speed must be finite; got ${String(speed)}.`, "speed");
  const s = sign * speed;
  return Object.freeze({
    id: "spiral",
    outputDim: (d: number) => d,
    apply(m: Matrix): Matrix {
      if (m.cols !== dim) throw new ShapeMismatchError(`${fn}: rows must have ${dim} columns; got ${m.cols}.`);
      const out = Float64Array.from(m.data);
      for (let r = 0; r < m.rows; r++) {
        const o = r * dim;
        let norm2 = 0;
        for (let c = 0; c < dim; c++) norm2 += out[o + c] * out[o + c];
        const theta = s * norm2;
        const cs = Math.cos(theta);
        const sn = Math.sin(theta);
        const a = out[o + p];
        const b = out[o + q];
        out[o + p] = cs * a - sn * b;
        out[o + q] = sn * a + cs * b;
      }
      return { data: out, rows: m.rows, cols: dim };
    },
  });
}
