import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  gaussianCMI,
  gaussianDescriptor,
  gaussianEntropy,
  gaussianMI,
  SingularCovarianceError,
} from "../../src/estimators/gaussian.js";
import {
  InsufficientSamplesError,
  InvalidArgumentError,
  NonFiniteValueError,
  ShapeMismatchError,
  UnsupportedDataError,
} from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { multivariateNormal } from "../../src/core/random/multivariateNormal.js";
import { covariance, columnMeans } from "../../src/core/linalg/covariance.js";
import { cholesky } from "../../src/core/linalg/cholesky.js";
import { forwardSubstitute } from "../../src/core/linalg/solveSpd.js";
import { meanCompensated } from "../../src/core/special/sum.js";
import type { Matrix } from "../../src/core/types.js";

const FIXTURES = new URL("../fixtures/ksg/", import.meta.url).pathname;

/** Tiny CSV reader for the fixtures (header line, comma-separated numbers). */
function readCsv(file: string): Matrix {
  const lines = readFileSync(FIXTURES + file, "utf8").trim().split(/\r?\n/).slice(1);
  const cols = lines[0].split(",").length;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((line, i) => line.split(",").forEach((v, j) => (data[i * cols + j] = Number(v))));
  return { data, rows: lines.length, cols };
}

function columns(m: Matrix, from: number, to: number): Matrix {
  const cols = to - from;
  const data = new Float64Array(m.rows * cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = m.data[i * m.cols + from + j];
  return { data, rows: m.rows, cols };
}

function hstack(...ms: Matrix[]): Matrix {
  const cols = ms.reduce((s, m) => s + m.cols, 0);
  const data = new Float64Array(ms[0].rows * cols);
  for (let i = 0; i < ms[0].rows; i++) {
    let off = 0;
    for (const m of ms) {
      for (let j = 0; j < m.cols; j++) data[i * cols + off + j] = m.data[i * m.cols + j];
      off += m.cols;
    }
  }
  return { data, rows: ms[0].rows, cols };
}

/**
 * A sample whose ddof-1 covariance is exactly `cov` (up to rounding): draw normals, centre, then
 * map by L_cov L_S^-1 so the sample covariance S becomes cov.
 */
function sampleWithExactCovariance(seed: number, cov: Float64Array, d: number, n: number): Matrix {
  const raw = multivariateNormal(createRng(seed), new Array(d).fill(0), identity(d), n);
  const mean = columnMeans(raw);
  const ls = cholesky(covariance(raw), d);
  const lc = cholesky(cov, d);
  const data = new Float64Array(n * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = raw.data[i * d + j] - mean[j];
    const w = forwardSubstitute(ls, d, row); // whitened: sample covariance I
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += lc[j * d + k] * w[k];
      data[i * d + j] = s;
    }
  }
  return { data, rows: n, cols: d };
}

function identity(d: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) a[i * d + i] = 1;
  return a;
}

interface FixtureEntry {
  file: string;
  dim_x: number;
  dim_y: number;
  gaussian: number;
}
const REFERENCE: FixtureEntry[] = JSON.parse(readFileSync(FIXTURES + "ksg-reference.json", "utf8"));

describe("gaussianMI: reference values", () => {
  for (const entry of REFERENCE) {
    it(`matches the scipy/numpy value for ${entry.file} (both forms, 1e-9)`, () => {
      // ksg-reference.json "gaussian": 0.5 (slogdet Sxx + slogdet Syy - slogdet S), S = numpy.cov.
      const m = readCsv(entry.file);
      const x = columns(m, 0, entry.dim_x);
      const y = columns(m, entry.dim_x, entry.dim_x + entry.dim_y);
      const logdet = gaussianMI().estimate(x, y);
      const cca = gaussianMI({ form: "cca" }).estimate(x, y);
      expect(Math.abs(logdet.value - entry.gaussian)).toBeLessThan(1e-9);
      expect(Math.abs(cca.value - entry.gaussian)).toBeLessThan(1e-9);
      expect(Math.abs(logdet.value - cca.value)).toBeLessThan(1e-10);
    });
  }

  it("reports the canonical correlations numpy finds for mixed-5x3", () => {
    const m = readCsv("mixed-5x3-n800.csv");
    const r = gaussianMI({ form: "cca" }).estimate(columns(m, 0, 5), columns(m, 5, 8));
    // sqrt of the eigenvalues of numpy.linalg.solve(Sxx, Sxy) @ numpy.linalg.solve(Syy, Syx), descending.
    const want = [0.949283775776126, 0.8322335432802994, 0.05098057979535537];
    const got = r.diagnostics.details.canonicalCorrelations as number[];
    expect(got.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-10);
  });

  it("returns a complete, frozen Estimate", () => {
    const m = readCsv("binormal-rho0.5-n500.csv");
    const r = gaussianMI().estimate(columns(m, 0, 1), columns(m, 1, 2));
    expect(r.quantity).toBe("mutual-information");
    expect(r.estimator).toBe("gaussian");
    expect(r.units).toBe("nats");
    expect(r.n).toBe(500);
    expect(r.params).toEqual({ form: "logdet", ridge: 0 });
    expect(r.references.map((ref) => ref.id)).toEqual(["coverThomas2006", "hotelling1936"]);
    expect(r.diagnostics.warnings).toEqual([]);
    // Wilks: E[I] ~ dx dy / (2N) under independence.
    expect(r.diagnostics.details.independenceBias).toBe(1 / 1000);
    expect(Object.isFrozen(r)).toBe(true);
  });
});

describe("gaussianMI: closed forms on exact covariances", () => {
  it("bivariate: I = -1/2 log(1 - rho^2)", () => {
    for (const rho of [0, 0.1, 0.5, -0.9, 0.999]) {
      const m = sampleWithExactCovariance(1, new Float64Array([1, rho, rho, 1]), 2, 300);
      const want = -0.5 * Math.log(1 - rho * rho);
      for (const form of ["logdet", "cca"] as const) {
        const got = gaussianMI({ form }).estimate(columns(m, 0, 1), columns(m, 1, 2)).value;
        expect(Math.abs(got - want), `rho = ${rho}, ${form}`).toBeLessThan(1e-10 * Math.max(1, want));
      }
    }
  });

  it("3 x 2 with correlated blocks: I = 1/2 log(det Sxx det Syy / det S)", () => {
    // S = [[Sxx, Sxy], [Syx, Syy]]; determinants by cofactor expansion, independent of the code.
    const s = [
      [2, 0.3, 0.1, 0.8, 0.2],
      [0.3, 1, 0.2, 0.1, 0.5],
      [0.1, 0.2, 1.5, 0.4, -0.3],
      [0.8, 0.1, 0.4, 1, 0.1],
      [0.2, 0.5, -0.3, 0.1, 2],
    ];
    const det = (a: number[][]): number =>
      a.length === 1 ? a[0][0] : a[0].reduce((acc, v, j) => acc + (j % 2 ? -1 : 1) * v * det(a.slice(1).map((r) => r.filter((_, c) => c !== j))), 0);
    const sub = (idx: number[]) => idx.map((i) => idx.map((j) => s[i][j]));
    const want = 0.5 * Math.log((det(sub([0, 1, 2])) * det(sub([3, 4]))) / det(s));
    const m = sampleWithExactCovariance(2, Float64Array.from(s.flat()), 5, 400);
    for (const form of ["logdet", "cca"] as const) {
      expect(Math.abs(gaussianMI({ form }).estimate(columns(m, 0, 3), columns(m, 3, 5)).value - want)).toBeLessThan(1e-10);
    }
  });
});

function gaussianPair(seed: number, n: number, dx: number, dy: number, strength = 0.7): { x: Matrix; y: Matrix } {
  const rng = createRng(seed);
  const x = multivariateNormal(rng, new Array(dx).fill(0), identity(dx), n);
  const yd = new Float64Array(n * dy);
  for (let i = 0; i < n; i++) for (let j = 0; j < dy; j++) yd[i * dy + j] = strength * x.data[i * dx + (j % dx)] + rng.normal();
  return { x, y: { data: yd, rows: n, cols: dy } };
}

describe("gaussianMI: invariants", () => {
  it("bits = nats / ln 2", () => {
    const { x, y } = gaussianPair(3, 200, 2, 2);
    const nats = gaussianMI().estimate(x, y);
    const bits = gaussianMI().estimate(x, y, { units: "bits" });
    expect(bits.units).toBe("bits");
    expect(bits.value).toBeCloseTo(nats.value / Math.LN2, 14);
    expect(bits.local![7]).toBeCloseTo(nats.local![7] / Math.LN2, 14);
  });

  it("is symmetric, I(X;Y) = I(Y;X), and both forms agree to 1e-10 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (seed, dx, dy) => {
        const { x, y } = gaussianPair(seed, 60, dx, dy);
        const a = gaussianMI().estimate(x, y).value;
        const b = gaussianMI().estimate(y, x).value;
        const c = gaussianMI({ form: "cca" }).estimate(x, y).value;
        const d = gaussianMI({ form: "cca" }).estimate(y, x).value;
        return [b, c, d].every((v) => Math.abs(v - a) < 1e-10) && a >= 0;
      }),
      { numRuns: 40 },
    );
  });

  it("is invariant to invertible affine maps of X (x -> x A + b)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const { x, y } = gaussianPair(seed, 80, 3, 2);
        const rng = createRng(seed + 1);
        // A = lower-triangular with diagonal in [0.5, 1.5] (invertible), plus a random rotation-free mix.
        const a = new Float64Array(9);
        for (let i = 0; i < 3; i++) for (let j = 0; j <= i; j++) a[i * 3 + j] = i === j ? 0.5 + rng.float64() : rng.normal();
        const b = [rng.normal() * 100, rng.normal(), 1e4];
        const xt = new Float64Array(x.data.length);
        for (let r = 0; r < x.rows; r++) {
          for (let j = 0; j < 3; j++) {
            let s = b[j];
            for (let k = 0; k < 3; k++) s += x.data[r * 3 + k] * a[k * 3 + j];
            xt[r * 3 + j] = s;
          }
        }
        const before = gaussianMI().estimate(x, y).value;
        const after = gaussianMI().estimate({ data: xt, rows: x.rows, cols: 3 }, y).value;
        return Math.abs(before - after) < 1e-10;
      }),
      { numRuns: 30 },
    );
  });

  it("is invariant to scaling columns by 1e-8 and 1e8 (computed on the correlation matrix)", () => {
    const { x, y } = gaussianPair(5, 100, 2, 1);
    const xs = { ...x, data: x.data.map((v, i) => (i % 2 ? v * 1e8 : v * 1e-8)) };
    expect(Math.abs(gaussianMI().estimate(xs, y).value - gaussianMI().estimate(x, y).value)).toBeLessThan(1e-10);
  });

  it("has pointwise values whose mean is the estimate; none with local: false", () => {
    const { x, y } = gaussianPair(6, 150, 2, 3);
    const r = gaussianMI().estimate(x, y);
    expect(r.local!.length).toBe(150);
    expect(Math.abs(meanCompensated(r.local!) - r.value)).toBeLessThan(1e-14);
    expect(gaussianMI().estimate(x, y, { local: false }).local).toBeUndefined();
    // The pointwise values are log p(x,y)/(p(x)p(y)) under the fitted normals: check one row by hand (1 x 1).
    const m = readCsv("binormal-rho0.5-n500.csv");
    const u = columns(m, 0, 1);
    const v = columns(m, 1, 2);
    const s = covariance(m);
    const mu = columnMeans(m);
    const rr = gaussianMI().estimate(u, v);
    const t = 17;
    const a = m.data[2 * t] - mu[0];
    const b = m.data[2 * t + 1] - mu[1];
    const detS = s[0] * s[3] - s[1] * s[2];
    const qJoint = (s[3] * a * a - 2 * s[1] * a * b + s[0] * b * b) / detS;
    const want = 0.5 * Math.log((s[0] * s[3]) / detS) + 0.5 * (a * a / s[0] + b * b / s[3] - qJoint);
    expect(Math.abs(rr.local![t] - want)).toBeLessThan(1e-12);
  });

  it("is biased upward by about dx dy / (2N) under independence (Wilks)", () => {
    // 300 replicates of independent 2-d X and 3-d Y, N = 200: E[I] ~ 6/400 = 0.015 (the
    // Bartlett correction adds a factor ~1 + (dx + dy + 1)/(2N) = 1.015). The replicate SD of
    // I is ~ sqrt(2 * 6)/(2N) = 0.0087, so the mean of 300 has SE 0.0005; bound at 10 %.
    let sum = 0;
    const reps = 300;
    for (let r = 0; r < reps; r++) {
      const rng = createRng(1000 + r);
      const x = multivariateNormal(rng, [0, 0], identity(2), 200);
      const y = multivariateNormal(rng, [0, 0, 0], identity(3), 200);
      sum += gaussianMI().estimate(x, y, { local: false }).value;
    }
    expect(Math.abs(sum / reps - 0.015)).toBeLessThan(0.0015);
  });
});

describe("gaussianMI: singular covariances", () => {
  const { x, y } = gaussianPair(8, 50, 2, 1);
  const dupX = hstack(x, columns(x, 0, 1)); // column 2 duplicates column 0
  const constX = hstack(x, { data: new Float64Array(50).fill(3), rows: 50, cols: 1 });

  it("throws SingularCovarianceError naming a duplicated column", () => {
    expect(() => gaussianMI().estimate(dupX, y)).toThrow(SingularCovarianceError);
    try {
      gaussianMI().estimate(dupX, y);
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedDataError);
      expect((e as SingularCovarianceError).code).toBe("unsupported-data");
      expect((e as SingularCovarianceError).variable).toBe("x");
      expect((e as SingularCovarianceError).column).toBe(2);
      expect((e as Error).message).toMatch(/^gaussian: the sample covariance of x is singular: x column 2 is \(numerically\) a linear combination/);
    }
  });

  it("throws for a constant column and for a column duplicated across x and y, in both forms", () => {
    expect(() => gaussianMI().estimate(constX, y)).toThrow(/x column 2 is constant/);
    const yDup = hstack(y, columns(x, 1, 2));
    for (const form of ["logdet", "cca"] as const) {
      expect(() => gaussianMI({ form }).estimate(x, yDup)).toThrow(SingularCovarianceError);
      expect(() => gaussianMI({ form }).estimate(x, columns(x, 0, 1))).toThrow(SingularCovarianceError);
    }
    expect(() => gaussianMI().estimate(x, columns(x, 0, 1))).toThrow(/y column 0 is \(numerically\) a linear combination of the columns before it in \(x, y\)/);
  });

  it("with ridge > 0 returns a finite value and a singular-covariance warning", () => {
    const r = gaussianMI({ ridge: 1e-6 }).estimate(dupX, y);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(r.diagnostics.warnings.map((w) => w.code)).toEqual(["singular-covariance"]);
    expect(r.local).toBeUndefined();
    // The duplicate adds nothing: close to the MI without it (shrinkage ~ ridge).
    expect(Math.abs(r.value - gaussianMI().estimate(x, y).value)).toBeLessThan(1e-4);
    // A constant column carries no information under the ridge.
    const c = gaussianMI({ ridge: 1e-6, form: "cca" }).estimate(constX, y);
    expect(Math.abs(c.value - gaussianMI().estimate(x, y).value)).toBeLessThan(1e-4);
    // No warning when the ridge was not needed.
    expect(gaussianMI({ ridge: 1e-6 }).estimate(x, y).diagnostics.warnings).toEqual([]);
  });
});

describe("gaussianMI: validation", () => {
  const { x, y } = gaussianPair(9, 30, 1, 1);

  it("rejects unknown and invalid options in the factory", () => {
    expect(() => gaussianMI({ k: 3 } as never)).toThrow('gaussian: unknown option "k"; known options: form, ridge.');
    expect(() => gaussianMI({ form: "qr" } as never)).toThrow(InvalidArgumentError);
    expect(() => gaussianMI({ ridge: -1 })).toThrow(InvalidArgumentError);
    expect(() => gaussianMI({ ridge: 2 })).toThrow(InvalidArgumentError);
  });

  it("rejects mismatched rows, non-finite values and too few rows", () => {
    expect(() => gaussianMI().estimate(x, columns(gaussianPair(1, 31, 1, 1).y, 0, 1))).toThrow(ShapeMismatchError);
    const bad = { ...x, data: Float64Array.from(x.data, (v, i) => (i === 4 ? NaN : v)) };
    expect(() => gaussianMI().estimate(bad, y)).toThrow(NonFiniteValueError);
    expect(() => gaussianMI().estimate([[1, 2], [3, 4], [5, 7]], [[1], [2], [4]])).toThrow(InsufficientSamplesError);
    expect(() => gaussianMI().estimate([[1, 2], [3, 4], [5, 7]], [[1], [2], [4]])).toThrow("gaussian: needs at least 4 rows (a non-singular 3 x 3 sample covariance); got 3.");
    expect(() => gaussianMI().estimate(x, y, { units: "bans" as never })).toThrow(InvalidArgumentError);
  });

  it("accepts arrays of rows and plain columns", () => {
    const r = gaussianMI().estimate([0.1, 0.5, 0.2, 0.9, 0.4], [0.2, 0.4, 0.1, 1.0, 0.5]);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(r.value).toBeGreaterThan(0);
  });
});

describe("gaussianCMI", () => {
  const m = readCsv("mixed-5x3-n800.csv");
  const x = columns(m, 0, 2);
  const y = columns(m, 5, 6);
  const z = columns(m, 2, 5);

  it("matches numpy on mixed-5x3 (x = X0,X1; y = Y0; z = X2..X4) in both forms", () => {
    // 0.5 (slogdet S_xz + slogdet S_yz - slogdet S_xyz - slogdet S_z), S = numpy.cov(data.T)
    const want = 1.1541629979192063;
    const a = gaussianCMI().estimate(x, y, z);
    const b = gaussianCMI({ form: "cca" }).estimate(x, y, z);
    expect(Math.abs(a.value - want)).toBeLessThan(1e-9);
    expect(Math.abs(b.value - want)).toBeLessThan(1e-9);
    expect(a.quantity).toBe("conditional-mutual-information");
    expect(Math.abs(meanCompensated(a.local!) - a.value)).toBeLessThan(1e-14);
  });

  it("satisfies the chain rule I(X;Y|Z) = I(X;(Y,Z)) - I(X;Z) exactly", () => {
    const lhs = gaussianCMI().estimate(x, y, z).value;
    const rhs = gaussianMI().estimate(x, hstack(y, z)).value - gaussianMI().estimate(x, z).value;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-10);
  });

  it("is ~0 for X and Y independent given Z, and symmetric in X and Y", () => {
    // X = Z + e1, Y = Z + e2: dependent, but conditionally independent given Z.
    const rng = createRng(4);
    const n = 2000;
    const zz = new Float64Array(n).map(() => rng.normal());
    const xx = zz.map((v) => v + rng.normal());
    const yy = zz.map((v) => v + rng.normal());
    const col = (a: Float64Array): Matrix => ({ data: a, rows: n, cols: 1 });
    expect(gaussianMI().estimate(col(xx), col(yy)).value).toBeGreaterThan(0.1);
    const c = gaussianCMI().estimate(col(xx), col(yy), col(zz)).value;
    // Under conditional independence 2N I ~ chi2_1: I < 10/(2N) with probability > 0.998.
    expect(c).toBeLessThan(10 / (2 * n));
    expect(Math.abs(gaussianCMI().estimate(col(yy), col(xx), col(zz)).value - c)).toBeLessThan(1e-12);
  });

  it("throws when z duplicates a column of x; rejects unknown options", () => {
    expect(() => gaussianCMI().estimate(x, y, hstack(z, columns(x, 1, 2)))).toThrow(SingularCovarianceError);
    expect(() => gaussianCMI({ form: "cca" }).estimate(x, y, hstack(z, columns(x, 1, 2)))).toThrow(SingularCovarianceError);
    expect(() => gaussianCMI({ bins: 3 } as never)).toThrow(InvalidArgumentError);
    expect(() => gaussianCMI().estimate(x, y, columns(readCsv("binormal-rho0.5-n500.csv"), 0, 1))).toThrow(ShapeMismatchError);
  });
});

describe("gaussianEntropy", () => {
  it("matches scipy.stats.multivariate_normal(cov=numpy.cov(data.T)).entropy()", () => {
    const b = readCsv("binormal-rho0.5-n500.csv");
    expect(Math.abs(gaussianEntropy().estimate(b).value - 2.754328498936617)).toBeLessThan(1e-10);
    const m = readCsv("mixed-5x3-n800.csv");
    expect(Math.abs(gaussianEntropy().estimate(columns(m, 0, 5)).value - 0.9047884219240157)).toBeLessThan(1e-10);
  });

  it("closed form 1/2 log((2 pi e)^d det S) on an exact covariance, and H(X) + H(Y) - H(X,Y) = I", () => {
    const cov = new Float64Array([4, 1, 0.5, 1, 2, 0.3, 0.5, 0.3, 1]);
    const det = 4 * (2 - 0.09) - 1 * (1 - 0.15) + 0.5 * (0.3 - 1);
    const m = sampleWithExactCovariance(3, cov, 3, 200);
    const h = gaussianEntropy().estimate(m);
    expect(Math.abs(h.value - 0.5 * Math.log(Math.pow(2 * Math.PI * Math.E, 3) * det))).toBeLessThan(1e-10);
    expect(h.quantity).toBe("entropy");
    const hx = gaussianEntropy().estimate(columns(m, 0, 1)).value;
    const hy = gaussianEntropy().estimate(columns(m, 1, 3)).value;
    expect(Math.abs(hx + hy - h.value - gaussianMI().estimate(columns(m, 0, 1), columns(m, 1, 3)).value)).toBeLessThan(1e-10);
    expect(gaussianEntropy().estimate(m, { units: "bits" }).value).toBeCloseTo(h.value / Math.LN2, 13);
  });

  it("can be negative, and throws for constant columns even with a ridge", () => {
    const rng = createRng(1);
    const tiny = new Float64Array(100).map(() => 1e-3 * rng.normal());
    expect(gaussianEntropy().estimate(tiny).value).toBeLessThan(0);
    const c = [[1, 2], [1, 3], [1, 5], [1, 4]];
    expect(() => gaussianEntropy({ ridge: 0.1 }).estimate(c)).toThrow(/x column 0 is constant, so the differential entropy is -Infinity/);
    expect(() => gaussianEntropy({ form: "cca" } as never)).toThrow('gaussian-entropy: unknown option "form"; known options: ridge.');
  });
});

describe("gaussianDescriptor", () => {
  it("registers id 'gaussian' with mi, cmi and entropy factories", () => {
    const d = gaussianDescriptor;
    expect(d.id).toBe("gaussian");
    expect(d.family).toBe("parametric");
    expect(d.options.map((o) => o.name)).toEqual(["form", "ridge"]);
    const { x, y } = gaussianPair(10, 100, 1, 1);
    const mi = d.mi!({ form: "cca" });
    expect(mi.id).toBe("gaussian");
    expect(mi.options).toEqual({ form: "cca", ridge: 0 });
    expect((mi.estimate(x, y) as { value: number }).value).toBeCloseTo(gaussianMI().estimate(x, y).value, 12);
    expect(d.cmi!({}).id).toBe("gaussian");
    // The shared option record may carry `form`; the entropy factory ignores it.
    expect(d.entropy!({ form: "logdet", ridge: 0 }).options).toEqual({ ridge: 0 });
  });
});
