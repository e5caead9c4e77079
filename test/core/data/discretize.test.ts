import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { binCount, equalMassBins, equalWidthBins, gridLabels, quantileSorted, type BinRule } from "../../../src/core/data/discretize.js";
import { InvalidArgumentError } from "../../../src/core/errors.js";

interface Case {
  kind: "histogram" | "adaptive-binning";
  x: number[];
  y: number[];
  bins: number;
  binRule: BinRule;
  xCodes: number[][];
  yCodes: number[][];
  xBins: number[];
  yBins: number[];
}
const fixture = JSON.parse(readFileSync(new URL("../../fixtures/binning.json", import.meta.url), "utf8")) as {
  columns: number[][];
  cases: Case[];
};

describe("discretize: numpy-pinned bins (scripts/fixtures/binningReference.py)", () => {
  it("equal-width codes and rule bin counts equal numpy's histogram_bin_edges + digitize", () => {
    for (const c of fixture.cases.filter((k) => k.kind === "histogram")) {
      c.x.forEach((col, i) => {
        const v = fixture.columns[col];
        const b = binCount(v, c.binRule, c.bins);
        expect(b).toBe(c.xBins[i]);
        expect(Array.from(equalWidthBins(v, b).codes)).toEqual(c.xCodes[i]);
      });
      c.y.forEach((col, i) => {
        const v = fixture.columns[col];
        const b = binCount(v, c.binRule, c.bins);
        expect(b).toBe(c.yBins[i]);
        expect(Array.from(equalWidthBins(v, b).codes)).toEqual(c.yCodes[i]);
      });
    }
  });

  it("equal-mass codes (ties merged, empty bins dropped) equal numpy's quantile + unique + digitize", () => {
    for (const c of fixture.cases.filter((k) => k.kind === "adaptive-binning")) {
      c.x.forEach((col, i) => {
        const r = equalMassBins(fixture.columns[col], c.bins);
        expect(r.cardinality).toBe(c.xBins[i]);
        expect(Array.from(r.codes)).toEqual(c.xCodes[i]);
      });
      c.y.forEach((col, i) => {
        const r = equalMassBins(fixture.columns[col], c.bins);
        expect(r.cardinality).toBe(c.yBins[i]);
        expect(Array.from(r.codes)).toEqual(c.yCodes[i]);
      });
    }
  });
});

describe("discretize: closed forms", () => {
  it("bin-count rules on 0..15 (N = 16, range 15)", () => {
    const v = Array.from({ length: 16 }, (_, i) => i);
    expect(binCount(v, "fixed", 7)).toBe(7);
    expect(binCount(v, "sturges")).toBe(5); // log2 16 + 1
    expect(binCount(v, "sqrt")).toBe(4);
    // FD: IQR = 11.25 - 3.75 = 7.5, width 2 * 7.5 / 16^(1/3) = 5.95 -> ceil(15 / 5.95) = 3
    expect(binCount(v, "freedman-diaconis")).toBe(3);
    // Scott: SD = sqrt((16^2 - 1)/12) = 4.61, width 3.49 * 4.61 / 2.52 = 6.38 -> 3
    expect(binCount(v, "scott")).toBe(3);
    expect(binCount([2, 2, 2], "scott")).toBe(1);
    expect(binCount([1, 1, 1, 1, 2], "freedman-diaconis")).toBe(1); // IQR 0
  });

  it("equal-width: edges, closed last bin, constant column", () => {
    const r = equalWidthBins([0, 1, 2, 3, 4], 4);
    expect(Array.from(r.edges)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(r.codes)).toEqual([0, 1, 2, 3, 3]);
    const c = equalWidthBins([5, 5], 3);
    expect(c.cardinality).toBe(1);
    expect(Array.from(c.codes)).toEqual([0, 0]);
    expect(Array.from(c.edges)).toEqual([4.5, 5.5]);
  });

  it("equal-mass: quantile edges, ties collapse edges, empty bins are dropped", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(Array.from(equalMassBins([1, 2, 3, 4], 2).codes)).toEqual([0, 0, 1, 1]);
    // 0, 0, 0, 0, 1: quantile edges 0, 0, 0, 0, 0.2, 1 -> unique 0, 0.2, 1: two bins
    const t = equalMassBins([0, 0, 1, 0, 0], 5);
    expect(t.cardinality).toBe(2);
    expect(Array.from(t.codes)).toEqual([0, 0, 1, 0, 0]);
    // 0 and 10 with 4 bins: edges 0, 2.5, 5, 7.5, 10; the middle bins are empty and merge down.
    const e = equalMassBins([0, 10], 4);
    expect(e.cardinality).toBe(2);
    expect(Array.from(e.codes)).toEqual([0, 1]);
    expect(Array.from(e.edges)).toEqual([0, 7.5, 10]);
  });

  it("property: equal-mass codes are dense, monotone in the value, and each bin holds about N/B points", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (v, b) => {
        const r = equalMassBins(v, b);
        const seen = new Set(r.codes);
        expect(seen.size).toBe(r.cardinality);
        expect(r.cardinality).toBeLessThanOrEqual(b);
        for (let i = 0; i < v.length; i++) for (let j = 0; j < v.length; j++) if (v[i] < v[j]) expect(r.codes[i]).toBeLessThanOrEqual(r.codes[j]);
        expect(r.edges.length).toBe(r.cardinality + 1);
      }),
      { numRuns: 100 },
    );
  });

  it("property: equal-width codes lie in their edges", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 12 }), (v, b) => {
        const r = equalWidthBins(v, b);
        for (let i = 0; i < v.length; i++) {
          const c = r.codes[i];
          expect(v[i]).toBeGreaterThanOrEqual(r.edges[c]);
          if (c < r.cardinality - 1) expect(v[i]).toBeLessThan(r.edges[c + 1]);
          else expect(v[i]).toBeLessThanOrEqual(r.edges[c + 1]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("gridLabels: dense codes over occupied cells in lexicographic order", () => {
    const a = { codes: Int32Array.from([0, 0, 1, 1, 1]), cardinality: 2, edges: new Float64Array(3) };
    const b = { codes: Int32Array.from([2, 0, 2, 2, 0]), cardinality: 3, edges: new Float64Array(4) };
    const g = gridLabels([a, b]);
    expect(g.cardinality).toBe(4);
    expect(Array.from(g.codes)).toEqual([1, 0, 3, 3, 2]);
  });

  it("throws on invalid arguments", () => {
    expect(() => binCount([1, 2], "nope" as BinRule)).toThrow(InvalidArgumentError);
    expect(() => binCount([1, 2], "fixed", 0)).toThrow(/fixed must be a positive integer/);
    expect(() => binCount([], "sturges")).toThrow(/must not be empty/);
    expect(() => equalWidthBins([1], 0)).toThrow(/bins must be a positive integer/);
    expect(() => equalWidthBins([], 2)).toThrow(/must not be empty/);
    expect(() => equalMassBins([1], 1.5)).toThrow(/bins must be a positive integer/);
    expect(() => equalMassBins([], 2)).toThrow(/must not be empty/);
    expect(() => gridLabels([])).toThrow(InvalidArgumentError);
  });
});

describe("discretize: overflowing ranges", () => {
  it("throws instead of producing NaN edges", () => {
    const v = [-1e308, 1e308, 0];
    expect(() => equalWidthBins(v, 3)).toThrow(/overflows a double/);
    expect(() => equalMassBins(v, 3)).toThrow(/overflows a double/);
    expect(() => binCount(v, "sturges")).toThrow(/overflows a double/);
  });
});
