import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { histogramCMI, histogramDescriptor, histogramEntropy, histogramMI } from "../../src/estimators/histogram.js";
import { adaptiveBinningCMI, adaptiveBinningDescriptor, adaptiveBinningEntropy, adaptiveBinningMI } from "../../src/estimators/adaptiveBinning.js";
import { pluginMI } from "../../src/estimators/discrete.js";
import { equalMassBins, equalWidthBins, binCount, type BinRule } from "../../src/core/data/discretize.js";
import { InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError, UnsupportedDataError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { meanCompensated } from "../../src/core/special/sum.js";
import type { Matrix } from "../../src/core/types.js";

interface Case {
  kind: "histogram" | "adaptive-binning";
  x: number[];
  y: number[];
  z?: number[];
  bins: number;
  binRule: BinRule;
  xCodes: number[][];
  yCodes: number[][];
  mi: number;
  miMillerMadow: number;
  entropyX: number;
  entropyXMillerMadow: number;
  cmi?: number;
  cmiMillerMadow?: number;
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/binning.json", import.meta.url), "utf8")) as {
  n: number;
  columns: number[][];
  cases: Case[];
};

function cols(idx: number[]): Matrix {
  const n = fixture.n;
  const d = idx.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = fixture.columns[idx[j]][i];
  return { data, rows: n, cols: d };
}

/** Mixed-radix joint code of per-column codes (as the Python script). */
function mixedRadix(codes: number[][]): number[] {
  const n = codes[0].length;
  const cards = codes.map((c) => Math.max(...c) + 1);
  return Array.from({ length: n }, (_, i) => codes.reduce((acc, c, j) => acc * cards[j] + c[i], 0));
}

const factories = {
  histogram: { mi: histogramMI, cmi: histogramCMI, entropy: histogramEntropy },
  "adaptive-binning": { mi: adaptiveBinningMI, cmi: adaptiveBinningCMI, entropy: adaptiveBinningEntropy },
} as const;

describe("histogram and adaptive binning: pinned to scikit-learn (scripts/fixtures/binningReference.py)", () => {
  for (const c of fixture.cases) {
    const label = `${c.kind} x=${c.x} y=${c.y} ${c.binRule}${c.binRule === "fixed" ? " " + c.bins : ""}`;
    it(`${label}: codes equal numpy's, MI equals mutual_info_score to 1e-12`, () => {
      const binner = c.kind === "histogram" ? equalWidthBins : equalMassBins;
      const ours = (idx: number[]) =>
        idx.map((j) => {
          const v = fixture.columns[j];
          return Array.from(binner(v, binCount(v, c.binRule, c.bins)).codes);
        });
      expect(ours(c.x)).toEqual(c.xCodes);
      expect(ours(c.y)).toEqual(c.yCodes);
      const f = factories[c.kind];
      const opts = { bins: c.bins, binRule: c.binRule };
      const r = f.mi(opts).estimate(cols(c.x), cols(c.y));
      expect(Math.abs(r.value - c.mi)).toBeLessThan(1e-12);
      // The discrete plug-in MI on the same codes agrees too.
      const p = pluginMI().estimate(mixedRadix(c.xCodes), mixedRadix(c.yCodes));
      expect(Math.abs(p.value - c.mi)).toBeLessThan(1e-12);
      const mm = f.mi({ ...opts, correction: "miller-madow" }).estimate(cols(c.x), cols(c.y));
      expect(Math.abs(mm.value - c.miMillerMadow)).toBeLessThan(1e-12);
      expect(Math.abs(f.entropy(opts).estimate(cols(c.x)).value - c.entropyX)).toBeLessThan(1e-12);
      expect(Math.abs(f.entropy({ ...opts, correction: "miller-madow" }).estimate(cols(c.x)).value - c.entropyXMillerMadow)).toBeLessThan(1e-12);
      if (c.z) {
        const cmi = f.cmi(opts).estimate(cols(c.x), cols(c.y), cols(c.z));
        expect(Math.abs(cmi.value - c.cmi!)).toBeLessThan(1e-12);
        const cmm = f.cmi({ ...opts, correction: "miller-madow" }).estimate(cols(c.x), cols(c.y), cols(c.z));
        expect(Math.abs(cmm.value - c.cmiMillerMadow!)).toBeLessThan(1e-12);
      }
    });
  }
});

function gaussianPair(n: number, rho: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    y[i] = rho * x[i] + s * rng.normal();
  }
  return { x, y };
}

describe("histogram and adaptive binning: invariants and behaviour", () => {
  const { x, y } = gaussianPair(2000, 0.8, 1);
  const truth = -0.5 * Math.log(1 - 0.64); // 0.5108

  it("near the truth on a bivariate normal with enough bins (N = 2000)", () => {
    // 12 bins: discretisation loses ~0.05 nats, the plug-in bias (11^2/4000 = 0.03) adds it back.
    const h = histogramMI({ bins: 12, correction: "miller-madow" }).estimate(x, y).value;
    const a = adaptiveBinningMI({ bins: 12, correction: "miller-madow" }).estimate(x, y).value;
    expect(Math.abs(h - truth)).toBeLessThan(0.08);
    expect(Math.abs(a - truth)).toBeLessThan(0.08);
  });

  it("mean of local values equals the estimate; bits = nats / ln 2; symmetric in x and y", () => {
    for (const f of [histogramMI, adaptiveBinningMI]) {
      const r = f({ correction: "miller-madow" }).estimate(x, y);
      expect(meanCompensated(r.local!)).toBeCloseTo(r.value, 14);
      expect(f().estimate(x, y, { units: "bits" }).value).toBeCloseTo(f().estimate(x, y).value / Math.LN2, 13);
      expect(f().estimate(y, x).value).toBeCloseTo(f().estimate(x, y).value, 14);
      expect(f().estimate(x, y, { local: false }).local).toBeUndefined();
    }
  });

  it("adaptive binning is invariant to increasing transforms; the histogram to affine ones", () => {
    const ex = x.map(Math.exp);
    const cube = y.map((v) => v * v * v);
    expect(adaptiveBinningMI().estimate(ex, cube).value).toBe(adaptiveBinningMI().estimate(x, y).value);
    const ax = x.map((v) => 4 * v - 2); // rounding may move a value sitting on an edge: compare values, not bits
    expect(histogramMI().estimate(ax, y).value).toBeCloseTo(histogramMI().estimate(x, y).value, 12);
  });

  it("Miller-Madow: the correction is (K_xy - K_x - K_y + 1)/(2N); negative-estimate warning on independent data", () => {
    const rng = createRng(7);
    const u = Float64Array.from({ length: 200 }, () => rng.normal());
    const v = Float64Array.from({ length: 200 }, () => rng.normal());
    const plain = histogramMI({ bins: 4 }).estimate(u, v);
    const mm = histogramMI({ bins: 4, correction: "miller-madow" }).estimate(u, v);
    const k = plain.diagnostics.details.occupiedCells as { x: number; y: number; xy: number };
    expect(mm.value).toBeCloseTo(plain.value - (k.xy - k.x - k.y + 1) / 400, 14);
    // Find a seed where the corrected estimate is negative and check the warning.
    let found = false;
    for (let s = 0; s < 50 && !found; s++) {
      const r2 = createRng(100 + s);
      const a = Float64Array.from({ length: 100 }, () => r2.normal());
      const b = Float64Array.from({ length: 100 }, () => r2.normal());
      const e = adaptiveBinningMI({ bins: 3, correction: "miller-madow" }).estimate(a, b);
      if (e.value < 0) {
        found = true;
        expect(e.diagnostics.warnings.map((w) => w.code)).toContain("negative-estimate");
      } else {
        expect(e.diagnostics.warnings.map((w) => w.code)).not.toContain("negative-estimate");
      }
    }
    expect(found).toBe(true);
  });

  it("entropy: uniform data on [0, 1] is close to 0; Gaussian close to 1/2 log(2 pi e)", () => {
    const rng = createRng(3);
    const u = Float64Array.from({ length: 5000 }, () => rng.float64());
    expect(Math.abs(histogramEntropy({ bins: 10 }).estimate(u).value)).toBeLessThan(0.01);
    const g = Float64Array.from({ length: 5000 }, () => rng.normal());
    const h = 0.5 * Math.log(2 * Math.PI * Math.E);
    expect(Math.abs(histogramEntropy({ binRule: "freedman-diaconis" }).estimate(g).value - h)).toBeLessThan(0.03);
    expect(Math.abs(adaptiveBinningEntropy({ bins: 20 }).estimate(g).value - h)).toBeLessThan(0.06);
  });

  it("CMI: conditionally independent chain x -> z -> y gives a small value; local mean is the value", () => {
    const rng = createRng(11);
    const n = 3000;
    const z = Float64Array.from({ length: n }, () => rng.normal());
    const xx = z.map((v) => v + 0.5 * rng.normal());
    const yy = z.map((v) => v + 0.5 * rng.normal());
    const mi = histogramMI({ bins: 6 }).estimate(xx, yy).value;
    const c = histogramCMI({ bins: 6, correction: "miller-madow" }).estimate(xx, yy, z);
    expect(mi).toBeGreaterThan(0.3); // truth 0.51, six coarse bins lose about 0.12
    expect(Math.abs(c.value)).toBeLessThan(0.1); // residual dependence within z-bins of width ~1.2 SD
    expect(meanCompensated(c.local!)).toBeCloseTo(c.value, 14);
  });

  it("warnings: constant column, sparse grid", () => {
    const r = histogramMI().estimate([1, 1, 1, 1], [1, 2, 3, 4]);
    expect(r.value).toBe(0);
    expect(r.diagnostics.warnings.map((w) => w.code)).toContain("constant-column");
    expect(r.diagnostics.warnings.map((w) => w.code)).toContain("small-sample");
  });

  it("property: never NaN, plug-in MI in [0, min(log Kx, log Ky)]; inputs not mutated", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        (rows, bins) => {
          const xs = rows.map((r) => r[0]);
          const ys = rows.map((r) => r[1]);
          const copy = [...xs];
          for (const f of [histogramMI, adaptiveBinningMI]) {
            const e = f({ bins }).estimate(xs, ys);
            expect(Number.isNaN(e.value)).toBe(false);
            expect(e.value).toBeGreaterThanOrEqual(-1e-12);
            expect(e.value).toBeLessThanOrEqual(Math.log(bins) + 1e-12);
          }
          expect(xs).toEqual(copy);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("validation: options and data", () => {
    expect(() => histogramMI({ bins: 0 })).toThrow(InvalidArgumentError);
    expect(() => histogramMI({ bins: 2.5 })).toThrow(/bins must be an integer/);
    expect(() => histogramMI({ binRule: "auto" as BinRule })).toThrow(/binRule must be one of/);
    expect(() => adaptiveBinningMI({ correction: "jackknife" as "none" })).toThrow(/correction must be one of/);
    expect(() => histogramMI({ nbins: 3 } as object)).toThrow(/unknown option "nbins"; known options: bins, binRule, correction/);
    expect(() => histogramCMI({ k: 3 } as object)).toThrow(/histogram-cmi: unknown option/);
    expect(() => histogramMI().estimate([1, 2, 3], [1, 2])).toThrow(ShapeMismatchError);
    expect(() => histogramMI().estimate([1, NaN], [1, 2])).toThrow(NonFiniteValueError);
    expect(() => histogramMI().estimate([1], [1])).toThrow(InsufficientSamplesError);
    expect(() => adaptiveBinningCMI().estimate([1, 2], [1, 2], [1, 2, 3])).toThrow(ShapeMismatchError);
    expect(() => histogramEntropy().estimate([[1, 2], [1, 3]])).toThrow(UnsupportedDataError);
    expect(() => histogramMI().estimate([1, 2], [1, 2], { units: "bans" as "bits" })).toThrow(InvalidArgumentError);
    expect(() => adaptiveBinningMI().estimate([1, 2, 3], [-1e308, 1e308, 0])).toThrow(/adaptive-binning: y column 0 spans -1e\+308 to 1e\+308, a range that overflows/);
  });

  it("descriptors", () => {
    for (const d of [histogramDescriptor, adaptiveBinningDescriptor]) {
      expect(d.accepts).toEqual(["continuous"]);
      expect(d.options.map((o) => o.name)).toEqual(["bins", "binRule", "correction"]);
      const e = d.mi!({ bins: 3 }).estimate({ data: x, rows: x.length, cols: 1 }, { data: y, rows: y.length, cols: 1 });
      expect(e).toMatchObject({ estimator: d.id, quantity: "mutual-information" });
      expect(d.cmi).toBeDefined();
      expect(d.entropy).toBeDefined();
    }
  });
});

describe("histogram: rules that would allocate too many bins", () => {
  it("throws a typed error naming the rule and column", () => {
    // IQR = 1e-9 with a range of 1e3: Freedman-Diaconis asks for ~1e12 bins.
    const x = Array.from({ length: 1000 }, (_, i) => (i === 0 ? 1000 : (i % 2) * 1e-9));
    const y = Array.from({ length: 1000 }, (_, i) => i);
    expect(() => histogramMI({ binRule: "freedman-diaconis" }).estimate(x, y)).toThrow(
      /binRule "freedman-diaconis" gives \d+ bins for x column 0/,
    );
  });
});
