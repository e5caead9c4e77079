import { describe, expect, it } from "vitest";
import { hstack, matrix } from "../../../src/core/data/matrix.js";
import { InvalidArgumentError } from "../../../src/core/errors.js";
import { multivariateNormal } from "../../../src/core/random/multivariateNormal.js";
import { createRng } from "../../../src/core/random/rng.js";
import { SingularCovarianceError } from "../../../src/estimators/gaussian.js";
import { gaussianPid, gaussianPidFromCovariance } from "../../../src/measures/pid/gaussianPid.js";

describe("Gaussian MMI PID", () => {
  it("closed form: independent sources with equal weights on T (T = a S1 + a S2 + noise)", () => {
    // cov(S1, S2, T) with corr(S_i, T) = c and S1 independent of S2:
    // I(T; S_i) = -1/2 log(1 - c^2), I(T; S1, S2) = -1/2 log(1 - 2 c^2).
    const c = 0.6;
    const r = gaussianPidFromCovariance([
      [1, 0, c],
      [0, 1, c],
      [c, c, 1],
    ]);
    const i1 = -0.5 * Math.log(1 - c * c);
    const i12 = -0.5 * Math.log(1 - 2 * c * c);
    expect(r.redundancy).toBeCloseTo(i1, 12);
    expect(r.unique1).toBeCloseTo(0, 12);
    expect(r.unique2).toBeCloseTo(0, 12);
    expect(r.synergy).toBeCloseTo(i12 - i1, 12);
    expect(r.synergy).toBeGreaterThan(0);
    expect(r.measure).toBe("mmi");
  });

  it("closed form: unequal sources leave unique information in the stronger one; multivariate source", () => {
    const r = gaussianPidFromCovariance(
      [
        [1, 0, 0, 0.5],
        [0, 1, 0, 0.3],
        [0, 0, 1, 0.2],
        [0.5, 0.3, 0.2, 1],
      ],
      [2, 1, 1],
      { units: "bits" },
    );
    const i1 = -0.5 * Math.log2(1 - 0.25 - 0.09);
    const i2 = -0.5 * Math.log2(1 - 0.04);
    expect(r.redundancy).toBeCloseTo(i2, 12);
    expect(r.unique1).toBeCloseTo(i1 - i2, 12);
    expect(r.unique2).toBeCloseTo(0, 12);
    expect(r.units).toBe("bits");
  });

  it("from samples: close to the closed form (N = 5000)", () => {
    const c = 0.5;
    const cov = Float64Array.of(1, 0, c, 0, 1, c, c, c, 1);
    const m = multivariateNormal(createRng(3), [0, 0, 0], cov, 5000);
    const col = (j: number) => matrix(Float64Array.from({ length: 5000 }, (_, i) => m.data[i * 3 + j]), 5000, 1);
    const r = gaussianPid(col(0), col(1), col(2));
    const exact = gaussianPidFromCovariance(cov);
    // SD of a Gaussian MI estimate at N = 5000 is ~0.01 nats here.
    expect(Math.abs(r.redundancy - exact.redundancy)).toBeLessThan(0.03);
    expect(Math.abs(r.synergy - exact.synergy)).toBeLessThan(0.03);
    expect(r.redundancy + r.unique1 + r.unique2 + r.synergy).toBeCloseTo(r.mutualInformation.joint, 12);
    expect(r.n).toBe(5000);
    expect(r.estimator).toBe("gaussian");
  });

  it("validates", () => {
    const x = matrix(Float64Array.from({ length: 20 }, (_, i) => Math.sin(i)), 10, 2);
    const y = matrix(Float64Array.from({ length: 10 }, (_, i) => Math.cos(i * 1.3)), 10, 1);
    expect(() => gaussianPid(y, y, x)).toThrow(/t must have exactly one column/);
    expect(() => gaussianPid(y, hstack(y, y), y)).toThrow(SingularCovarianceError);
    expect(() => gaussianPidFromCovariance([[1, 0], [0, 1]], [1, 1, 1])).toThrow(InvalidArgumentError);
    expect(() => gaussianPidFromCovariance([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [1, 0, 2] as never)).toThrow(/dims must be/);
    expect(() => gaussianPid(y, y, y, { ridge: 2 })).toThrow(/ridge must be/);
  });
});
