import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { AbortError, InvalidArgumentError, MinfoError, ParseError } from "../core/errors.js";
import { csvError, csvParserOptions, detectDelimiter, validateCsvOptions, type CsvDelimiter, type CsvOptions } from "../io/csvOptions.js";
import { CsvTableBuilder } from "../io/csvTableBuilder.js";
import { parseArrowIpc } from "../io/parseArrowIpc.js";
import { parseJson } from "../io/parseJson.js";
import { parseNpy } from "../io/parseNpy.js";
import { parseParquet } from "../io/parseParquet.js";
import type { Table, TableFormat } from "../io/table.js";

export interface ReadTableOptions {
  /** Overrides the format chosen from the file extension. */
  readonly format?: TableFormat;
  /** CSV: field separator (default: TAB for .tsv/.tab, else detected from the first line). */
  readonly delimiter?: CsvDelimiter;
  /** CSV/JSON: whether the first line/row holds column names (CSV default true). */
  readonly header?: boolean;
  /** CSV: extra cell spellings meaning "missing" besides the empty cell. */
  readonly naValues?: readonly string[];
  /** CSV: called after each chunk read from disk (first pass) with bytes read so far and the file size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  readonly signal?: AbortSignal;
  /** Parquet: rows [rowStart, rowEnd) only. */
  readonly rowStart?: number;
  readonly rowEnd?: number;
}

const EXTENSIONS: Readonly<Record<string, TableFormat>> = {
  ".csv": "csv",
  ".tsv": "csv",
  ".tab": "csv",
  ".txt": "csv",
  ".npy": "npy",
  ".arrow": "arrow",
  ".feather": "arrow",
  ".ipc": "arrow",
  ".arrows": "arrow",
  ".parquet": "parquet",
  ".pq": "parquet",
  ".json": "json",
};

/** The format `readTable` picks for a path, or undefined for an unknown extension. */
export function formatFromPath(path: string): TableFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

function ioError(e: unknown, path: string, fn: string): MinfoError {
  if (e instanceof MinfoError) return e;
  const code = (e as { code?: unknown }).code;
  if (code === "ENOENT") return new InvalidArgumentError(`${fn}: path must name an existing file; "${path}" does not exist.`, "path");
  if (code === "EISDIR") return new InvalidArgumentError(`${fn}: path must name a file; "${path}" is a directory.`, "path");
  if (code === "EACCES") return new InvalidArgumentError(`${fn}: cannot read "${path}": permission denied.`, "path");
  if ((e as { name?: unknown }).name === "AbortError") return new AbortError(fn);
  return new ParseError(`${path}: ${e instanceof Error ? e.message : String(e)}.`, { file: path });
}

/**
 * Reads a data file into a `Table`, choosing the parser by extension: .csv/.txt (delimiter
 * detected), .tsv/.tab (TAB), .npy, .arrow/.feather/.ipc/.arrows, .parquet/.pq, .json.
 * CSV files are streamed (`readCsvStream`), so the text is never held in memory whole.
 * Error messages name the path as given.
 *
 * @throws InvalidArgumentError for an unknown extension or a missing file; ParseError from the
 *   format's parser (with the path, and line/column where known); AbortError.
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<Table> {
  const fn = "readTable";
  if (typeof path !== "string" || path === "") {
    throw new InvalidArgumentError(`${fn}: path must be a non-empty string; got ${JSON.stringify(path)}.`, "path");
  }
  const format = options.format ?? formatFromPath(path);
  if (format === undefined) {
    throw new InvalidArgumentError(
      `${fn}: cannot tell the format of "${path}" from its extension; expected one of ${Object.keys(EXTENSIONS).join(", ")} (or pass a format).`,
      "path",
    );
  }
  if (format === "csv") {
    return readCsvStream(path, {
      delimiter: options.delimiter,
      header: options.header,
      naValues: options.naValues,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path, { signal: options.signal });
  } catch (e) {
    throw ioError(e, path, fn);
  }
  switch (format) {
    case "npy":
      return parseNpy(bytes, { source: path });
    case "arrow":
      return parseArrowIpc(bytes, { source: path });
    case "parquet":
      return parseParquet(bytes, { source: path, rowStart: options.rowStart, rowEnd: options.rowEnd });
    case "json":
      return parseJson(bytes, { source: path, header: options.header });
    default:
      throw new InvalidArgumentError(`${fn}: options.format must be one of csv, npy, arrow, parquet, json; got ${JSON.stringify(format)}.`, "options.format");
  }
}

export interface CsvStreamOptions extends Omit<CsvOptions, "source"> {
  /** Called after each chunk of the first pass with bytes read so far and the file size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  readonly signal?: AbortSignal;
  /** Bytes per read (default 1 MiB). */
  readonly chunkSize?: number;
}

/** Passes bytes through unchanged, rejecting invalid UTF-8 and reporting progress. */
function utf8Check(path: string, onChunk: (n: number) => void): Transform {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const bad = () => new ParseError(`${path}: the input is not valid UTF-8 text.`, { file: path });
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        cb(bad());
        return;
      }
      onChunk(chunk.length);
      cb(null, chunk);
    },
    flush(cb) {
      try {
        decoder.decode();
      } catch {
        cb(bad());
        return;
      }
      cb();
    },
  });
}

async function firstBytes(path: string, n: number): Promise<string> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    let s = buf.subarray(0, bytesRead).toString("utf8");
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    return s;
  } finally {
    await fh.close();
  }
}

/**
 * Streams a CSV/TSV file through csv-parse into a `Table`, building Float64Array columns as it
 * reads (capacity doubling), so a 10^7-row file is never held as text. Gives exactly the table
 * `parseCsv` gives for the same bytes (same record handling, same `CsvTableBuilder`). When a
 * column turns out to be text after its first row, the file is read a second time, up to that
 * row (the read stops there), to recover the original strings.
 *
 * @throws InvalidArgumentError for bad options or a missing file; ParseError naming the path,
 *   line and column; AbortError when `signal` fires.
 */
export async function readCsvStream(path: string, options: CsvStreamOptions = {}): Promise<Table> {
  const fn = "readCsvStream";
  validateCsvOptions(options, fn);
  const chunkSize = options.chunkSize ?? 1 << 20;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidArgumentError(`${fn}: options.chunkSize must be a positive integer; got ${chunkSize}.`, "options.chunkSize");
  }
  let total: number;
  let delimiter: CsvDelimiter;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    total = st.size;
    const ext = extname(path).toLowerCase();
    delimiter = options.delimiter ?? (ext === ".tsv" || ext === ".tab" ? "\t" : detectDelimiter(await firstBytes(path, 1 << 16)));
  } catch (e) {
    throw ioError(e, path, fn);
  }
  const builder = new CsvTableBuilder({ header: options.header, naValues: options.naValues, source: path });
  const signal = options.signal;
  if (signal?.aborted) throw new AbortError(fn);

  const run = async (sink: (r: string[]) => boolean, progress: boolean): Promise<void> => {
    let bytesRead = 0;
    const onChunk = (k: number) => {
      bytesRead += k;
      if (progress) options.onProgress?.(bytesRead, total);
    };
    // `stop` ends the read early once the sink has all it needs (second pass).
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    let done = false;
    const writable = new Writable({
      objectMode: true,
      write(r: string[], _enc, cb) {
        if (done) {
          cb();
          return;
        }
        try {
          if (!sink(r)) {
            done = true;
            stop.abort();
          }
        } catch (e) {
          cb(e as Error);
          return;
        }
        cb();
      },
    });
    try {
      await pipeline(createReadStream(path, { highWaterMark: chunkSize }), utf8Check(path, onChunk), parse(csvParserOptions(delimiter)), writable, {
        signal: stop.signal,
      });
    } catch (e) {
      if (signal?.aborted) throw new AbortError(fn);
      if (done) return;
      if (e instanceof MinfoError) throw e;
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string" && (code.startsWith("CSV_") || code === "INVALID_OPENING_QUOTE")) throw csvError(e, path);
      throw ioError(e, path, fn);
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  };

  await run((r) => {
    builder.add(r);
    return true;
  }, true);
  if (builder.needsTextPass) {
    builder.beginTextPass();
    await run((r) => builder.replay(r), false);
  }
  return builder.finish();
}
