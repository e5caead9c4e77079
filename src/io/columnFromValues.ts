import { ParseError } from "../core/errors.js";
import { missingFields, type Column } from "./table.js";

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Uint8Array) return "binary data";
  return typeof v === "object" ? "an object" : typeof v;
}

/**
 * One column from decoded values (JSON, Arrow, Parquet). `null`/`undefined` are missing, and so
 * is NaN. The column is numeric iff every other value is a number, a bigint (converted with
 * `Number`, exact up to 2^53) or a Date (milliseconds since the epoch); otherwise it is text:
 * strings as they are, numbers with `String(v)`, booleans as "true"/"false".
 *
 * @param where names row i in an error, e.g. `cars.json: row 3` (the column name is appended).
 * @param file the file name recorded on the ParseError.
 * @throws ParseError for nested values (objects, arrays, binary), naming the row and column.
 */
export function columnFromValues(
  name: string,
  values: ArrayLike<unknown>,
  where: (row: number) => string,
  file?: string,
): Column {
  const n = values.length;
  const mask = new Uint8Array(n);
  let numeric = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === "number" && v !== v)) {
      mask[i] = 1;
      continue;
    }
    const t = typeof v;
    if (t === "number" || t === "bigint" || v instanceof Date) continue;
    if (t === "string" || t === "boolean") {
      numeric = false;
      continue;
    }
    throw new ParseError(`${where(i)}, column ${JSON.stringify(name)}: expected a number, string, boolean or null; got ${kindOf(v)}.`, {
      file,
      column: name,
    });
  }
  if (numeric) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (mask[i]) {
        out[i] = NaN;
        continue;
      }
      const v = values[i];
      out[i] = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : (v as Date).getTime();
    }
    return { kind: "numeric", name, values: out, ...missingFields(mask) };
  }
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = mask[i] ? "" : v instanceof Date ? v.toISOString() : String(v);
  }
  return { kind: "text", name, values: out, ...missingFields(mask) };
}
