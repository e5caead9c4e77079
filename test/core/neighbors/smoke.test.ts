import { describe, expect, it } from "vitest";
import { knn, countWithin, kthNeighborDistance, kthNeighborDistanceTo } from "../../../src/core/neighbors/index.js";
describe("smoke", () => {
  it("works", () => {
    const p = { data: Float64Array.from([0, 1, 3, 6, 10]), rows: 5, cols: 1 };
    const r = knn(p, 2, { metric: "max" });
    expect(Array.from(r.indices)).toEqual([1, 2, 0, 2, 1, 0, 2, 4, 3, 2]);
    expect(Array.from(kthNeighborDistance(p, 1, { metric: "max" }))).toEqual([1, 1, 2, 3, 4]);
    expect(Array.from(countWithin(p, Float64Array.from([1, 1, 2, 3, 4]), false, { metric: "euclidean" }))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(kthNeighborDistanceTo(p, p, 1, { metric: "max" }))).toEqual([0, 0, 0, 0, 0]);
  });
});
