import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Float64 as ArrowFloat64, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { MinfoError, ParseError } from "../../src/core/errors.js";
import { parseCsv } from "../../src/io/parseCsv.js";
import type { Table } from "../../src/io/table.js";
import { formatFromPath, readCsvStream, readTable } from "../../src/node/readTable.js";
import { npyBytes } from "../io/npyBytes.js";

const dir = mkdtempSync(join(tmpdir(), "minfo-readTable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let k = 0;
function file(name: string, content: string | Uint8Array): string {
  const sub = join(dir, String(k++));
  mkdirSync(sub);
  const p = join(sub, name);
  writeFileSync(p, content);
  return p;
}
async function rejected(p: Promise<unknown>): Promise<MinfoError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MinfoError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}
/** Plain-object form of a table for deep equality (typed arrays as arrays, NaN kept). */
function plain(t: Table) {
  return {
    names: t.names,
    rows: t.rows,
    format: t.format,
    lines: t.lines ? Array.from(t.lines) : undefined,
    columns: t.columns.map((c) => ({
      kind: c.kind,
      name: c.name,
      values: Array.from(c.values as ArrayLike<number | string>, (v) => (typeof v === "number" && Number.isNaN(v) ? "NaN" : v)),
      missing: c.missing ? Array.from(c.missing) : undefined,
      missingCount: c.missingCount,
    })),
  };
}

describe("readTable: format by extension", () => {
  it("maps extensions to formats", () => {
    expect(["a.csv", "a.TSV", "a.txt", "a.npy", "a.arrow", "a.feather", "a.ipc", "a.parquet", "a.json", "a.xlsx"].map(formatFromPath)).toEqual([
      "csv", "csv", "csv", "npy", "arrow", "arrow", "arrow", "parquet", "json", undefined,
    ]);
  });

  it("reads CSV, TSV (by extension), NPY, Arrow, Parquet and JSON files and names the path as source", async () => {
    const csv = file("a.csv", "x,y\n1,2\n3,4\n");
    const tsv = file("a.tsv", "x\ty,z\n1\t2\n");
    const npy = file("a.npy", npyBytes("<f4", [2, 1], [0.5, 1.5]));
    const arrow = file("a.feather", tableToIPC(new ArrowTable({ x: vectorFromArray([1, null], new ArrowFloat64()), s: vectorFromArray(["a", "b"], new Utf8()) })));
    const parquet = file("a.parquet", readFileSync(new URL("../fixtures/io/mixed-gzip.parquet", import.meta.url)));
    const json = file("a.json", '[{"x": 1}, {"x": null}]');
    const tc = await readTable(csv);
    expect([tc.format, tc.source, tc.rows, tc.names]).toEqual(["csv", csv, 2, ["x", "y"]]);
    const tt = await readTable(tsv);
    expect(tt.names).toEqual(["x", "y,z"]);
    expect((await readTable(npy)).format).toBe("npy");
    const ta = await readTable(arrow);
    expect([ta.format, ta.source, ta.columns[0].missingCount]).toEqual(["arrow", arrow, 1]);
    const tp = await readTable(parquet, { rowStart: 1, rowEnd: 3 });
    expect([tp.format, tp.rows]).toEqual(["parquet", 2]);
    expect((await readTable(json)).columns[0].missingCount).toBe(1);
    expect((await readTable(file("data.dat", "a;b\n1;2\n"), { format: "csv" })).names).toEqual(["a", "b"]);
  });

  it("passes CSV options through: .txt with detected TAB, header: false, naValues, semicolons", async () => {
    const t = await readTable(file("d.txt", "1\t2\nNA\t4\n"), { header: false, naValues: ["NA"] });
    expect(t.names).toEqual(["0", "1"]);
    expect(t.rows).toBe(2);
    expect(t.columns[0].missingCount).toBe(1);
    expect(t.columns[0].kind).toBe("numeric");
    const s = await readTable(file("s.csv", "a;b\n1,5;2\n"));
    expect(s.names).toEqual(["a", "b"]);
    expect(s.columns[0].kind).toBe("text");
    const h = await readTable(file("h.json", '[["a", "b"], ["c", "d"]]'), { header: false });
    expect(h.rows).toBe(2);
  });

  it("errors name the path: unknown extension, missing file, directory, parse errors", async () => {
    const e1 = await rejected(readTable("x.xlsx"));
    expect(e1.code).toBe("invalid-argument");
    expect(e1.message).toMatch(/^readTable: cannot tell the format of "x\.xlsx" from its extension; expected one of \.csv, /);
    const missing = join(dir, "nope.csv");
    expect((await rejected(readTable(missing))).message).toBe(`readCsvStream: path must name an existing file; "${missing}" does not exist.`);
    expect((await rejected(readTable(join(dir, "nope.npy")))).message).toBe(`readTable: path must name an existing file; "${join(dir, "nope.npy")}" does not exist.`);
    const sub = join(dir, "d.csv");
    mkdirSync(sub);
    expect((await rejected(readTable(sub))).message).toBe(`readCsvStream: path must name a file; "${sub}" is a directory.`);
    const ragged = file("r.csv", "a,b\n1,2\n3\n");
    const e = (await rejected(readTable(ragged))) as ParseError;
    expect(e.message).toBe(`${ragged}: line 3, column 2: expected 2 fields like the header (line 1); got 1.`);
    expect([e.file, e.line, e.column]).toEqual([ragged, 3, 2]);
    const q = file("q.csv", 'a,b\n1,"x\n');
    expect((await rejected(readTable(q))).message).toBe(`${q}: line 2, column 2: a quoted field is not closed before the end of the input.`);
    const bad = file("b.csv", new Uint8Array([0x61, 0x0a, 0xc3, 0x28, 0x0a]));
    expect((await rejected(readTable(bad))).message).toBe(`${bad}: the input is not valid UTF-8 text.`);
    const empty = file("e.csv", "");
    expect((await rejected(readTable(empty))).message).toBe(`${empty}: the input is empty; expected a header line and at least one data row.`);
    const npy = file("bad.npy", "hello");
    expect((await rejected(readTable(npy))).message).toBe(`${npy}: not a NumPy .npy file (missing the \\x93NUMPY magic string).`);
  });

  it("honours an AbortSignal", async () => {
    const p = file("big.csv", "a\n" + "1\n".repeat(1000));
    const ac = new AbortController();
    ac.abort();
    expect((await rejected(readTable(p, { signal: ac.signal }))).code).toBe("aborted");
    expect((await rejected(readTable(file("x.npy", npyBytes("<f8", [1], [1])), { signal: ac.signal }))).code).toBe("aborted");
  });
});

describe("readCsvStream", () => {
  it("reports progress and gives the same table as parseCsv on a mixed file", async () => {
    const lines = ["id,x,label,code"];
    for (let i = 0; i < 5000; i++) lines.push(`${i},${(i * 0.37).toFixed(3)},${i % 3 === 0 ? "" : "c" + (i % 5)},${i === 4000 ? "0x1F" : "00" + i}`);
    const text = lines.join("\r\n") + "\r\n";
    const p = file("mixed.csv", text);
    const calls: [number, number][] = [];
    const t = await readCsvStream(p, { chunkSize: 4096, onProgress: (a, b) => calls.push([a, b]) });
    const ref = parseCsv(text, { source: p });
    expect(plain(t)).toEqual(plain(ref));
    expect(t.columns.map((c) => c.kind)).toEqual(["numeric", "numeric", "text", "text"]);
    // The "code" column became text at row 4000; the second pass recovered "000", "001", ...
    expect((t.columns[3].values as string[])[1]).toBe("001");
    const total = Buffer.byteLength(text);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls[calls.length - 1]).toEqual([total, total]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
  });

  it("grows columns past the initial capacity (10^5 rows)", async () => {
    const n = 100000;
    const text = "a,b\n" + Array.from({ length: n }, (_, i) => `${i},${-i / 7}`).join("\n") + "\n";
    const t = await readCsvStream(file("g.csv", text));
    expect(t.rows).toBe(n);
    const a = t.columns[0].values as Float64Array;
    expect(a[n - 1]).toBe(n - 1);
    expect((t.columns[1].values as Float64Array)[n - 1]).toBe(-(n - 1) / 7);
    expect(t.lines![n - 1]).toBe(n + 1);
  });

  it("property: identical to parseCsv for random CSV text and chunk sizes (incl. BOM, CRLF, quotes)", async () => {
    const cell = fc.oneof(
      fc.constantFrom("", "1", "-2.5", "1e-300", "x", "NaN", "1e400", "007", " "),
      fc.constantFrom('"a,b"', '"q""q"', '"line\nbreak"', '"é"', "ü"),
    );
    const csvText = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), fc.boolean())
      .chain(([d, n, crlf, bom]) =>
        fc.array(fc.array(cell, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }).map((rows) => {
          const header = Array.from({ length: d }, (_, j) => `c${j}`).join(",");
          return (bom ? "\uFEFF" : "") + [header, ...rows.map((r) => r.join(","))].join(crlf ? "\r\n" : "\n") + "\n";
        }),
      );
    await fc.assert(
      fc.asyncProperty(csvText, fc.integer({ min: 1, max: 64 }), async (text, chunkSize) => {
        const p = file("p.csv", text);
        let ref: unknown;
        try {
          ref = plain(parseCsv(text, { source: p, delimiter: "," }));
        } catch (e) {
          ref = (e as Error).message;
        }
        let got: unknown;
        try {
          got = plain(await readCsvStream(p, { chunkSize, delimiter: "," }));
        } catch (e) {
          got = (e as Error).message;
        }
        expect(got).toEqual(ref);
      }),
      { numRuns: 150 },
    );
  });

  it("second pass stops early when the text column starts near the top; result unchanged", async () => {
    const text = "a,b\n1,x\n2,3\n" + Array.from({ length: 20000 }, (_, i) => `${i},${i}`).join("\n") + "\n";
    const p = file("early.csv", text);
    const t = await readCsvStream(p, { chunkSize: 256 });
    expect(plain(t)).toEqual(plain(parseCsv(text, { source: p })));
    expect((t.columns[1].values as string[]).slice(0, 3)).toEqual(["x", "3", "0"]);
  });

  it("aborts mid-stream when the signal fires during reading", async () => {
    const p = file("abort.csv", "a\n" + "1\n".repeat(50000));
    const ac = new AbortController();
    const e = await rejected(readCsvStream(p, { chunkSize: 1024, signal: ac.signal, onProgress: () => ac.abort() }));
    expect(e.code).toBe("aborted");
    expect(e.message).toBe("readCsvStream: aborted by the caller's AbortSignal.");
  });

  it("validates options", async () => {
    expect((await rejected(readCsvStream("a.csv", { chunkSize: 0 }))).code).toBe("invalid-argument");
    expect((await rejected(readCsvStream("a.csv", { delimiter: "|" as "," }))).code).toBe("invalid-argument");
  });
});
