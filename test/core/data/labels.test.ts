import { describe, expect, it } from "vitest";
import { InvalidArgumentError, NonFiniteValueError, ShapeMismatchError, UnsupportedDataError } from "../../../src/core/errors.js";
import { fromRows } from "../../../src/core/data/matrix.js";
import { jointLabels, labelsFromColumn, toDiscreteVariable, toLabels, validateLabels } from "../../../src/core/data/labels.js";

describe("toLabels", () => {
  it("encodes integers ordered by value, with levels", () => {
    const l = toLabels([5, -2, 5, 7, -2], "x", "f");
    expect(Array.from(l.codes)).toEqual([1, 0, 1, 2, 0]);
    expect(l.cardinality).toBe(3);
    expect(l.levels).toEqual(["-2", "5", "7"]);
  });

  it("encodes sparse huge integers through the map path", () => {
    const l = toLabels([1e12, -1e12, 3, 1e12], "x", "f");
    expect(Array.from(l.codes)).toEqual([2, 0, 1, 2]);
    expect(l.levels).toEqual(["-1000000000000", "3", "1000000000000"]);
  });

  it("encodes strings in code-unit order", () => {
    const l = toLabels(["b", "a", "c", "a"], "x", "f");
    expect(Array.from(l.codes)).toEqual([1, 0, 2, 0]);
    expect(l.levels).toEqual(["a", "b", "c"]);
  });

  it("accepts typed arrays and empty input", () => {
    expect(Array.from(toLabels(new Float64Array([2, 2, 0]), "x", "f").codes)).toEqual([1, 1, 0]);
    expect(toLabels([], "x", "f").cardinality).toBe(0);
  });

  it("does not mutate its input", () => {
    const v = [3, 1, 2];
    toLabels(v, "x", "f");
    expect(v).toEqual([3, 1, 2]);
  });

  it("passes valid Labels through and rejects invalid ones", () => {
    const l = { codes: Int32Array.from([0, 2]), cardinality: 3 };
    expect(toLabels(l, "x", "f")).toBe(l);
    expect(() => validateLabels({ codes: Int32Array.from([0, 3]), cardinality: 3 }, "x", "f")).toThrow(/row 1 is 3/);
    expect(() => validateLabels({ codes: [0] as unknown as Int32Array, cardinality: 1 }, "x", "f")).toThrow(InvalidArgumentError);
    expect(() => validateLabels({ codes: Int32Array.from([0]), cardinality: 0 }, "x", "f")).toThrow(/cardinality/);
    expect(() => validateLabels({ codes: Int32Array.from([0]), cardinality: 1, levels: ["a", "b"] }, "x", "f")).toThrow(/levels/);
  });

  it("throws typed errors naming the row", () => {
    expect(() => toLabels([1, 2.5, 3], "x", "f")).toThrow(UnsupportedDataError);
    expect(() => toLabels([1, 2.5, 3], "x", "f")).toThrow("f: x must hold discrete codes (integers or strings) for this estimator; row 1 is 2.5.");
    expect(() => toLabels([1, NaN], "x", "f")).toThrow(NonFiniteValueError);
    expect(() => toLabels([1, "a"] as (number | string)[], "x", "f")).toThrow(/row 1 is "a"/);
    expect(() => toLabels(["a", 1] as (number | string)[], "x", "f")).toThrow(/row 1 is 1/);
    expect(() => toLabels(42 as unknown as number[], "x", "f")).toThrow(InvalidArgumentError);
  });
});

describe("labelsFromColumn / toDiscreteVariable", () => {
  it("reads integer codes from a Matrix column and names row and column on failure", () => {
    const m = fromRows([[1, 0], [2, 0.5], [1, 1]], ["a", "b"]);
    expect(Array.from(labelsFromColumn(m, 0, "x", "f").codes)).toEqual([0, 1, 0]);
    expect(() => labelsFromColumn(m, 1, "x", "f")).toThrow('f: x must hold discrete codes (integers or strings) for this estimator; row 1, column 1 ("b") is 0.5.');
  });

  it("encodes a multi-column Matrix as one joint variable with the product alphabet", () => {
    const m = fromRows([[0, 0], [0, 1], [1, 0], [0, 1], [2, 1]]);
    const v = toDiscreteVariable(m, "x", "f");
    expect(Array.from(v.labels.codes)).toEqual([0, 1, 2, 1, 3]);
    expect(v.labels.cardinality).toBe(4);
    expect(v.alphabetSize).toBe(6);
  });

  it("takes the alphabet of given Labels from their cardinality", () => {
    const v = toDiscreteVariable({ codes: Int32Array.from([0, 1]), cardinality: 10 }, "x", "f");
    expect(v.alphabetSize).toBe(10);
    expect(toDiscreteVariable(["a", "b", "a"], "x", "f").alphabetSize).toBe(2);
  });
});

describe("jointLabels", () => {
  it("encodes pairs densely, ordered by (a, b), with combined levels", () => {
    const a = toLabels(["x", "y", "x", "y"], "a", "f");
    const b = toLabels([1, 1, 2, 1], "b", "f");
    const j = jointLabels(a, b);
    expect(Array.from(j.codes)).toEqual([0, 2, 1, 2]);
    expect(j.cardinality).toBe(3);
    expect(j.levels).toEqual(["x,1", "x,2", "y,1"]);
  });

  it("uses a map for huge product alphabets and agrees with the dense path", () => {
    const a = { codes: Int32Array.from([5, 0, 5, 99999]), cardinality: 100000 };
    const b = { codes: Int32Array.from([7, 3, 7, 0]), cardinality: 100000 };
    const j = jointLabels(a, b);
    expect(Array.from(j.codes)).toEqual([1, 0, 1, 2]);
    expect(j.levels).toBeUndefined();
  });

  it("throws on length mismatch", () => {
    expect(() => jointLabels(toLabels([1, 2], "a", "f"), toLabels([1], "b", "f"))).toThrow(ShapeMismatchError);
  });
});
