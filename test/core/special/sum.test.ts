import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { meanCompensated, sumCompensated } from "../../../src/core/special/sum.js";

describe("sumCompensated", () => {
  it("is exact where a naive loop loses everything", () => {
    // 1 + 1e100 + 1 - 1e100 = 2; a plain loop gives 0.
    expect(sumCompensated([1, 1e100, 1, -1e100])).toBe(2);
    // math.fsum([0.1] * 10) = 1.0, while sum([0.1] * 10) = 0.9999999999999999
    expect(sumCompensated(new Array(10).fill(0.1))).toBe(1);
  });

  it("keeps O(eps) error for a long sum: 1e6 copies of 0.1", () => {
    const v = new Float64Array(1_000_000).fill(0.1);
    // math.fsum([0.1] * 10**6) = 100000.0 (the exact sum 100000.0000000000055... rounds to it),
    // while a plain loop drifts to 100000.00000133288.
    let naive = 0;
    for (let i = 0; i < v.length; i++) naive += v[i];
    expect(naive).not.toBe(100000);
    expect(sumCompensated(v)).toBe(100000);
  });

  it("matches an exact rational sum of dyadic values (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 200 }), (ints) => {
        // Integers scaled by 2^-20 are exact in float64, and their sum stays exact as a BigInt.
        const exact = Number(ints.reduce((s, k) => s + BigInt(k), 0n)) / 2 ** 20;
        return sumCompensated(ints.map((k) => k / 2 ** 20)) === exact;
      }),
    );
  });

  it("returns 0 for empty input and propagates Infinity", () => {
    expect(sumCompensated([])).toBe(0);
    expect(sumCompensated([1, Infinity])).toBe(Infinity);
    expect(sumCompensated([-Infinity, 2, 3])).toBe(-Infinity);
    expect(sumCompensated([Infinity, -Infinity])).toBeNaN();
  });
});

describe("meanCompensated", () => {
  it("averages with the compensated sum", () => {
    expect(meanCompensated([1, 1e100, 1, -1e100])).toBe(0.5);
    expect(meanCompensated(new Float64Array([2, 4, 9]))).toBe(5);
  });
});
