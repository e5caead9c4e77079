import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { digamma, digammaInt, EULER_GAMMA } from "../../../src/core/special/digamma.js";
import { InvalidArgumentError } from "../../../src/core/errors.js";

/** Relative error, absolute where the reference is tiny. */
function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), 1);
}

// Values from scipy 1.10.1: [x, float(scipy.special.digamma(x))].
const SCIPY_DIGAMMA: [number, number][] = [
  [1e-10, -10000000000.577215],
  [0.001, -1000.5755719318103],
  [0.1, -10.423754940411076],
  [0.5, -1.9635100260214235],
  [1.5, 0.03648997397857652],
  [2.5, 0.7031566406452432],
  [3.7, 1.1671535393615113],
  [5.99, 1.704302797413849],
  [6, 1.7061176684318005],
  [9.99, 2.250700372831201],
  [10, 2.251752589066721],
  [10.5, 2.3030010342976865],
  [25, 3.198742512851974],
  [100, 4.600161852738088],
  [1e4, 9.21029037114285],
  [1e8, 18.420680738952367],
  [1e15, 34.538776394910684],
  [-0.5, 0.03648997397857651],
  [-1.5, 0.7031566406452434],
  [-10.3, 4.6624034935820875],
  [-100.25, 7.754238959208646],
];

// scipy.special.digamma(n) for n in [1, 2, 3, 9, 10, 11, 1000, 131071, 131072, 200000, 10**7].
const SCIPY_DIGAMMA_INT: [number, number][] = [
  [1, -0.5772156649015329],
  [2, 0.42278433509846713],
  [3, 0.9227843350984671],
  [9, 2.1406414779556098],
  [10, 2.251752589066721],
  [11, 2.3517525890667215],
  [1000, 6.907255195648812],
  [131071, 11.783490625364214],
  [131072, 11.783498254816953],
  [200000, 12.20607014552809],
  [1e7, 16.11809560095832],
];

describe("digamma", () => {
  it("matches scipy.special.digamma to 1e-14 (relative, absolute below 1)", () => {
    for (const [x, want] of SCIPY_DIGAMMA) expect(relErr(digamma(x), want), `x = ${x}`).toBeLessThan(1e-14);
  });

  it("digamma(1) = -EulerGamma and digamma(1/2) = -EulerGamma - 2 ln 2", () => {
    expect(digamma(1)).toBe(-EULER_GAMMA);
    expect(relErr(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2)).toBeLessThan(1e-15);
  });

  it("is ~0 at its positive root x0 = 1.4616321449683622 (absolute 1e-15)", () => {
    expect(Math.abs(digamma(1.4616321449683622))).toBeLessThan(1e-15);
  });

  it("satisfies digamma(x + 1) = digamma(x) + 1/x", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (x) => {
        const lhs = digamma(x + 1);
        const rhs = digamma(x) + 1 / x;
        return Math.abs(lhs - rhs) <= 4e-15 * Math.max(1, Math.abs(lhs), 1 / x);
      }),
    );
  });

  it("satisfies the reflection formula digamma(1 - x) - digamma(x) = pi cot(pi x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), (x) => {
        const lhs = digamma(1 - x) - digamma(x);
        const rhs = Math.PI / Math.tan(Math.PI * x);
        return Math.abs(lhs - rhs) <= 1e-13 * Math.max(1, Math.abs(rhs));
      }),
    );
  });

  it("throws InvalidArgumentError at poles and non-finite input", () => {
    for (const x of [0, -1, -7, NaN, Infinity, -Infinity]) {
      expect(() => digamma(x)).toThrow(InvalidArgumentError);
    }
    expect(() => digamma(-3)).toThrow(/digamma: x must be finite and not a non-positive integer.*got -3\./);
  });
});

describe("digammaInt", () => {
  it("matches scipy.special.digamma at integers to 1e-15 relative", () => {
    for (const [n, want] of SCIPY_DIGAMMA_INT) expect(relErr(digammaInt(n), want), `n = ${n}`).toBeLessThan(1e-15);
  });

  it("is exact at 1 and agrees with digamma on 1..5000", () => {
    expect(digammaInt(1)).toBe(-EULER_GAMMA);
    for (let n = 1; n <= 5000; n++) expect(relErr(digammaInt(n), digamma(n))).toBeLessThan(2e-16 * 4);
  });

  it("satisfies digammaInt(n + 1) - digammaInt(n) = 1/n across the table boundary", () => {
    for (const n of [1, 2, 9, 10, 1023, 1024, 131071, 131072, 500000]) {
      expect(Math.abs(digammaInt(n + 1) - digammaInt(n) - 1 / n)).toBeLessThan(4e-15);
    }
  });

  it("throws InvalidArgumentError for n < 1 or non-integers", () => {
    for (const n of [0, -1, 1.5, NaN, Infinity]) expect(() => digammaInt(n)).toThrow(InvalidArgumentError);
    expect(() => digammaInt(0)).toThrow("digammaInt: n must be an integer >= 1; got 0.");
  });
});
