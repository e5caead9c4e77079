/**
 * The in-memory form of a data file: named columns, each either numeric (Float64) or text.
 * Produced by every parser in src/io (CSV/TSV, NPY, Arrow IPC, Parquet, JSON) and by
 * `readTable` in src/node.
 *
 * Missing cells (an empty CSV field, JSON/Arrow/Parquet null, a NaN in a binary float column)
 * are explicit: `missing[i] === 1` for row i, `missingCount` counts them; a numeric column holds
 * NaN at a missing row and a text column holds "". Nothing is coerced or dropped while parsing:
 * a column is numeric iff every non-missing cell is a number, otherwise it keeps the original
 * strings (so discrete columns can become Labels).
 */

export interface NumericColumn {
  readonly kind: "numeric";
  readonly name: string;
  /** One value per row; NaN where `missing[i] === 1`. Binary formats may also carry +-Infinity. */
  readonly values: Float64Array;
  /** 1 where the cell is missing; absent when `missingCount === 0`. */
  readonly missing?: Uint8Array;
  readonly missingCount: number;
}

export interface TextColumn {
  readonly kind: "text";
  readonly name: string;
  /** The cells exactly as written in the file ("" where missing). */
  readonly values: readonly string[];
  readonly missing?: Uint8Array;
  readonly missingCount: number;
}

export type Column = NumericColumn | TextColumn;

export type TableFormat = "csv" | "npy" | "arrow" | "parquet" | "json";

export interface Table {
  readonly names: readonly string[];
  readonly columns: readonly Column[];
  readonly rows: number;
  /** File name or path used in error messages; absent for anonymous input. */
  readonly source?: string;
  readonly format: TableFormat;
  /**
   * For text formats (CSV/TSV): the 1-based line in the source where each data row starts,
   * counting the header line. Absent for binary formats and JSON, whose rows are named by their
   * 0-based index.
   */
  readonly lines?: Uint32Array;
  /** 0-based index in the source of row 0, when the table is a slice (Parquet `rowStart`). */
  readonly firstRow?: number;
}

/** `"cars.csv: "` or `""`: the prefix every io error message starts with. */
export function sourcePrefix(source: string | undefined): string {
  return source === undefined || source === "" ? "" : `${source}: `;
}

/**
 * Human-readable location of data row `row` (0-based): `line 17` for CSV, `row 16` otherwise
 * (counted in the source, so a Parquet slice names rows of the file).
 */
export function rowLocation(table: Table, row: number): string {
  return table.lines ? `line ${table.lines[row]}` : `row ${row + (table.firstRow ?? 0)}`;
}

/** Quotes and shortens a cell for an error message. */
export function quoteCell(s: string): string {
  const t = s.length > 40 ? s.slice(0, 40) + "..." : s;
  return JSON.stringify(t);
}

/** Builds the `missing` mask fields of a column from a 0/1 mask (dropped when all zero). */
export function missingFields(mask: Uint8Array): { missing?: Uint8Array; missingCount: number } {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  return count === 0 ? { missingCount: 0 } : { missing: mask, missingCount: count };
}
