import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cholesky, choleskyInto, NotPositiveDefiniteError } from "../../../src/core/linalg/cholesky.js";
import { InvalidArgumentError, ShapeMismatchError } from "../../../src/core/errors.js";
import { createRng } from "../../../src/core/random/rng.js";
import { matmul, maxAbsDiff, randomSpd, transpose } from "./helpers.js";

describe("cholesky", () => {
  it("factors the textbook example exactly", () => {
    // A = L L^T with L = [[2,0,0],[6,1,0],[-8,5,3]] (all steps exact in binary floating point).
    const a = new Float64Array([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect(Array.from(cholesky(a, 3))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it("reconstructs random SPD matrices: L L^T = A to 1e-13 relative, L lower triangular", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const a = randomSpd(createRng(seed), n);
        const l = cholesky(a, n);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (l[i * n + j] !== 0) return false;
        return maxAbsDiff(matmul(l, transpose(l, n), n), a) < 1e-13 * n;
      }),
      { numRuns: 40 },
    );
  });

  it("reads only the lower triangle and does not mutate its input", () => {
    const a = new Float64Array([4, 999, 2, 3]); // upper entry ignored
    const copy = Float64Array.from(a);
    const l = cholesky(a, 2);
    expect(Array.from(l)).toEqual([2, 0, 1, Math.sqrt(2)]);
    expect(a).toEqual(copy);
  });

  it("throws NotPositiveDefiniteError naming the failing pivot for singular and indefinite matrices", () => {
    const singular = new Float64Array([1, 1, 1, 1]); // duplicated column
    expect(() => cholesky(singular, 2)).toThrow(NotPositiveDefiniteError);
    try {
      cholesky(singular, 2);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect((e as NotPositiveDefiniteError).pivot).toBe(1);
      expect((e as NotPositiveDefiniteError).code).toBe("invalid-argument");
      expect((e as Error).message).toMatch(/^cholesky: a must be symmetric positive definite; pivot 1/);
    }
    expect(() => cholesky(new Float64Array([1, 0, 0, -1]), 2)).toThrow(/pivot 1 of its Cholesky factorisation is -1/);
    expect(() => cholesky(new Float64Array([0]), 1)).toThrow(NotPositiveDefiniteError);
    // Singular to working precision: the pivot is 4.4e-16, rounding noise of 2 - (2/sqrt 2)^2.
    expect(() => cholesky(new Float64Array([2, 2, 2, 2]), 2)).toThrow(NotPositiveDefiniteError);
    // ... while a merely ill-conditioned matrix (condition number 4e8) factors fine.
    expect(() => cholesky(new Float64Array([1, 1, 1, 1 + 1e-8]), 2)).not.toThrow();
    expect(() => cholesky(new Float64Array([NaN]), 1)).toThrow(NotPositiveDefiniteError);
  });

  it("choleskyInto reports the failing pivot without throwing", () => {
    const l = new Float64Array(9);
    expect(choleskyInto(new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 0]), 3, l)).toBe(2);
    expect(choleskyInto(new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 4]), 3, l)).toBe(-1);
  });

  it("validates its arguments", () => {
    expect(() => cholesky(new Float64Array(3), 2)).toThrow(ShapeMismatchError);
    expect(() => cholesky(new Float64Array(4), 0)).toThrow(InvalidArgumentError);
    expect(() => cholesky([1, 0, 0, 1] as unknown as Float64Array, 2)).toThrow(InvalidArgumentError);
  });
});
