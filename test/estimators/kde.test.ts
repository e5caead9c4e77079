import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kdeBandwidthFactor, kdeCMI, kdeDescriptor, kdeEntropy, kdeMI, type KdeBandwidthRule, type KdeMode } from "../../src/estimators/kde.js";
import { AbortError, InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError, UnsupportedDataError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { meanCompensated } from "../../src/core/special/sum.js";
import { logSumExp } from "../../src/core/special/logSumExp.js";
import type { Matrix } from "../../src/core/types.js";

const fixtureDir = new URL("../fixtures/", import.meta.url);
interface KdeCase {
  x: number[];
  y: number[];
  z: number[] | null;
  bandwidth: KdeBandwidthRule;
  bandwidthFactor: number | null;
  mode: KdeMode;
  value: number;
}
const ref = JSON.parse(readFileSync(new URL("continuous.json", fixtureDir), "utf8")) as {
  kde: KdeCase[];
  kdeEntropy: Omit<KdeCase, "y" | "z">[];
};

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
function opts(c: { bandwidth: KdeBandwidthRule; bandwidthFactor: number | null; mode: KdeMode }) {
  return { bandwidth: c.bandwidth, mode: c.mode, ...(c.bandwidthFactor !== null ? { bandwidthFactor: c.bandwidthFactor } : {}) };
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

describe("kde: equal to an independent numpy implementation (scripts/fixtures/continuousReference.py)", () => {
  for (const c of ref.kde) {
    it(`${c.z ? "CMI" : "MI"} x=${c.x} y=${c.y}${c.z ? ` z=${c.z}` : ""} ${c.bandwidth} ${c.bandwidthFactor ?? ""} ${c.mode}`, () => {
      const v = c.z
        ? kdeCMI(opts(c)).estimate(pick(c.x), pick(c.y), pick(c.z)).value
        : kdeMI(opts(c)).estimate(pick(c.x), pick(c.y)).value;
      expect(Math.abs(v - c.value)).toBeLessThan(1e-9);
    });
  }
  for (const c of ref.kdeEntropy) {
    it(`entropy x=${c.x} ${c.bandwidth} ${c.bandwidthFactor ?? ""} ${c.mode}`, () => {
      expect(Math.abs(kdeEntropy(opts(c)).estimate(pick(c.x)).value - c.value)).toBeLessThan(1e-9);
    });
  }
});

describe("kde: properties", () => {
  it("bivariate normal (rho = 0.6, N = 1500): close to the truth", () => {
    const { x, y } = correlated(1500, 0.6, 3);
    const truth = -0.5 * Math.log(1 - 0.36); // 0.2231
    const resub = kdeMI().estimate(x, y).value;
    const loo = kdeMI({ mode: "leave-one-out" }).estimate(x, y).value;
    // Scott's h = N^(-1/6) SD = 0.30 SD smooths the correlation to about rho / (1 + h^2) (-0.04 nats)
    // while resubstitution adds the self term (+); both stay within 0.05 of the truth here.
    expect(Math.abs(resub - truth)).toBeLessThan(0.05);
    expect(Math.abs(loo - truth)).toBeLessThan(0.05);
    expect(resub).toBeGreaterThan(loo);
  });

  it("mean(local) = value; bits = nats / ln 2; symmetric; scale invariant per column", () => {
    const { x, y } = correlated(300, 0.5, 4);
    const e = kdeMI().estimate(x, y);
    expect(meanCompensated(e.local!)).toBe(e.value);
    expect(kdeMI().estimate(x, y, { units: "bits" }).value).toBeCloseTo(e.value / Math.LN2, 14);
    expect(kdeMI().estimate(y, x).value).toBeCloseTo(e.value, 13);
    expect(kdeMI().estimate(x.map((v) => 1000 * v - 3), y).value).toBeCloseTo(e.value, 11);
    expect(kdeMI().estimate(x, y, { local: false }).local).toBeUndefined();
  });

  it("entropy of N(0, 1) is close to 1/2 log(2 pi e); bandwidth rules follow scipy's factors", () => {
    const rng = createRng(6);
    const g = Float64Array.from({ length: 2000 }, () => rng.normal());
    const h = 0.5 * Math.log(2 * Math.PI * Math.E);
    expect(Math.abs(kdeEntropy({ mode: "leave-one-out" }).estimate(g).value - h)).toBeLessThan(0.04);
    expect(kdeBandwidthFactor("scott", 1000, 2)).toBeCloseTo(Math.pow(1000, -1 / 6), 15);
    expect(kdeBandwidthFactor("silverman", 1000, 2)).toBeCloseTo(Math.pow(1000, -1 / 6), 15); // (d+2)/4 = 1 at d = 2
    expect(kdeBandwidthFactor("silverman", 100, 1)).toBeCloseTo(Math.pow(75, -1 / 5), 15);
  });

  it("leave-one-out is stable for isolated points (no log 0) and never NaN", () => {
    const x = [0, 0.001, 0.002, 1000, 5000];
    const y = [1, 2, 3, 4, -1e6];
    for (const mode of ["resubstitution", "leave-one-out"] as const) {
      const e = kdeMI({ mode, bandwidthFactor: 1e-4 }).estimate(x, y);
      expect(Number.isFinite(e.value)).toBe(true);
      expect(Array.from(e.local!).every(Number.isFinite)).toBe(true);
    }
  });

  it("fast product path == naive log-sum-exp, including rows that need the underflow fallback", () => {
    // Tiny bandwidths: a point's nearest neighbour in x differs from its nearest in y, so the
    // shifted product sums underflow and the exact fallback runs.
    const rng = createRng(21);
    const n = 60;
    const x = Array.from({ length: n }, () => rng.normal());
    const y = Array.from({ length: n }, () => rng.normal());
    const sd = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    for (const factor of [0.002, 0.05, 1]) {
      for (const mode of ["resubstitution", "leave-one-out"] as const) {
        const hx = factor * sd(x);
        const hy = factor * sd(y);
        let total = 0;
        for (let i = 0; i < n; i++) {
          const a: number[] = [];
          const b: number[] = [];
          const ab: number[] = [];
          for (let j = 0; j < n; j++) {
            if (mode === "leave-one-out" && j === i) continue;
            const da = -0.5 * ((x[i] - x[j]) / hx) ** 2;
            const db = -0.5 * ((y[i] - y[j]) / hy) ** 2;
            a.push(da);
            b.push(db);
            ab.push(da + db);
          }
          total += logSumExp(ab) - logSumExp(a) - logSumExp(b) + Math.log(mode === "leave-one-out" ? n - 1 : n);
        }
        const v = kdeMI({ bandwidthFactor: factor, mode }).estimate(x, y).value;
        expect(Number.isFinite(v)).toBe(true);
        expect(Math.abs(v - total / n)).toBeLessThan(1e-10);
      }
    }
  });

  it("CMI: a chain x -> z -> y gives a value near 0, well below I(X;Y)", () => {
    const rng = createRng(12);
    const n = 800;
    const z = Array.from({ length: n }, () => rng.normal());
    const x = z.map((v) => v + 0.5 * rng.normal());
    const y = z.map((v) => v + 0.5 * rng.normal());
    const mi = kdeMI().estimate(x, y).value;
    const c = kdeCMI().estimate(x, y, z);
    expect(mi).toBeGreaterThan(0.3);
    expect(Math.abs(c.value)).toBeLessThan(0.1);
    expect(meanCompensated(c.local!)).toBe(c.value);
  });

  it("negative estimates are returned raw with a warning; constant columns are left out with a warning", () => {
    let negative = 0;
    for (let s = 0; s < 20; s++) {
      const rng = createRng(500 + s);
      const x = Array.from({ length: 40 }, () => rng.normal());
      const y = Array.from({ length: 40 }, () => rng.normal());
      const e = kdeMI({ mode: "leave-one-out" }).estimate(x, y);
      if (e.value < 0) {
        negative++;
        expect(e.diagnostics.warnings.map((w) => w.code)).toContain("negative-estimate");
      }
    }
    expect(negative).toBeGreaterThan(0);
    const e = kdeMI().estimate([[1, 0], [1, 1], [1, 2], [1, 3]], [0, 1, 2, 3]);
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("constant-column");
    expect(Number.isFinite(e.value)).toBe(true);
    expect(kdeMI().estimate([5, 5, 5, 5], [0, 1, 2, 3]).value).toBe(0);
  });

  it("progress and abort", () => {
    const { x, y } = correlated(300, 0.5, 1);
    const seen: number[] = [];
    kdeMI().estimate(x, y, { onProgress: (p) => seen.push(p.done) });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(300);
    const ac = new AbortController();
    ac.abort();
    expect(() => kdeMI().estimate(x, y, { signal: ac.signal })).toThrow(AbortError);
    const ac2 = new AbortController();
    expect(() =>
      kdeMI().estimate(x, y, {
        signal: ac2.signal,
        onProgress: (p) => {
          if (p.done >= 128) ac2.abort();
        },
      }),
    ).toThrow(AbortError);
  });

  it("validation", () => {
    expect(() => kdeMI({ h: 1 } as object)).toThrow(/unknown option "h"; known options: bandwidth, bandwidthFactor, mode/);
    expect(() => kdeMI({ bandwidth: "auto" as "scott" })).toThrow(InvalidArgumentError);
    expect(() => kdeMI({ bandwidthFactor: 0 })).toThrow(/bandwidthFactor must be a finite number > 0/);
    expect(() => kdeMI({ bandwidthFactor: NaN })).toThrow(InvalidArgumentError);
    expect(() => kdeMI({ mode: "loo" as "leave-one-out" })).toThrow(/mode must be one of/);
    expect(() => kdeCMI({ k: 2 } as object)).toThrow(/kde-cmi: unknown option/);
    expect(() => kdeMI().estimate([1, 2, 3], [1, 2])).toThrow(ShapeMismatchError);
    expect(() => kdeMI().estimate([1, NaN, 3], [1, 2, 3])).toThrow(NonFiniteValueError);
    expect(() => kdeMI().estimate([1, 2], [1, 2])).toThrow(InsufficientSamplesError);
    expect(() => kdeEntropy().estimate([[1, 2], [1, 3], [1, 4]])).toThrow(UnsupportedDataError);
    expect(() => kdeMI().estimate([1, 2, 3], [-1e308, 1e308, 0])).toThrow(/kde: the standard deviation of y column 0 overflows/);
  });

  it("descriptor", () => {
    expect(kdeDescriptor.accepts).toEqual(["continuous"]);
    const { x, y } = correlated(30, 0.5, 1);
    const mx = { data: x, rows: 30, cols: 1 };
    const my = { data: y, rows: 30, cols: 1 };
    expect(kdeDescriptor.mi!({ bandwidth: "silverman" }).estimate(mx, my)).toMatchObject({ estimator: "kde" });
    expect(kdeDescriptor.entropy!({}).estimate(mx)).toMatchObject({ quantity: "entropy" });
    expect(kdeDescriptor.cmi!({}).estimate(mx, my, my)).toMatchObject({ quantity: "conditional-mutual-information" });
  });
});
