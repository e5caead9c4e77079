import { describe, expect, it } from "vitest";
import { MinfoError, NonFiniteValueError, ParseError } from "../../src/core/errors.js";
import { numericMatrix, missingSummary } from "../../src/io/numericMatrix.js";
import { parseCsv } from "../../src/io/parseCsv.js";
import { parseJson } from "../../src/io/parseJson.js";
import { parseNpy } from "../../src/io/parseNpy.js";
import { npyBytes } from "./npyBytes.js";

function thrown(fn: () => unknown): MinfoError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MinfoError) return e;
    throw e;
  }
  throw new Error("expected a throw");
}

/** A cars.csv-like file: line 17 has "n/a" in Horsepower. */
function carsCsv(): string {
  const lines = ["Name,Horsepower,Weight"];
  for (let i = 0; i < 20; i++) lines.push(`car${i},${i === 15 ? "n/a" : 100 + i},${2000 + 10 * i}`);
  return lines.join("\n") + "\n";
}

describe("numericMatrix", () => {
  it("returns selected columns row-major with names, in the order asked", () => {
    const t = parseCsv("a,b,c\n1,2,3\n4,5,6\n");
    const m = numericMatrix(t, [2, 0]);
    expect([m.rows, m.cols]).toEqual([2, 2]);
    expect(Array.from(m.data)).toEqual([3, 1, 6, 4]);
    expect(m.columnNames).toEqual(["c", "a"]);
  });

  it("non-numeric cell: ParseError naming file, line and column", () => {
    const t = parseCsv(carsCsv(), { source: "cars.csv" });
    expect(t.columns[1].kind).toBe("text");
    expect(Array.from(numericMatrix(t, [2]).data.subarray(0, 2))).toEqual([2000, 2010]);
    const e = thrown(() => numericMatrix(t, [2, 1])) as ParseError;
    expect(e).toBeInstanceOf(ParseError);
    expect(e.message).toBe('cars.csv: line 17, column "Horsepower": expected a number; got "n/a".');
    expect([e.code, e.file, e.line, e.column]).toEqual(["parse-error", "cars.csv", 17, "Horsepower"]);
  });

  it("text column whose cells are all numbers after all (e.g. naValues not set) parses", () => {
    const t = parseJson('[{"a": "1.5"}, {"a": "2"}]');
    expect(t.columns[0].kind).toBe("text");
    expect(Array.from(numericMatrix(t, [0]).data)).toEqual([1.5, 2]);
  });

  it("1e400, NaN and inf cells are reported as non-finite", () => {
    const t = parseCsv("a,b,c\n1,2,3\n1e400,NaN,-inf\n", { source: "f.csv" });
    expect(thrown(() => numericMatrix(t, [0])).message).toBe('f.csv: line 3, column "a": expected a finite number; got "1e400" (overflows to Infinity).');
    expect(thrown(() => numericMatrix(t, [1])).message).toBe('f.csv: line 3, column "b": expected a finite number; got "NaN".');
    expect(thrown(() => numericMatrix(t, [2])).message).toBe('f.csv: line 3, column "c": expected a finite number; got "-inf".');
    const g = parseCsv("a\n1\n1,2\n", { source: "g.csv", delimiter: ";" });
    expect(thrown(() => numericMatrix(g, [0])).message).toBe('g.csv: line 3, column "a": expected a number; got "1,2".');
  });

  it("reports the first bad cell in file order across the selected columns", () => {
    const t = parseCsv("a,b\n1,2\n3,x\ny,4\n", { source: "o.csv" });
    expect(thrown(() => numericMatrix(t, [0, 1])).message).toBe('o.csv: line 3, column "b": expected a number; got "x".');
  });

  it("missing cells: error by default, dropped rows on request", () => {
    const t = parseCsv("a,b\n1,2\n,3\n4,\n5,6\n", { source: "m.csv" });
    const e = thrown(() => numericMatrix(t, [0, 1])) as ParseError;
    expect(e.message).toBe('m.csv: line 3, column "a": expected a number; got a missing (empty) cell (1 missing in this column).');
    expect([e.line, e.column]).toEqual([3, "a"]);
    const m = numericMatrix(t, [0, 1], { onMissing: "drop" });
    expect([m.rows, Array.from(m.data)]).toEqual([2, [1, 2, 5, 6]]);
    expect(Array.from(numericMatrix(t, [0], { onMissing: "drop" }).data)).toEqual([1, 4, 5]);
    expect(missingSummary(t)).toEqual([
      { column: 0, name: "a", count: 1, firstRow: 1, firstLine: 3 },
      { column: 1, name: "b", count: 1, firstRow: 2, firstLine: 4 },
    ]);
  });

  it("JSON nulls (cars.json style) report the 0-based row", () => {
    const t = parseJson('[{"Name":"a","Horsepower":130},{"Name":"b","Horsepower":null}]', { source: "cars.json" });
    expect(thrown(() => numericMatrix(t, [1])).message).toBe(
      'cars.json: row 1, column "Horsepower": expected a number; got a missing (empty) cell (1 missing in this column).',
    );
  });

  it("Infinity stored in a binary column: NonFiniteValueError with row and column", () => {
    const t = parseNpy(npyBytes("<f8", [3], new Float64Array([1, Infinity, 2])), { source: "inf.npy" });
    const e = thrown(() => numericMatrix(t, [0])) as NonFiniteValueError;
    expect(e).toBeInstanceOf(NonFiniteValueError);
    expect(e.message).toBe('inf.npy: row 1, column "0": expected a finite number; got Infinity.');
    expect([e.row, e.column]).toEqual([1, 0]);
  });

  it("bad column indices and options", () => {
    const t = parseCsv("a\n1\n");
    expect(thrown(() => numericMatrix(t, [1])).message).toBe("numericMatrix: column index must be an integer in [0, 0]; got 1.");
    expect(thrown(() => numericMatrix(t, [])).code).toBe("invalid-argument");
    expect(thrown(() => numericMatrix(t, [0], { onMissing: "zero" as "drop" })).code).toBe("invalid-argument");
  });
});
