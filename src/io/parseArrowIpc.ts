import { DataType, Precision, tableFromIPC, type Table as ArrowTable } from "apache-arrow";
import { InvalidArgumentError, ParseError } from "../core/errors.js";
import { checkArrowFraming } from "./arrowFraming.js";
import { columnFromValues } from "./columnFromValues.js";
import { missingFields, sourcePrefix, type Column, type Table } from "./table.js";

export interface ArrowOptions {
  /** Name of the file, used in error messages and kept as `table.source`. */
  readonly source?: string;
}

function supported(t: DataType): boolean {
  if (DataType.isDictionary(t)) return supported(t.dictionary);
  return (
    DataType.isInt(t) ||
    DataType.isFloat(t) ||
    DataType.isBool(t) ||
    DataType.isUtf8(t) ||
    DataType.isLargeUtf8(t) ||
    DataType.isUtf8View(t) ||
    DataType.isDate(t) ||
    DataType.isTimestamp(t) ||
    DataType.isNull(t)
  );
}

/**
 * Parses Arrow IPC bytes (the file format, `.arrow`/`.feather` v2, or the stream format) with
 * apache-arrow's `tableFromIPC`. Integer, floating-point, date and timestamp columns become
 * numeric (dates and timestamps as milliseconds since the epoch; 64-bit integers exact up to
 * 2^53); utf8 and dictionary-encoded utf8 become text, booleans the text "true"/"false". Nulls
 * (and NaN) are missing.
 *
 * @throws ParseError for bytes that are not Arrow IPC, an empty table, or a column of an
 *   unsupported type (lists, structs, binary, ...), naming the column.
 */
export function parseArrowIpc(bytes: Uint8Array, options: ArrowOptions = {}): Table {
  const source = options.source;
  const p = sourcePrefix(source);
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError(`parseArrowIpc: bytes must be a Uint8Array; got ${typeof bytes}.`, "bytes");
  }
  let at: ArrowTable;
  checkArrowFraming(bytes, p, source);
  try {
    at = tableFromIPC(bytes);
  } catch (e) {
    throw new ParseError(`${p}not a readable Arrow IPC file or stream (${e instanceof Error ? e.message : String(e)}).`, { file: source });
  }
  const fields = at.schema.fields;
  if (fields.length === 0 || at.numRows === 0) {
    throw new ParseError(`${p}the Arrow table has no ${fields.length === 0 ? "columns" : "rows"}.`, { file: source });
  }
  const n = at.numRows;
  const columns: Column[] = [];
  for (let j = 0; j < fields.length; j++) {
    const f = fields[j];
    if (!supported(f.type)) {
      throw new ParseError(`${p}column ${JSON.stringify(f.name)} has the unsupported Arrow type ${String(f.type)}; expected numbers, strings, booleans, dates or timestamps.`, {
        file: source,
        column: f.name,
      });
    }
    const vec = at.getChildAt(j)!;
    const fast = (DataType.isFloat(f.type) && f.type.precision !== Precision.HALF) || (DataType.isInt(f.type) && f.type.bitWidth <= 32);
    if (fast && vec.nullCount === 0) {
      // Fast path: no nulls, values fit a double exactly (Float16's toArray() gives raw bits: not here).
      const values = Float64Array.from(vec.toArray() as ArrayLike<number>);
      const mask = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (values[i] !== values[i]) mask[i] = 1;
      columns.push({ kind: "numeric", name: f.name, values, ...missingFields(mask) });
      continue;
    }
    const raw = new Array<unknown>(n);
    for (let i = 0; i < n; i++) raw[i] = vec.isValid(i) ? vec.get(i) : null;
    columns.push(columnFromValues(f.name, raw, (i) => `${p}row ${i}`, source));
  }
  const table: Table = { names: fields.map((f) => f.name), columns, rows: n, format: "arrow" };
  return source === undefined ? table : { ...table, source };
}
