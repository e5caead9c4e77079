import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AbortError, InvalidArgumentError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { permuteRows, resolveSurrogateSettings, surrogatePermutation, surrogatePValue, surrogateTest } from "../../src/measures/surrogates.js";
import { transferEntropy } from "../../src/measures/transferEntropy.js";

const isPermutation = (p: Int32Array) => {
  const seen = new Uint8Array(p.length);
  for (const v of p) {
    if (v < 0 || v >= p.length || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
};

describe("surrogatePermutation", () => {
  it("every method gives a permutation: property", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.constantFrom("shuffle", "circular", "block"), fc.nat(), (n, method, seed) => {
        const s = resolveSurrogateSettings("t", n, { method });
        expect(isPermutation(surrogatePermutation(n, s, createRng(seed)))).toBe(true);
      }),
    );
  });

  it("circular: a rotation by a shift in [minShift, n - minShift]", () => {
    const n = 50;
    const s = resolveSurrogateSettings("t", n, { method: "circular" });
    expect(s.minShift).toBe(5);
    const shifts = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const p = surrogatePermutation(n, s, createRng(i));
      const shift = p[0];
      for (let r = 0; r < n; r++) expect(p[r]).toBe((r + shift) % n);
      expect(shift).toBeGreaterThanOrEqual(5);
      expect(shift).toBeLessThanOrEqual(45);
      shifts.add(shift);
    }
    expect(shifts.size).toBe(41); // every allowed shift occurs in 300 draws
  });

  it("block: consecutive runs of blockSize rows, blocks reordered", () => {
    const n = 23;
    const s = resolveSurrogateSettings("t", n, { method: "block", blockSize: 5 });
    const p = surrogatePermutation(n, s, createRng(3));
    // Split p into runs of consecutive indices: each run starts at a multiple of 5.
    let runs = 0;
    for (let i = 0; i < n; i++) {
      if (i === 0 || p[i] !== p[i - 1] + 1 || p[i] % 5 === 0) {
        expect(p[i] % 5).toBe(0);
        runs++;
      }
    }
    expect(runs).toBe(5); // ceil(23 / 5) blocks, the last with 3 rows
    expect(resolveSurrogateSettings("t", 100, { method: "block" }).blockSize).toBe(10);
  });

  it("validates settings", () => {
    expect(() => resolveSurrogateSettings("fn", 10, { method: "circular", minShift: 6 })).toThrow(/fn: minShift must be an integer in \[1, 5\]/);
    expect(() => resolveSurrogateSettings("fn", 1, { method: "circular" })).toThrow(InvalidArgumentError);
    expect(() => resolveSurrogateSettings("fn", 10, { method: "block", blockSize: 0 })).toThrow(/blockSize/);
  });
});

describe("surrogatePValue and surrogateTest", () => {
  it("p = (1 + #{null >= observed}) / (1 + S)", () => {
    expect(surrogatePValue(1, [0, 0.5, 2, 1])).toBe(3 / 5);
    expect(surrogatePValue(10, [0, 0.5, 2, 1])).toBe(1 / 5);
    expect(surrogatePValue(-1, [0, 0.5])).toBe(1);
  });

  it("is deterministic per seed, reports progress and honours an AbortSignal", () => {
    const stat = (p: Int32Array) => p[0] + p[1] / 1000;
    const a = surrogateTest("t", 30, 10, stat, 8, { method: "shuffle" }, 5);
    const b = surrogateTest("t", 30, 10, stat, 8, { method: "shuffle" }, 5);
    const c = surrogateTest("t", 30, 10, stat, 8, { method: "shuffle" }, 6);
    expect(Array.from(a.nullDistribution)).toEqual(Array.from(b.nullDistribution));
    expect(Array.from(a.nullDistribution)).not.toEqual(Array.from(c.nullDistribution));
    expect(a.pValue).toBe(surrogatePValue(10, a.nullDistribution));
    const done: number[] = [];
    surrogateTest("t", 30, 0, stat, 3, { method: "block" }, 0, { onProgress: (p) => done.push(p.done) }, { offset: 1, total: 4 });
    expect(done).toEqual([2, 3, 4]);
    const ac = new AbortController();
    expect(() => surrogateTest("t", 30, 0, () => (ac.abort(), 0), 3, { method: "shuffle" }, 0, { signal: ac.signal })).toThrow(AbortError);
    expect(() => surrogateTest("t", 30, 0, stat, 0, { method: "shuffle" }, 0)).toThrow(/surrogates must be an integer >= 1/);
  });

  it("permuteRows moves whole rows", () => {
    const out = permuteRows(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, Int32Array.from([2, 0, 1]));
    expect(Array.from(out)).toEqual([5, 6, 1, 2, 3, 4]);
  });
});

describe("p-values under the null are roughly uniform", () => {
  // 60 independent replicates: target AR(1), source white noise independent of it, Gaussian TE,
  // S = 19 shuffled-source surrogates. Under H0 the observed TE is exchangeable with the
  // surrogates (the source is i.i.d.), so p is uniform on {1/20, ..., 1}: mean 0.525, and
  // P(p <= 0.1) = 0.1. Bounds: mean within 0.525 +- 0.11 (about 3 SD of a mean of 60 draws,
  // SD 0.29/sqrt(60) = 0.037); at most 15 of 60 with p <= 0.1 (expected 6, binomial SD 2.3).
  it("shuffle and circular surrogates", () => {
    for (const surrogateMethod of ["shuffle", "circular"] as const) {
      const ps: number[] = [];
      for (let r = 0; r < 60; r++) {
        const rng = createRng(500 + r);
        const n = 300;
        const x = new Float64Array(n);
        const y = new Float64Array(n);
        for (let t = 0; t < n; t++) {
          y[t] = rng.normal();
          x[t] = (t > 0 ? 0.6 * x[t - 1] : 0) + rng.normal();
        }
        ps.push(transferEntropy(y, x, { estimator: "gaussian", surrogates: 19, surrogateMethod }, { seed: r }).uncertainty!.pValue!);
      }
      const mean = ps.reduce((s, v) => s + v, 0) / ps.length;
      expect(Math.abs(mean - 0.525)).toBeLessThan(0.11);
      expect(ps.filter((p) => p <= 0.1).length).toBeLessThanOrEqual(15);
      expect(ps.filter((p) => p >= 0.9).length).toBeGreaterThan(0); // not degenerate
    }
  });
});
