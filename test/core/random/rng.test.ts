import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createRng, mix32, validateSeed } from "../../../src/core/random/rng.js";
import { InvalidArgumentError } from "../../../src/core/errors.js";

function draws(seed: number, n: number, forks: number[] = []): number[] {
  let rng = createRng(seed);
  for (const f of forks) rng = rng.fork(f);
  return Array.from({ length: n }, () => rng.float64());
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Pearson chi-square statistic of uniform [0, 1) values in `bins` equal bins. */
function chiSquareUniform(values: ArrayLike<number>, bins: number): number {
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) counts[Math.floor(values[i] * bins)]++;
  const expected = values.length / bins;
  let stat = 0;
  for (const c of counts) stat += (c - expected) ** 2 / expected;
  return stat;
}

describe("createRng: determinism", () => {
  it("gives identical streams for the same seed, and the default seed is 0", () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 1000; i++) expect(a.uint32()).toBe(b.uint32());
    expect(draws(0, 50)).toEqual(Array.from({ length: 50 }, ((r) => () => r.float64())(createRng())));
    expect(createRng(7).seed).toBe(7);
  });

  it("pins the first outputs of seed 0 (any change breaks every recorded seeded result)", () => {
    const rng = createRng(0);
    const first = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()];
    expect(first).toEqual(PINNED_SEED0_UINT32);
  });

  it("gives different streams for different seeds, including negative and large ones", () => {
    const seen = new Set<number>();
    for (const s of [0, 1, -1, 2, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      seen.add(createRng(s).uint32());
    }
    expect(seen.size).toBe(8);
  });

  it("rejects seeds that are not safe integers", () => {
    for (const s of [1.5, NaN, Infinity, 2 ** 53, "1" as unknown as number]) {
      expect(() => createRng(s)).toThrow(InvalidArgumentError);
    }
    expect(() => createRng(0.5)).toThrow("createRng: seed must be a safe integer; got 0.5.");
    expect(validateSeed(undefined, "f")).toBe(0);
  });
});

describe("Rng: value ranges", () => {
  it("uint32 in [0, 2^32), float64 in [0, 1), int(n) in [0, n)", () => {
    const rng = createRng(3);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.uint32();
      const f = rng.float64();
      const k = rng.int(7);
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      expect(f >= 0 && f < 1).toBe(true);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });

  it("mix32 is a bijection on a sample of inputs (no collisions)", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i * 2654435761));
    expect(seen.size).toBe(100_000);
  });
});

describe("Rng: statistical quality (fixed seeds, so these are deterministic checks)", () => {
  it("float64 is uniform: chi-square on 100 bins of 1e5 draws", () => {
    // Under uniformity the statistic is chi2_99: mean 99, sd 14.1. Bounds at +-5 sd catch both
    // non-uniformity (too large) and suspicious regularity (too small).
    const stat = chiSquareUniform(draws(12345, 100_000), 100);
    expect(stat).toBeGreaterThan(99 - 5 * 14.1);
    expect(stat).toBeLessThan(99 + 5 * 14.1);
  });

  it("uint32 low bits are uniform too (chi-square on the low 8 bits)", () => {
    const rng = createRng(9);
    const v = Array.from({ length: 100_000 }, () => (rng.uint32() & 255) / 256);
    const stat = chiSquareUniform(v, 256); // chi2_255: mean 255, sd 22.6
    expect(Math.abs(stat - 255)).toBeLessThan(5 * 22.6);
  });

  it("first draws of seeds 0..999 are uniform and uncorrelated with the seed and each other", () => {
    const first = Array.from({ length: 1000 }, (_, s) => createRng(s).float64());
    const seeds = Array.from({ length: 1000 }, (_, s) => s);
    // Correlations of independent samples of 1000 have sd 1/sqrt(1000) = 0.032; bound at 5 sd.
    expect(Math.abs(correlation(first, seeds))).toBeLessThan(0.16);
    expect(Math.abs(correlation(first.slice(0, -1), first.slice(1)))).toBeLessThan(0.16);
    // Second draws versus first draws across seeds.
    const second = Array.from({ length: 1000 }, (_, s) => {
      const r = createRng(s);
      r.float64();
      return r.float64();
    });
    expect(Math.abs(correlation(first, second))).toBeLessThan(0.16);
    // Uniform: chi2_19 on 20 bins (mean 19, sd 6.2).
    expect(chiSquareUniform(first, 20)).toBeLessThan(19 + 5 * 6.2);
  });

  it("normal() has mean 0, variance 1 and the normal fourth moment 3 on 1e5 draws", () => {
    const rng = createRng(2024);
    const n = 100_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      m1 += z / n;
      m2 += (z * z) / n;
      m4 += (z * z * z * z) / n;
    }
    // SEs: mean 1/sqrt(n) = 0.0032, E z^2: sqrt(2/n) = 0.0045, E z^4: sqrt(96/n) = 0.031; 5 SE.
    expect(Math.abs(m1)).toBeLessThan(5 * 0.0032);
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * 0.0045);
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * 0.031);
  });
});

describe("Rng.fork", () => {
  it("depends only on the seed path and i, not on draws made before", () => {
    const a = createRng(5);
    const fa = a.fork(3);
    const b = createRng(5);
    for (let i = 0; i < 100; i++) b.uint32();
    b.normal();
    const fb = b.fork(3);
    for (let i = 0; i < 100; i++) expect(fa.uint32()).toBe(fb.uint32());
    expect(a.fork(3).seed).toBe(5);
  });

  it("gives distinct, uncorrelated streams for different i, seeds and nesting depths", () => {
    const streams = [draws(1, 5000, [0]), draws(1, 5000, [1]), draws(2, 5000, [0]), draws(1, 5000), draws(1, 5000, [0, 0]), draws(1, 5000, [1, 0])];
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) {
        expect(streams[i]).not.toEqual(streams[j]);
        // sd of a correlation of 5000 independent pairs: 0.014; 5 sd = 0.071.
        expect(Math.abs(correlation(streams[i], streams[j]))).toBeLessThan(0.071);
      }
    }
  });

  it("fork streams of 0..999 have uniform, uncorrelated first draws", () => {
    const root = createRng(0);
    const first = Array.from({ length: 1000 }, (_, i) => root.fork(i).float64());
    expect(Math.abs(correlation(first.slice(0, -1), first.slice(1)))).toBeLessThan(0.16);
    expect(chiSquareUniform(first, 20)).toBeLessThan(19 + 5 * 6.2);
  });

  it("is deterministic for any seed and index (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed, i) => {
        return createRng(seed).fork(i).uint32() === createRng(seed).fork(i).uint32();
      }),
    );
  });

  it("rejects indices outside [0, 2^32)", () => {
    const rng = createRng(0);
    for (const i of [-1, 1.5, 2 ** 32, NaN]) expect(() => rng.fork(i)).toThrow(InvalidArgumentError);
    expect(() => rng.fork(-1)).toThrow("Rng.fork: i must be an integer in [0, 2^32); got -1.");
  });
});

// createRng(0): first four uint32 outputs, recorded from this implementation (xoshiro128** with
// the splitmix32-style seed hash) when the tests were written.
const PINNED_SEED0_UINT32 = [1178523338, 1089392305, 3456918621, 1764425160];
