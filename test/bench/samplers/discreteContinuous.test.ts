import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import { discreteContinuous, discreteContinuousMutualInformation } from "../../../src/bench/samplers/discreteContinuous.js";
import { integrate1d } from "../helpers.js";

describe("discreteContinuousMutualInformation", () => {
  it("matches reference-facts §1.5 (m = 5: 1.05492) and is 0 for one category", () => {
    expect(discreteContinuousMutualInformation(5)).toBeCloseTo(1.05492, 5);
    expect(discreteContinuousMutualInformation(1)).toBe(0);
  });

  it("agrees with h(Y) − h(Y | X) by numerical integration (h(Y | X) = log 2)", () => {
    for (const m of [2, 5, 10]) {
      // p(y) = (1/m) Σ_x 1[x <= y < x + 2] / 2, piecewise constant on unit intervals.
      const p = (y: number) => {
        let c = 0;
        for (let x = 0; x < m; x++) if (y >= x && y < x + 2) c++;
        return c / (2 * m);
      };
      let h = 0;
      for (let k = 0; k < m + 1; k++) h -= integrate1d((y) => p(y) * Math.log(p(y)), k, k + 1, 1, 4);
      expect(discreteContinuousMutualInformation(m)).toBeCloseTo(h - Math.LN2, 12);
    }
  });

  it("rejects a non-integer or zero number of categories", () => {
    expect(() => discreteContinuousMutualInformation(0)).toThrow(/categories must be a positive integer/);
    expect(() => discreteContinuous(2.5)).toThrow(/categories/);
  });
});

describe("discreteContinuous", () => {
  it("reproduces its distribution on 1e5 draws: P(X = k) = 1/m, Y − X ~ U(0, 2)", () => {
    const m = 5;
    const n = 100_000;
    const { x, y } = discreteContinuous(m).sample(n, createRng(4));
    const counts = new Array<number>(m).fill(0);
    let sumU = 0;
    let sumU2 = 0;
    for (let i = 0; i < n; i++) {
      const k = x.data[i];
      if (!(Number.isInteger(k) && k >= 0 && k < m)) throw new Error(`bad category ${k} in row ${i}`);
      counts[k]++;
      const u = y.data[i] - k;
      if (!(u >= 0 && u < 2)) throw new Error(`bad noise ${u} in row ${i}`);
      sumU += u;
      sumU2 += u * u;
    }
    // Binomial SE √(0.16/n) = 0.0013 per frequency; E U = 1 (SE 0.0018), E U² = 4/3 (SE 0.004).
    for (const c of counts) expect(Math.abs(c / n - 1 / m)).toBeLessThan(0.0065);
    expect(Math.abs(sumU / n - 1)).toBeLessThan(0.009);
    expect(Math.abs(sumU2 / n - 4 / 3)).toBeLessThan(0.02);
  });

  it("is deterministic", () => {
    const s = discreteContinuous();
    expect(s.sample(10, createRng(1)).x.data).toEqual(s.sample(10, createRng(1)).x.data);
  });
});
