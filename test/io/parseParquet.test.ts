import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MinfoError, ParseError } from "../../src/core/errors.js";
import { numericMatrix } from "../../src/io/numericMatrix.js";
import { parseParquet } from "../../src/io/parseParquet.js";
import type { NumericColumn, TextColumn } from "../../src/io/table.js";

async function rejected(p: Promise<unknown>): Promise<MinfoError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MinfoError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url)));
const values = (c: unknown) => {
  const col = c as NumericColumn | TextColumn;
  return Array.from(col.values as ArrayLike<number | string>, (v, i) => (col.missing?.[i] ? null : v));
};
// Written by scripts/fixtures/ioParquetFixtures.mjs (hand-written PLAIN writer, 2 row groups of 3 + 2 rows).
const expected = JSON.parse(readFileSync(new URL("../fixtures/io/parquet-expected.json", import.meta.url), "utf8")) as Record<
  string,
  (number | string | boolean | null)[]
>;

describe("parseParquet: small files (UNCOMPRESSED, SNAPPY, GZIP)", () => {
  for (const codec of ["uncompressed", "snappy", "gzip"]) {
    it(`${codec}: double/int32/int64/float/utf8/boolean columns with nulls`, async () => {
      const t = await parseParquet(fixture(`mixed-${codec}.parquet`), { source: "m.parquet" });
      expect(t.format).toBe("parquet");
      expect(t.source).toBe("m.parquet");
      expect(t.rows).toBe(5);
      expect(t.names).toEqual(["d", "i", "l", "f", "s", "b"]);
      expect(t.columns.map((c) => c.kind)).toEqual(["numeric", "numeric", "numeric", "numeric", "text", "text"]);
      for (let j = 0; j < 4; j++) expect(values(t.columns[j])).toEqual(expected[t.names[j]]);
      expect(values(t.columns[4])).toEqual(expected.s);
      expect(values(t.columns[5])).toEqual(expected.b.map(String));
      expect(t.columns[0].missingCount).toBe(1);
      expect(t.columns[2].missingCount).toBe(2);
    });
  }

  it("accepts an ArrayBuffer and a Uint8Array view into a larger buffer", async () => {
    const bytes = fixture("mixed-uncompressed.parquet");
    const big = new Uint8Array(bytes.length + 16);
    big.set(bytes, 7);
    const t1 = await parseParquet(big.subarray(7, 7 + bytes.length));
    const t2 = await parseParquet(bytes.slice().buffer);
    expect(values(t1.columns[0])).toEqual(expected.d);
    expect(values(t2.columns[1])).toEqual(expected.i);
  });

  it("rowStart/rowEnd across row groups and a column subset, in the order asked", async () => {
    const t = await parseParquet(fixture("mixed-snappy.parquet"), { rowStart: 2, rowEnd: 4, columns: ["s", "d"] });
    expect(t.rows).toBe(2);
    expect(t.names).toEqual(["s", "d"]);
    expect(values(t.columns[0])).toEqual([null, ""]);
    expect(values(t.columns[1])).toEqual([-1e-300, 1e300]);
    const tail = await parseParquet(fixture("mixed-gzip.parquet"), { rowStart: 4, rowEnd: 99 });
    expect(tail.rows).toBe(1);
    expect(tail.firstRow).toBe(4);
    // Errors name rows of the file, not of the slice: row 2 of the file has a null in "l".
    const slice = await parseParquet(fixture("mixed-gzip.parquet"), { rowStart: 1, source: "m.parquet" });
    expect(() => numericMatrix(slice, [2])).toThrow('m.parquet: row 2, column "l": expected a number; got a missing (empty) cell (2 missing in this column).');
  });

  it("errors: not Parquet, unknown column, empty range, bad options", async () => {
    const e = (await rejected(parseParquet(new TextEncoder().encode("a,b\n1,2\n"), { source: "x.parquet" }))) as ParseError;
    expect(e.code).toBe("parse-error");
    expect(e.file).toBe("x.parquet");
    expect(e.message).toMatch(/^x\.parquet: not a readable Parquet file \(/);
    const bytes = fixture("mixed-uncompressed.parquet");
    expect((await rejected(parseParquet(bytes, { columns: ["zz"], source: "m.parquet" }))).message).toBe(
      'm.parquet: no column "zz"; the file has "d", "i", "l", "f", "s", "b".',
    );
    expect((await rejected(parseParquet(bytes, { rowStart: 5 }))).message).toBe("no rows to read (the file has 5 rows and 6 columns; asked for rows [5, 5)).");
    expect((await rejected(parseParquet(bytes, { rowStart: -1 }))).code).toBe("invalid-argument");
    expect((await rejected(parseParquet("nope" as unknown as Uint8Array))).code).toBe("invalid-argument");
    const truncated = bytes.slice(0, bytes.length - 30);
    expect((await rejected(parseParquet(truncated))).code).toBe("parse-error");
  });
});

describe("parseParquet: vega-datasets flights-3m.parquet (ZSTD, INT64, TIMESTAMP, UTF8)", () => {
  it("reads the first rows only", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("../../node_modules/vega-datasets/data/flights-3m.parquet", import.meta.url)));
    const t = await parseParquet(bytes, { rowEnd: 3, source: "flights-3m.parquet" });
    expect(t.rows).toBe(3);
    expect(t.names).toEqual(["date", "delay", "distance", "origin", "destination"]);
    expect(t.columns.map((c) => c.kind)).toEqual(["numeric", "numeric", "numeric", "text", "text"]);
    // Values as decoded by hyparquet (no independent reader here): timestamps -> ms since epoch.
    expect(values(t.columns[0])).toEqual([Date.UTC(2001, 0, 1, 0, 1), Date.UTC(2001, 0, 1, 0, 1), Date.UTC(2001, 0, 1, 0, 1)]);
    expect(values(t.columns[1])).toEqual([33, 19, 14]);
    expect(values(t.columns[2])).toEqual([2176, 215, 405]);
    expect(values(t.columns[3])).toEqual(["LAS", "ATL", "MCI"]);
    expect(values(t.columns[4])).toEqual(["PHL", "SAV", "MDW"]);
  });
});
