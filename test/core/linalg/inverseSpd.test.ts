import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { inverseSpd } from "../../../src/core/linalg/inverseSpd.js";
import { NotPositiveDefiniteError } from "../../../src/core/linalg/cholesky.js";
import { createRng } from "../../../src/core/random/rng.js";
import { identity, matmul, maxAbsDiff, randomSpd } from "./helpers.js";

describe("inverseSpd", () => {
  it("inverts [[4,2],[2,3]] to [[3,-2],[-2,4]]/8", () => {
    const inv = inverseSpd(new Float64Array([4, 2, 2, 3]), 2);
    expect(maxAbsDiff(inv, [3 / 8, -2 / 8, -2 / 8, 4 / 8])).toBeLessThan(2.3e-16);
  });

  it("gives A A^-1 = I and an exactly symmetric result", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const a = randomSpd(createRng(seed), n);
        const inv = inverseSpd(a, n);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (inv[i * n + j] !== inv[j * n + i]) return false;
        return maxAbsDiff(matmul(a, inv, n), identity(n)) < 1e-12;
      }),
      { numRuns: 40 },
    );
  });

  it("throws NotPositiveDefiniteError for a singular matrix", () => {
    expect(() => inverseSpd(new Float64Array([1, 2, 2, 4]), 2)).toThrow(/^inverseSpd: a must be symmetric positive definite/);
    expect(() => inverseSpd(new Float64Array([1, 2, 2, 4]), 2)).toThrow(NotPositiveDefiniteError);
  });
});
