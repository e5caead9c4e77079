import type { Matrix } from "../types.js";
import { matrix } from "./matrix.js";

export interface ColumnStats {
  readonly mean: Float64Array;
  /** Sample standard deviation (ddof 0, like numpy's default and bmi's z-scoring). */
  readonly sd: Float64Array;
  /** Indices of columns with zero spread. */
  readonly constantColumns: readonly number[];
}

/** Per-column mean and SD, two-pass for accuracy. */
export function columnStats(m: Matrix): ColumnStats {
  const { data, rows, cols } = m;
  const mean = new Float64Array(cols);
  const sd = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j] - mean[j];
      sd[j] += d * d;
    }
  }
  const constantColumns: number[] = [];
  for (let j = 0; j < cols; j++) {
    sd[j] = Math.sqrt(sd[j] / rows);
    if (!(sd[j] > 0) || isConstant(m, j)) {
      sd[j] = 0;
      constantColumns.push(j);
    }
  }
  return { mean, sd, constantColumns };
}

function isConstant(m: Matrix, j: number): boolean {
  const first = m.data[j];
  for (let i = 1; i < m.rows; i++) if (m.data[i * m.cols + j] !== first) return false;
  return true;
}

/**
 * Centres each column and scales it to unit SD (a copy). Constant columns become all zeros.
 * Values near +-1e300 are first scaled by a power of two so that squares do not overflow.
 */
export function standardize(m: Matrix, stats: ColumnStats = columnStats(safeScale(m))): Matrix {
  const src = safeScale(m);
  const { rows, cols } = src;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const s = stats.sd[j];
      out[i * cols + j] = s > 0 ? (src.data[i * cols + j] - stats.mean[j]) / s : 0;
    }
  }
  return matrix(out, rows, cols, m.columnNames);
}

/**
 * Rescales columns whose magnitude would overflow when squared (|v| > 1e150) or lose all
 * precision when tiny, by an exact power of two per column. Returns m itself when none does.
 */
export function safeScale(m: Matrix): Matrix {
  const { data, rows, cols } = m;
  const maxAbs = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const a = Math.abs(data[i * cols + j]);
      if (a > maxAbs[j]) maxAbs[j] = a;
    }
  }
  const factor = new Float64Array(cols).fill(1);
  let any = false;
  for (let j = 0; j < cols; j++) {
    if (maxAbs[j] > 1e150 || (maxAbs[j] > 0 && maxAbs[j] < 1e-150)) {
      factor[j] = Math.pow(2, -Math.round(Math.log2(maxAbs[j])));
      any = true;
    }
  }
  if (!any) return m;
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = data[i * cols + j] * factor[j];
  return matrix(out, rows, cols, m.columnNames);
}
