import { describe, expect, it } from "vitest";
import { multivariateNormal } from "../../../src/core/random/multivariateNormal.js";
import { multivariateT } from "../../../src/core/random/multivariateT.js";
import { createRng } from "../../../src/core/random/rng.js";
import { covariance, columnMeans } from "../../../src/core/linalg/covariance.js";
import { NotPositiveDefiniteError } from "../../../src/core/linalg/cholesky.js";
import { InvalidArgumentError, ShapeMismatchError } from "../../../src/core/errors.js";

const N = 100_000;
const MEAN = [1, -2, 0.5];
// A 3 x 3 covariance with strong and negative correlations.
const COV = new Float64Array([2, 0.8, -0.5, 0.8, 1, 0.3, -0.5, 0.3, 0.5]);

describe("multivariateNormal", () => {
  it("has the requested mean and covariance within 5 SE on 1e5 draws", () => {
    const m = multivariateNormal(createRng(11), MEAN, COV, N);
    expect(m.rows).toBe(N);
    expect(m.cols).toBe(3);
    const mean = columnMeans(m);
    const s = covariance(m);
    for (let j = 0; j < 3; j++) {
      // SE(mean_j) = sqrt(S_jj / N)
      expect(Math.abs(mean[j] - MEAN[j])).toBeLessThan(5 * Math.sqrt(COV[j * 3 + j] / N));
      for (let k = 0; k < 3; k++) {
        // Gaussian: Var(s_jk) = (S_jj S_kk + S_jk^2) / N
        const se = Math.sqrt((COV[j * 3 + j] * COV[k * 3 + k] + COV[j * 3 + k] ** 2) / N);
        expect(Math.abs(s[j * 3 + k] - COV[j * 3 + k])).toBeLessThan(5 * se);
      }
    }
  });

  it("is reproducible and does not mutate its inputs", () => {
    const cov = Float64Array.from(COV);
    const a = multivariateNormal(createRng(3), MEAN, cov, 50);
    const b = multivariateNormal(createRng(3), MEAN, cov, 50);
    expect(a.data).toEqual(b.data);
    expect(cov).toEqual(COV);
  });

  it("throws typed errors for bad parameters", () => {
    const rng = createRng(0);
    expect(() => multivariateNormal(rng, [0, 0], new Float64Array([1, 1, 1, 1]), 5)).toThrow(NotPositiveDefiniteError);
    expect(() => multivariateNormal(rng, [0, 0], new Float64Array([1, 1, 1, 1]), 5)).toThrow(/^multivariateNormal: cov must be symmetric positive definite/);
    expect(() => multivariateNormal(rng, [0, 0], new Float64Array(3), 5)).toThrow(ShapeMismatchError);
    expect(() => multivariateNormal(rng, [0, NaN], new Float64Array([1, 0, 0, 1]), 5)).toThrow("multivariateNormal: mean must be finite; entry 1 is NaN.");
    expect(() => multivariateNormal(rng, [], new Float64Array(0), 5)).toThrow(InvalidArgumentError);
    expect(() => multivariateNormal(rng, [0], new Float64Array([1]), -2)).toThrow(InvalidArgumentError);
  });
});

/** Student t_3 CDF in closed form: 1/2 + (1/pi) [t / (sqrt3 (1 + t^2/3)) + atan(t / sqrt3)]. */
function t3Cdf(t: number): number {
  const s = Math.sqrt(3);
  return 0.5 + (t / (s * (1 + (t * t) / 3)) + Math.atan(t / s)) / Math.PI;
}

describe("multivariateT", () => {
  it("has covariance nu/(nu-2) * scale for nu = 10 within 6 SE on 1e5 draws", () => {
    const nu = 10;
    const m = multivariateT(createRng(12), MEAN, COV, nu, N);
    const mean = columnMeans(m);
    const s = covariance(m);
    const f = nu / (nu - 2);
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(mean[j] - MEAN[j])).toBeLessThan(5 * Math.sqrt((f * COV[j * 3 + j]) / N));
      for (let k = 0; k < 3; k++) {
        // t_10 marginals have excess kurtosis 6/(nu-4) = 1, so the Gaussian SE of s_jk is
        // inflated by at most sqrt(1 + 1) ~ 1.41 on the diagonal; 6 Gaussian SE covers it.
        const se = f * Math.sqrt((COV[j * 3 + j] * COV[k * 3 + k] + COV[j * 3 + k] ** 2) / N) * Math.SQRT2;
        expect(Math.abs(s[j * 3 + k] - f * COV[j * 3 + k])).toBeLessThan(6 * se);
      }
    }
  });

  it("has Student-t tails: P(|X_j - mu_j| > 2 sqrt(scale_jj)) matches the t_3 closed form", () => {
    const nu = 3;
    const m = multivariateT(createRng(13), MEAN, COV, nu, N);
    const want = 2 * (1 - t3Cdf(2)); // 0.1393, far above the normal 0.0455
    for (let j = 0; j < 3; j++) {
      let hits = 0;
      const sd = Math.sqrt(COV[j * 3 + j]);
      for (let i = 0; i < N; i++) if (Math.abs(m.data[i * 3 + j] - MEAN[j]) > 2 * sd) hits++;
      // Binomial SE sqrt(p (1 - p) / N) = 0.0011; 5 SE.
      expect(Math.abs(hits / N - want)).toBeLessThan(5 * Math.sqrt((want * (1 - want)) / N));
    }
  });

  it("is reproducible and throws typed errors for bad parameters", () => {
    expect(multivariateT(createRng(4), [0], new Float64Array([1]), 4, 20).data).toEqual(multivariateT(createRng(4), [0], new Float64Array([1]), 4, 20).data);
    const rng = createRng(0);
    for (const nu of [0, -1, NaN, Infinity]) expect(() => multivariateT(rng, [0], new Float64Array([1]), nu, 5)).toThrow(InvalidArgumentError);
    expect(() => multivariateT(rng, [0], new Float64Array([1]), 0, 5)).toThrow("multivariateT: nu must be a finite number > 0; got 0.");
    expect(() => multivariateT(rng, [0, 0], new Float64Array([1, 2, 2, 1]), 3, 5)).toThrow(NotPositiveDefiniteError);
  });
});
