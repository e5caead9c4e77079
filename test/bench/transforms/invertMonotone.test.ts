import { describe, expect, it } from "vitest";
import { bimodalCdfX, bimodalCdfY, bimodalInverseCdfX, bimodalInverseCdfY, invertMonotone } from "../../../src/bench/transforms/invertMonotone.js";

describe("invertMonotone and the bimodal inverse CDFs", () => {
  it("reproduce scipy's brentq inverses of 0.3Φ(x) + 0.7Φ(x − 5) and 0.5Φ(y + 1) + 0.5Φ(y − 3)", () => {
    // brentq(lambda v: F(v) - u, -10, 10, xtol=1e-14) with scipy.stats.norm.cdf
    const u = [0.01, 0.1, 0.3, 0.5, 0.9, 0.999];
    const qx = [-1.8339146359457776, -0.43072747938060796, 2.349924526595975, 4.434057008006635, 6.067570525111365, 7.982703875488671];
    const qy = [-3.053748925245471, -1.841623533576776, -0.7468846072365716, 1.0000000000000004, 3.8416235335767763, 5.87816173957362];
    const m = { data: Float64Array.from(u), rows: u.length, cols: 1 };
    const ox = bimodalInverseCdfX.apply(m).data;
    const oy = bimodalInverseCdfY.apply(m).data;
    // Bisection stops at an interval of width <= 1e-12 in x.
    u.forEach((_, k) => {
      expect(Math.abs(ox[k] - qx[k])).toBeLessThan(2e-12);
      expect(Math.abs(oy[k] - qy[k])).toBeLessThan(2e-12);
    });
  });

  it("F(F⁻¹(u)) = u on a grid and F⁻¹ is strictly increasing (injective on (0, 1))", () => {
    const inv = invertMonotone(bimodalCdfX);
    const invY = invertMonotone(bimodalCdfY);
    let prev = -Infinity;
    let prevY = -Infinity;
    for (let k = 1; k < 1000; k++) {
      const u = k / 1000;
      const x = inv(u);
      const y = invY(u);
      expect(Math.abs(bimodalCdfX(x) - u)).toBeLessThan(1e-12);
      expect(Math.abs(bimodalCdfY(y) - u)).toBeLessThan(1e-12);
      expect(x).toBeGreaterThan(prev);
      expect(y).toBeGreaterThan(prevY);
      prev = x;
      prevY = y;
    }
  });

  it("clamps to the bracket outside [F(lo), F(hi)] and validates its arguments", () => {
    const inv = invertMonotone((v) => v, -1, 1, 1e-12);
    expect(inv(5)).toBeCloseTo(1, 11);
    expect(inv(-5)).toBeCloseTo(-1, 11);
    expect(inv(0.25)).toBeCloseTo(0.25, 11);
    expect(() => invertMonotone((v) => v, 1, 1)).toThrow(/lo < hi/);
    expect(() => invertMonotone((v) => v, 0, 1, 0)).toThrow(/tol/);
  });
});
