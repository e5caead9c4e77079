import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ShapeMismatchError } from "../../../src/core/errors.js";
import { NotPositiveDefiniteError } from "../../../src/core/linalg/cholesky.js";
import { createRng } from "../../../src/core/random/rng.js";
import {
  canonicalCorrelation,
  denseCovariance,
  gaussianMutualInformation,
  sparseCovariance,
  splitMultinormal,
} from "../../../src/bench/samplers/splitMultinormal.js";
import { integrate2d, jointMoments, maxAbsDiff } from "../helpers.js";

describe("gaussianMutualInformation", () => {
  it("matches reference-facts §9.1 for bmi's dense and 2-pair tasks (to 1e-6)", () => {
    const dense: [number, number][] = [[2, 0.293893], [3, 0.413339], [5, 0.592812], [25, 1.292184], [50, 1.624265]];
    for (const [d, gt] of dense) expect(gaussianMutualInformation(denseCovariance(d, d, 0.5), d, d)).toBeCloseTo(gt, 6);
    for (const d of [2, 3, 5, 25]) expect(gaussianMutualInformation(sparseCovariance(d, d), d, d)).toBeCloseTo(1.021651, 6);
    expect(gaussianMutualInformation(canonicalCorrelation([0.75], 1, 1), 1, 1)).toBeCloseTo(0.413339, 6);
  });

  it("equals −½ Σ log(1 − ρ_i²) for canonical correlations", () => {
    const rho = [0.9, -0.3, 0.5];
    const expected = -0.5 * rho.reduce((s, r) => s + Math.log(1 - r * r), 0);
    expect(gaussianMutualInformation(canonicalCorrelation(rho, 4, 3), 4, 3)).toBeCloseTo(expected, 12);
    expect(gaussianMutualInformation(canonicalCorrelation([], 2, 2), 2, 2)).toBe(0);
  });

  it("agrees with an independent 2-D quadrature of ∫∫ p log(p / p_x p_y) for a binormal with unequal variances", () => {
    // Σ = [[2, 0.9], [0.9, 0.7]]; integrate over ±12 SD with Gauss–Legendre.
    const vx = 2;
    const vy = 0.7;
    const c = 0.9;
    const det = vx * vy - c * c;
    const lp = (x: number, y: number) => -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - (0.5 * (vy * x * x - 2 * c * x * y + vx * y * y)) / det;
    const lpx = (x: number) => -0.5 * Math.log(2 * Math.PI * vx) - (x * x) / (2 * vx);
    const lpy = (y: number) => -0.5 * Math.log(2 * Math.PI * vy) - (y * y) / (2 * vy);
    const sx = 12 * Math.sqrt(vx);
    const sy = 12 * Math.sqrt(vy);
    const quad = integrate2d((x, y) => {
      const l = lp(x, y);
      return Math.exp(l) * (l - lpx(x) - lpy(y));
    }, -sx, sx, -sy, sy, 40, 12);
    expect(gaussianMutualInformation(Float64Array.from([vx, c, c, vy]), 1, 1)).toBeCloseTo(quad, 9);
  });

  it("is invariant to scaling the coordinates", () => {
    const cov = denseCovariance(2, 3, 0.4);
    const s = [2, 0.5, 3, 1, 7];
    const scaled = cov.map((v, k) => v * s[Math.floor(k / 5)] * s[k % 5]);
    expect(gaussianMutualInformation(scaled, 2, 3)).toBeCloseTo(gaussianMutualInformation(cov, 2, 3), 12);
  });

  it("rejects malformed matrices", () => {
    expect(() => gaussianMutualInformation(new Float64Array(3), 1, 1)).toThrow(ShapeMismatchError);
    expect(() => gaussianMutualInformation(Float64Array.from([1, 0.5, 0.4, 1]), 1, 1)).toThrow(/symmetric/);
    expect(() => gaussianMutualInformation(Float64Array.from([1, 1, 1, 1]), 1, 1)).toThrow(NotPositiveDefiniteError);
    expect(() => gaussianMutualInformation(Float64Array.from([1, 0, 0, 1]), 0, 2)).toThrow(InvalidArgumentError);
    expect(() => denseCovariance(2, 2, 1)).toThrow(/offDiag/);
    expect(() => sparseCovariance(2, 2, 3)).toThrow(/nInteracting/);
    expect(() => canonicalCorrelation([1], 1, 1)).toThrow(/rho\[0\]/);
  });
});

describe("covariance constructors", () => {
  it("dense: 1 on the diagonal, offDiag elsewhere", () => {
    const c = denseCovariance(2, 1, 0.5);
    expect([...c]).toEqual([1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1]);
  });

  it("sparse: corr(X_i, Y_i) = λ²/(1+λ²) = 0.8 for i < 2, zero elsewhere (bmi's LVM correlation)", () => {
    const d = 6;
    const c = sparseCovariance(3, 3, 2, 2);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const expected = i === j ? 1 : (i < 2 && j === i + 3) || (j < 2 && i === j + 3) ? 0.8 : 0;
        expect(c[i * d + j]).toBeCloseTo(expected, 15);
      }
    }
  });
});

describe("splitMultinormal", () => {
  it("reproduces its mean and covariance on 1e5 draws", () => {
    const dx = 2;
    const dy = 2;
    const cov = Float64Array.from([2, 0.3, 0.8, 0, 0.3, 1, 0.2, -0.4, 0.8, 0.2, 1.5, 0.1, 0, -0.4, 0.1, 0.5]);
    const mean = [1, -2, 0.5, 3];
    const s = splitMultinormal({ dimX: dx, dimY: dy, covariance: cov, mean });
    const { x, y } = s.sample(100_000, createRng(11));
    expect([x.rows, x.cols, y.rows, y.cols]).toEqual([100_000, 2, 100_000, 2]);
    const m = jointMoments(x, y);
    // SE of a mean is sd/√n <= 0.0045; of a covariance entry about √(2 σ⁴/n) <= 0.009: 5 SE.
    expect(maxAbsDiff(m.mean, mean)).toBeLessThan(0.025);
    expect(maxAbsDiff(m.cov, cov)).toBeLessThan(0.045);
    expect(s.mutualInformation).toBeCloseTo(gaussianMutualInformation(cov, 2, 2), 15);
  });

  it("is deterministic: same seed, same sample; different seeds differ", () => {
    const s = splitMultinormal({ dimX: 1, dimY: 2, covariance: denseCovariance(1, 2) });
    const a = s.sample(50, createRng(3));
    const b = s.sample(50, createRng(3));
    const c = s.sample(50, createRng(4));
    expect(a.x.data).toEqual(b.x.data);
    expect(a.y.data).toEqual(b.y.data);
    expect(a.x.data).not.toEqual(c.x.data);
  });

  it("does not keep a reference to the caller's covariance", () => {
    const cov = canonicalCorrelation([0.5], 1, 1);
    const s = splitMultinormal({ dimX: 1, dimY: 1, covariance: cov });
    cov[1] = cov[2] = 0.99;
    expect(s.mutualInformation).toBeCloseTo(-0.5 * Math.log(0.75), 14);
  });

  it("validates options and n", () => {
    const cov = canonicalCorrelation([0.5], 1, 1);
    expect(() => splitMultinormal({ dimX: 1, dimY: 1, covariance: cov, mean: [0] })).toThrow(ShapeMismatchError);
    expect(() => splitMultinormal({ dimX: 2, dimY: 1, covariance: cov })).toThrow(ShapeMismatchError);
    expect(() => splitMultinormal({ dimX: 1, dimY: 1, covariance: cov }).sample(-1, createRng(0))).toThrow(/n must be a non-negative integer/);
  });
});
