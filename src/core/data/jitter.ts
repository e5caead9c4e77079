import type { Rng } from "../random/rng.js";
import type { Matrix } from "../types.js";
import { matrix } from "./matrix.js";

/**
 * Adds seeded i.i.d. normal noise of SD `relative * sd[j]` to the listed columns (a copy).
 * Sized to each column's spread after centring, so the effect does not depend on the data's
 * units (NPEET's absolute noise does). Columns with sd = 0 are left alone: they are constant
 * and carry no information.
 */
export function addJitter(m: Matrix, columns: readonly number[], sd: ArrayLike<number>, relative: number, rng: Rng): Matrix {
  const out = Float64Array.from(m.data);
  const { rows, cols } = m;
  for (const j of columns) {
    const scale = relative * sd[j];
    if (!(scale > 0)) continue;
    const stream = rng.fork(j);
    for (let i = 0; i < rows; i++) out[i * cols + j] += scale * stream.normal();
  }
  return matrix(out, rows, cols, m.columnNames);
}
