import { InvalidArgumentError, ParseError } from "../core/errors.js";
import { sourcePrefix } from "./table.js";

export type CsvDelimiter = "," | "\t" | ";";

export interface CsvOptions {
  /** Field separator; by default detected from the first line (the most frequent of , TAB ;). */
  readonly delimiter?: CsvDelimiter;
  /** The first line holds column names (default true); otherwise columns are named "0", "1", ... */
  readonly header?: boolean;
  /** Name of the file, used in error messages and kept as `table.source`. */
  readonly source?: string;
  /** Extra cell spellings meaning "missing" besides the empty cell, e.g. ["NA", "null"]. */
  readonly naValues?: readonly string[];
}

const DELIMITERS: readonly CsvDelimiter[] = [",", "\t", ";"];

/** Checks `CsvOptions` at a public boundary. */
export function validateCsvOptions(options: CsvOptions, fn: string): void {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
  if (options.delimiter !== undefined && !DELIMITERS.includes(options.delimiter)) {
    throw new InvalidArgumentError(
      `${fn}: options.delimiter must be one of ",", "\\t", ";"; got ${JSON.stringify(options.delimiter)}.`,
      "options.delimiter",
    );
  }
  if (options.header !== undefined && typeof options.header !== "boolean") {
    throw new InvalidArgumentError(`${fn}: options.header must be a boolean; got ${JSON.stringify(options.header)}.`, "options.header");
  }
  if (options.naValues !== undefined && (!Array.isArray(options.naValues) || !options.naValues.every((s) => typeof s === "string"))) {
    throw new InvalidArgumentError(`${fn}: options.naValues must be an array of strings.`, "options.naValues");
  }
}

/**
 * The most frequent of `,`, TAB and `;` outside quotes on the first line of `text` (ties go to
 * `,` then TAB); `,` when none occurs.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = [0, 0, 0];
  let quoted = false;
  const end = Math.min(text.length, 1 << 16);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) break;
    else if (!quoted) {
      if (c === 44) counts[0]++;
      else if (c === 9) counts[1]++;
      else if (c === 59) counts[2]++;
    }
  }
  let best = 0;
  for (let k = 1; k < 3; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
}

/** The csv-parse options shared by the in-memory and the streaming reader. */
export function csvParserOptions(delimiter: CsvDelimiter) {
  return {
    delimiter,
    bom: true,
    // Blank lines come through as one empty field and are skipped by CsvTableBuilder.add, which
    // also counts lines (csv-parse's `info` option would triple the parse time).
    relax_column_count: true,
    record_delimiter: ["\r\n", "\n", "\r"],
  };
}

const REASONS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is not closed before the end of the input",
  INVALID_OPENING_QUOTE: "a quote character inside an unquoted field (quote the whole field and double the inner quotes)",
  CSV_INVALID_CLOSING_QUOTE: "unexpected character after a closing quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "unexpected character after a closing quote",
};

/** Wraps an error thrown by csv-parse as a ParseError with file, line and column. */
export function csvError(e: unknown, source: string | undefined): ParseError {
  if (e instanceof ParseError) return e;
  const err = e as { code?: unknown; lines?: unknown; column?: unknown; message?: unknown };
  const line = typeof err.lines === "number" ? err.lines : undefined;
  const column = typeof err.column === "number" ? err.column + 1 : undefined;
  const code = typeof err.code === "string" ? err.code : "";
  const reason = REASONS[code] ?? (typeof err.message === "string" ? err.message : String(e));
  const where = line === undefined ? "" : column === undefined ? `line ${line}: ` : `line ${line}, column ${column}: `;
  return new ParseError(`${sourcePrefix(source)}${where}${reason}.`, { file: source, line, column });
}

/** Decodes UTF-8 (a BOM is dropped); invalid UTF-8 is a ParseError. */
export function decodeUtf8(bytes: Uint8Array, source: string | undefined): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ParseError(`${sourcePrefix(source)}the input is not valid UTF-8 text.`, { file: source });
  }
}
