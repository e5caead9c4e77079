import { InvalidArgumentError, ShapeMismatchError } from "../errors.js";
import type { Matrix } from "../types.js";

/** Wraps row-major data as a Matrix (no copy, no validation: use `toMatrix` at boundaries). */
export function matrix(data: Float64Array, rows: number, cols: number, columnNames?: readonly string[]): Matrix {
  if (data.length !== rows * cols) {
    throw new ShapeMismatchError(`matrix: data has ${data.length} values; expected rows * cols = ${rows} * ${cols}.`);
  }
  return columnNames ? { data, rows, cols, columnNames } : { data, rows, cols };
}

/** Copies rows (arrays of equal length) into a Matrix. */
export function fromRows(rows: readonly (readonly number[])[], columnNames?: readonly string[]): Matrix {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : (columnNames?.length ?? 0);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.length !== d) {
      throw new ShapeMismatchError(`fromRows: row ${i} has ${r.length} values; expected ${d} like row 0.`);
    }
    for (let j = 0; j < d; j++) data[i * d + j] = r[j];
  }
  return matrix(data, n, d, columnNames);
}

/** A single column as an n x 1 Matrix (copied). */
export function fromColumn(values: ArrayLike<number>, name?: string): Matrix {
  return matrix(Float64Array.from(values), values.length, 1, name === undefined ? undefined : [name]);
}

/** Column j as a new Float64Array. */
export function column(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j];
  return out;
}

/** The listed columns, in the given order, as a new Matrix. */
export function selectColumns(m: Matrix, cols: readonly number[]): Matrix {
  for (const c of cols) {
    if (!Number.isInteger(c) || c < 0 || c >= m.cols) {
      throw new InvalidArgumentError(`selectColumns: column index must be in [0, ${m.cols - 1}]; got ${c}.`, "cols");
    }
  }
  const d = cols.length;
  const data = new Float64Array(m.rows * d);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < d; j++) data[i * d + j] = m.data[i * m.cols + cols[j]];
  }
  const names = m.columnNames ? cols.map((c) => m.columnNames![c]) : undefined;
  return matrix(data, m.rows, d, names);
}

/** Rows `indices` of m, in that order, as a new Matrix. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const d = m.cols;
  const data = new Float64Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    data.set(m.data.subarray(i * d, i * d + d), r * d);
  }
  return matrix(data, indices.length, d, m.columnNames);
}

/** Columns of a, then columns of b, side by side. */
export function hstack(...parts: readonly Matrix[]): Matrix {
  const n = parts[0].rows;
  for (const p of parts) {
    if (p.rows !== n) throw new ShapeMismatchError(`hstack: row counts differ (${n} and ${p.rows}).`);
  }
  const d = parts.reduce((s, p) => s + p.cols, 0);
  const data = new Float64Array(n * d);
  // Column block by column block with plain loops: a subarray + set per row costs far more
  // than the copy itself for the narrow blocks typical here.
  let offset = 0;
  for (const p of parts) {
    const src = p.data;
    const c = p.cols;
    for (let i = 0; i < n; i++) {
      const from = i * c;
      const to = i * d + offset;
      for (let j = 0; j < c; j++) data[to + j] = src[from + j];
    }
    offset += c;
  }
  const names = parts.every((p) => p.columnNames) ? parts.flatMap((p) => p.columnNames!) : undefined;
  return matrix(data, n, d, names);
}
