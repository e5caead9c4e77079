import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MinfoError, ParseError } from "../../src/core/errors.js";
import { numericMatrix } from "../../src/io/numericMatrix.js";
import { parseJson } from "../../src/io/parseJson.js";
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
const values = (c: unknown) => {
  const col = c as NumericColumn | TextColumn;
  return Array.from(col.values as ArrayLike<number | string>, (v, i) => (col.missing?.[i] ? null : v));
};

describe("parseJson: accepted shapes", () => {
  it("array of row objects: union of keys in first-appearance order, absent keys missing", () => {
    const t = parseJson('[{"a": 1, "b": "x"}, {"b": null, "c": true}, {"a": 2.5}]', { source: "r.json" });
    expect(t.format).toBe("json");
    expect(t.names).toEqual(["a", "b", "c"]);
    expect(t.columns.map((c) => c.kind)).toEqual(["numeric", "text", "text"]);
    expect(values(t.columns[0])).toEqual([1, null, 2.5]);
    expect(values(t.columns[1])).toEqual(["x", null, null]);
    expect(values(t.columns[2])).toEqual([null, "true", null]);
    expect(t.lines).toBeUndefined();
  });

  it("array of arrays with a header row, or without one", () => {
    const t = parseJson('[["x", "y"], [1, "a"], [2, null]]');
    expect(t.names).toEqual(["x", "y"]);
    expect(values(t.columns[0])).toEqual([1, 2]);
    expect(values(t.columns[1])).toEqual(["a", null]);
    const u = parseJson("[[1, 2], [3, 4]]");
    expect(u.names).toEqual(["0", "1"]);
    expect(values(u.columns[1])).toEqual([2, 4]);
    const h = parseJson('[["a", "b"], ["c", "d"]]', { header: false });
    expect(h.rows).toBe(2);
  });

  it("flat array, column object, {columns: {...}} and pandas split orientation", () => {
    expect(values(parseJson("[1, 2, null]").columns[0])).toEqual([1, 2, null]);
    for (const text of ['{"a": [1, 2], "b": ["u", "v"]}', '{"columns": {"a": [1, 2], "b": ["u", "v"]}}', '{"columns": ["a", "b"], "data": [[1, "u"], [2, "v"]]}']) {
      const t = parseJson(text);
      expect(t.names).toEqual(["a", "b"]);
      expect(values(t.columns[0])).toEqual([1, 2]);
      expect(values(t.columns[1])).toEqual(["u", "v"]);
    }
  });

  it("mixed numbers and strings make a text column with numbers as String(v); bytes and BOM accepted", () => {
    const t = parseJson(new TextEncoder().encode('\uFEFF[{"a": 1}, {"a": "two"}, {"a": 0.1}]'));
    expect(values(t.columns[0])).toEqual(["1", "two", "0.1"]);
  });

  it("vega-datasets cars.json: 406 rows, nulls in Miles_per_Gallon (8) and Horsepower (6)", () => {
    const bytes = new Uint8Array(readFileSync(new URL("../../node_modules/vega-datasets/data/cars.json", import.meta.url)));
    const t = parseJson(bytes, { source: "cars.json" });
    expect(t.rows).toBe(406);
    expect(t.names).toEqual(["Name", "Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year", "Origin"]);
    expect(t.columns.map((c) => c.kind)).toEqual(["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "text", "text"]);
    expect(t.columns[1].missingCount).toBe(8);
    expect(t.columns[4].missingCount).toBe(6);
    expect(t.columns[4].missing!.indexOf(1)).toBe(38);
    // Reference: sum of non-null Horsepower computed with Python's json module = 42033.
    const hp = numericMatrix(t, [4], { onMissing: "drop" });
    expect(hp.rows).toBe(400);
    expect(hp.data.reduce((s, v) => s + v, 0)).toBe(42033);
    expect(thrown(() => numericMatrix(t, [2, 4])).message).toBe(
      'cars.json: row 38, column "Horsepower": expected a number; got a missing (empty) cell (6 missing in this column).',
    );
  });
});

describe("parseJson: errors", () => {
  it("invalid JSON names line and column", () => {
    const e = thrown(() => parseJson('[\n  {"a": 1},\n  {"a": }\n]', { source: "bad.json" })) as ParseError;
    expect(e.code).toBe("parse-error");
    expect([e.file, e.line, e.column]).toEqual(["bad.json", 3, 9]);
    expect(e.message).toMatch(/^bad\.json: line 3, column 9: invalid JSON \(/);
  });

  it("empty input, empty array, scalars, ragged rows, nested values, unequal columns", () => {
    expect(thrown(() => parseJson("", { source: "e.json" })).message).toBe("e.json: the input is empty; expected a JSON array or object.");
    expect(thrown(() => parseJson("[]")).message).toBe("the JSON array is empty; expected rows.");
    expect(thrown(() => parseJson("42")).message).toBe("expected a JSON array or object; got number.");
    expect(thrown(() => parseJson('[["a","b"],[1,2],[3]]', { source: "r.json" })).message).toBe("r.json: row 2: expected 2 values like the header; got 1.");
    expect(thrown(() => parseJson('[{"a":1},[1]]')).message).toBe("row 1: expected an object like row 0; got an array.");
    const nested = thrown(() => parseJson('[{"a":1},{"a":{"b":2}}]', { source: "n.json" })) as ParseError;
    expect(nested.message).toBe('n.json: row 1, column "a": expected a number, string, boolean or null; got an object.');
    expect([nested.file, nested.column]).toEqual(["n.json", "a"]);
    expect(thrown(() => parseJson('{"a":[1,2],"b":[1]}')).message).toBe('column "b" has 1 values; expected 2 like column "a".');
    expect(thrown(() => parseJson('{"a":3}')).message).toBe('column "a": expected an array of values; got number.');
    expect(thrown(() => parseJson('[["a"]]')).message).toBe("the JSON holds no rows.");
  });
});

describe("jsonErrorPosition", () => {
  it("is -1 exactly when JSON.parse accepts the text (random JSON-like strings)", async () => {
    const { jsonErrorPosition } = await import("../../src/io/jsonErrorPosition.js");
    const fc = (await import("fast-check")).default;
    const tok = fc.constantFrom("[", "]", "{", "}", ",", ":", '"a"', '"\\u00e9"', '"\\x"', "1", "-0.5e3", "01", "true", "nul", "null", " ", "\n");
    fc.assert(
      fc.property(fc.array(tok, { maxLength: 12 }), (a) => {
        const s = a.join("");
        let ok = true;
        try {
          JSON.parse(s);
        } catch {
          ok = false;
        }
        expect(jsonErrorPosition(s) === -1).toBe(ok);
      }),
      { numRuns: 1000 },
    );
  });
});
