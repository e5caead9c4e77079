import { describe, expect, it } from "vitest";
import { cellCount, countLabels, countsOfCounts, jointCounts, nonzeroCounts } from "../../../src/core/data/contingency.js";
import { toLabels } from "../../../src/core/data/labels.js";
import { ShapeMismatchError } from "../../../src/core/errors.js";

describe("contingency", () => {
  const a = toLabels([0, 0, 1, 2, 2, 2], "a", "t");
  const b = toLabels([1, 0, 1, 1, 1, 0], "b", "t");

  it("counts labels", () => {
    expect(Array.from(countLabels(a))).toEqual([2, 1, 3]);
  });

  it("builds the same joint table densely and sparsely", () => {
    const dense = jointCounts(a, b);
    const sparse = jointCounts(a, b, 0);
    expect(dense.dense).toBeDefined();
    expect(sparse.sparse).toBeDefined();
    expect(Array.from(dense.dense!)).toEqual([1, 1, 0, 1, 1, 2]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expect(cellCount(sparse, i, j)).toBe(cellCount(dense, i, j));
    expect(Array.from(nonzeroCounts(sparse))).toEqual(Array.from(nonzeroCounts(dense)));
    expect(Array.from(nonzeroCounts(dense))).toEqual([1, 1, 1, 1, 2]);
  });

  it("computes counts of counts", () => {
    const { values, multiplicity } = countsOfCounts([3, 1, 0, 1, 3, 2]);
    expect(Array.from(values)).toEqual([1, 2, 3]);
    expect(Array.from(multiplicity)).toEqual([2, 1, 2]);
  });

  it("throws on length mismatch", () => {
    expect(() => jointCounts(a, toLabels([1], "b", "t"))).toThrow(ShapeMismatchError);
  });
});
