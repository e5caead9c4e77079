import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ShapeMismatchError } from "../../../src/core/errors.js";
import { createRng } from "../../../src/core/random/rng.js";
import { gaussianMixture } from "../../../src/bench/samplers/gaussianMixture.js";
import { canonicalCorrelation, denseCovariance, gaussianMutualInformation, sparseCovariance } from "../../../src/bench/samplers/splitMultinormal.js";
import { integrate2d, jointMoments, maxAbsDiff } from "../helpers.js";

const xMixture = (rho: number) =>
  gaussianMixture({
    dimX: 1,
    dimY: 1,
    components: [-1, 1].map((s) => ({ weight: 0.5, mean: [0, 0], covariance: canonicalCorrelation([s * rho], 1, 1) })),
  });

/** MI of bmi's X mixture by 2-D quadrature (margins are exactly N(0, 1)). */
function xMixtureQuadrature(rho: number): number {
  const det = 1 - rho * rho;
  const lphi2 = (x: number, y: number, r: number) => -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - (0.5 * (x * x - 2 * r * x * y + y * y)) / det;
  return integrate2d((x, y) => {
    const p = 0.5 * Math.exp(lphi2(x, y, rho)) + 0.5 * Math.exp(lphi2(x, y, -rho));
    if (p === 0) return 0;
    return p * (Math.log(p) + Math.log(2 * Math.PI) + 0.5 * (x * x + y * y));
  }, -10, 10, -10, 10, 40, 12);
}

describe("gaussianMixture", () => {
  it("with one component: pointwise MI averages to the Gaussian closed form within 4 SE", () => {
    const cov = denseCovariance(2, 3, 0.5);
    const mix = gaussianMixture({ dimX: 2, dimY: 3, components: [{ weight: 3, mean: [1, 2, 3, 4, 5], covariance: cov }] });
    const mc = mix.monteCarloMI({ n: 20_000, seed: 1 });
    expect(mc.n).toBe(20_000);
    expect(mc.seed).toBe(1);
    expect(mc.se).toBeGreaterThan(0);
    expect(mc.se).toBeLessThan(0.01);
    expect(Math.abs(mc.value - gaussianMutualInformation(cov, 2, 3))).toBeLessThan(4 * mc.se);
  });

  it("bmi's X distribution (ρ = ±0.9): MC within 4 SE of quadrature and of scipy's dblquad (0.4084425497748829)", () => {
    const quad = xMixtureQuadrature(0.9);
    // scipy.integrate.dblquad over [−9, 9]², epsabs 1e-10 (see the report for the script).
    expect(quad).toBeCloseTo(0.4084425497748829, 8);
    const mc = xMixture(0.9).monteCarloMI({ n: 20_000, seed: 3 });
    expect(Math.abs(mc.value - quad)).toBeLessThan(4 * mc.se);
  });

  it("signal + product mixture (bmi's inliers): pointwise MI = log((1 − f) r + f), r the bivariate density ratios of the 2 pairs", () => {
    const d = 4;
    const f = 0.3;
    const sig = sparseCovariance(d, d);
    const prod = Float64Array.from(sig);
    for (let i = 0; i < d; i++) for (let j = d; j < 2 * d; j++) prod[i * 2 * d + j] = prod[j * 2 * d + i] = 0;
    const zero = new Float64Array(2 * d);
    const mix = gaussianMixture({ dimX: d, dimY: d, components: [{ weight: 1 - f, mean: zero, covariance: sig }, { weight: f, mean: zero, covariance: prod }] });
    const s = mix.sample(200, createRng(5));
    const pmi = mix.pointwiseMI(s.x, s.y);
    const rho = 0.8;
    // log of the bivariate standard normal density ratio p(a, b) / (φ(a) φ(b)) with correlation ρ
    const logRatio = (a: number, b: number) => -0.5 * Math.log(1 - rho * rho) - (rho * rho * (a * a + b * b) - 2 * rho * a * b) / (2 * (1 - rho * rho));
    for (let i = 0; i < 200; i++) {
      const r = Math.exp(logRatio(s.x.data[i * d], s.y.data[i * d]) + logRatio(s.x.data[i * d + 1], s.y.data[i * d + 1]));
      expect(pmi[i]).toBeCloseTo(Math.log((1 - f) * r + f), 10);
    }
  });

  it("pointwise MI is exactly 0 for a product component (block-diagonal covariance)", () => {
    const cov = Float64Array.from([2, 0.5, 0, 0.5, 1, 0, 0, 0, 3]);
    const mix = gaussianMixture({ dimX: 2, dimY: 1, components: [{ weight: 1, mean: [0, 1, 2], covariance: cov }] });
    const s = mix.sample(100, createRng(0));
    for (const v of mix.pointwiseMI(s.x, s.y)) expect(Math.abs(v)).toBeLessThan(1e-13);
  });

  it("reproduces the mixture's mean and covariance (law of total covariance) on 1e5 draws", () => {
    const c1 = Float64Array.from([1, 0.5, 0.5, 2]);
    const c2 = Float64Array.from([0.5, -0.2, -0.2, 0.3]);
    const mix = gaussianMixture({
      dimX: 1,
      dimY: 1,
      components: [
        { weight: 0.3, mean: [0, 0], covariance: c1 },
        { weight: 0.7, mean: [2, -1], covariance: c2 },
      ],
    });
    expect(mix.weights).toEqual([0.3, 0.7]);
    const mean = [0.7 * 2, 0.7 * -1];
    const mu = [[0, 0], [2, -1]];
    const w = [0.3, 0.7];
    const cov = [0, 1, 2, 3].map((k) => {
      const a = k >> 1;
      const b = k & 1;
      return w.reduce((s, wk, i) => s + wk * ([c1, c2][i][k] + (mu[i][a] - mean[a]) * (mu[i][b] - mean[b])), 0);
    });
    const { x, y } = mix.sample(100_000, createRng(8));
    const m = jointMoments(x, y);
    expect(maxAbsDiff(m.mean, mean)).toBeLessThan(0.02);
    expect(maxAbsDiff(m.cov, cov)).toBeLessThan(0.03);
  });

  it("Monte Carlo is deterministic in its seed, and two seeds agree within their SEs", () => {
    const mix = xMixture(0.5);
    const a = mix.monteCarloMI({ n: 5_000, seed: 1 });
    expect(mix.monteCarloMI({ n: 5_000, seed: 1 })).toEqual(a);
    const b = mix.monteCarloMI({ n: 5_000, seed: 2 });
    expect(Math.abs(a.value - b.value)).toBeLessThan(4 * Math.hypot(a.se, b.se));
  });

  it("validates its arguments", () => {
    const cov = canonicalCorrelation([0.5], 1, 1);
    expect(() => gaussianMixture({ dimX: 1, dimY: 1, components: [] })).toThrow(InvalidArgumentError);
    expect(() => gaussianMixture({ dimX: 1, dimY: 1, components: [{ weight: 0, mean: [0, 0], covariance: cov }] })).toThrow(/weight/);
    expect(() => gaussianMixture({ dimX: 1, dimY: 1, components: [{ weight: 1, mean: [0], covariance: cov }] })).toThrow(ShapeMismatchError);
    const mix = xMixture(0.5);
    const s = mix.sample(3, createRng(0));
    expect(() => mix.pointwiseMI(s.x, { data: new Float64Array(2), rows: 2, cols: 1 })).toThrow(ShapeMismatchError);
    expect(() => mix.monteCarloMI({ n: 1 })).toThrow(/n must be an integer >= 2/);
  });
});
