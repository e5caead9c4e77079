import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { gaussianCopulaCMI, gaussianCopulaDescriptor, gaussianCopulaMI } from "../../src/estimators/gaussianCopula.js";
import { gaussianMI, SingularCovarianceError } from "../../src/estimators/gaussian.js";
import { InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { digamma } from "../../src/core/special/digamma.js";
import { meanCompensated } from "../../src/core/special/sum.js";
import type { Matrix } from "../../src/core/types.js";

const fixtureDir = new URL("../fixtures/", import.meta.url);
const ref = JSON.parse(readFileSync(new URL("continuous.json", fixtureDir), "utf8")) as {
  gaussianCopula: { x: number[]; y: number[]; z: number[] | null; biasCorrect: boolean; value: number }[];
};

/** The fixture sample (header line, comma-separated numbers). */
function readCsv(): Matrix {
  const lines = readFileSync(new URL("continuous.csv", fixtureDir), "utf8").trim().split(/\r?\n/).slice(1);
  const cols = lines[0].split(",").length;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((line, i) => line.split(",").forEach((v, j) => (data[i * cols + j] = Number(v))));
  return { data, rows: lines.length, cols };
}
const sample = readCsv();
function pick(idx: number[]): Matrix {
  const n = sample.rows;
  const data = new Float64Array(n * idx.length);
  for (let i = 0; i < n; i++) idx.forEach((c, j) => (data[i * idx.length + j] = sample.data[i * sample.cols + c]));
  return { data, rows: n, cols: idx.length };
}

function correlated(n: number, rho: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return { x, y };
}

/** Expected bias of a d-dimensional Gaussian entropy term (reference-facts 1.8 step 3). */
function entropyBias(d: number, n: number): number {
  let psi = 0;
  for (let i = 1; i <= d; i++) psi += digamma((n - i) / 2);
  return 0.5 * d * (Math.LN2 - Math.log(n - 1)) + 0.5 * psi;
}

describe("gaussian-copula: reference values (scripts/fixtures/continuousReference.py, numpy/scipy)", () => {
  for (const c of ref.gaussianCopula) {
    it(`x=${c.x} y=${c.y}${c.z ? ` z=${c.z}` : ""} biasCorrect=${c.biasCorrect}`, () => {
      const o = { biasCorrect: c.biasCorrect };
      const v = c.z
        ? gaussianCopulaCMI(o).estimate(pick(c.x), pick(c.y), pick(c.z)).value
        : gaussianCopulaMI(o).estimate(pick(c.x), pick(c.y)).value;
      // normalQuantile and the Cholesky log-det agree with scipy's ndtri / slogdet to ~1e-14.
      expect(Math.abs(v - c.value)).toBeLessThan(1e-11);
    });
  }
});

describe("gaussian-copula: properties", () => {
  it("on Gaussian data both GCMI and Gaussian MI are close to the truth (N = 4000, rho = 0.6)", () => {
    const { x, y } = correlated(4000, 0.6, 5);
    const truth = -0.5 * Math.log(1 - 0.36); // 0.2231
    const gc = gaussianCopulaMI().estimate(x, y).value;
    const g = gaussianMI().estimate(x, y).value;
    // SD of the estimate ~ rho sqrt((1 - rho^2)... ) / sqrt(N) ~ 0.012: 4 SD.
    expect(Math.abs(gc - truth)).toBeLessThan(0.05);
    expect(Math.abs(g - truth)).toBeLessThan(0.05);
    // The rank transform loses little for Gaussian margins: within 0.01 of the parametric value.
    expect(Math.abs(gc - g)).toBeLessThan(0.01);
  });

  it("bias correction: the difference is the closed-form Wishart term; under independence the corrected mean is ~0", () => {
    const n = 100;
    let sumBc = 0;
    let sumRaw = 0;
    const reps = 60;
    for (let s = 0; s < reps; s++) {
      const rng = createRng(1000 + s);
      const x = Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
      const y = Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
      const bc = gaussianCopulaMI().estimate(x, y);
      const raw = gaussianCopulaMI({ biasCorrect: false }).estimate(x, y).value;
      // MI_bc = MI_raw - b(X) - b(Y) + b(X,Y), with b(d) the (negative) expected bias of a d-dim term.
      expect(raw - bc.value).toBeCloseTo(2 * entropyBias(2, n) - entropyBias(4, n), 13);
      expect(bc.diagnostics.details.uncorrected).toBeCloseTo(raw, 14);
      sumBc += bc.value;
      sumRaw += raw;
    }
    // Uncorrected: E ~ dx dy / (2N) = 0.02; corrected: ~0 (the SD of the mean over 60 reps is ~0.003).
    expect(sumRaw / reps).toBeGreaterThan(0.012);
    expect(Math.abs(sumBc / reps)).toBeLessThan(0.01);
  });

  it("invariant to increasing transforms of each column: exactly equal for exp(x) and x^3", () => {
    const { x, y } = correlated(500, 0.5, 9);
    const base = gaussianCopulaMI().estimate(x, y).value;
    expect(gaussianCopulaMI().estimate(x.map(Math.exp), y.map((v) => v * v * v)).value).toBe(base);
    expect(gaussianCopulaMI().estimate(x.map((v) => 3 * v + 7), y.map(Math.atan)).value).toBe(base);
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (a, b) => {
        expect(gaussianCopulaMI().estimate(x.map((v) => a * v + b), y).value).toBe(base);
      }),
      { numRuns: 20 },
    );
  });

  it("ties: average ranks are deterministic; random ranks depend on the seed; no ties -> same as average", () => {
    const rng = createRng(2);
    const x = Array.from({ length: 300 }, () => Math.round(2 * rng.normal()));
    const y = x.map((v) => v + rng.normal());
    const avg = gaussianCopulaMI().estimate(x, y);
    expect(avg.diagnostics.warnings.map((w) => w.code)).toContain("ties-present");
    expect(avg.seed).toBeUndefined();
    const r1 = gaussianCopulaMI({ ties: "random" }).estimate(x, y, { seed: 1 });
    const r1b = gaussianCopulaMI({ ties: "random" }).estimate(x, y, { seed: 1 });
    const r2 = gaussianCopulaMI({ ties: "random" }).estimate(x, y, { seed: 2 });
    expect(r1.value).toBe(r1b.value);
    expect(r1.value).not.toBe(r2.value);
    expect(r1.value).not.toBe(avg.value);
    expect(r1.seed).toBe(1);
    const { x: cx, y: cy } = correlated(100, 0.3, 4);
    expect(gaussianCopulaMI({ ties: "random" }).estimate(cx, cy, { seed: 5 }).value).toBe(gaussianCopulaMI().estimate(cx, cy).value);
  });

  it("CMI: the chain x -> z -> y gives ~0, and I(X;Y|Z) = I(X;YZ) - I(X;Z) without bias correction", () => {
    const rng = createRng(8);
    const n = 2000;
    const z = Array.from({ length: n }, () => rng.normal());
    const x = z.map((v) => v + rng.normal());
    const y = z.map((v) => Math.exp(v + rng.normal()));
    const c = gaussianCopulaCMI().estimate(x, y, z).value;
    expect(Math.abs(c)).toBeLessThan(0.01);
    const yz = y.map((v, i) => [v, z[i]]);
    const o = { biasCorrect: false };
    const chain = gaussianCopulaMI(o).estimate(x, yz).value - gaussianCopulaMI(o).estimate(x, z).value;
    expect(gaussianCopulaCMI(o).estimate(x, y, z).value).toBeCloseTo(chain, 12);
  });

  it("local values: mean equals the estimate (MI and CMI), invariant to monotone transforms, optional", () => {
    const { x, y } = correlated(400, 0.5, 13);
    const { x: z } = correlated(400, 0.2, 14);
    const e = gaussianCopulaMI().estimate(x, y);
    expect(meanCompensated(e.local!)).toBe(e.value);
    expect(Array.from(gaussianCopulaMI().estimate(x.map(Math.exp), y).local!)).toEqual(Array.from(e.local!));
    const c = gaussianCopulaCMI({ biasCorrect: false }).estimate(x, y, z);
    expect(meanCompensated(c.local!)).toBe(c.value);
    expect(gaussianCopulaMI().estimate(x, y, { local: false }).local).toBeUndefined();
    // A row with concordant extreme scores carries more than the average information.
    let best = 0;
    for (let i = 1; i < 400; i++) if (x[i] * y[i] > x[best] * y[best]) best = i;
    expect(e.local![best]).toBeGreaterThan(e.value);
  });

  it("negative estimates are returned raw with a warning; bits = nats / ln 2; symmetric", () => {
    let negative = 0;
    for (let s = 0; s < 30; s++) {
      const rng = createRng(300 + s);
      const x = Array.from({ length: 50 }, () => rng.normal());
      const y = Array.from({ length: 50 }, () => rng.normal());
      const e = gaussianCopulaMI().estimate(x, y);
      const codes = e.diagnostics.warnings.map((w) => w.code);
      if (e.value < 0) {
        negative++;
        expect(codes).toContain("negative-estimate");
      } else expect(codes).not.toContain("negative-estimate");
      expect(gaussianCopulaMI().estimate(x, y, { units: "bits" }).value).toBeCloseTo(e.value / Math.LN2, 14);
      expect(gaussianCopulaMI().estimate(y, x).value).toBeCloseTo(e.value, 14);
    }
    expect(negative).toBeGreaterThan(0);
  });

  it("validation", () => {
    expect(() => gaussianCopulaMI({ bias: true } as object)).toThrow(/unknown option "bias"; known options: biasCorrect, ties/);
    expect(() => gaussianCopulaMI({ ties: "first" as "average" })).toThrow(InvalidArgumentError);
    expect(() => gaussianCopulaMI({ biasCorrect: 1 as unknown as boolean })).toThrow(/biasCorrect must be true or false/);
    expect(() => gaussianCopulaCMI({ k: 1 } as object)).toThrow(/gaussian-copula-cmi: unknown option/);
    expect(() => gaussianCopulaMI().estimate([1, 2, 3], [1, 2])).toThrow(ShapeMismatchError);
    expect(() => gaussianCopulaMI().estimate([1, 2, Infinity], [1, 2, 3])).toThrow(NonFiniteValueError);
    expect(() => gaussianCopulaMI().estimate([1, 2], [2, 1])).toThrow(InsufficientSamplesError);
    expect(() => gaussianCopulaMI().estimate([1, 1, 1, 1], [1, 2, 3, 4])).toThrow(SingularCovarianceError);
    // x and exp(x) have identical ranks: the joint copula covariance is singular.
    expect(() => gaussianCopulaMI().estimate([1, 2, 3, 4, 5], [1, 2, 3, 4, 5].map(Math.exp))).toThrow(/singular at y column 0/);
    expect(() => gaussianCopulaMI().estimate([1, 2, 3], [3, 1, 2], { seed: 1.5 })).toThrow(/seed must be a safe integer/);
  });

  it("descriptor", () => {
    expect(gaussianCopulaDescriptor.accepts).toEqual(["continuous"]);
    expect(gaussianCopulaDescriptor.entropy).toBeUndefined();
    const { x, y } = correlated(50, 0.5, 1);
    const mx = { data: x, rows: 50, cols: 1 };
    const my = { data: y, rows: 50, cols: 1 };
    expect(gaussianCopulaDescriptor.mi!({ biasCorrect: false }).estimate(mx, my)).toMatchObject({ estimator: "gaussian-copula" });
    const { x: z } = correlated(50, 0.5, 2);
    const mz = { data: z, rows: 50, cols: 1 };
    expect(gaussianCopulaDescriptor.cmi!({}).estimate(mx, my, mz)).toMatchObject({ quantity: "conditional-mutual-information" });
  });
});
