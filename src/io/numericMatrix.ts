import { InvalidArgumentError, NonFiniteValueError, ParseError } from "../core/errors.js";
import type { Matrix } from "../core/types.js";
import { describeNonNumber, parseNumberStrict } from "./parseNumber.js";
import { quoteCell, rowLocation, sourcePrefix, type Table } from "./table.js";

export interface NumericMatrixOptions {
  /**
   * What to do with a missing cell in a selected column: "error" (default) throws naming its
   * line/row and column; "drop" leaves out every row with a missing cell in a selected column.
   */
  readonly onMissing?: "error" | "drop";
}

function checkColumns(table: Table, columns: readonly number[], fn: string): void {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InvalidArgumentError(`${fn}: columns must be a non-empty array of column indices; got ${JSON.stringify(columns)}.`, "columns");
  }
  for (const j of columns) {
    if (!Number.isInteger(j) || j < 0 || j >= table.columns.length) {
      throw new InvalidArgumentError(`${fn}: column index must be an integer in [0, ${table.columns.length - 1}]; got ${j}.`, "columns");
    }
  }
}

/**
 * The selected columns of a table as an n x d row-major Matrix (with `columnNames`). Numeric
 * columns are copied; text columns are parsed cell by cell with the strict number syntax
 * (`parseNumberStrict`), so a column kept as text because of one bad cell reports that cell.
 *
 * @throws ParseError naming the file, the line (CSV) or 0-based row, and the column name for the
 *   first missing (unless `onMissing: "drop"`) or non-numeric cell, e.g.
 *   `cars.csv: line 17, column "Horsepower": expected a number; got "n/a".`
 * @throws NonFiniteValueError for NaN/Infinity stored in a binary numeric column.
 * @throws InvalidArgumentError for bad column indices.
 */
export function numericMatrix(table: Table, columns: readonly number[], options: NumericMatrixOptions = {}): Matrix {
  const fn = "numericMatrix";
  checkColumns(table, columns, fn);
  const onMissing = options.onMissing ?? "error";
  if (onMissing !== "error" && onMissing !== "drop") {
    throw new InvalidArgumentError(`${fn}: options.onMissing must be "error" or "drop"; got ${JSON.stringify(onMissing)}.`, "options.onMissing");
  }
  const n = table.rows;
  const d = columns.length;
  const prefix = sourcePrefix(table.source);
  const where = (row: number, name: string): string => `${prefix}${rowLocation(table, row)}, column ${JSON.stringify(name)}`;
  const loc = (row: number, name: string) => ({ file: table.source, line: table.lines ? table.lines[row] : undefined, column: name });

  // Rows to keep: all, or those without a missing cell in a selected column.
  let keep: Uint8Array | null = null;
  let m = n;
  if (onMissing === "drop") {
    keep = new Uint8Array(n).fill(1);
    for (const j of columns) {
      const mask = table.columns[j].missing;
      if (mask) for (let i = 0; i < n; i++) if (mask[i]) keep[i] = 0;
    }
    m = 0;
    for (let i = 0; i < n; i++) m += keep[i];
  } else {
    // Report the first missing cell in file order.
    let firstRow = n;
    let firstCol = -1;
    for (const j of columns) {
      const mask = table.columns[j].missing;
      if (!mask) continue;
      const i = mask.indexOf(1);
      if (i >= 0 && i < firstRow) {
        firstRow = i;
        firstCol = j;
      }
    }
    if (firstCol >= 0) {
      const c = table.columns[firstCol];
      throw new ParseError(
        `${where(firstRow, c.name)}: expected a number; got a missing (empty) cell (${c.missingCount} missing in this column).`,
        loc(firstRow, c.name),
      );
    }
  }

  const data = new Float64Array(m * d);
  // First bad cell, in file order, across the selected columns.
  let badRow = n;
  let badCol = -1;
  let badWhy = "";
  for (let k = 0; k < d; k++) {
    const j = columns[k];
    const c = table.columns[j];
    let r = 0;
    for (let i = 0; i < n && i < badRow; i++) {
      if (keep !== null && keep[i] === 0) continue;
      let v: number;
      if (c.kind === "numeric") {
        v = c.values[i];
        if (!Number.isFinite(v)) {
          badRow = i;
          badCol = k;
          badWhy = `numeric:${v}`;
          break;
        }
      } else {
        const s = c.values[i];
        v = parseNumberStrict(s);
        if (v !== v) {
          badRow = i;
          badCol = k;
          badWhy = s;
          break;
        }
      }
      data[r * d + k] = v;
      r++;
    }
  }
  if (badCol >= 0) {
    const c = table.columns[columns[badCol]];
    if (c.kind === "numeric") {
      const v = c.values[badRow];
      throw new NonFiniteValueError(`${where(badRow, c.name)}: expected a finite number; got ${v}.`, "table", badRow, columns[badCol]);
    }
    const why = describeNonNumber(badWhy);
    const expected = why === "not a number" ? "a number" : "a finite number";
    const tail = why === "overflows to Infinity" ? " (overflows to Infinity)" : "";
    throw new ParseError(`${where(badRow, c.name)}: expected ${expected}; got ${quoteCell(badWhy)}${tail}.`, loc(badRow, c.name));
  }
  return { data, rows: m, cols: d, columnNames: columns.map((j) => table.names[j]) };
}

/** Per selected column: how many cells are missing and where the first one is (0-based row). */
export interface MissingSummary {
  readonly column: number;
  readonly name: string;
  readonly count: number;
  readonly firstRow: number;
  /** 1-based line of the first missing cell, for text formats. */
  readonly firstLine?: number;
}

/** Missing-cell counts for the given columns (all columns by default); only columns with any. */
export function missingSummary(table: Table, columns?: readonly number[]): MissingSummary[] {
  const cols = columns ?? table.columns.map((_, j) => j);
  if (columns !== undefined) checkColumns(table, columns, "missingSummary");
  const out: MissingSummary[] = [];
  for (const j of cols) {
    const c = table.columns[j];
    if (c.missingCount === 0 || !c.missing) continue;
    const firstRow = c.missing.indexOf(1);
    const s = { column: j, name: c.name, count: c.missingCount, firstRow };
    out.push(table.lines ? { ...s, firstLine: table.lines[firstRow] } : s);
  }
  return out;
}
