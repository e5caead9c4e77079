import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matrix, selectRows } from "../../src/core/data/matrix.js";
import {
  InsufficientSamplesError,
  InvalidArgumentError,
  NonFiniteValueError,
  ShapeMismatchError,
  UnsupportedDataError,
} from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { digammaInt, EULER_GAMMA } from "../../src/core/special/digamma.js";
import type { Matrix } from "../../src/core/types.js";
import { pluginMI } from "../../src/estimators/discrete.js";
import { ksg } from "../../src/estimators/ksg.js";
import { gao, gaoDescriptor, ross, rossDescriptor } from "../../src/estimators/mixed.js";
import { findEstimator } from "../../src/estimators/registry.js";
import { correlatedGaussian } from "./knnSamples.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "..", "fixtures", "mixed");

interface RefEntry {
  file: string;
  sklearnClipped?: number[];
  estimator: "ross" | "gao";
  dim_x: number;
  n: number;
  source: string;
  values: Record<string, number>;
}

function readCsv(file: string, dimX: number): { x: Matrix; y: Matrix } {
  const rows = readFileSync(join(fixtures, file), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(",").map(Number));
  const n = rows.length;
  const x = new Float64Array(n * dimX);
  const y = new Float64Array(n);
  rows.forEach((r, i) => {
    for (let j = 0; j < dimX; j++) x[i * dimX + j] = r[j];
    y[i] = r[dimX];
  });
  return { x: matrix(x, n, dimX), y: matrix(y, n, 1) };
}

const reference = JSON.parse(readFileSync(join(fixtures, "mixed-reference.json"), "utf8")) as RefEntry[];

describe("ross: parity with scikit-learn _compute_mi_cd (scripts/fixtures/mixedReference.py)", () => {
  for (const e of reference.filter((r) => r.estimator === "ross")) {
    const { x, y } = readCsv(e.file, e.dim_x);
    for (const k of [1, 3, 5]) {
      const source = e.sklearnClipped?.includes(k) ? "brute-force transcription; sklearn clips this negative value to 0" : e.source;
      it(`${e.file} k=${k} (${source})`, () => {
        // The brute-force reference for 2 columns works on raw values: compare unstandardised.
        // For one column without ties, z-scoring is monotone and leaves every count unchanged;
        // on grid data (ross-ties) it rounds equal distances differently, so raw values only.
        const settings = e.dim_x === 1 && e.file !== "ross-ties.csv" ? [true, false] : [false];
        for (const standardize of settings) {
          const r = ross({ k, jitter: 0, standardize }).estimate(x, y);
          expect(Math.abs(r.value - e.values[String(k)])).toBeLessThan(1e-9);
        }
      });
    }
  }

  it("drops the singleton class with a warning and recomputes N", () => {
    const { x, y } = readCsv("ross-singleton.csv", 1);
    const r = ross({ jitter: 0 }).estimate(x, y);
    expect(r.n).toBe(200);
    expect(r.diagnostics.details.droppedRows).toBe(1);
    expect(r.diagnostics.details.classes).toBe(3);
    expect(r.local!.length).toBe(200);
    const w = r.diagnostics.warnings.find((v) => v.code === "singleton-class");
    expect(w?.message).toMatch(/left out 1 row whose class has a single member/);
  });
});

describe("ross: inputs and invariants", () => {
  const { x, y } = readCsv("ross-3class.csv", 1);
  const n = x.rows;
  const codes = Array.from(y.data);

  it("accepts Labels, integer codes, strings and a Matrix of codes alike", () => {
    const est = ross();
    const v = est.estimate(x, y).value;
    expect(est.estimate(x, codes).value).toBe(v);
    expect(est.estimate(x, codes.map((c) => ["a", "b", "c"][c])).value).toBe(v);
    expect(est.estimate(x, { codes: Int32Array.from(codes), cardinality: 3 }).value).toBe(v);
    // Relabelling the classes changes nothing.
    expect(est.estimate(x, codes.map((c) => 10 - 7 * c)).value).toBe(v);
  });

  it("bits = nats / ln 2; mean(local) = value; params resolved", () => {
    const a = ross().estimate(x, y);
    const b = ross().estimate(x, y, { units: "bits" });
    expect(b.value).toBeCloseTo(a.value / Math.LN2, 12);
    const m = a.local!.reduce((s, v) => s + v, 0) / n;
    expect(m).toBeCloseTo(a.value, 12);
    expect(a.params).toEqual({ k: 3, standardize: true, jitter: 1e-10, metric: "max" });
    expect(a.estimator).toBe("ross");
    expect(a.references[0].id).toBe("ross2014");
  });

  it("is invariant to a permutation of the rows (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const rng = createRng(seed);
        const perm = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(rng.float64() * (i + 1));
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const v = ross().estimate(selectRows(x, perm), selectRows(y, perm)).value;
        return Math.abs(v - ross().estimate(x, y).value) < 1e-12;
      }),
      { numRuns: 10 },
    );
  });

  it("one class gives 0 (m_i = k_i without ties)", () => {
    const r = ross().estimate(x, new Array<number>(n).fill(4));
    expect(Math.abs(r.value)).toBeLessThan(1e-12);
  });

  it("a constant X gives exactly 0 with a constant-column warning", () => {
    const r = ross().estimate(new Float64Array(n).fill(2), y);
    expect(r.value).toBe(0);
    expect(r.diagnostics.warnings.map((w) => w.code)).toContain("constant-column");
  });

  it("independent X and Y: close to 0, negative values returned raw with a warning", () => {
    // N = 2000, 3 classes: the estimate's SD under independence is about 0.01 (measured).
    const rng = createRng(7);
    const xs = Array.from({ length: 2000 }, () => rng.normal());
    const ys = Array.from({ length: 2000 }, () => Math.floor(rng.float64() * 3));
    const r = ross().estimate(xs, ys);
    expect(Math.abs(r.value)).toBeLessThan(0.03);
    if (r.value < 0) expect(r.diagnostics.warnings.map((w) => w.code)).toContain("negative-estimate");
  });

  it("ties in X are jittered (seeded) by default and reported", () => {
    const xt = Array.from(x.data, (v) => Math.round(v * 4) / 4);
    const r = ross().estimate(xt, y, { seed: 3 });
    expect(r.diagnostics.warnings.map((w) => w.code)).toContain("ties-jittered");
    expect(ross().estimate(xt, y, { seed: 3 }).value).toBe(r.value);
    const raw = ross({ jitter: 0 }).estimate(xt, y);
    expect(raw.diagnostics.warnings.map((w) => w.code)).toContain("ties-present");
    expect(raw.diagnostics.details.zeroDistanceFraction).toBeGreaterThan(0);
  });

  it("validates options and data", () => {
    expect(() => ross({ k: 0 })).toThrow(InvalidArgumentError);
    expect(() => ross({ k: 0 })).toThrow(/ross: k must be an integer >= 1; got 0\./);
    expect(() => ross({ bogus: 1 } as never)).toThrow(/unknown option "bogus"/);
    expect(() => ross({ metric: "l1" as never })).toThrow(/metric must be one of "max", "euclidean"/);
    expect(() => ross().estimate([1, 2, 3], [0, 0])).toThrow(ShapeMismatchError);
    expect(() => ross().estimate([1, 2, NaN], [0, 0, 1])).toThrow(NonFiniteValueError);
    expect(() => ross().estimate([1, 2, 3], [0, 0.5, 1])).toThrow(UnsupportedDataError);
    expect(() => ross().estimate([1, 2, 3], [0, 1, 2])).toThrow(InsufficientSamplesError);
    expect(() => ross().estimate([1, 2, 3], [0, 1, 2])).toThrow(/needs at least 2 rows in classes with 2 or more members; got 0 of 3/);
  });

  it("euclidean metric equals max-norm for one column and differs for two", () => {
    expect(ross({ metric: "euclidean" }).estimate(x, y).value).toBeCloseTo(ross().estimate(x, y).value, 12);
    const two = readCsv("ross-2d.csv", 2);
    const a = ross({ metric: "euclidean" }).estimate(two.x, two.y).value;
    expect(Number.isFinite(a)).toBe(true);
  });
});

describe("gao: parity with a brute-force transcription of the formula", () => {
  for (const e of reference.filter((r) => r.estimator === "gao")) {
    const { x, y } = readCsv(e.file, e.dim_x);
    for (const k of [1, 3, 5]) {
      it(`${e.file} k=${k}`, () => {
        const r = gao({ k }).estimate(x, y);
        expect(Math.abs(r.value - e.values[String(k)])).toBeLessThan(1e-9);
      });
    }
  }
});

/** Poisson(lam) by inversion (lam small). */
function poisson(u: number, lam: number): number {
  let k = 0;
  let p = Math.exp(-lam);
  let c = p;
  while (u > c && k < 1000) {
    k++;
    p *= lam / k;
    c += p;
  }
  return k;
}

function meanOver(seeds: number, f: (seed: number) => number): number {
  let s = 0;
  for (let seed = 0; seed < seeds; seed++) s += f(seed);
  return s / seeds;
}

describe("gao: closed-form truth on seeded mixtures (bmi's discrete-continuous samplers)", () => {
  it("X uniform on 5 categories, Y | X ~ U(X, X + 2): I = log 5 - (4/5) log 2", () => {
    const truth = Math.log(5) - 0.8 * Math.log(2); // 1.05492
    // Measured (k = 5, N = 1000, 20 seeds): mean 1.0471, SD 0.0138. The mean of 8 seeds has
    // SD 0.005; tolerance 0.03 = the measured bias 0.008 plus 4 SD.
    const v = meanOver(8, (seed) => {
      const rng = createRng(seed);
      const n = 1000;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = Math.floor(rng.float64() * 5);
        y[i] = x[i] + 2 * rng.float64();
      }
      return gao().estimate(matrix(x, n, 1), matrix(y, n, 1)).value;
    });
    expect(Math.abs(v - truth)).toBeLessThan(0.03);
  });

  it("zero-inflated Poissonisation, p = 0.15: I = (1-p)(2 log 2 - gamma - sum 2^-k log k)", () => {
    let s = 0;
    for (let k = 2; k < 200; k++) s += Math.pow(2, -k) * Math.log(k);
    const truth = 0.85 * (2 * Math.log(2) - EULER_GAMMA - s); // 0.25606
    // Measured (k = 5, N = 1000, 20 seeds): mean 0.2303, SD 0.0225: a downward bias of 0.026
    // at this N (kNN estimators underestimate near the discrete atoms). The mean of 8 seeds has
    // SD 0.008; tolerance 0.06 = bias + 4 SD.
    const v = meanOver(8, (seed) => {
      const rng = createRng(100 + seed);
      const n = 1000;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = -Math.log(1 - rng.float64());
        const inflate = rng.float64() < 0.15;
        const u = rng.float64();
        y[i] = inflate ? 0 : poisson(u, x[i]);
      }
      return gao().estimate(matrix(x, n, 1), matrix(y, n, 1)).value;
    });
    expect(Math.abs(v - truth)).toBeLessThan(0.06);
  });
});

describe("gao: special cases", () => {
  it("purely discrete data: the plug-in formula with psi(n) for log n (exact), within O(K/N) of plug-in", () => {
    const rng = createRng(11);
    const n = 2000;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = Math.floor(rng.float64() * 4);
      xs.push(a);
      ys.push(rng.float64() < 0.7 ? a : Math.floor(rng.float64() * 3));
    }
    const r = gao().estimate(xs, ys);
    expect(r.diagnostics.details.tieFraction).toBe(1);
    // Exact: <psi(n_xy) + log N - psi(n_x) - psi(n_y)> from the contingency counts.
    const cxy = new Map<string, number>();
    const cx = new Map<number, number>();
    const cy = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      cxy.set(`${xs[i]},${ys[i]}`, (cxy.get(`${xs[i]},${ys[i]}`) ?? 0) + 1);
      cx.set(xs[i], (cx.get(xs[i]) ?? 0) + 1);
      cy.set(ys[i], (cy.get(ys[i]) ?? 0) + 1);
    }
    let exact = 0;
    for (let i = 0; i < n; i++) {
      exact += digammaInt(cxy.get(`${xs[i]},${ys[i]}`)!) + Math.log(n) - digammaInt(cx.get(xs[i])!) - digammaInt(cy.get(ys[i])!);
    }
    exact /= n;
    expect(Math.abs(r.value - exact)).toBeLessThan(1e-12);
    // psi(m) = log m - 1/(2m) + O(1/m^2): per cell the difference averages to
    // (K_x + K_y - K_xy) / (2N) up to O(K/N^2); here |K_x + K_y - K_xy| <= 12.
    const plugin = pluginMI().estimate(xs, ys).value;
    const kxy = cxy.size;
    const bound = (Math.abs(cx.size + cy.size - kxy) + 1) / (2 * n);
    expect(Math.abs(r.value - plugin)).toBeLessThan(bound);
    expect(r.value - plugin).toBeCloseTo((cx.size + cy.size - kxy) / (2 * n), 4);
  });

  it("continuous data without ties: KSG-1 with log N in place of psi(N) (exact)", () => {
    const g = correlatedGaussian(500, [0.6], 5);
    for (const k of [1, 4]) {
      const a = gao({ k }).estimate(g.x, g.y).value;
      const b = ksg({ k, standardize: false, jitter: 0 }).estimate(g.x, g.y).value;
      expect(Math.abs(a - b - (Math.log(500) - digammaInt(500)))).toBeLessThan(1e-12);
    }
    const s = gao({ standardize: true }).estimate(g.x, g.y);
    // Both z-score the same way; the difference log N - psi(N) is about 1/(2N).
    expect(Math.abs(s.value - ksg({ k: 5, jitter: 0 }).estimate(g.x, g.y).value - (Math.log(500) - digammaInt(500)))).toBeLessThan(1e-12);
  });

  it("is symmetric in X and Y and invariant to row order (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 1, max: 6 }), (seed, k) => {
        const rng = createRng(seed);
        const n = 80;
        const x = Array.from({ length: n }, () => Math.floor(rng.float64() * 3));
        const y = x.map((v) => (rng.float64() < 0.3 ? 0 : v + rng.normal()));
        const a = gao({ k }).estimate(x, y).value;
        const perm = Array.from({ length: n }, (_, i) => (i * 37) % n);
        const b = gao({ k }).estimate(perm.map((i) => x[i]), perm.map((i) => y[i])).value;
        return Math.abs(gao({ k }).estimate(y, x).value - a) < 1e-12 && Math.abs(b - a) < 1e-12;
      }),
      { numRuns: 25 },
    );
  });

  it("accepts Labels; local values, units, params", () => {
    const x = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
    const y = { codes: Int32Array.from(x), cardinality: 2 };
    const r = gao({ k: 2 }).estimate(x, y);
    expect(r.value).toBeCloseTo(gao({ k: 2 }).estimate(x, x).value, 14);
    const m = r.local!.reduce((s, v) => s + v, 0) / x.length;
    expect(m).toBeCloseTo(r.value, 12);
    expect(gao({ k: 2 }).estimate(x, y, { units: "bits" }).value).toBeCloseTo(r.value / Math.LN2, 12);
    expect(r.params).toEqual({ k: 2, standardize: false });
    expect(r.references[0].id).toBe("gao2017");
    // No ties warning: ties are the model here.
    expect(r.diagnostics.warnings.map((w) => w.code)).not.toContain("ties-present");
  });

  it("validates options and data", () => {
    expect(() => gao({ k: 1.5 })).toThrow(/gao: k must be an integer >= 1; got 1\.5\./);
    expect(() => gao({ jitter: 0 } as never)).toThrow(/unknown option "jitter"/);
    expect(() => gao({ standardize: "yes" as never })).toThrow(/standardize must be true or false/);
    expect(() => gao().estimate([1, 2, 3], [1, 2])).toThrow(ShapeMismatchError);
    expect(() => gao().estimate([1, 2, 3], [1, 2, 3])).toThrow(InsufficientSamplesError);
    expect(() => gao().estimate([1, 2, 3], [1, 2, 3])).toThrow(/k must be an integer in \[1, n-1\] \(n = 3\); got 5\./);
    expect(() => gao({ k: 1 }).estimate([1, 2, Infinity], [1, 2, 3])).toThrow(NonFiniteValueError);
  });
});

describe("mixed descriptors", () => {
  it("are registered with their data kinds", () => {
    expect(findEstimator("ross")).toBe(rossDescriptor);
    expect(findEstimator("gao")).toBe(gaoDescriptor);
    expect(rossDescriptor.variables).toEqual({ x: ["continuous"], y: ["discrete"] });
    expect(gaoDescriptor.accepts).toEqual(["continuous", "discrete", "mixed"]);
  });

  it("MI factories take Y as an integer-coded Matrix", () => {
    const { x, y } = readCsv("ross-3class.csv", 1);
    expect(rossDescriptor.mi!({ k: 5 }).estimate(x, y)).toMatchObject({ value: ross({ k: 5 }).estimate(x, y).value });
    expect(gaoDescriptor.mi!({}).estimate(x, y)).toMatchObject({ value: gao().estimate(x, y).value });
    expect(() => rossDescriptor.mi!({ alpha: 1 })).toThrow(/ross: unknown option "alpha"/);
  });
});
