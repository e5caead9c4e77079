import type { Matrix } from "../types.js";

/**
 * For each column, whether two rows share exactly the same value. O(n log n) per column.
 * kNN estimators need this: a repeated value gives zero distances and biased counts.
 */
export function columnsWithTies(m: Matrix): number[] {
  const { data, rows, cols } = m;
  const buf = new Float64Array(rows);
  const tied: number[] = [];
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) buf[i] = data[i * cols + j];
    buf.sort();
    for (let i = 1; i < rows; i++) {
      if (buf[i] === buf[i - 1]) {
        tied.push(j);
        break;
      }
    }
  }
  return tied;
}
