import { stat } from "node:fs/promises";
import { selectColumns as selectMatrixColumns } from "../core/data/matrix.js";
import { ParseError } from "../core/errors.js";
import type { Matrix } from "../core/types.js";
import { numericMatrix } from "../io/numericMatrix.js";
import { parseColumnSpec } from "../io/parseColumnSpec.js";
import type { Table, TableFormat } from "../io/table.js";
import { readTable } from "../node/readTable.js";
import type { CliIo } from "./cliIo.js";
import { readingProgress } from "./progress.js";
import { DataError } from "./usageError.js";

/**
 * Reads a data file by its extension (csv, tsv, npy, arrow, parquet, json) with `readTable`.
 * A file that cannot be opened is reported by the system error (exit code 1, "other"), before
 * any parsing.
 */
export async function loadTable(file: string, progress?: { io: CliIo; force: boolean }, format?: TableFormat): Promise<Table> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: "EISDIR", path: file });
  const base = format ? { format } : {};
  if (!progress) return readTable(file, base);
  const bar = readingProgress(progress.io, progress.force);
  try {
    return await readTable(file, { ...base, onProgress: bar.onProgress });
  } finally {
    bar.stop();
  }
}

/** Groups of columns of a table (X, Y, Z) as numeric matrices over the same rows. */
export interface Selection {
  readonly matrices: readonly Matrix[];
  readonly names: readonly (readonly string[])[];
  readonly indices: readonly (readonly number[])[];
  /** Rows in the matrices. */
  readonly rows: number;
  /** Rows left out because of a missing cell in a selected column (only with dropMissing). */
  readonly dropped: number;
}

/** Column indices of a column spec (names, 0-based indices, ranges `0-4`, comma-separated). @throws InvalidArgumentError */
export function resolveColumns(table: Table, spec: string, arg: string): number[] {
  return parseColumnSpec(spec, table.names, arg);
}

/**
 * The groups of columns as numeric matrices. Every selected cell must be a finite number; with
 * `dropMissing`, rows with a missing (empty) cell in any selected column are left out of every
 * group instead.
 * @throws ParseError or NonFiniteValueError naming file, line (or row) and column of the first
 *   missing, non-numeric or non-finite cell (exit code 3).
 */
export function selectGroups(table: Table, groups: readonly (readonly number[])[], dropMissing = false, canDrop = true): Selection {
  const all = groups.flat();
  let m: Matrix;
  try {
    m = numericMatrix(table, all, { onMissing: dropMissing ? "drop" : "error" });
  } catch (e) {
    if (canDrop && e instanceof ParseError && /missing \(empty\) cell/.test(e.message)) {
      throw new DataError(`${e.message.replace(/\.$/, "")}; --drop-missing leaves such rows out.`, { cause: e });
    }
    throw e;
  }
  const matrices: Matrix[] = [];
  let offset = 0;
  for (const g of groups) {
    matrices.push(selectMatrixColumns(m, g.map((_, k) => offset + k)));
    offset += g.length;
  }
  return {
    matrices,
    names: groups.map((g) => g.map((j) => table.names[j])),
    indices: groups,
    rows: m.rows,
    dropped: table.rows - m.rows,
  };
}

/**
 * Requires more than `needMoreThan` rows (N > k for kNN estimators).
 * @throws DataError
 */
export function assertEnoughRows(file: string, rows: number, needMoreThan: number, why: string, dropped = 0): void {
  if (rows <= needMoreThan) {
    const after = dropped > 0 ? ` after dropping ${dropped} with missing values` : "";
    throw new DataError(`${file}: ${rows === 0 ? "no" : rows} data rows${after}; need more than ${needMoreThan} (${why}).`);
  }
}

/** The stderr note for dropped rows. */
export function droppedNote(file: string, sel: Selection): string {
  return `note: ${file}: dropped ${sel.dropped} of ${sel.rows + sel.dropped} rows with a missing value in a selected column; ${sel.rows} rows remain.\n`;
}
