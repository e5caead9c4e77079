import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MinfoError, ParseError, InvalidArgumentError } from "../../src/core/errors.js";
import { parseCsv } from "../../src/io/parseCsv.js";
import { detectDelimiter } from "../../src/io/csvOptions.js";
import type { NumericColumn, TextColumn } from "../../src/io/table.js";

/** Runs fn and returns the error it throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): MinfoError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MinfoError) return e;
    throw e;
  }
  throw new Error("expected a throw");
}

const num = (c: unknown) => c as NumericColumn;
const txt = (c: unknown) => c as TextColumn;

describe("parseCsv: well-formed input", () => {
  it("reads a header and numeric columns, with line numbers", () => {
    const t = parseCsv("x,y\n1,2.5\n-3,4e2\n", { source: "xy.csv" });
    expect(t.names).toEqual(["x", "y"]);
    expect(t.rows).toBe(2);
    expect(t.format).toBe("csv");
    expect(t.source).toBe("xy.csv");
    expect(Array.from(num(t.columns[0]).values)).toEqual([1, -3]);
    expect(Array.from(num(t.columns[1]).values)).toEqual([2.5, 400]);
    expect(t.columns[0].missingCount).toBe(0);
    expect(t.columns[0].missing).toBeUndefined();
    expect(Array.from(t.lines!)).toEqual([2, 3]);
  });

  it("strips a UTF-8 BOM from strings and from bytes", () => {
    const s = "\uFEFFa,b\n1,2\n";
    expect(parseCsv(s).names).toEqual(["a", "b"]);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a,b\n1,2\n")]);
    const t = parseCsv(bytes);
    expect(t.names).toEqual(["a", "b"]);
    expect(Array.from(num(t.columns[1]).values)).toEqual([2]);
  });

  it("handles CRLF, CR and mixed line ends", () => {
    for (const text of ["a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4", "a,b\r\n1,2\n3,4\r\n"]) {
      const t = parseCsv(text);
      expect(t.rows).toBe(2);
      expect(Array.from(num(t.columns[1]).values)).toEqual([2, 4]);
      expect(Array.from(t.lines!)).toEqual([2, 3]);
    }
  });

  it("keeps quoted commas, doubled quotes and line breaks inside a field; line numbers count them", () => {
    const t = parseCsv('name,v\n"Smith, J",1\n"say ""hi""",2\n"two\nlines",3\nlast,4\n');
    expect(txt(t.columns[0]).values).toEqual(["Smith, J", 'say "hi"', "two\nlines", "last"]);
    expect(Array.from(num(t.columns[1]).values)).toEqual([1, 2, 3, 4]);
    expect(Array.from(t.lines!)).toEqual([2, 3, 4, 6]);
  });

  it("skips empty lines but counts them in line numbers", () => {
    const t = parseCsv("\na\n1\n\n\n2\n");
    expect(t.names).toEqual(["a"]);
    expect(Array.from(t.lines!)).toEqual([3, 6]);
  });

  it("marks empty cells as missing (NaN in numeric columns, '' in text columns)", () => {
    const t = parseCsv("a,b\n1,x\n,\n3, \n");
    const a = num(t.columns[0]);
    expect(a.kind).toBe("numeric");
    expect(a.values[0]).toBe(1);
    expect(Number.isNaN(a.values[1])).toBe(true);
    expect(Array.from(a.missing!)).toEqual([0, 1, 0]);
    expect(a.missingCount).toBe(1);
    const b = txt(t.columns[1]);
    expect(b.kind).toBe("text");
    expect(b.values).toEqual(["x", "", ""]);
    expect(Array.from(b.missing!)).toEqual([0, 1, 1]);
  });

  it("accepts extra missing spellings via naValues", () => {
    const t = parseCsv("a\n1\nNA\n2\n", { naValues: ["NA"] });
    expect(t.columns[0].kind).toBe("numeric");
    expect(t.columns[0].missingCount).toBe(1);
  });

  it("a column is numeric iff every non-missing cell is a finite number; text keeps the strings as written", () => {
    const t = parseCsv("a,b,c\n1.0,007,x\n2,1e400,y\n3,NaN,z\n");
    expect(t.columns.map((c) => c.kind)).toEqual(["numeric", "text", "text"]);
    // The text column keeps the original spellings, including those of numeric-looking cells
    // read before the first non-numeric one (recovered by the second pass).
    expect(txt(t.columns[1]).values).toEqual(["007", "1e400", "NaN"]);
  });

  it("parses values near the double range exactly", () => {
    const cells = ["1e-300", "-1e300", "1.7976931348623157e308", "2.2250738585072014e-308", "5e-324", "4.9406564584124654e-324", "0.1", "-0"];
    const t = parseCsv("v\n" + cells.join("\n") + "\n");
    const v = num(t.columns[0]).values;
    expect(t.columns[0].kind).toBe("numeric");
    expect(Array.from(v)).toEqual([1e-300, -1e300, Number.MAX_VALUE, 2.2250738585072014e-308, Number.MIN_VALUE, Number.MIN_VALUE, 0.1, -0]);
    expect(Object.is(v[7], -0)).toBe(true);
  });

  it("reads TSV and semicolon files by explicit delimiter or by detection", () => {
    const tsv = "a\tb\n1\t2\n";
    expect(parseCsv(tsv, { delimiter: "\t" }).names).toEqual(["a", "b"]);
    expect(parseCsv(tsv).names).toEqual(["a", "b"]);
    expect(parseCsv("a;b\n1,5;2\n").names).toEqual(["a", "b"]);
    expect(detectDelimiter('"x,y"\tz\n')).toBe("\t");
    expect(detectDelimiter("single\n")).toBe(",");
  });

  it("header: false names columns by index", () => {
    const t = parseCsv("1,2\n3,4\n", { header: false });
    expect(t.names).toEqual(["0", "1"]);
    expect(t.rows).toBe(2);
    expect(Array.from(t.lines!)).toEqual([1, 2]);
  });
});

describe("parseCsv: errors", () => {
  it("ragged row: ParseError with file, line and column", () => {
    const e = thrown(() => parseCsv("a,b,c\n1,2,3\n4,5\n", { source: "r.csv" })) as ParseError;
    expect(e).toBeInstanceOf(ParseError);
    expect(e.code).toBe("parse-error");
    expect(e.message).toBe("r.csv: line 3, column 3: expected 3 fields like the header (line 1); got 2.");
    expect([e.file, e.line, e.column]).toEqual(["r.csv", 3, 3]);
    const e2 = thrown(() => parseCsv("a,b\n1,2\n\n3,4,5\n", { source: "r.csv" })) as ParseError;
    expect(e2.message).toBe("r.csv: line 4, column 3: expected 2 fields like the header (line 1); got 3.");
    expect(e2.line).toBe(4);
  });

  it("empty input and whitespace-only lines", () => {
    const e = thrown(() => parseCsv("", { source: "e.csv" })) as ParseError;
    expect(e.message).toBe("e.csv: the input is empty; expected a header line and at least one data row.");
    expect([e.code, e.file, e.line]).toEqual(["parse-error", "e.csv", 1]);
    expect(thrown(() => parseCsv("\n\n")).code).toBe("parse-error");
  });

  it("header only", () => {
    const e = thrown(() => parseCsv("a,b\n", { source: "h.csv" })) as ParseError;
    expect(e.message).toBe("h.csv: line 1: the header is not followed by any data row.");
    expect([e.code, e.file, e.line]).toEqual(["parse-error", "h.csv", 1]);
  });

  it("unclosed quote and stray quotes name the line", () => {
    const e = thrown(() => parseCsv('a,b\n1,"x\n', { source: "q.csv" })) as ParseError;
    expect(e.code).toBe("parse-error");
    expect(e.message).toBe("q.csv: line 2, column 2: a quoted field is not closed before the end of the input.");
    expect([e.file, e.line, e.column]).toEqual(["q.csv", 2, 2]);
    const e2 = thrown(() => parseCsv('a,b\n1,x"y"\n', { source: "q.csv" })) as ParseError;
    expect(e2.message).toBe("q.csv: line 2, column 2: a quote character inside an unquoted field (quote the whole field and double the inner quotes).");
    expect([e2.line, e2.column]).toEqual([2, 2]);
  });

  it("invalid UTF-8 bytes", () => {
    const e = thrown(() => parseCsv(new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a]), { source: "b.csv" }));
    expect(e.message).toBe("b.csv: the input is not valid UTF-8 text.");
  });

  it("bad options", () => {
    const e = thrown(() => parseCsv("a\n1\n", { delimiter: "|" as ",", source: "x" })) as InvalidArgumentError;
    expect(e.code).toBe("invalid-argument");
    expect(e.argument).toBe("options.delimiter");
    expect(e.message).toBe('parseCsv: options.delimiter must be one of ",", "\\t", ";"; got "|".');
    expect(thrown(() => parseCsv(42 as unknown as string)).code).toBe("invalid-argument");
  });
});

describe("parseCsv: fuzz", () => {
  it("random bytes never throw anything but MinfoError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseCsv(bytes);
        } catch (e) {
          if (!(e instanceof MinfoError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("random CSV-like text never throws anything but MinfoError, and accepted tables are consistent", () => {
    const alphabet = fc.constantFrom(",", ";", "\t", '"', "\n", "\r", "\r\n", "1", "2.5", "-", "e", "x", " ", "", "NaN", "1e400", "\uFEFF");
    const text = fc.array(alphabet, { maxLength: 60 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, fc.boolean(), (s, header) => {
        try {
          const t = parseCsv(s, { header });
          expect(t.rows).toBeGreaterThan(0);
          for (const c of t.columns) {
            expect(c.values.length).toBe(t.rows);
            if (c.kind === "numeric") {
              for (let i = 0; i < t.rows; i++) expect(Number.isFinite(c.values[i]) || c.missing?.[i] === 1).toBe(true);
            }
          }
        } catch (e) {
          if (!(e instanceof MinfoError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseCsv: line numbers", () => {
  it("property: lines[i] is the editor line (LF, CRLF or CR ends a line) where data row i starts", () => {
    const cell = fc.constantFrom("1", "x", '"a\nb"', '"a\r\nb\nc"', '"q,""r"""', "");
    const eol = fc.constantFrom("\n", "\r\n", "\r");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, fc.integer({ min: 0, max: 2 }), eol), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 0, max: 2 }),
        (rows, leadingBlank) => {
          let text = "\n".repeat(leadingBlank) + "h1,h2\n";
          const starts: number[] = [];
          for (const [a, b, blanks, end] of rows) {
            text += end.repeat(blanks);
            // A row of two empty cells is "," (not blank).
            starts.push(text.length);
            text += `${a},${b}${end}`;
          }
          // Truth: 1 + line breaks before the row's first character ("\r" then "\n" is one break).
          const want = starts.map((o) => 1 + (text.slice(0, o).match(/\r\n|\r|\n/g) ?? []).length);
          const t = parseCsv(text);
          expect(Array.from(t.lines!)).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});
