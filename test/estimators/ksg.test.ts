import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromRows, matrix, selectRows } from "../../src/core/data/matrix.js";
import { InsufficientSamplesError, InvalidArgumentError, ShapeMismatchError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import type { Matrix } from "../../src/core/types.js";
import { ksg, ksg1Descriptor, ksg2Descriptor } from "../../src/estimators/ksg.js";
import { additiveUniform, correlatedGaussian, normals, studentIdentity } from "./knnSamples.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "..", "fixtures", "ksg");

interface RefEntry {
  file: string;
  dim_x: number;
  dim_y: number;
  n: number;
  ksg1: Record<string, number>;
  ksg2: Record<string, number>;
}

/** Minimal CSV reader for the fixtures (header line, comma-separated numbers). */
function readCsv(file: string, dimX: number, dimY: number): { x: Matrix; y: Matrix } {
  const lines = readFileSync(join(fixtures, file), "utf8").trim().split(/\r?\n/).slice(1);
  const n = lines.length;
  const x = new Float64Array(n * dimX);
  const y = new Float64Array(n * dimY);
  lines.forEach((line, i) => {
    const v = line.split(",").map(Number);
    for (let j = 0; j < dimX; j++) x[i * dimX + j] = v[j];
    for (let j = 0; j < dimY; j++) y[i * dimY + j] = v[dimX + j];
  });
  return { x: matrix(x, n, dimX), y: matrix(y, n, dimY) };
}

const reference = JSON.parse(readFileSync(join(fixtures, "ksg-reference.json"), "utf8")) as RefEntry[];

describe("ksg: parity with scipy cKDTree reference (scripts/fixtures/ksg_reference.py)", () => {
  for (const entry of reference) {
    const { x, y } = readCsv(entry.file, entry.dim_x, entry.dim_y);
    for (const algorithm of [1, 2] as const) {
      const table = algorithm === 1 ? entry.ksg1 : entry.ksg2;
      for (const k of [1, 3, 5, 10]) {
        it(`${entry.file} ksg-${algorithm} k=${k}`, () => {
          const r = ksg({ algorithm, k, jitter: 0 }).estimate(x, y);
          expect(Math.abs(r.value - table[String(k)])).toBeLessThan(1e-9);
        });
      }
    }
  }
});

/** Mean of the estimates over seeds 0..seeds-1. */
function meanOver(seeds: number, f: (seed: number) => number): number {
  let s = 0;
  for (let seed = 0; seed < seeds; seed++) s += f(seed);
  return s / seeds;
}

describe("ksg: closed-form truth on seeded samples", () => {
  // Measured spread of one KSG estimate (k = 3, N = 1000, 20 seeds): SD 0.036 (rho = 0.5),
  // 0.040 (rho = 0.9), 0.030 (additive uniform). Averaging 8 seeds gives SD <= 0.014, so a
  // tolerance of 0.05 plus the known bias is about 4 SD.
  for (const algorithm of [1, 2] as const) {
    it(`bivariate normal rho = 0.5, algorithm ${algorithm}: I = -log(1 - 0.25)/2`, () => {
      const truth = -0.5 * Math.log(1 - 0.25);
      const v = meanOver(8, (seed) => {
        const g = correlatedGaussian(1000, [0.5], seed);
        return ksg({ algorithm }).estimate(g.x, g.y).value;
      });
      // Measured mean over 20 seeds: 0.143 (truth 0.1438): KSG is nearly unbiased here.
      expect(Math.abs(v - truth)).toBeLessThan(0.05);
    });
    it(`bivariate normal rho = 0.9, algorithm ${algorithm}`, () => {
      const truth = -0.5 * Math.log(1 - 0.81);
      const v = meanOver(8, (seed) => {
        const g = correlatedGaussian(1000, [0.9], seed);
        return ksg({ algorithm }).estimate(g.x, g.y).value;
      });
      // Measured mean 0.852 (truth 0.830): a small upward bias of about 0.02 at N = 1000.
      expect(Math.abs(v - truth)).toBeLessThan(0.07);
    });
    it(`additive uniform eps = 0.25, algorithm ${algorithm}: I = eps - log(2 eps)`, () => {
      const truth = 0.25 - Math.log(0.5);
      const v = meanOver(8, (seed) => {
        const g = additiveUniform(1000, 0.25, seed);
        return ksg({ algorithm }).estimate(g.x, g.y).value;
      });
      // Measured mean 0.905 (truth 0.943): boundary effects of the bounded support bias KSG down.
      expect(v).toBeLessThan(truth);
      expect(Math.abs(v - truth)).toBeLessThan(0.09);
    });
  }

  it("5 + 5 Gaussian (rho = 0.5 per pair): within bmi's acceptance band, biased down", () => {
    // Exact MI = -5/2 log(1 - 0.25) = 0.7192. KSG in 10 dimensions is biased down: measured
    // means over 6 seeds at N = 2000 are 0.541 (alg. 1) and 0.558 (alg. 2), SD 0.02. We check
    // bmi's acceptance criterion |log(estimate / truth)| < log 1.5 and the bias direction.
    const g = correlatedGaussian(2000, [0.5, 0.5, 0.5, 0.5, 0.5], 0);
    expect(g.mi).toBeCloseTo(-2.5 * Math.log(0.75), 14);
    for (const algorithm of [1, 2] as const) {
      const v = ksg({ algorithm }).estimate(g.x, g.y).value;
      expect(v).toBeLessThan(g.mi);
      expect(Math.abs(Math.log(v / g.mi))).toBeLessThan(Math.log(1.5));
    }
  });

  it("Student-t, identity dispersion, nu = 1 (1 x 1): positive, biased down as documented", () => {
    // Exact I = h(1) + h(1) - h(2) = 0.2242 (Arellano-Valle et al. 2013; formula checked in
    // knnSamples against bmi's 2x2 values). X and Y are uncorrelated: all dependence is in the
    // shared scale, i.e. the tails, where kNN estimators see few points. Measured over 10 seeds
    // at N = 4000, k = 5: mean 0.151, SD 0.017, range [0.126, 0.182] (it rises slowly with N:
    // 0.185 at N = 16000). We pin the band [0.4 I, 0.95 I].
    const g = studentIdentity(4000, 1, 1, 1, 0);
    expect(g.mi).toBeCloseTo(0.224171, 5);
    const v = ksg({ algorithm: 1, k: 5 }).estimate(g.x, g.y).value;
    expect(v).toBeGreaterThan(0.4 * g.mi);
    expect(v).toBeLessThan(0.95 * g.mi);
  });
});

describe("ksg: k-ensemble", () => {
  it("averages the raw per-k estimates and reports them", () => {
    const g = correlatedGaussian(300, [0.6], 3);
    const e = ksg({ k: [5, 10] }).estimate(g.x, g.y);
    const v5 = ksg({ k: 5 }).estimate(g.x, g.y).value;
    const v10 = ksg({ k: 10 }).estimate(g.x, g.y).value;
    expect(e.value).toBeCloseTo((v5 + v10) / 2, 13);
    expect(e.diagnostics.details.perK).toEqual([
      { k: 5, value: v5 },
      { k: 10, value: v10 },
    ]);
    expect(e.params.k).toEqual([5, 10]);
  });
  it("never clips a negative per-k estimate", () => {
    const x = normals(60, 1, 1);
    const y = normals(60, 1, 2);
    const e = ksg({ k: [2, 4, 6] }).estimate(x, y);
    const perK = e.diagnostics.details.perK as { k: number; value: number }[];
    const raw = perK.reduce((s, p) => s + p.value, 0) / perK.length;
    expect(e.value).toBeCloseTo(raw, 13);
    expect(perK.some((p) => p.value < 0)).toBe(true);
  });
  it("algorithm 2 ensemble matches single-k runs too", () => {
    const g = correlatedGaussian(200, [0.6, 0.3], 4);
    const e = ksg({ algorithm: 2, k: [3, 7] }).estimate(g.x, g.y);
    const v3 = ksg({ algorithm: 2, k: 3 }).estimate(g.x, g.y).value;
    const v7 = ksg({ algorithm: 2, k: 7 }).estimate(g.x, g.y).value;
    expect(e.value).toBeCloseTo((v3 + v7) / 2, 13);
  });
});

/** Continuous data (no ties) from a seed, in a fast-check-friendly form. */
const sampleArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  n: fc.integer({ min: 12, max: 60 }),
  dx: fc.integer({ min: 1, max: 3 }),
  dy: fc.integer({ min: 1, max: 3 }),
  k: fc.integer({ min: 1, max: 5 }),
  algorithm: fc.constantFrom(1 as const, 2 as const),
});

function dataFor(seed: number, n: number, dx: number, dy: number): { x: Matrix; y: Matrix } {
  const g = correlatedGaussian(n, [0.7, 0.2, -0.4].slice(0, Math.min(dx, dy)), seed);
  const x = dx > g.x.cols ? normals(n, dx, seed + 1) : g.x;
  const y = dy > g.y.cols ? normals(n, dy, seed + 2) : g.y;
  return { x, y };
}

describe("ksg: invariants (fast-check)", () => {
  it("KSG-1 is exactly symmetric: I(X;Y) = I(Y;X)", () => {
    fc.assert(
      fc.property(sampleArb, ({ seed, n, dx, dy, k }) => {
        const { x, y } = dataFor(seed, n, dx, dy);
        const est = ksg({ algorithm: 1, k });
        expect(est.estimate(x, y).value).toBe(est.estimate(y, x).value);
      }),
      { numRuns: 40 },
    );
  });
  it("row permutation leaves the estimate unchanged (jitter 0, no ties)", () => {
    fc.assert(
      fc.property(sampleArb, ({ seed, n, dx, dy, k, algorithm }) => {
        const { x, y } = dataFor(seed, n, dx, dy);
        const rng = createRng(seed + 7);
        const perm = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const est = ksg({ algorithm, k, jitter: 0 });
        const a = est.estimate(x, y).value;
        const b = est.estimate(selectRows(x, perm), selectRows(y, perm)).value;
        // Compensated sums of the same terms in another order agree to a few ulps.
        expect(Math.abs(a - b)).toBeLessThan(1e-12);
      }),
      { numRuns: 40 },
    );
  });
  it("bits = nats / ln 2, mean(local) = value, same seed gives identical results", () => {
    fc.assert(
      fc.property(sampleArb, ({ seed, n, dx, dy, k, algorithm }) => {
        const { x, y } = dataFor(seed, n, dx, dy);
        const est = ksg({ algorithm, k });
        const nats = est.estimate(x, y, { seed });
        const bits = est.estimate(x, y, { seed, units: "bits" });
        expect(bits.value).toBeCloseTo(nats.value / Math.LN2, 12);
        expect(bits.units).toBe("bits");
        const local = nats.local!;
        expect(local.length).toBe(n);
        const mean = local.reduce((s, v) => s + v, 0) / n;
        expect(Math.abs(mean - nats.value)).toBeLessThan(1e-12);
        const again = est.estimate(x, y, { seed });
        expect(again.value).toBe(nats.value);
        expect(Array.from(again.local!)).toEqual(Array.from(local));
      }),
      { numRuns: 30 },
    );
  });
});

describe("ksg: preprocessing, ties and warnings", () => {
  /** 1-D data with many exact ties (values rounded to 1 decimal). */
  function tied(n: number, seed: number): { x: Matrix; y: Matrix } {
    const g = correlatedGaussian(n, [0.8], seed);
    const r = (m: Matrix) => matrix(m.data.map((v) => Math.round(v * 10) / 10), m.rows, m.cols);
    return { x: r(g.x), y: r(g.y) };
  }

  it("does not mutate its inputs (even when it standardises and jitters)", () => {
    const { x, y } = tied(200, 1);
    const xc = Float64Array.from(x.data);
    const yc = Float64Array.from(y.data);
    const e = ksg({ k: 4 }).estimate(x, y, { seed: 3 });
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("ties-jittered");
    expect(Array.from(x.data)).toEqual(Array.from(xc));
    expect(Array.from(y.data)).toEqual(Array.from(yc));
  });

  it("jitters tied data with the seed: records it, warns, and depends on it", () => {
    const { x, y } = tied(200, 2);
    const a = ksg().estimate(x, y, { seed: 1 });
    const b = ksg().estimate(x, y, { seed: 2 });
    expect(a.seed).toBe(1);
    expect(a.value).not.toBe(b.value);
    const w = a.diagnostics.warnings.find((v) => v.code === "ties-jittered")!;
    expect(w.message).toMatch(/2 columns had tied values/);
    expect(a.diagnostics.details.jittered).toBe(true);
    expect(a.diagnostics.details.tiedColumns).toBe(2);
  });

  it("never jitters data without ties: results do not depend on the seed", () => {
    const g = correlatedGaussian(150, [0.5], 5);
    const a = ksg().estimate(g.x, g.y, { seed: 1 });
    const b = ksg().estimate(g.x, g.y, { seed: 99 });
    expect(a.value).toBe(b.value);
    expect(a.diagnostics.details.jittered).toBe(false);
    expect(a.diagnostics.warnings.map((w) => w.code)).not.toContain("ties-jittered");
  });

  it("jitter 0 with duplicates warns ties-present and reports the zero-distance fraction", () => {
    // Rows 0..9 repeated 5 times: every point has 4 exact duplicates, so with k = 3 every
    // k-th joint neighbour distance is 0.
    const base = normals(10, 2, 8);
    const rows: number[][] = [];
    for (let r = 0; r < 5; r++) for (let i = 0; i < 10; i++) rows.push([base.data[2 * i], base.data[2 * i + 1]]);
    const x = fromRows(rows.map((r) => [r[0]]));
    const y = fromRows(rows.map((r) => [r[1]]));
    const e = ksg({ k: 3, jitter: 0 }).estimate(x, y);
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("ties-present");
    expect(e.diagnostics.details.zeroDistanceFraction).toBe(1);
    expect(Number.isFinite(e.value)).toBe(true);
    const jittered = ksg({ k: 3 }).estimate(x, y);
    expect(jittered.diagnostics.details.zeroDistanceFraction).toBeUndefined();
  });

  it("a constant variable gives exactly 0 with a constant-column warning", () => {
    const y = normals(50, 2, 1);
    const x = matrix(new Float64Array(50).fill(3.5), 50, 1);
    for (const algorithm of [1, 2] as const) {
      const e = ksg({ algorithm }).estimate(x, y);
      expect(e.value).toBe(0);
      expect(Array.from(e.local!)).toEqual(new Array(50).fill(0));
      expect(e.diagnostics.warnings.map((w) => w.code)).toContain("constant-column");
      expect(e.diagnostics.details.shortCircuit).toBe("constant-variable");
    }
  });

  it("a constant column among others warns but does not change the estimate", () => {
    const g = correlatedGaussian(120, [0.7], 6);
    const x2 = new Float64Array(240);
    for (let i = 0; i < 120; i++) {
      x2[2 * i] = g.x.data[i];
      x2[2 * i + 1] = -1;
    }
    const e = ksg().estimate(matrix(x2, 120, 2), g.y);
    expect(e.diagnostics.warnings.find((w) => w.code === "constant-column")!.message).toMatch(/x column 1/);
    expect(e.value).toBe(ksg().estimate(g.x, g.y).value);
  });

  it("warns negative-estimate for a negative value and returns it raw", () => {
    let found = false;
    for (let seed = 0; seed < 20 && !found; seed++) {
      const e = ksg().estimate(normals(80, 1, seed), normals(80, 1, seed + 100));
      if (e.value < 0) {
        found = true;
        expect(e.diagnostics.warnings.map((w) => w.code)).toContain("negative-estimate");
      } else {
        expect(e.diagnostics.warnings.map((w) => w.code)).not.toContain("negative-estimate");
      }
    }
    expect(found).toBe(true);
  });

  it("warns high-dimension by the documented rule (d > 10 or N < 20 * 2^(d/2))", () => {
    const a = ksg().estimate(normals(100, 6, 1), normals(100, 6, 2));
    expect(a.diagnostics.warnings.map((w) => w.code)).toContain("high-dimension");
    const b = ksg().estimate(normals(100, 1, 1), normals(100, 1, 2));
    expect(b.diagnostics.warnings.map((w) => w.code)).not.toContain("high-dimension");
  });

  it("standardize: false is scale dependent, standardize: true is not", () => {
    const g = correlatedGaussian(200, [0.6], 9);
    const scaled = matrix(g.x.data.map((v) => 1000 * v + 5), 200, 1);
    const on = ksg();
    expect(on.estimate(scaled, g.y).value).toBeCloseTo(on.estimate(g.x, g.y).value, 12);
    const off = ksg({ standardize: false });
    expect(off.estimate(scaled, g.y).value).not.toBeCloseTo(off.estimate(g.x, g.y).value, 3);
  });

  it("accepts plain arrays and omits local values when run.local is false", () => {
    const x = [0.1, 0.5, 0.2, 0.9, 0.4, 0.35, 0.8];
    const y = [[0.2], [0.4], [0.1], [1.0], [0.3], [0.5], [0.7]];
    const e = ksg({ k: 2 }).estimate(x, y, { local: false });
    expect(e.local).toBeUndefined();
    expect(e.n).toBe(7);
    expect(e.estimator).toBe("ksg-1");
    expect(e.quantity).toBe("mutual-information");
    expect(e.references[0].id).toBe("kraskov2004");
    expect(e.params).toEqual({ algorithm: 1, k: 2, standardize: true, jitter: 1e-10, metric: "max" });
  });
});

describe("ksg: validation", () => {
  it("rejects k outside [1, n-1] with the documented message", () => {
    const x = normals(5, 1, 1);
    expect(() => ksg({ k: 10 }).estimate(x, x)).toThrow(InsufficientSamplesError);
    expect(() => ksg({ k: 10 }).estimate(x, x)).toThrow("ksg-1: k must be an integer in [1, n-1] (n = 5); got 10.");
    expect(() => ksg({ algorithm: 2, k: [2, 5] }).estimate(x, x)).toThrow("ksg-2: k must be an integer in [1, n-1] (n = 5); got 5.");
  });
  it("rejects bad options in the factory", () => {
    expect(() => ksg({ k: 0 })).toThrow(InvalidArgumentError);
    expect(() => ksg({ k: 2.5 })).toThrow(/k must be/);
    expect(() => ksg({ k: [] })).toThrow(/empty list/);
    expect(() => ksg({ k: [3, 3] })).toThrow(/must not repeat/);
    expect(() => ksg({ algorithm: 3 as 1 })).toThrow(/algorithm must be an integer in \[1, 2\]/);
    expect(() => ksg({ jitter: -1 })).toThrow(/jitter/);
    expect(() => ksg({ standardize: "yes" as unknown as boolean })).toThrow(/standardize must be true or false/);
    expect(() => ksg({ metric: "euclidean" as "max" })).toThrow(/metric must be one of "max"/);
    expect(() => ksg({ neighbours: 3 } as never)).toThrow(/unknown option "neighbours"/);
  });
  it("rejects mismatched rows, non-finite values, bad units and seeds", () => {
    const x = normals(10, 1, 1);
    expect(() => ksg().estimate(x, normals(9, 1, 1))).toThrow(ShapeMismatchError);
    const bad = matrix(Float64Array.from([1, 2, NaN, 4, 5]), 5, 1);
    expect(() => ksg({ k: 1 }).estimate(bad, normals(5, 1, 1))).toThrow(/row 2, column 0/);
    expect(() => ksg().estimate(x, x, { units: "bans" as "bits" })).toThrow(/units/);
    expect(() => ksg().estimate(x, x, { seed: 0.5 })).toThrow(/seed/);
  });
  it("honours an aborted signal", () => {
    const x = normals(20, 1, 1);
    const ac = new AbortController();
    ac.abort();
    expect(() => ksg().estimate(x, x, { signal: ac.signal })).toThrow(/aborted/);
  });
});

describe("ksg: registry descriptors", () => {
  it("ksg-1 and ksg-2 build the right MI and CMI estimators", () => {
    expect(ksg1Descriptor.id).toBe("ksg-1");
    expect(ksg2Descriptor.id).toBe("ksg-2");
    const m1 = ksg1Descriptor.mi!({ k: 4 });
    expect(m1.id).toBe("ksg-1");
    expect(ksg2Descriptor.mi!({}).id).toBe("ksg-2");
    expect((ksg2Descriptor.cmi!({}).options as { algorithm: number }).algorithm).toBe(2);
    expect(ksg1Descriptor.options.map((o) => o.name)).toEqual(["k", "standardize", "jitter", "metric"]);
    const g = correlatedGaussian(100, [0.5], 1);
    expect(m1.estimate(g.x, g.y)).toMatchObject({ value: ksg({ k: 4 }).estimate(g.x, g.y).value });
  });
});
