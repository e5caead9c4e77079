import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import { additiveUniform, additiveUniformMutualInformation } from "../../../src/bench/samplers/additiveUniform.js";
import { integrate1d, jointMoments } from "../helpers.js";

/** Density of Y = X + U(−ε, ε), X ~ U(0, 1): the convolution, |[y − ε, y + ε] ∩ [0, 1]| / 2ε. */
function densityY(y: number, eps: number): number {
  return Math.max(0, Math.min(1, y + eps) - Math.max(0, y - eps)) / (2 * eps);
}

/** I = h(Y) − h(Y | X) = −∫ p log p − log 2ε, integrated numerically on the pieces where p is linear. */
function miByQuadrature(eps: number): number {
  const knots = [-eps, eps, 1 - eps, 1 + eps].sort((a, b) => a - b);
  let h = 0;
  for (let k = 0; k < 3; k++) {
    if (knots[k + 1] > knots[k]) {
      h -= integrate1d((y) => {
        const p = densityY(y, eps);
        return p > 0 ? p * Math.log(p) : 0;
      }, knots[k], knots[k + 1], 50, 20);
    }
  }
  return h - Math.log(2 * eps);
}

describe("additiveUniformMutualInformation", () => {
  it("matches reference-facts §9.1 (1.709438 for ε = 0.1, 1/3 for ε = 0.75)", () => {
    expect(additiveUniformMutualInformation(0.1)).toBeCloseTo(1.709438, 6);
    expect(additiveUniformMutualInformation(0.75)).toBeCloseTo(1 / 3, 12);
  });

  it("agrees with numerical integration of h(Y) − log 2ε on both branches (and is continuous at ε = ½)", () => {
    for (const eps of [0.01, 0.1, 0.3, 0.5, 0.75, 2]) {
      // p log p has a log singularity in its derivative where p -> 0, which limits the rule to ~1e-9.
      expect(additiveUniformMutualInformation(eps)).toBeCloseTo(miByQuadrature(eps), 8);
    }
  });

  it("rejects ε <= 0", () => {
    expect(() => additiveUniformMutualInformation(0)).toThrow(/epsilon must be a finite number > 0/);
    expect(() => additiveUniform(-1)).toThrow(/epsilon/);
  });
});

describe("additiveUniform", () => {
  it("reproduces its moments on 1e5 draws: E X = ½, Var X = 1/12, Var Y = 1/12 + ε²/3, Cov = 1/12", () => {
    const eps = 0.75;
    const { x, y } = additiveUniform(eps).sample(100_000, createRng(2));
    const m = jointMoments(x, y);
    // SEs: mean 0.0009, variances <= 0.001; tolerance about 5 SE.
    expect(m.mean[0]).toBeCloseTo(0.5, 2);
    expect(m.mean[1]).toBeCloseTo(0.5, 2);
    expect(Math.abs(m.cov[0] - 1 / 12)).toBeLessThan(0.002);
    expect(Math.abs(m.cov[1] - 1 / 12)).toBeLessThan(0.002);
    expect(Math.abs(m.cov[3] - (1 / 12 + (eps * eps) / 3))).toBeLessThan(0.005);
    let maxNoise = 0;
    for (let i = 0; i < x.rows; i++) maxNoise = Math.max(maxNoise, Math.abs(y.data[i] - x.data[i]));
    expect(maxNoise).toBeLessThanOrEqual(eps);
    expect(maxNoise).toBeGreaterThan(0.99 * eps);
  });

  it("is deterministic", () => {
    const s = additiveUniform(0.1);
    expect(s.sample(10, createRng(7)).y.data).toEqual(s.sample(10, createRng(7)).y.data);
  });
});
