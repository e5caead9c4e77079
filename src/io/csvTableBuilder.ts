import { ParseError } from "../core/errors.js";
import { isMissingCell, parseNumberStrict } from "./parseNumber.js";
import { missingFields, sourcePrefix, type Column, type Table } from "./table.js";

export interface CsvBuilderOptions {
  /** The first record holds the column names (default true); otherwise names are "0", "1", ... */
  readonly header?: boolean;
  readonly source?: string;
  /** Extra cell spellings that mean "missing" besides the empty cell (e.g. "NA"). */
  readonly naValues?: readonly string[];
}

const INITIAL_CAPACITY = 1024;

/** Line breaks in s, counting CRLF once. */
function countLineBreaks(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) k++;
    else if (c === 13) {
      k++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return k;
}

/**
 * Turns CSV records (arrays of strings) into a `Table`, one record at a time, so the same code
 * serves the in-memory parser (`parseCsv`) and the streaming file reader (`readCsvStream` in
 * src/node): both therefore give identical tables.
 *
 * Numeric columns are built directly into growing Float64Arrays; the text of a numeric cell is
 * not kept. When a column meets its first non-numeric cell at row r it becomes a text column;
 * the strings of rows < r are then recovered by a second pass over the same records
 * (`beginTextPass` / `replay`), so text columns always hold the cells exactly as written.
 */
export class CsvTableBuilder {
  private readonly header: boolean;
  private readonly source: string | undefined;
  private readonly prefix: string;
  private readonly na: ReadonlySet<string> | undefined;
  private names: string[] | null = null;
  private headerLine = 0;
  private width = 0;
  private n = 0;
  private cap = 0;
  private lines = new Uint32Array(0);
  private num: (Float64Array | null)[] = [];
  private miss: Uint8Array[] = [];
  private text: (string[] | null)[] = [];
  /** Row at which column j became text, or -1. */
  private demotedAt: number[] = [];
  private nextLine = 1;
  private replayRow = -1;
  private replayLimit = 0;

  constructor(options: CsvBuilderOptions = {}) {
    this.header = options.header ?? true;
    this.source = options.source;
    this.prefix = sourcePrefix(options.source);
    this.na = options.naValues && options.naValues.length > 0 ? new Set(options.naValues) : undefined;
  }

  /**
   * Adds the next record from csv-parse (run with `csvParserOptions`). Tracks the 1-based line
   * where each record starts by counting the line breaks (CRLF, LF or CR) inside its fields; a
   * blank line (a record of one empty field) is skipped but counted.
   */
  add(record: readonly string[]): void {
    const line = this.nextLine;
    let breaks = 0;
    for (let j = 0; j < record.length; j++) {
      const f = record[j];
      if (f.length > 0 && (f.indexOf("\n") >= 0 || f.indexOf("\r") >= 0)) breaks += countLineBreaks(f);
    }
    this.nextLine = line + 1 + breaks;
    if (record.length === 1 && record[0] === "") return; // blank line
    this.push(record, line);
  }

  /** Adds one record whose 1-based start line is known (`add` computes it). */
  push(record: readonly string[], line: number): void {
    if (this.names === null) {
      this.width = record.length;
      this.headerLine = line;
      if (this.header) {
        this.names = record.slice();
        this.allocate();
        return;
      }
      this.names = record.map((_, j) => String(j));
      this.allocate();
    }
    if (record.length !== this.width) this.ragged(record.length, line);
    if (this.n === this.cap) this.grow();
    const i = this.n;
    this.lines[i] = line;
    for (let j = 0; j < this.width; j++) {
      const s = record[j];
      const num = this.num[j];
      if (isMissingCell(s, this.na)) {
        this.miss[j][i] = 1;
        if (num !== null) num[i] = NaN;
        else this.text[j]!.push("");
      } else if (num !== null) {
        const v = parseNumberStrict(s);
        if (v === v) {
          num[i] = v;
        } else {
          // First non-numeric cell: the column becomes text; rows before i are filled by replay().
          this.num[j] = null;
          const t = new Array<string>(i).fill("");
          t.push(s);
          this.text[j] = t;
          this.demotedAt[j] = i;
        }
      } else {
        this.text[j]!.push(s);
      }
    }
    this.n++;
  }

  /** True when some column turned into text after its first row: call beginTextPass + replay. */
  get needsTextPass(): boolean {
    return this.demotedAt.some((r) => r > 0);
  }

  /** Starts the second pass that recovers the strings of columns that became text. */
  beginTextPass(): void {
    this.replayRow = this.header ? -1 : 0;
    let limit = 0;
    for (const r of this.demotedAt) if (r > limit) limit = r;
    this.replayLimit = limit;
  }

  /**
   * Feeds the records again, in the same order (header included). Returns false once every
   * needed row has been seen, so the caller may stop reading.
   */
  replay(record: readonly string[]): boolean {
    if (record.length === 1 && record[0] === "") return true; // blank line
    const r = this.replayRow++;
    if (r < 0) return true;
    for (let j = 0; j < this.width; j++) {
      if (r < this.demotedAt[j] && this.miss[j][r] === 0) this.text[j]![r] = record[j];
    }
    return this.replayRow < this.replayLimit;
  }

  /** The finished table. @throws ParseError for an empty input or a header without data rows. */
  finish(): Table {
    if (this.names === null) {
      throw new ParseError(`${this.prefix}the input is empty; expected ${this.header ? "a header line and " : ""}at least one data row.`, {
        file: this.source,
        line: 1,
      });
    }
    if (this.n === 0) {
      throw new ParseError(`${this.prefix}line ${this.headerLine}: the header is not followed by any data row.`, {
        file: this.source,
        line: this.headerLine,
      });
    }
    const n = this.n;
    const names = this.names;
    const columns: Column[] = [];
    for (let j = 0; j < this.width; j++) {
      const mask = this.miss[j].length === n ? this.miss[j] : this.miss[j].slice(0, n);
      const num = this.num[j];
      if (num !== null) {
        columns.push({ kind: "numeric", name: names[j], values: num.length === n ? num : num.slice(0, n), ...missingFields(mask) });
      } else {
        columns.push({ kind: "text", name: names[j], values: this.text[j]!, ...missingFields(mask) });
      }
    }
    const lines = this.lines.length === n ? this.lines : this.lines.slice(0, n);
    const table: Table = { names, columns, rows: n, format: "csv", lines };
    return this.source === undefined ? table : { ...table, source: this.source };
  }

  private ragged(got: number, line: number): never {
    const column = got < this.width ? got + 1 : this.width + 1;
    const like = this.header ? `the header (line ${this.headerLine})` : `line ${this.headerLine}`;
    throw new ParseError(
      `${this.prefix}line ${line}, column ${column}: expected ${this.width} fields like ${like}; got ${got}.`,
      { file: this.source, line, column },
    );
  }

  private allocate(): void {
    this.num = [];
    this.miss = [];
    this.text = [];
    this.demotedAt = [];
    this.cap = INITIAL_CAPACITY;
    this.lines = new Uint32Array(this.cap);
    for (let j = 0; j < this.width; j++) {
      this.num.push(new Float64Array(this.cap));
      this.miss.push(new Uint8Array(this.cap));
      this.text.push(null);
      this.demotedAt.push(-1);
    }
  }

  private grow(): void {
    const cap = this.cap * 2;
    const lines = new Uint32Array(cap);
    lines.set(this.lines);
    this.lines = lines;
    for (let j = 0; j < this.width; j++) {
      const num = this.num[j];
      if (num !== null) {
        const a = new Float64Array(cap);
        a.set(num);
        this.num[j] = a;
      }
      const m = new Uint8Array(cap);
      m.set(this.miss[j]);
      this.miss[j] = m;
    }
    this.cap = cap;
  }
}
