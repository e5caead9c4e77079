import { stat } from "node:fs/promises";
import type { Matrix } from "../core/types.js";
import { numericMatrix } from "../io/numericMatrix.js";
import { parseColumnSpec } from "../io/parseColumnSpec.js";
import type { Table } from "../io/table.js";
import { readTable } from "../node/readTable.js";
import type { CliIo } from "./cliIo.js";
import { readingProgress } from "./progress.js";
import { DataError } from "./usageError.js";

/**
 * Reads a data file by its extension (csv, tsv, npy, arrow, parquet, json) with `readTable`.
 * A file that cannot be opened is reported by the system error (exit code 1, "other"), before
 * any parsing.
 */
export async function loadTable(file: string, progress?: { io: CliIo; force: boolean }): Promise<Table> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: "EISDIR", path: file });
  if (!progress) return readTable(file);
  const bar = readingProgress(progress.io, progress.force);
  try {
    return await readTable(file, { onProgress: bar.onProgress });
  } finally {
    bar.stop();
  }
}

/** Selected columns of a table as a validated numeric Matrix, with their names. */
export interface Selection {
  readonly matrix: Matrix;
  readonly names: readonly string[];
  readonly indices: readonly number[];
}

/**
 * Resolves a column spec (names, 0-based indices, ranges `0-4`, comma-separated) against the
 * table and returns those columns as a Matrix.
 * @throws InvalidArgumentError for an unknown column (usage error); ParseError or
 *   NonFiniteValueError naming file, line and column for a missing, non-numeric or non-finite cell.
 */
export function selectColumns(table: Table, spec: string, arg: string): Selection {
  return selectIndices(table, parseColumnSpec(spec, table.names, arg));
}

/** Columns `indices` (0-based, valid) as a numeric Matrix. */
export function selectIndices(table: Table, indices: readonly number[]): Selection {
  const matrix = numericMatrix(table, indices);
  return { matrix, names: indices.map((j) => table.names[j]), indices };
}

/**
 * Requires more than `needMoreThan` data rows (N > k for kNN estimators).
 * @throws DataError
 */
export function assertEnoughRows(table: Table, file: string, needMoreThan: number, why: string): void {
  if (table.rows <= needMoreThan) {
    throw new DataError(`${file}: ${table.rows === 0 ? "no" : table.rows} data rows; need more than ${needMoreThan} (${why}).`);
  }
}
