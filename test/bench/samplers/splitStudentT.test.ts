import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import { logGamma } from "../../../src/core/special/logGamma.js";
import { canonicalCorrelation, gaussianMutualInformation } from "../../../src/bench/samplers/splitMultinormal.js";
import { splitStudentT, studentTCorrection, studentTMutualInformation } from "../../../src/bench/samplers/splitStudentT.js";
import { integrate1d, integrate2d, jointMoments, maxAbsDiff } from "../helpers.js";

function identity(d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) out[i * d + i] = 1;
  return out;
}

/**
 * I(X; Y) of the bivariate standard t_ν by 2-D quadrature, written independently of the closed
 * form: x = sinh s, y = sinh t turns the polynomial tails into exponential ones (the integrand
 * times the Jacobian cosh s cosh t decays at least like e^{−|s|}), so Gauss–Legendre on
 * [−40, 40]² converges fast; the cut-off tail is below 1e-15.
 */
function bivariateTMIQuadrature(nu: number): number {
  const c2 = logGamma((nu + 2) / 2) - logGamma(nu / 2) - Math.log(nu * Math.PI);
  const c1 = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  const lp = (x: number, y: number) => c2 - ((nu + 2) / 2) * Math.log1p((x * x + y * y) / nu);
  const lm = (x: number) => c1 - ((nu + 1) / 2) * Math.log1p((x * x) / nu);
  return integrate2d((s, t) => {
    const x = Math.sinh(s);
    const y = Math.sinh(t);
    const jac = Math.cosh(s) * Math.cosh(t);
    const l = lp(x, y);
    return Math.exp(l) * jac * (l - lm(x) - lm(y));
  }, -40, 40, -40, 40, 80, 12);
}

describe("studentTMutualInformation", () => {
  it("matches reference-facts §9.1 for bmi's Student tasks (to 1e-6)", () => {
    const table: [number, number, number][] = [
      [1, 1, 0.224171],
      [2, 1, 0.431946],
      [2, 2, 0.193147],
      [3, 2, 0.290922],
      [3, 3, 0.178712],
      [5, 2, 0.448151],
      [5, 3, 0.298544],
    ];
    for (const [d, df, gt] of table) expect(studentTMutualInformation(identity(2 * d), d, d, df)).toBeCloseTo(gt, 6);
  });

  it("agrees with independent 2-D quadrature for the bivariate t (ν = 1, 2, 5)", () => {
    for (const nu of [1, 2, 5]) {
      expect(studentTCorrection(1, 1, nu)).toBeCloseTo(bivariateTMIQuadrature(nu), 7);
    }
  });

  it("Cauchy case: c(1) for 1 × 1 equals log 4π (entropy of the Cauchy) x 2 minus the bivariate entropy", () => {
    // h(Cauchy) = log 4π; the bivariate t_1 entropy by 1-D radial quadrature (r = sinh u): p(r) = (1/2π)(1 + r²)^{-3/2}.
    const hJoint = -integrate1d((u) => {
      const r = Math.sinh(u);
      const lp = -Math.log(2 * Math.PI) - 1.5 * Math.log1p(r * r);
      return 2 * Math.PI * r * Math.exp(lp) * lp * Math.cosh(u);
    }, 0, 60, 200, 20);
    expect(studentTCorrection(1, 1, 1)).toBeCloseTo(2 * Math.log(4 * Math.PI) - hJoint, 8);
  });

  it("adds the Gaussian MI of the dispersion and vanishes as ν → ∞", () => {
    const disp = canonicalCorrelation([0.6, 0.3], 2, 3);
    expect(studentTMutualInformation(disp, 2, 3, 4)).toBeCloseTo(gaussianMutualInformation(disp, 2, 3) + studentTCorrection(2, 3, 4), 14);
    expect(studentTCorrection(2, 3, 1e7)).toBeLessThan(1e-6);
    expect(studentTCorrection(2, 3, 3)).toBeGreaterThan(studentTCorrection(2, 3, 30));
  });

  it("validates df", () => {
    expect(() => studentTCorrection(1, 1, 0)).toThrow(/df must be a finite number > 0/);
    expect(() => splitStudentT({ dimX: 1, dimY: 1, df: Number.NaN, dispersion: identity(2) })).toThrow(/df/);
  });
});

describe("splitStudentT", () => {
  it("reproduces its covariance ν/(ν−2)·Σ and mean on 1e5 draws (ν = 6)", () => {
    const disp = Float64Array.from([1, 0.5, 0.2, 0.5, 2, 0, 0.2, 0, 0.5]);
    const nu = 6;
    const s = splitStudentT({ dimX: 1, dimY: 2, df: nu, dispersion: disp, mean: [1, 0, -1] });
    const { x, y } = s.sample(100_000, createRng(5));
    const m = jointMoments(x, y);
    const cov = disp.map((v) => (v * nu) / (nu - 2));
    // Heavier tails than a normal (kurtosis 6/(ν−4) + 3 = 6): SE of a covariance entry ≈ √(5σ⁴/n) ≈ 0.021 at σ² = 3.
    expect(maxAbsDiff(m.mean, [1, 0, -1])).toBeLessThan(0.03);
    expect(maxAbsDiff(m.cov, cov)).toBeLessThan(0.1);
  });

  it("ν = 1: each margin is standard Cauchy (P(|X| < 1) = ½, P(|X| < 3) = 2 atan(3)/π)", () => {
    const s = splitStudentT({ dimX: 1, dimY: 1, df: 1, dispersion: identity(2) });
    const { x, y } = s.sample(100_000, createRng(9));
    let in1 = 0;
    let in3 = 0;
    for (const v of [...x.data, ...y.data]) {
      if (Math.abs(v) < 1) in1++;
      if (Math.abs(v) < 3) in3++;
    }
    // Binomial SE √(p(1−p)/2e5) <= 0.0012; tolerance 5 SE.
    expect(in1 / 200_000).toBeCloseTo(0.5, 2);
    expect(Math.abs(in3 / 200_000 - (2 * Math.atan(3)) / Math.PI)).toBeLessThan(0.006);
  });

  it("is deterministic", () => {
    const s = splitStudentT({ dimX: 2, dimY: 2, df: 2, dispersion: identity(4) });
    expect(s.sample(20, createRng(1)).y.data).toEqual(s.sample(20, createRng(1)).y.data);
  });
});
