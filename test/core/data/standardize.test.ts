import { describe, expect, it } from "vitest";
import { columnStats, safeScale, standardize } from "../../../src/core/data/standardize.js";
import { columnsWithTies } from "../../../src/core/data/ties.js";
import { addJitter } from "../../../src/core/data/jitter.js";
import { fromRows, hstack, selectColumns, selectRows } from "../../../src/core/data/matrix.js";
import { createRng } from "../../../src/core/random/rng.js";

describe("standardize", () => {
  it("centres and scales to unit SD (ddof 0), leaves the input alone", () => {
    const m = fromRows([[1, 10], [2, 10], [3, 10], [6, 10]]);
    const before = Array.from(m.data);
    const s = standardize(m);
    expect(Array.from(m.data)).toEqual(before);
    const col0 = [0, 1, 2, 3].map((i) => s.data[i * 2]);
    const mean = col0.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(col0.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    expect(mean).toBeCloseTo(0, 15);
    expect(sd).toBeCloseTo(1, 14);
    expect([0, 1, 2, 3].map((i) => s.data[i * 2 + 1])).toEqual([0, 0, 0, 0]);
    expect(columnStats(m).constantColumns).toEqual([1]);
  });

  it("handles values near 1e300 and 1e-300 without overflow", () => {
    const big = fromRows([[1e300], [-1e300], [5e299]]);
    const s = standardize(big);
    for (const v of s.data) expect(Number.isFinite(v)).toBe(true);
    const tiny = fromRows([[1e-300], [3e-300], [2e-300]]);
    const t = standardize(tiny);
    expect(Array.from(t.data).map((v) => +v.toFixed(12))).toEqual([-1.224744871392, 1.224744871392, 0]);
    expect(safeScale(fromRows([[1], [2]]))).toEqual(fromRows([[1], [2]]));
  });
});

describe("ties and jitter", () => {
  it("finds columns with repeated values", () => {
    expect(columnsWithTies(fromRows([[1, 0.5], [2, 0.25], [1, 0.125]]))).toEqual([0]);
    expect(columnsWithTies(fromRows([[1, 2], [3, 4]]))).toEqual([]);
  });

  it("jitters only the listed columns, reproducibly, with the requested size", () => {
    const n = 2000;
    const rows = Array.from({ length: n }, (_, i) => [i % 3, i]);
    const m = fromRows(rows);
    const sd = [2, 0];
    const a = addJitter(m, [0], sd, 1e-3, createRng(7));
    const b = addJitter(m, [0], sd, 1e-3, createRng(7));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    let ss = 0;
    for (let i = 0; i < n; i++) {
      expect(a.data[i * 2 + 1]).toBe(i);
      ss += (a.data[i * 2] - (i % 3)) ** 2;
    }
    // SD of the added noise is 2e-3; 2000 draws estimate it within a few percent.
    expect(Math.sqrt(ss / n)).toBeGreaterThan(1.9e-3);
    expect(Math.sqrt(ss / n)).toBeLessThan(2.1e-3);
    expect(columnsWithTies(a)).toEqual([]);
  });
});

describe("matrix helpers", () => {
  it("select, stack and keep names", () => {
    const m = fromRows([[1, 2, 3], [4, 5, 6]], ["a", "b", "c"]);
    const s = selectColumns(m, [2, 0]);
    expect(Array.from(s.data)).toEqual([3, 1, 6, 4]);
    expect(s.columnNames).toEqual(["c", "a"]);
    expect(Array.from(selectRows(m, [1]).data)).toEqual([4, 5, 6]);
    const h = hstack(selectColumns(m, [0]), selectColumns(m, [1]));
    expect(Array.from(h.data)).toEqual([1, 2, 4, 5]);
    expect(h.columnNames).toEqual(["a", "b"]);
    expect(() => selectColumns(m, [3])).toThrow(/column index must be in \[0, 2\]; got 3/);
  });
});
