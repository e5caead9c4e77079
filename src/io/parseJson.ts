import { InvalidArgumentError, ParseError } from "../core/errors.js";
import { columnFromValues } from "./columnFromValues.js";
import { decodeUtf8 } from "./csvOptions.js";
import { jsonErrorPosition } from "./jsonErrorPosition.js";
import { sourcePrefix, type Column, type Table } from "./table.js";

export interface JsonOptions {
  /** Name of the file, used in error messages and kept as `table.source`. */
  readonly source?: string;
  /**
   * For an array of arrays: whether the first inner array holds the column names. Default:
   * true iff every entry of the first inner array is a string.
   */
  readonly header?: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** 1-based line and column of character `pos` in `text`. */
function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: pos - start + 1 };
}

/**
 * Parses JSON text (or UTF-8 bytes) holding a table in one of these shapes:
 *
 * 1. an array of row objects, `[{"a": 1, "b": "x"}, {"a": 2, "b": null}]` (vega-datasets'
 *    cars.json): the columns are the union of the keys in order of first appearance; a key
 *    absent from a row is missing there, like `null`;
 * 2. an array of arrays, `[["a", "b"], [1, "x"], [2, null]]`: the first inner array is the
 *    header when all its entries are strings (or `header: true`); else columns are "0", "1", ...
 * 3. a flat array of numbers/strings, `[1, 2, 3]`: one column named "0";
 * 4. an object of equal-length column arrays, `{"a": [1, 2], "b": ["x", null]}`, optionally
 *    wrapped as `{"columns": {...}}`;
 * 5. pandas' "split" orientation, `{"columns": ["a", "b"], "data": [[1, "x"], [2, null]]}`.
 *
 * Cells must be numbers, strings, booleans or null; a column is numeric iff all its non-null
 * cells are numbers (JSON numbers that overflow, like 1e400, become Infinity and are rejected by
 * numericMatrix). Rows are named by 0-based index in errors.
 *
 * @throws ParseError for invalid JSON (with line and column), an unsupported shape, rows of
 *   different lengths, nested values, or no rows.
 */
export function parseJson(input: string | Uint8Array, options: JsonOptions = {}): Table {
  const source = options.source;
  const p = sourcePrefix(source);
  let text: string;
  if (typeof input === "string") text = input;
  else if (input instanceof Uint8Array) text = decodeUtf8(input, source);
  else throw new InvalidArgumentError(`parseJson: input must be a string or a Uint8Array; got ${typeof input}.`, "input");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const fail = (msg: string, where: { line?: number; column?: number | string } = {}): never => {
    throw new ParseError(`${p}${msg}`, { file: source, ...where });
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (text.trim() === "") fail("the input is empty; expected a JSON array or object.");
    const pos = jsonErrorPosition(text);
    if (pos >= 0) {
      const { line, column } = lineColumn(text, pos);
      fail(`line ${line}, column ${column}: invalid JSON (${msg}).`, { line, column });
    }
    fail(`invalid JSON (${msg}).`);
  }
  const row = (i: number): string => `${p}row ${i}`;
  let names: string[];
  let columns: Column[];
  let n: number;

  const fromRows = (rows: readonly unknown[], header: readonly string[] | null, offset: number): void => {
    const d = header ? header.length : Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : 0;
    n = rows.length;
    const cols: unknown[][] = Array.from({ length: d }, () => new Array<unknown>(n));
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (!Array.isArray(r)) fail(`row ${i + offset}: expected an array like the first row; got ${r === null ? "null" : typeof r}.`);
      const a = r as unknown[];
      if (a.length !== d) fail(`row ${i + offset}: expected ${d} values like ${header ? "the header" : "row 0"}; got ${a.length}.`);
      for (let j = 0; j < d; j++) cols[j][i] = a[j];
    }
    names = header ? [...header] : cols.map((_, j) => String(j));
    columns = cols.map((c, j) => columnFromValues(names[j], c, row, source));
  };

  const fromColumnObject = (obj: Record<string, unknown>): void => {
    names = Object.keys(obj);
    n = -1;
    for (const k of names) {
      const c = obj[k];
      if (!Array.isArray(c)) fail(`column ${JSON.stringify(k)}: expected an array of values; got ${c === null ? "null" : typeof c}.`, { column: k });
      const len = (c as unknown[]).length;
      if (n >= 0 && len !== n) fail(`column ${JSON.stringify(k)} has ${len} values; expected ${n} like column ${JSON.stringify(names[0])}.`, { column: k });
      n = len;
    }
    columns = names.map((k) => columnFromValues(k, obj[k] as unknown[], row, source));
  };

  if (Array.isArray(doc)) {
    if (doc.length === 0) fail("the JSON array is empty; expected rows.");
    const first = doc[0];
    if (isPlainObject(first)) {
      const index = new Map<string, number>();
      names = [];
      for (let i = 0; i < doc.length; i++) {
        const r = doc[i];
        if (!isPlainObject(r)) fail(`row ${i}: expected an object like row 0; got ${Array.isArray(r) ? "an array" : r === null ? "null" : typeof r}.`);
        for (const k of Object.keys(r as object)) {
          if (!index.has(k)) {
            index.set(k, names.length);
            names.push(k);
          }
        }
      }
      n = doc.length;
      const rows = doc as Record<string, unknown>[];
      columns = names.map((k) => {
        const vals = new Array<unknown>(n);
        for (let i = 0; i < n; i++) vals[i] = rows[i][k];
        return columnFromValues(k, vals, row, source);
      });
    } else if (Array.isArray(first)) {
      const header = options.header ?? (first.length > 0 && first.every((v) => typeof v === "string"));
      if (header) {
        if (!first.every((v) => typeof v === "string")) fail("row 0: the header must hold strings.");
        fromRows(doc.slice(1), first as string[], 1);
      } else {
        fromRows(doc, null, 0);
      }
    } else {
      names = ["0"];
      n = doc.length;
      columns = [columnFromValues("0", doc, row, source)];
    }
  } else if (isPlainObject(doc)) {
    if (Array.isArray(doc.columns) && Array.isArray(doc.data)) {
      if (!doc.columns.every((v) => typeof v === "string")) fail(`"columns" must be an array of strings.`);
      fromRows(doc.data, doc.columns as string[], 0);
    } else if (isPlainObject(doc.columns) && Object.keys(doc).length === 1) {
      fromColumnObject(doc.columns);
    } else {
      fromColumnObject(doc);
    }
  } else {
    return fail(`expected a JSON array or object; got ${doc === null ? "null" : typeof doc}.`);
  }
  if (n! <= 0 || names!.length === 0) fail(`the JSON holds no ${n! <= 0 ? "rows" : "columns"}.`);
  const table: Table = { names: names!, columns: columns!, rows: n!, format: "json" };
  return source === undefined ? table : { ...table, source };
}
