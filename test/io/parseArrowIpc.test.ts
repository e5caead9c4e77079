import { readFileSync } from "node:fs";
import {
  Bool,
  DateMillisecond,
  Dictionary,
  Field,
  Float16,
  Float32,
  Uint32,
  Float64,
  Int16,
  Int32,
  Int64,
  List,
  Table as ArrowTable,
  TimestampMillisecond,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from "apache-arrow";
import { describe, expect, it } from "vitest";
import { MinfoError, ParseError } from "../../src/core/errors.js";
import { numericMatrix } from "../../src/io/numericMatrix.js";
import { parseArrowIpc } from "../../src/io/parseArrowIpc.js";
import type { NumericColumn, TextColumn } from "../../src/io/table.js";

function thrown(fn: () => unknown): MinfoError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MinfoError) return e;
    throw e;
  }
  throw new Error("expected a throw");
}

function sample(): ArrowTable {
  return new ArrowTable({
    f64: vectorFromArray([1.5, null, -1e-300, NaN], new Float64()),
    f32: vectorFromArray([0.5, 1, 2, 3], new Float32()),
    i16: vectorFromArray([-3, 4, 5, 6], new Int16()),
    i32: vectorFromArray([1, 2, null, 4], new Int32()),
    i64: vectorFromArray([2n ** 53n, -1n, null, 0n], new Int64()),
    s: vectorFromArray(["a", null, "b,c", ""], new Utf8()),
    dict: vectorFromArray(["x", "y", "x", null], new Dictionary(new Utf8(), new Int32())),
    flag: vectorFromArray([true, false, null, true], new Bool()),
    ts: vectorFromArray([0, 1000, null, 86400000], new TimestampMillisecond()),
    date: vectorFromArray([new Date(86400000), null, new Date(0), new Date(0)], new DateMillisecond()),
  });
}

describe("parseArrowIpc", () => {
  for (const format of ["file", "stream"] as const) {
    it(`round-trips numeric, utf8, dictionary, bool, timestamp and date columns (${format} format)`, () => {
      const t = parseArrowIpc(tableToIPC(sample(), format), { source: "s.arrow" });
      expect(t.format).toBe("arrow");
      expect(t.source).toBe("s.arrow");
      expect(t.rows).toBe(4);
      expect(t.names).toEqual(["f64", "f32", "i16", "i32", "i64", "s", "dict", "flag", "ts", "date"]);
      expect(t.columns.map((c) => c.kind)).toEqual(["numeric", "numeric", "numeric", "numeric", "numeric", "text", "text", "text", "numeric", "numeric"]);
      const n = (j: number) => t.columns[j] as NumericColumn;
      const s = (j: number) => t.columns[j] as TextColumn;
      expect(Array.from(n(0).values.subarray(0, 3), (v) => (Number.isNaN(v) ? null : v))).toEqual([1.5, null, -1e-300]);
      expect(Array.from(n(0).missing!)).toEqual([0, 1, 0, 1]); // null and NaN are missing
      expect(Array.from(n(1).values)).toEqual([0.5, 1, 2, 3]);
      expect(n(1).missing).toBeUndefined();
      expect(Array.from(n(2).values)).toEqual([-3, 4, 5, 6]);
      expect(Array.from(n(3).missing!)).toEqual([0, 0, 1, 0]);
      expect(n(4).values[0]).toBe(2 ** 53);
      expect(n(4).values[1]).toBe(-1);
      expect(s(5).values).toEqual(["a", "", "b,c", ""]);
      expect(Array.from(s(5).missing!)).toEqual([0, 1, 0, 0]); // "" in Arrow is a value, not null
      expect(s(6).values).toEqual(["x", "y", "x", ""]);
      expect(s(6).missingCount).toBe(1);
      expect(s(7).values).toEqual(["true", "false", "", "true"]);
      expect(Array.from(n(8).values.subarray(0, 2))).toEqual([0, 1000]);
      expect(n(8).values[3]).toBe(86400000);
      expect(n(9).values[0]).toBe(86400000);
    });
  }

  it("Float16 (with and without nulls) and Uint32 columns", () => {
    const t = parseArrowIpc(
      tableToIPC(
        new ArrowTable({
          h: vectorFromArray([0.5, -2, 65504], new Float16()),
          hn: vectorFromArray([0.5, null, 1], new Float16()),
          u: vectorFromArray([0, 4294967295, 7], new Uint32()),
        }),
      ),
    );
    expect(Array.from((t.columns[0] as NumericColumn).values)).toEqual([0.5, -2, 65504]);
    expect(Array.from((t.columns[1] as NumericColumn).values, (v) => (Number.isNaN(v) ? null : v))).toEqual([0.5, null, 1]);
    expect(Array.from((t.columns[2] as NumericColumn).values)).toEqual([0, 4294967295, 7]);
  });

  it("errors: not Arrow, unsupported column type, no rows", () => {
    const e = thrown(() => parseArrowIpc(new TextEncoder().encode("a,b\n1,2\n"), { source: "bad.arrow" })) as ParseError;
    expect(e.code).toBe("parse-error");
    expect(e.file).toBe("bad.arrow");
    expect(e.message).toMatch(/^bad\.arrow: not a readable Arrow IPC file or stream \(/);
    const listT = new ArrowTable({ l: vectorFromArray([[1], [2, 3]], new List(new Field("item", new Int32()))) });
    const e2 = thrown(() => parseArrowIpc(tableToIPC(listT), { source: "l.arrow" })) as ParseError;
    expect(e2.message).toBe('l.arrow: column "l" has the unsupported Arrow type List<Int32>; expected numbers, strings, booleans, dates or timestamps.');
    expect(e2.column).toBe("l");
    const empty = new ArrowTable({ a: vectorFromArray([], new Float64()) });
    expect(thrown(() => parseArrowIpc(tableToIPC(empty), { source: "e.arrow" })).message).toBe("e.arrow: the Arrow table has no rows.");
  });

  it("reads vega-datasets' flights-200k.arrow (Int16/Float32 columns) like apache-arrow does", () => {
    const bytes = new Uint8Array(readFileSync(new URL("../../node_modules/vega-datasets/data/flights-200k.arrow", import.meta.url)));
    const t = parseArrowIpc(bytes, { source: "flights-200k.arrow" });
    const ref = tableFromIPC(bytes);
    expect(t.rows).toBe(200000);
    expect(t.names).toEqual(["delay", "distance", "time"]);
    for (const name of t.names) {
      const j = t.names.indexOf(name);
      const c = t.columns[j] as NumericColumn;
      expect(c.kind).toBe("numeric");
      const v = ref.getChild(name)!;
      for (const i of [0, 1, 12345, 199999]) expect(c.values[i]).toBe(Number(v.get(i)));
    }
    const m = numericMatrix(t, [0, 1]);
    expect([m.rows, m.cols]).toEqual([200000, 2]);
  });
});
