import type { Matrix } from "../../core/types.js";
import { normalCdf } from "../../core/special/normalCdf.js";
import type { MatrixTransform } from "./transform.js";

/** Applies the strictly monotone scalar map f to every entry (bmi applies its 1-D maps coordinate-wise). */
export function elementwise(id: string, f: (v: number) => number): MatrixTransform {
  return Object.freeze({
    id,
    outputDim: (d: number) => d,
    apply(m: Matrix): Matrix {
      const out = new Float64Array(m.data.length);
      for (let i = 0; i < out.length; i++) out[i] = f(m.data[i]);
      return { data: out, rows: m.rows, cols: m.cols };
    },
  });
}

/** x·√|x|, the signed x^{3/2} (bmi's `half_cube`); strictly increasing on ℝ. */
export function halfCube(x: number): number {
  return x * Math.sqrt(Math.abs(x));
}

/**
 * bmi's wiggly map for X: f(x) = x + 0.4 sin x + 0.2 sin(1.7x + 1) + 0.03 sin(3.3x − 2.5).
 * f'(x) >= 1 − 0.4 − 0.34 − 0.099 = 0.161 > 0, so f is strictly increasing.
 */
export function wigglyX(x: number): number {
  return x + 0.4 * Math.sin(x) + 0.2 * Math.sin(1.7 * x + 1) + 0.03 * Math.sin(3.3 * x - 2.5);
}

/**
 * bmi's wiggly map for Y: g(y) = y − 0.4 sin(0.4y) + 0.17 sin(1.3y + 3.5) + 0.02 sin(4.3y − 2.5).
 * g'(y) >= 1 − 0.16 − 0.221 − 0.086 = 0.533 > 0.
 */
export function wigglyY(y: number): number {
  return y - 0.4 * Math.sin(0.4 * y) + 0.17 * Math.sin(1.3 * y + 3.5) + 0.02 * Math.sin(4.3 * y - 2.5);
}

/** Φ coordinate-wise: maps ℝ onto (0, 1) (bmi's `normal_cdf`). */
export const normalCdfTransform: MatrixTransform = elementwise("normal_cdf", normalCdf);
/** x·√|x| coordinate-wise (bmi's `half_cube`). */
export const halfCubeTransform: MatrixTransform = elementwise("half_cube", halfCube);
/** asinh coordinate-wise (bmi's `asinh`; tames Student-t tails). */
export const asinhTransform: MatrixTransform = elementwise("asinh", Math.asinh);
/** x³ coordinate-wise (the SMILE staircase's cubic variant). */
export const cubeTransform: MatrixTransform = elementwise("cubic", (v) => v * v * v);
/** `wigglyX` coordinate-wise. */
export const wigglyXTransform: MatrixTransform = elementwise("wiggly", wigglyX);
/** `wigglyY` coordinate-wise. */
export const wigglyYTransform: MatrixTransform = elementwise("wiggly", wigglyY);
