import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { logDet } from "../../../src/core/linalg/logDet.js";
import { NotPositiveDefiniteError } from "../../../src/core/linalg/cholesky.js";
import { symmetricEigen } from "../../../src/core/linalg/symmetricEigen.js";
import { createRng } from "../../../src/core/random/rng.js";
import { randomSpd } from "./helpers.js";

/** Hilbert matrix H_ij = 1 / (i + j + 1). */
function hilbert(n: number): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = 1 / (i + j + 1);
  return h;
}

describe("logDet", () => {
  it("is exact for the textbook example: det = (2 * 1 * 3)^2 = 36", () => {
    expect(logDet(new Float64Array([4, 12, -16, 12, 37, -43, -16, -43, 98]), 3)).toBeCloseTo(Math.log(36), 14);
  });

  it("matches numpy.linalg.slogdet on the ill-conditioned 5 x 5 Hilbert matrix", () => {
    // numpy.linalg.slogdet(H5) = (1.0, -26.30945325827829); condition number 4.8e5.
    expect(Math.abs(logDet(hilbert(5), 5) - -26.30945325827829)).toBeLessThan(1e-9);
  });

  it("does not overflow: logDet(c I_n) = n log c for n = 400, c = 1e10", () => {
    const n = 400;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = 1e10;
    expect(logDet(a, n)).toBeCloseTo(n * Math.log(1e10), 9);
  });

  it("equals the sum of log eigenvalues, and logDet(cA) = n log c + logDet(A)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (n, seed, c) => {
        const a = randomSpd(createRng(seed), n);
        const ld = logDet(a, n);
        const ev = symmetricEigen(a, n, { vectors: false }).values;
        let s = 0;
        for (const v of ev) s += Math.log(v);
        const scaled = a.map((v) => c * v);
        return Math.abs(ld - s) < 1e-12 * n && Math.abs(logDet(scaled, n) - (n * Math.log(c) + ld)) < 1e-12 * n * (1 + Math.abs(Math.log(c)));
      }),
      { numRuns: 40 },
    );
  });

  it("throws NotPositiveDefiniteError for a singular matrix instead of returning -Infinity", () => {
    expect(() => logDet(new Float64Array([2, 2, 2, 2]), 2)).toThrow(NotPositiveDefiniteError);
    expect(() => logDet(new Float64Array([2, 2, 2, 2]), 2)).toThrow(/^logDet: a must be symmetric positive definite/);
  });
});
