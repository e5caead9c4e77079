import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InvalidArgumentError } from "../../../src/core/errors.js";
import { logSumExp } from "../../../src/core/special/logSumExp.js";

describe("logSumExp", () => {
  it("equals log(sum(exp)) where that does not overflow", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 50 }), (v) => {
        const naive = Math.log(v.reduce((s, x) => s + Math.exp(x), 0));
        return Math.abs(logSumExp(v) - naive) <= 1e-13 * Math.max(1, Math.abs(naive));
      }),
    );
  });

  it("does not overflow or underflow: shifts by the maximum", () => {
    expect(logSumExp([1000, 1000])).toBe(1000 + Math.LN2);
    expect(logSumExp([-1000, -1000, -1000])).toBeCloseTo(-1000 + Math.log(3), 12);
    // scipy.special.logsumexp([800, 0, -800]) = 800.0
    expect(logSumExp([800, 0, -800])).toBe(800);
    // A dominant term keeps its tiny correction: log(e^0 + e^-40) = log1p(e^-40) = 4.248354255291589e-18
    expect(logSumExp([0, -40])).toBe(4.248354255291589e-18);
  });

  it("is shift-equivariant and permutation-invariant", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (v, c) => {
          const a = logSumExp(v);
          const b = logSumExp(v.map((x) => x + c));
          const r = logSumExp([...v].reverse());
          return Math.abs(b - (a + c)) <= 1e-12 * Math.max(1, Math.abs(b)) && Math.abs(r - a) <= 1e-13 * Math.max(1, Math.abs(a));
        },
      ),
    );
  });

  it("handles empty input, -Infinity and +Infinity; works on Float64Array", () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(logSumExp([1, Infinity])).toBe(Infinity);
    expect(logSumExp(new Float64Array([0, 0, 0, 0]))).toBeCloseTo(Math.log(4), 15);
  });

  it("throws InvalidArgumentError naming the NaN's index", () => {
    expect(() => logSumExp([0, 1, NaN])).toThrow(InvalidArgumentError);
    expect(() => logSumExp([0, 1, NaN])).toThrow("logSumExp: values must not contain NaN; index 2 is NaN.");
  });
});
