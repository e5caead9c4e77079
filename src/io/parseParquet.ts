import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { InvalidArgumentError, MinfoError, ParseError } from "../core/errors.js";
import { columnFromValues } from "./columnFromValues.js";
import { sourcePrefix, type Column, type Table } from "./table.js";

export interface ParquetOptions {
  /** Name of the file, used in error messages and kept as `table.source`. */
  readonly source?: string;
  /** First row to read (0-based, inclusive); default 0. */
  readonly rowStart?: number;
  /** Row after the last one to read (exclusive); default all rows. */
  readonly rowEnd?: number;
  /** Read only these top-level columns, in this order; default all. */
  readonly columns?: readonly string[];
}

function checkRow(v: number | undefined, arg: string): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
    throw new InvalidArgumentError(`parseParquet: options.${arg} must be a non-negative integer; got ${v}.`, `options.${arg}`);
  }
}

/** Most rows one table can hold here (the length limit of a JavaScript array of cells). */
const MAX_ROWS = 2 ** 31 - 1;

/**
 * Parses an Apache Parquet file with hyparquet, decompressing SNAPPY, GZIP, ZSTD, BROTLI and LZ4
 * pages with hyparquet-compressors. Flat columns only: numbers (INT32/INT64/FLOAT/DOUBLE,
 * decimals), dates and timestamps (milliseconds since the epoch) become numeric columns;
 * strings and booleans become text. Nulls are missing. `rowStart`/`rowEnd` read a slice (only
 * the row groups that overlap it are decoded). Decoding is column-wise (no row objects).
 *
 * @throws ParseError for bytes that are not Parquet, an empty selection, unknown `columns`, or
 *   a nested/binary column (name it out with `columns`).
 */
export async function parseParquet(bytes: Uint8Array | ArrayBuffer, options: ParquetOptions = {}): Promise<Table> {
  const source = options.source;
  const p = sourcePrefix(source);
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new InvalidArgumentError(`parseParquet: bytes must be a Uint8Array or an ArrayBuffer; got ${typeof bytes}.`, "bytes");
  }
  checkRow(options.rowStart, "rowStart");
  checkRow(options.rowEnd, "rowEnd");
  const ab: ArrayBuffer =
    bytes instanceof ArrayBuffer
      ? bytes
      : bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
        ? bytes.buffer
        : (bytes.slice().buffer as ArrayBuffer);
  let metadata: FileMetaData;
  let all: string[];
  try {
    metadata = parquetMetadata(ab);
    // Corrupt metadata can make the schema walk itself throw (TypeError): inside the try.
    all = parquetSchema(metadata).children.map((c) => c.element.name);
    if (!all.every((name) => typeof name === "string")) throw new Error("a column without a name");
  } catch (e) {
    throw new ParseError(`${p}not a readable Parquet file (${e instanceof Error ? e.message : String(e)}).`, { file: source });
  }
  const names = options.columns ? [...options.columns] : all;
  for (const name of names) {
    if (!all.includes(name)) {
      throw new ParseError(`${p}no column ${JSON.stringify(name)}; the file has ${all.map((s) => JSON.stringify(s)).join(", ")}.`, {
        file: source,
        column: name,
      });
    }
  }
  const total = Number(metadata.num_rows);
  if (!Number.isSafeInteger(total) || total < 0 || total > MAX_ROWS) {
    throw new ParseError(`${p}not a readable Parquet file (it declares ${String(metadata.num_rows)} rows; expected an integer in [0, ${MAX_ROWS}]).`, {
      file: source,
    });
  }
  const rowStart = options.rowStart ?? 0;
  const rowEnd = Math.min(options.rowEnd ?? total, total);
  if (names.length === 0 || rowEnd <= rowStart) {
    throw new ParseError(`${p}no rows to read (the file has ${total} rows and ${all.length} columns; asked for rows [${rowStart}, ${rowEnd})).`, {
      file: source,
    });
  }
  // Column-wise decoding (onChunk, no row objects): chunks may extend past [rowStart, rowEnd).
  const n = rowEnd - rowStart;
  const buffers = new Map<string, { values: unknown[]; filled: number }>(names.map((name) => [name, { values: new Array<unknown>(n), filled: 0 }]));
  try {
    await parquetRead({
      file: ab,
      metadata,
      compressors,
      columns: names,
      rowStart,
      rowEnd,
      onChunk: (c) => {
        const buf = buffers.get(c.columnName);
        if (!buf) return;
        const lo = Math.max(c.rowStart, rowStart);
        const hi = Math.min(c.rowEnd, rowEnd);
        const data = c.columnData;
        for (let r = lo; r < hi; r++) buf.values[r - rowStart] = data[r - c.rowStart];
        if (hi > lo) buf.filled += hi - lo;
      },
    });
  } catch (e) {
    throw new ParseError(`${p}cannot decode the Parquet data (${e instanceof Error ? e.message : String(e)}).`, { file: source });
  }
  const columns: Column[] = [];
  for (const name of names) {
    const buf = buffers.get(name)!;
    if (buf.filled !== n) {
      throw new ParseError(`${p}column ${JSON.stringify(name)}: decoded ${buf.filled} of ${n} rows (a corrupt or unsupported file).`, {
        file: source,
        column: name,
      });
    }
    try {
      columns.push(columnFromValues(name, buf.values, (i) => `${p}row ${rowStart + i}`, source));
    } catch (e) {
      if (e instanceof MinfoError) {
        throw new ParseError(`${e.message.slice(0, -1)} (nested and binary columns are not supported; leave it out with options.columns).`, {
          file: source,
          column: name,
        });
      }
      throw e;
    }
  }
  const table: Table = rowStart > 0 ? { names, columns, rows: n, format: "parquet", firstRow: rowStart } : { names, columns, rows: n, format: "parquet" };
  return source === undefined ? table : { ...table, source };
}
