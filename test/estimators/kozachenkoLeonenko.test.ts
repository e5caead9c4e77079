import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromRows, matrix } from "../../src/core/data/matrix.js";
import { InsufficientSamplesError, InvalidArgumentError, UnsupportedDataError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import type { Matrix } from "../../src/core/types.js";
import {
  kozachenkoLeonenko,
  kozachenkoLeonenkoDescriptor,
  logUnitBallVolume,
} from "../../src/estimators/kozachenkoLeonenko.js";
import { normals } from "./knnSamples.js";

function meanOver(seeds: number, f: (seed: number) => number): number {
  let s = 0;
  for (let seed = 0; seed < seeds; seed++) s += f(seed);
  return s / seeds;
}

function uniform(n: number, d: number, width: number, seed: number): Matrix {
  const r = createRng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = width * r.float64();
  return matrix(data, n, d);
}

describe("kozachenkoLeonenko: unit-ball volumes", () => {
  it("Euclidean V_d = 2, pi, 4.18879 for d = 1, 2, 3; max-norm V_d = 2^d", () => {
    expect(Math.exp(logUnitBallVolume(1, "euclidean"))).toBeCloseTo(2, 13);
    expect(Math.exp(logUnitBallVolume(2, "euclidean"))).toBeCloseTo(Math.PI, 13);
    expect(Math.exp(logUnitBallVolume(3, "euclidean"))).toBeCloseTo((4 / 3) * Math.PI, 13);
    expect(Math.exp(logUnitBallVolume(10, "euclidean"))).toBeCloseTo(Math.PI ** 5 / 120, 12);
    for (const d of [1, 2, 5]) expect(logUnitBallVolume(d, "max")).toBeCloseTo(d * Math.LN2, 14);
  });
});

describe("kozachenkoLeonenko: closed-form truth on seeded samples", () => {
  // Measured over 20 seeds at N = 1000, k = 3: standard normal d = 1: mean 1.406 (truth 1.4189),
  // SD 0.038; d = 3: mean 4.218 (truth 4.2568), SD 0.042 (both metrics). 8 seeds give
  // SD <= 0.015; tolerance 0.07 is about 4 SD plus the measured small downward bias.
  for (const d of [1, 3]) {
    for (const metric of ["euclidean", "max"] as const) {
      it(`standard normal, d = ${d}, ${metric}: H = d/2 log(2 pi e)`, () => {
        const truth = (d / 2) * Math.log(2 * Math.PI * Math.E);
        const v = meanOver(8, (seed) => kozachenkoLeonenko({ metric }).estimate(normals(1000, d, seed)).value);
        expect(Math.abs(v - truth)).toBeLessThan(0.07);
      });
    }
  }
  it("uniform on [0, 2]^2: H = 2 log 2, biased up by the boundary", () => {
    // Measured over 20 seeds at N = 1000: mean 1.425, SD 0.019 (truth 1.3863): points near the
    // edges see neighbours on one side only, which inflates rho. 8 seeds: SD 0.007.
    const truth = 2 * Math.LN2;
    const v = meanOver(8, (seed) => kozachenkoLeonenko().estimate(uniform(1000, 2, 2, seed)).value);
    expect(v).toBeGreaterThan(truth);
    expect(v - truth).toBeLessThan(0.07);
  });
  it("a differential entropy can be negative and is not clipped: U(0, 0.1) has H = log 0.1", () => {
    const v = kozachenkoLeonenko().estimate(uniform(2000, 1, 0.1, 1)).value;
    expect(v).toBeLessThan(0);
    expect(Math.abs(v - Math.log(0.1))).toBeLessThan(0.1);
  });
});

describe("kozachenkoLeonenko: invariants", () => {
  it("uniform scaling by a shifts H by d log a (any metric)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(0.5, 3, 1024),
        fc.constantFrom("euclidean" as const, "max" as const),
        (seed, d, a, metric) => {
          const x = normals(40, d, seed);
          const est = kozachenkoLeonenko({ metric });
          const h = est.estimate(x).value;
          const hs = est.estimate(matrix(x.data.map((v) => a * v), 40, d)).value;
          expect(hs - h).toBeCloseTo(d * Math.log(a), 10);
        },
      ),
      { numRuns: 25 },
    );
  });
  it("standardize: true is equivariant to per-column scaling (adds back the log SDs)", () => {
    const x = normals(200, 2, 3);
    const scaled = matrix(
      x.data.map((v, i) => (i % 2 === 0 ? 10 * v : 0.1 * v + 4)),
      200,
      2,
    );
    const est = kozachenkoLeonenko({ standardize: true });
    expect(est.estimate(scaled).value - est.estimate(x).value).toBeCloseTo(Math.log(10) + Math.log(0.1), 10);
    // Without standardisation the Euclidean estimate is not equivariant to anisotropic scaling.
    const raw = kozachenkoLeonenko();
    expect(raw.estimate(scaled).value - raw.estimate(x).value).not.toBeCloseTo(0, 2);
  });
  it("mean(local) = value, bits = nats / ln 2, input not mutated, same seed same result", () => {
    const x = normals(100, 2, 4);
    const copy = Float64Array.from(x.data);
    const est = kozachenkoLeonenko({ k: 4 });
    const e = est.estimate(x, { seed: 2 });
    expect(Math.abs(e.local!.reduce((s, v) => s + v, 0) / 100 - e.value)).toBeLessThan(1e-12);
    expect(est.estimate(x, { units: "bits" }).value).toBeCloseTo(e.value / Math.LN2, 12);
    expect(Array.from(x.data)).toEqual(Array.from(copy));
    expect(est.estimate(x, { seed: 2 }).value).toBe(e.value);
    expect(e.quantity).toBe("entropy");
    expect(e.estimator).toBe("kozachenko-leonenko");
    expect(e.params).toEqual({ k: 4, metric: "euclidean", standardize: false, jitter: 1e-10 });
  });
  it("a k list averages the per-k estimates", () => {
    const x = normals(150, 1, 5);
    const e = kozachenkoLeonenko({ k: [2, 5] }).estimate(x);
    const a = kozachenkoLeonenko({ k: 2 }).estimate(x).value;
    const b = kozachenkoLeonenko({ k: 5 }).estimate(x).value;
    expect(e.value).toBeCloseTo((a + b) / 2, 13);
  });
});

describe("kozachenkoLeonenko: duplicates, constant columns, validation", () => {
  const dupRows = () => {
    const base = normals(30, 2, 6);
    const rows: number[][] = [];
    for (let r = 0; r < 3; r++) for (let i = 0; i < 30; i++) rows.push([base.data[2 * i], base.data[2 * i + 1]]);
    return fromRows(rows);
  };
  it("duplicate rows with jitter 0 throw instead of returning -Infinity", () => {
    expect(() => kozachenkoLeonenko({ k: 2, jitter: 0 }).estimate(dupRows())).toThrow(UnsupportedDataError);
    expect(() => kozachenkoLeonenko({ k: 2, jitter: 0 }).estimate(dupRows())).toThrow(/90 of 90 points .* distance 0/);
  });
  it("duplicate rows with jitter are finite and warned about", () => {
    const e = kozachenkoLeonenko({ k: 2 }).estimate(dupRows());
    expect(Number.isFinite(e.value)).toBe(true);
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("ties-jittered");
  });
  it("ties without zero k-NN distances (jitter 0): ties-present, zero-distance fraction 0", () => {
    const x = matrix(Float64Array.from([0, 0, 1, 2, 3, 4, 5, 6, 7, 8]), 10, 1);
    const e = kozachenkoLeonenko({ k: 2, jitter: 0 }).estimate(x);
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("ties-present");
    expect(e.diagnostics.details.zeroDistanceFraction).toBe(0);
  });
  it("a constant column throws (entropy -Infinity)", () => {
    const x = fromRows([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    expect(() => kozachenkoLeonenko({ k: 1 }).estimate(x)).toThrow(/x column 1 is constant/);
  });
  it("validates k and options", () => {
    expect(() => kozachenkoLeonenko({ k: 4 }).estimate(normals(4, 1, 1))).toThrow(InsufficientSamplesError);
    expect(() => kozachenkoLeonenko({ k: 4 }).estimate(normals(4, 1, 1))).toThrow(
      "kozachenko-leonenko: k must be an integer in [1, n-1] (n = 4); got 4.",
    );
    expect(() => kozachenkoLeonenko({ metric: "manhattan" as "max" })).toThrow(InvalidArgumentError);
    expect(() => kozachenkoLeonenko({ k: -1 })).toThrow(/k must be/);
    expect(() => kozachenkoLeonenko({ algorithm: 1 } as never)).toThrow(/unknown option "algorithm"/);
  });
  it("descriptor", () => {
    expect(kozachenkoLeonenkoDescriptor.id).toBe("kozachenko-leonenko");
    expect(kozachenkoLeonenkoDescriptor.entropy!({ k: 2 }).id).toBe("kozachenko-leonenko");
  });
});
