import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { assertKnownOptions, assertMinRows, assertSameRows, integerOption, toMatrix } from "../../../src/core/data/validate.js";
import { matrix } from "../../../src/core/data/matrix.js";
import { InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError } from "../../../src/core/errors.js";

describe("toMatrix", () => {
  it("accepts rows, a single column, a Float64Array and a Matrix", () => {
    expect(toMatrix([[1, 2], [3, 4], [5, 6]], "x", "f")).toMatchObject({ rows: 3, cols: 2 });
    expect(Array.from(toMatrix([[1, 2], [3, 4]], "x", "f").data)).toEqual([1, 2, 3, 4]);
    expect(toMatrix([1, 2, 3], "x", "f")).toMatchObject({ rows: 3, cols: 1 });
    expect(toMatrix(new Float64Array([1, 2]), "x", "f")).toMatchObject({ rows: 2, cols: 1 });
    const m = matrix(new Float64Array([1, 2, 3, 4]), 2, 2);
    expect(toMatrix(m, "x", "f")).toBe(m);
  });

  it("names row and column of the first non-finite value", () => {
    try {
      toMatrix([[1, 2], [3, NaN]], "y", "ksg-1");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonFiniteValueError);
      const err = e as NonFiniteValueError;
      expect(err.code).toBe("non-finite-value");
      expect([err.row, err.column]).toEqual([1, 1]);
      expect(err.message).toBe("ksg-1: y must be finite; row 1, column 1 is NaN.");
    }
    expect(() => toMatrix(matrix(new Float64Array([1, Infinity]), 2, 1, ["speed"]), "x", "f")).toThrow(/row 1, column 0 \("speed"\) is Infinity/);
  });

  it("rejects wrong types, ragged rows and wrong lengths with typed errors", () => {
    expect(() => toMatrix("1,2,3", "x", "f")).toThrow(InvalidArgumentError);
    expect(() => toMatrix([[1, 2], [3]], "x", "f")).toThrow(ShapeMismatchError);
    expect(() => toMatrix([[1, "2"]], "x", "f")).toThrow(/x\[0\]\[1\] must be a number; got the string "2"/);
    expect(() => toMatrix([[1], 2], "x", "f")).toThrow(/row 1 is number 2|row 1 is 2/);
    expect(() => toMatrix({ data: new Float64Array(3), rows: 2, cols: 2 }, "x", "f")).toThrow(ShapeMismatchError);
    expect(() => toMatrix({ data: [1, 2], rows: 2, cols: 1 }, "x", "f")).toThrow(/Float64Array/);
    expect(() => toMatrix(null, "x", "f")).toThrow(/got null/);
    expect(() => toMatrix([[]], "x", "f")).toThrow(/at least one column/);
  });

  it("never mutates its input", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 20 }), (rows) => {
        const copy = JSON.stringify(rows);
        toMatrix(rows, "x", "f");
        expect(JSON.stringify(rows)).toBe(copy);
      }),
      { numRuns: 100 },
    );
  });
});

describe("option and shape checks", () => {
  it("integerOption names the argument, range and value", () => {
    expect(integerOption("ksg-1", "k", 3, 1, 9)).toBe(3);
    expect(() => integerOption("ksg-1", "k", 10, 1, 4, " (n = 5)")).toThrow("ksg-1: k must be an integer in [1, 4] (n = 5); got 10.");
    expect(() => integerOption("ksg-1", "k", 2.5, 1)).toThrow(/got 2.5/);
    expect(() => integerOption("ksg-1", "k", -1, 1)).toThrow(InvalidArgumentError);
    expect(() => integerOption("ksg-1", "k", "3", 1)).toThrow(/got the string "3"/);
  });

  it("assertSameRows, assertMinRows and assertKnownOptions", () => {
    const a = matrix(new Float64Array(3), 3, 1);
    const b = matrix(new Float64Array(2), 2, 1);
    expect(() => assertSameRows("f", [["x", a], ["y", b]])).toThrow("f: y has 2 rows but x has 3; they must be paired row by row.");
    expect(() => assertMinRows("f", 1, 2, "k + 1")).toThrow(InsufficientSamplesError);
    expect(() => assertKnownOptions("ksg-1", { kk: 3 }, ["k", "jitter"])).toThrow('ksg-1: unknown option "kk"; known options: k, jitter.');
  });
});

describe("toPairedMatrices", () => {
  it("validates each sample by name and checks the pairing", async () => {
    const { toPairedMatrices } = await import("../../../src/core/data/validate.js");
    const [x, y, z] = toPairedMatrices("f", { x: [1, 2, 3], y: [[1], [2], [3]], z: new Float64Array([0, 1, 2]) });
    expect([x.rows, y.rows, z.rows]).toEqual([3, 3, 3]);
    expect(() => toPairedMatrices("f", { x: [1, 2, 3], y: [1, NaN, 3] })).toThrow("f: y must be finite; row 1, column 0 is NaN.");
    expect(() => toPairedMatrices("f", { x: [1, 2, 3], y: [1, 2] })).toThrow("f: y has 2 rows but x has 3; they must be paired row by row.");
  });
});
