import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../../src/core/errors.js";
import {
  computeReplicate,
  jackknifeGroups,
  randomPermutation,
  replicateRng,
  replicateRows,
  takeRows,
  validateScheme,
} from "../../../src/core/inference/resample.js";
import { gaussianMI } from "../../../src/estimators/gaussian.js";
import { gaussianPair } from "./helpers.js";

describe("replicate rows", () => {
  it("subsample: m distinct rows in increasing order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), fc.nat(1000), (n, b) => {
        const m = 2 + (b % (n - 2));
        const idx = replicateRows({ kind: "subsample", m }, n, replicateRng(1, { kind: "subsample", m }, b));
        expect(idx.length).toBe(m);
        for (let i = 1; i < m; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
        expect(idx[0]).toBeGreaterThanOrEqual(0);
        expect(idx[m - 1]).toBeLessThan(n);
      }),
    );
  });

  it("bootstrap: N rows in range; about 1 - 1/e distinct", () => {
    const n = 5000;
    const idx = replicateRows({ kind: "bootstrap" }, n, replicateRng(0, { kind: "bootstrap" }, 0));
    expect(idx.length).toBe(n);
    const distinct = new Set(idx).size / n;
    // E = 1 - (1 - 1/n)^n ≈ 0.632, SD ≈ sqrt(e^-1 (1 - 2 e^-1)/n) ≈ 0.004 at n = 5000.
    expect(Math.abs(distinct - (1 - Math.exp(-1)))).toBeLessThan(0.02);
  });

  it("block: consecutive runs of blockLength starting in [0, N - l]", () => {
    const n = 23;
    const l = 5;
    const idx = replicateRows({ kind: "block", blockLength: l }, n, replicateRng(3, { kind: "block", blockLength: l }, 2));
    expect(idx.length).toBe(n);
    for (let s = 0; s < n; s += l) {
      expect(idx[s]).toBeLessThanOrEqual(n - l);
      for (let t = 1; t < l && s + t < n; t++) expect(idx[s + t]).toBe(idx[s] + t);
    }
  });

  it("jackknife groups: sizes differ by at most one; replicate g leaves out exactly group g", () => {
    for (const assignment of ["random", "contiguous"] as const) {
      const g = jackknifeGroups(103, 10, assignment, 5);
      const sizes = new Array<number>(10).fill(0);
      for (const v of g) sizes[v]++;
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      const rows = replicateRows({ kind: "jackknife", groups: 10, assignment }, 103, replicateRng(0, { kind: "bootstrap" }, 0), g, 4);
      expect(rows.length).toBe(103 - sizes[4]);
      for (const r of rows) expect(g[r]).not.toBe(4);
    }
    expect(Array.from(jackknifeGroups(6, 3, "contiguous", 0))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(jackknifeGroups(5, 5, "random", 9)).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(() => replicateRows({ kind: "jackknife", groups: 2, assignment: "random" }, 4, replicateRng(0, { kind: "bootstrap" }, 0))).toThrow(
      InvalidArgumentError,
    );
  });

  it("permutation: a permutation of 0..N-1", () => {
    const p = randomPermutation(50, replicateRng(0, { kind: "permutation" }, 7));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("replicate b depends only on (seed, scheme, b), not on the order of computation", () => {
    const s = { kind: "bootstrap" } as const;
    const a = replicateRows(s, 30, replicateRng(4, s, 9));
    replicateRows(s, 30, replicateRng(4, s, 3));
    expect(replicateRows(s, 30, replicateRng(4, s, 9))).toEqual(a);
    expect(replicateRows(s, 30, replicateRng(5, s, 9))).not.toEqual(a);
    expect(replicateRows({ kind: "block", blockLength: 1 }, 30, replicateRng(4, { kind: "block", blockLength: 1 }, 9))).not.toEqual(a);
  });

  it("takeRows copies rows and keeps column names", () => {
    const m = { data: Float64Array.from([1, 2, 3, 4, 5, 6]), rows: 3, cols: 2, columnNames: ["a", "b"] };
    const t = takeRows(m, Int32Array.from([2, 0, 2]));
    expect(Array.from(t.data)).toEqual([5, 6, 1, 2, 5, 6]);
    expect(t.columnNames).toEqual(["a", "b"]);
  });

  it("computeReplicate on a permutation keeps x and permutes y; never mutates", async () => {
    const [x, y] = gaussianPair(40, 0.5, 1);
    const xc = x.data.slice();
    const yc = y.data.slice();
    const v = await computeReplicate(gaussianMI(), { x, y, scheme: { kind: "permutation" }, seed: 0, units: "nats" }, 3);
    expect(Number.isFinite(v)).toBe(true);
    expect(x.data).toEqual(xc);
    expect(y.data).toEqual(yc);
  });

  it("validateScheme throw sites", () => {
    expect(() => validateScheme("f", { kind: "subsample", m: 10 }, 10)).toThrow("f: m must be an integer in [2, N - 1] (N = 10); got 10.");
    expect(() => validateScheme("f", { kind: "subsample", m: 1 }, 10)).toThrow(InvalidArgumentError);
    expect(() => validateScheme("f", { kind: "subsample", m: 2.5 }, 10)).toThrow(InvalidArgumentError);
    expect(() => validateScheme("f", { kind: "block", blockLength: 0 }, 10)).toThrow(/blockLength must be an integer in \[1, N\]/);
    expect(() => validateScheme("f", { kind: "block", blockLength: 11 }, 10)).toThrow(InvalidArgumentError);
    expect(() => validateScheme("f", { kind: "jackknife", groups: 1, assignment: "random" }, 10)).toThrow(/groups must be/);
    expect(() => validateScheme("f", { kind: "jackknife", groups: 11, assignment: "random" }, 10)).toThrow(/groups must be/);
    expect(() => validateScheme("f", { kind: "jackknife", groups: 3, assignment: "x" as "random" }, 10)).toThrow(/assignment must be/);
    expect(() => validateScheme("f", { kind: "bootstrap" }, 10)).not.toThrow();
  });
});
