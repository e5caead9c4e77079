import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { subsamplingInterval } from "../../../src/core/inference/intervals.js";
import { normalQuantile } from "../../../src/core/special/normalQuantile.js";
import { widenedInterval } from "../../../src/estimators/auto.js";

describe("auto: widenedInterval (percentile subsampling interval joined with c ± z·se)", () => {
  it("a positive fluctuation read as bias: subsamples all below θ̂_N shift the centre up, the lower end stays at θ̂_N − z·se", () => {
    // roots 10·(v − 0.02) = -0.3, -0.2, -0.1: centre 0.02 + 0.02 = 0.04, se 0.01
    const w = widenedInterval(0.02, [-0.01, 0, 0.01], 100, 50, 0.95);
    expect(w.se).toBeCloseTo(0.01, 12);
    expect(w.lower).toBeCloseTo(0.02 - 0.01959963984540054, 12);
    expect(w.upper).toBeCloseTo(0.04 + 0.01959963984540054, 12);
  });

  it("hand example: roots -1, 0, 1 (θ = 1, N = 100, m = 50, τ_m = τ_N = 10): the normal tail is wider", () => {
    const w = widenedInterval(1, [0.9, 1, 1.1], 100, 50, 0.95);
    // sd of the roots (n - 1 denominator) = 1, se = 1/10, centre 1, z = 1.959964
    expect(w.se).toBeCloseTo(0.1, 12);
    expect(w.lower).toBeCloseTo(1 - 0.1959963984540054, 12);
    expect(w.upper).toBeCloseTo(1 + 0.1959963984540054, 12);
  });

  it("always contains the percentile interval; equals it on the side where the percentile tail is wider", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 40 }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (vals, level) => {
        const p = subsamplingInterval(0.3, vals, 200, 100, level, true);
        const w = widenedInterval(0.3, vals, 200, 100, level);
        expect(w.lower).toBeLessThanOrEqual(p.lower + 1e-12);
        expect(w.upper).toBeGreaterThanOrEqual(p.upper - 1e-12);
        expect(w.se).toBe(p.se);
        // never narrower than the uncorrected normal interval θ ± z·se either
        const z = normalQuantile(1 - (1 - level) / 2);
        expect(w.lower).toBeLessThanOrEqual(0.3 - z * p.se + 1e-12);
        expect(w.upper).toBeGreaterThanOrEqual(0.3 + z * p.se - 1e-12);
      }),
    );
    // two-point roots ±1 at level 0.5: the 75% quantile (1) is beyond z·sd = 0.674·1.054
    const twoPoint = [-0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1];
    const p = subsamplingInterval(0, twoPoint, 100, 50, 0.5, true);
    const w = widenedInterval(0, twoPoint, 100, 50, 0.5);
    expect(p.lower).toBeCloseTo(-0.1, 12);
    expect(w.lower).toBe(p.lower);
    expect(w.upper).toBe(p.upper);
  });
});
