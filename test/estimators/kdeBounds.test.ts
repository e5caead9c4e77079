import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { kdeEntropyLowerBound, kdeEntropyUpperBound, kdeMutualInformationBounds } from "../../src/estimators/kdeBounds.js";
import { InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError } from "../../src/core/errors.js";

interface Side {
  entropy: number;
  ixt: number;
  ity: number;
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/kdeBounds.json", import.meta.url), "utf8")) as {
  cases: { h: number[][]; labels: number[]; sigma2: number; upper: Side; lower: Side }[];
};

describe("kdeBounds: equal to an independent numpy computation (scripts/fixtures/kdeBoundsReference.py)", () => {
  fixture.cases.forEach((c, k) => {
    it(`case ${k}: N = ${c.h.length}, d = ${c.h[0].length}, sigma2 = ${c.sigma2}`, () => {
      const b = kdeMutualInformationBounds(c.h, c.sigma2, c.labels);
      for (const [got, want] of [
        [b.entropy.upper, c.upper.entropy],
        [b.entropy.lower, c.lower.entropy],
        [b.ixt.upper, c.upper.ixt],
        [b.ixt.lower, c.lower.ixt],
        [b.ity!.upper, c.upper.ity],
        [b.ity!.lower, c.lower.ity],
        [kdeEntropyUpperBound(c.h, c.sigma2), c.upper.entropy],
        [kdeEntropyLowerBound(c.h, c.sigma2), c.lower.entropy],
      ]) {
        expect(Math.abs(got - want)).toBeLessThan(1e-12);
      }
      expect(b.classes).toBe(new Set(c.labels).size);
    });
  });
});

describe("kdeBounds: closed forms and invariants", () => {
  it("all points identical: I(X;T) = 0 and H(T) = the component entropy (d/2) log(2 pi e sigma2)", () => {
    const h = Array.from({ length: 10 }, () => [0.3, -1, 2]);
    const b = kdeMutualInformationBounds(h, 0.1, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(b.ixt).toEqual({ lower: 0, upper: 0 });
    expect(b.ity).toEqual({ lower: 0, upper: 0 });
    const hc = 1.5 * Math.log(2 * Math.PI * Math.E * 0.1);
    expect(b.entropy.upper).toBeCloseTo(hc, 14);
    expect(b.entropy.lower).toBeCloseTo(hc, 14);
  });

  it("well-separated points: I(X;T) = log N and I(T;Y) = H(Y)", () => {
    const n = 12;
    const h = Array.from({ length: n }, (_, i) => [100 * i, -50 * i]);
    const y = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
    const b = kdeMutualInformationBounds(h, 0.01, y);
    expect(b.ixt.upper).toBeCloseTo(Math.log(n), 14);
    expect(b.ixt.lower).toBeCloseTo(Math.log(n), 14);
    const hy = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    expect(b.ity!.upper).toBeCloseTo(hy, 14);
    expect(b.ity!.lower).toBeCloseTo(hy, 14);
    const bits = kdeMutualInformationBounds(h, 0.01, y, { units: "bits" });
    expect(bits.ixt.upper).toBeCloseTo(Math.log2(n), 14);
    expect(bits.units).toBe("bits");
  });

  it("two clusters far apart, points inside identical: I(X;T) = log 2", () => {
    const h = [[0], [0], [0], [50], [50], [50]];
    expect(kdeMutualInformationBounds(h, 1).ixt.upper).toBeCloseTo(Math.log(2), 14);
  });

  it("property: lower <= upper, both in [0, log N]; larger noise gives less I(X;T)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 1, maxLength: 25 }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        (rows, s2) => {
          const h = rows.map((r) => [r[0], r[1]]);
          const b = kdeMutualInformationBounds(h, s2);
          const logN = Math.log(h.length);
          expect(b.ixt.lower).toBeLessThanOrEqual(b.ixt.upper + 1e-12);
          expect(b.ixt.lower).toBeGreaterThanOrEqual(-1e-12);
          expect(b.ixt.upper).toBeLessThanOrEqual(logN + 1e-12);
          expect(kdeMutualInformationBounds(h, 4 * s2).ixt.upper).toBeLessThanOrEqual(b.ixt.upper + 1e-12);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("validation", () => {
    expect(() => kdeEntropyUpperBound([[1]], 0)).toThrow(/sigma2 must be a finite number > 0/);
    expect(() => kdeEntropyLowerBound([[1]], NaN)).toThrow(InvalidArgumentError);
    expect(() => kdeEntropyUpperBound([[1]], 1, { unit: "bits" } as object)).toThrow(/unknown option "unit"; known options: units/);
    expect(() => kdeEntropyUpperBound([[NaN]], 1)).toThrow(NonFiniteValueError);
    expect(() => kdeEntropyUpperBound([], 1)).toThrow(InsufficientSamplesError);
    expect(() => kdeMutualInformationBounds([[1], [2]], 1, [0])).toThrow(ShapeMismatchError);
    expect(() => kdeMutualInformationBounds([[1], [2]], 1, [0, 0.5])).toThrow(/labels must hold discrete codes/);
    expect(() => kdeMutualInformationBounds([[1], [2]], 1, undefined, { units: "bans" as "bits" })).toThrow(InvalidArgumentError);
  });
});
