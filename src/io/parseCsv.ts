import { parse } from "csv-parse/sync";
import { InvalidArgumentError } from "../core/errors.js";
import { CsvTableBuilder } from "./csvTableBuilder.js";
import { csvError, csvParserOptions, decodeUtf8, detectDelimiter, validateCsvOptions, type CsvOptions } from "./csvOptions.js";
import type { Table } from "./table.js";

/**
 * Parses CSV/TSV text (or UTF-8 bytes) into a `Table` with csv-parse.
 *
 * Handles a header line (default), quoted fields with embedded delimiters, quotes and line
 * breaks, a UTF-8 BOM, and LF, CRLF or CR line ends (mixed too). Empty lines are skipped. A column
 * is numeric iff every non-missing cell is a strictly formatted finite number (see
 * `parseNumberStrict`); otherwise it is a text column holding the cells as written. Empty cells
 * (and `naValues`) are missing.
 *
 * Holds the whole text and all records in memory; for large files use `readCsvStream` from
 * `minfo/node`, which gives an identical table.
 *
 * @throws InvalidArgumentError for bad options; ParseError (with file, 1-based line and column)
 *   for invalid UTF-8, unclosed or stray quotes, rows with a different number of fields than the
 *   header, an empty input or a header without data rows.
 * @example
 * const t = parseCsv("x,y\n1,2\n3,4\n", { source: "xy.csv" });
 * // t.columns[0] = { kind: "numeric", name: "x", values: Float64Array [1, 3], missingCount: 0 }
 */
export function parseCsv(input: Uint8Array | string, options: CsvOptions = {}): Table {
  validateCsvOptions(options, "parseCsv");
  const source = options.source;
  let text: string;
  if (typeof input === "string") text = input;
  else if (input instanceof Uint8Array) text = decodeUtf8(input, source);
  else throw new InvalidArgumentError(`parseCsv: input must be a string or a Uint8Array; got ${typeof input}.`, "input");
  const delimiter = options.delimiter ?? detectDelimiter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  let records: string[][];
  try {
    records = parse(text, csvParserOptions(delimiter)) as string[][];
  } catch (e) {
    throw csvError(e, source);
  }
  const builder = new CsvTableBuilder(options);
  for (let i = 0; i < records.length; i++) builder.add(records[i]);
  if (builder.needsTextPass) {
    builder.beginTextPass();
    for (let i = 0; i < records.length; i++) if (!builder.replay(records[i])) break;
  }
  return builder.finish();
}
