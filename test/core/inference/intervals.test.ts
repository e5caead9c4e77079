import { describe, expect, it } from "vitest";
import { InvalidArgumentError, UnsupportedDataError } from "../../../src/core/errors.js";
import {
  bcaInterval,
  jackknifeAcceleration,
  jackknifeStandardError,
  percentileInterval,
  permutationPValue,
  quantileSorted,
  standardDeviation,
  subsamplingInterval,
  validateLevel,
} from "../../../src/core/inference/intervals.js";

// Fixed, skewed replicate values and their reference results, printed by
// scripts/fixtures/bcaReference.py (numpy quantiles with linear interpolation, scipy.stats.norm).
const boot = [
  0.427246, 0.325695, 0.401849, 0.47262, 0.402114, 0.41776, 0.899758, 0.384257, 0.336356, 0.537968, 0.491217, 0.685064, 0.394963,
  0.448209, 0.331602, 0.534159, 0.405182, 0.41586, 0.720845, 0.477129, 0.421694, 0.376009, 0.768819, 0.40982, 0.571892, 0.345892,
  0.520869, 0.656654, 0.382876, 0.381854, 0.476347, 0.608519, 0.317122, 0.51365, 0.396682, 1.10176, 0.511329, 0.572056, 0.50776,
  0.394984,
];
const jack = [0.66398, 0.645576, 0.544445, 0.570334, 0.543882, 0.532871, 0.541858, 0.752371, 0.508744, 0.522305, 0.516746, 0.593152];
const theta = 0.47;
const level = 0.9;

describe("intervals against the Python reference (scripts/fixtures/bcaReference.py)", () => {
  it("BCa: z0, acceleration, adjusted levels and ends", () => {
    const r = bcaInterval(theta, boot, jack, level);
    // normalQuantile/normalCdf are accurate to ~1e-15 relative; 1e-12 leaves room for summation order.
    expect(r.z0).toBeCloseTo(0.06270677794321385, 12);
    expect(r.acceleration).toBeCloseTo(-0.06012787430095042, 12);
    expect(r.alpha1).toBeCloseTo(0.04591956036221821, 12);
    expect(r.alpha2).toBeCloseTo(0.9464398664138705, 12);
    expect(r.lower).toBeCloseTo(0.33036662687932533, 11);
    expect(r.upper).toBeCloseTo(0.7645567399022218, 11);
    expect(jackknifeAcceleration(jack)).toBe(r.acceleration);
  });

  it("percentile interval and type-7 quantiles", () => {
    const r = percentileInterval(boot, level);
    expect(r.lower).toBeCloseTo(0.33130665, 13);
    expect(r.upper).toBeCloseTo(0.7753659499999996, 13);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1 / 3)).toBeCloseTo(2, 14);
    expect(quantileSorted([7], 0.3)).toBe(7);
  });

  it("grouped jackknife standard error", () => {
    expect(jackknifeStandardError(jack)).toBeCloseTo(0.23439546666193586, 13);
    expect(jackknifeAcceleration([1, 1, 1])).toBe(0);
  });

  it("subsampling interval, finite-population and plain Politis-Romano scaling", () => {
    const fpc = subsamplingInterval(theta, boot, 100, 30, level, true);
    expect(fpc.lower).toBeCloseTo(0.2700910599232716, 12);
    expect(fpc.upper).toBeCloseTo(0.5607961106802861, 12);
    expect(fpc.se).toBeCloseTo(0.10606801828398622, 12);
    const plain = subsamplingInterval(theta, boot, 100, 30, level, false);
    expect(plain.lower).toBeCloseTo(0.30274418089100547, 12);
    expect(plain.upper).toBeCloseTo(0.545965476370959, 12);
    expect(plain.se).toBeCloseTo(0.08874287099189672, 12);
    expect(plain.tauM).toBe(Math.sqrt(30));
  });

  it("BCa with z0 = 0 and a = 0 is the percentile interval", () => {
    // 50 of 100 values below theta: z0 = Φ⁻¹(0.5) = 0; symmetric jackknife values: a = 0.
    const vals = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
    const r = bcaInterval(0.505, vals, [1, 2, 3], 0.95);
    const p = percentileInterval(vals, 0.95);
    expect(r.z0).toBeCloseTo(0, 14);
    expect(r.acceleration).toBe(0);
    expect(r.lower).toBeCloseTo(p.lower, 12);
    expect(r.upper).toBeCloseTo(p.upper, 12);
  });

  it("permutation p-value (1 + #{null >= observed})/(1 + B), never 0", () => {
    expect(permutationPValue(0.5, [0.1, 0.2, 0.5, 0.7])).toBe(3 / 5);
    expect(permutationPValue(9, [0.1, 0.2])).toBe(1 / 3);
    expect(permutationPValue(-1, [0.1, 0.2])).toBe(1);
  });

  it("standard deviation (ddof 1)", () => {
    expect(standardDeviation([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(standardDeviation([3])).toBe(0);
  });

  it("throws on bad levels, shifted bootstraps and oversized acceleration", () => {
    for (const bad of [0, 1, -0.1, 1.5, Number.NaN, "0.95", undefined]) {
      expect(() => validateLevel("f", bad)).toThrow(InvalidArgumentError);
    }
    expect(() => validateLevel("f", 2)).toThrow("f: level must be a number in (0, 1), e.g. 0.95; got 2.");
    expect(() => bcaInterval(0, [1, 2, 3], [1, 2], 0.95)).toThrow(UnsupportedDataError);
    expect(() => bcaInterval(0, [1, 2, 3], [1, 2], 0.95)).toThrow(/all 3 bootstrap values lie at or above/);
    expect(() => bcaInterval(5, [1, 2, 3], [1, 2], 0.95)).toThrow(/lie below/);
    expect(() => bcaInterval(2.5, [1, 2, 3], [1, 2], 1.2)).toThrow(InvalidArgumentError);
    // 99 equal jackknife values and one outlier: a = (99³ - 99)/(6 · 9900^1.5) = 0.164, so at level
    // 1 - 1e-12 (z = 7.03) 1 - a(z0 + z) < 0 for the upper end.
    const skewJack = [...new Array<number>(99).fill(0), -100];
    expect(jackknifeAcceleration(skewJack)).toBeCloseTo((99 ** 3 - 99) / (6 * 9900 ** 1.5), 14);
    expect(() => bcaInterval(2.5, [1, 2, 3, 4], skewJack, 1 - 1e-12)).toThrow(/acceleration .* too large/);
    expect(() => quantileSorted([], 0.5)).toThrow(InvalidArgumentError);
    expect(() => quantileSorted([1], 2)).toThrow(InvalidArgumentError);
  });
});
