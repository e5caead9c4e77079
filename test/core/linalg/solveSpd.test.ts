import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { choleskySolve, solveSpd } from "../../../src/core/linalg/solveSpd.js";
import { cholesky, NotPositiveDefiniteError } from "../../../src/core/linalg/cholesky.js";
import { InvalidArgumentError, ShapeMismatchError } from "../../../src/core/errors.js";
import { createRng } from "../../../src/core/random/rng.js";
import { randomSpd } from "./helpers.js";

describe("solveSpd", () => {
  it("solves a small system exactly: [[4,2],[2,3]] x = [2, 1] -> x = [0.5, 0]", () => {
    expect(Array.from(solveSpd(new Float64Array([4, 2, 2, 3]), 2, new Float64Array([2, 1])))).toEqual([0.5, 0]);
  });

  it("has a small residual ||A X - B|| for several right-hand sides, without mutating inputs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 }), (n, m, seed) => {
        const rng = createRng(seed);
        const a = randomSpd(rng, n);
        const b = new Float64Array(n * m).map(() => rng.normal());
        const a0 = Float64Array.from(a);
        const b0 = Float64Array.from(b);
        const x = solveSpd(a, n, b, m);
        let res = 0;
        for (let i = 0; i < n; i++) {
          for (let c = 0; c < m; c++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += a[i * n + k] * x[k * m + c];
            res = Math.max(res, Math.abs(s - b[i * m + c]));
          }
        }
        return res < 1e-12 && a.every((v, i) => v === a0[i]) && b.every((v, i) => v === b0[i]);
      }),
      { numRuns: 40 },
    );
  });

  it("choleskySolve reuses a factor", () => {
    const a = new Float64Array([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const l = cholesky(a, 3);
    // A [1, 1, 1] = [0, 6, 39]
    const x = choleskySolve(l, 3, new Float64Array([0, 6, 39]));
    for (const v of x) expect(v).toBeCloseTo(1, 12);
  });

  it("throws on singular A, bad m and mismatched b", () => {
    expect(() => solveSpd(new Float64Array([1, 1, 1, 1]), 2, new Float64Array(2))).toThrow(NotPositiveDefiniteError);
    expect(() => solveSpd(new Float64Array([1, 0, 0, 1]), 2, new Float64Array(2), 0)).toThrow(InvalidArgumentError);
    expect(() => solveSpd(new Float64Array([1, 0, 0, 1]), 2, new Float64Array(3))).toThrow(ShapeMismatchError);
  });
});

describe("forwardSubstitute", () => {
  it("solves L Y = B for the textbook factor", async () => {
    const { forwardSubstitute } = await import("../../../src/core/linalg/solveSpd.js");
    const l = new Float64Array([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    // L [1, 2, 3] = [2, 8, 11]
    expect(Array.from(forwardSubstitute(l, 3, new Float64Array([2, 8, 11])))).toEqual([1, 2, 3]);
    expect(() => forwardSubstitute(l, 3, new Float64Array(2))).toThrow(ShapeMismatchError);
  });
});
