import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { symmetricEigen } from "../../../src/core/linalg/symmetricEigen.js";
import { InvalidArgumentError, MinfoError, ShapeMismatchError } from "../../../src/core/errors.js";
import { createRng } from "../../../src/core/random/rng.js";
import { maxAbsDiff } from "./helpers.js";

function randomSymmetric(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  return a;
}

describe("symmetricEigen", () => {
  it("solves [[2,1],[1,2]]: values 1, 3 with vectors (1,-1)/sqrt2, (1,1)/sqrt2", () => {
    const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    expect(maxAbsDiff(values, [1, 3])).toBeLessThan(1e-15);
    const r = Math.SQRT1_2;
    // column 0 = (r, -r), column 1 = (r, r)
    expect(maxAbsDiff(vectors!, [r, r, -r, r])).toBeLessThan(1e-15);
  });

  it("matches the closed form 2 - 2 cos(k pi / (n + 1)) for tridiag(-1, 2, -1)", () => {
    for (const n of [1, 2, 3, 10, 60]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 2;
        if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
      }
      const want = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
      expect(maxAbsDiff(symmetricEigen(a, n).values, want)).toBeLessThan(1e-13);
    }
  });

  it("matches numpy.linalg.eigvalsh on the 5 x 5 Hilbert matrix", () => {
    const n = 5;
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = 1 / (i + j + 1);
    // numpy.linalg.eigvalsh(H5)
    const want = [3.2879287721752495e-6, 0.00030589804015117674, 0.011407491623419842, 0.20853421861101346, 1.5670506910982307];
    expect(maxAbsDiff(symmetricEigen(h, n).values, want)).toBeLessThan(1e-14);
  });

  it("handles diagonal, repeated and zero eigenvalues", () => {
    expect(Array.from(symmetricEigen(new Float64Array([3, 0, 0, 0, -1, 0, 0, 0, 2]), 3).values)).toEqual([-1, 2, 3]);
    const id = symmetricEigen(new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3);
    expect(Array.from(id.values)).toEqual([1, 1, 1]);
    expect(Array.from(symmetricEigen(new Float64Array(4), 2).values)).toEqual([0, 0]);
  });

  it("gives A V = V D with orthonormal V on random symmetric matrices (residual ~ n eps ||A||)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 10_000 }), (n, seed) => {
        const a = randomSymmetric(seed, n);
        const { values, vectors } = symmetricEigen(a, n);
        const v = vectors!;
        let res = 0;
        let orth = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            let o = 0;
            for (let k = 0; k < n; k++) {
              s += a[i * n + k] * v[k * n + j];
              o += v[k * n + i] * v[k * n + j];
            }
            res = Math.max(res, Math.abs(s - v[i * n + j] * values[j]));
            orth = Math.max(orth, Math.abs(o - (i === j ? 1 : 0)));
          }
        }
        for (let j = 1; j < n; j++) if (values[j] < values[j - 1]) return false;
        return res < 1e-13 * n && orth < 1e-13 * n;
      }),
      { numRuns: 40 },
    );
  });

  it("gives the same values with and without vectors; trace and determinant invariants", () => {
    const n = 12;
    const a = randomSymmetric(7, n);
    const full = symmetricEigen(a, n).values;
    const only = symmetricEigen(a, n, { vectors: false });
    expect(only.vectors).toBeUndefined();
    expect(maxAbsDiff(full, only.values)).toBeLessThan(1e-13);
    let tr = 0;
    for (let i = 0; i < n; i++) tr += a[i * n + i];
    expect(full.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 12);
  });

  it("reads only the lower triangle and does not mutate input", () => {
    const a = new Float64Array([2, 100, 1, 2]);
    const copy = Float64Array.from(a);
    expect(maxAbsDiff(symmetricEigen(a, 2).values, [1, 3])).toBeLessThan(1e-15);
    expect(a).toEqual(copy);
  });

  it("rejects non-finite entries and malformed arguments", () => {
    expect(() => symmetricEigen(new Float64Array([1, 0, NaN, 1]), 2)).toThrow(MinfoError);
    expect(() => symmetricEigen(new Float64Array([1, 0, NaN, 1]), 2)).toThrow("symmetricEigen: a must be finite; entry (1, 0) is NaN.");
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(ShapeMismatchError);
    expect(() => symmetricEigen(new Float64Array(0), 0)).toThrow(InvalidArgumentError);
  });
});
