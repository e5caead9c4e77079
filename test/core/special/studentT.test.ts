import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { regularizedIncompleteBeta } from "../../../src/core/special/incompleteBeta.js";
import { normalCdf } from "../../../src/core/special/normalCdf.js";
import { normalQuantile } from "../../../src/core/special/normalQuantile.js";
import { studentTCdf, studentTLogDensity, studentTQuantile } from "../../../src/core/special/studentT.js";

const rel = (got: number, want: number) => Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);

/** Binomial form of I_x(a, b) for integer a, b: Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1−x)^{a+b−1−j}. */
function binomialBeta(x: number, a: number, b: number): number {
  const n = a + b - 1;
  let s = 0;
  let c = 1; // C(n, 0)
  for (let j = 0; j <= n; j++) {
    if (j >= a) s += c * x ** j * (1 - x) ** (n - j);
    c = (c * (n - j)) / (j + 1);
  }
  return s;
}

describe("regularizedIncompleteBeta", () => {
  it("closed forms: I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, I_x(½, ½) = (2/π) asin √x", () => {
    for (const x of [1e-6, 0.01, 0.2, 0.5, 0.77, 0.999]) {
      for (const a of [0.3, 1, 2.5, 7]) expect(rel(regularizedIncompleteBeta(x, a, 1), x ** a)).toBeLessThan(1e-13);
      for (const b of [0.3, 1, 2.5, 7]) expect(rel(regularizedIncompleteBeta(x, 1, b), -Math.expm1(b * Math.log1p(-x)))).toBeLessThan(1e-13);
      expect(rel(regularizedIncompleteBeta(x, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(x)))).toBeLessThan(1e-13);
    }
  });

  it("integer a, b: the binomial sum; symmetry I_x(a, b) = 1 − I_{1−x}(b, a); ends 0 and 1", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (x, a, b) => {
        expect(Math.abs(regularizedIncompleteBeta(x, a, b) - binomialBeta(x, a, b))).toBeLessThan(1e-12);
        expect(Math.abs(regularizedIncompleteBeta(x, a, b) - (1 - regularizedIncompleteBeta(1 - x, b, a)))).toBeLessThan(1e-13);
      }),
    );
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe("Student t: CDF, density, quantile", () => {
  it("CDF closed forms: ν = 1 (½ + atan(t)/π), ν = 2 (½ + t/(2√(2 + t²))); ν = ∞ is Φ", () => {
    for (const t of [-50, -3, -0.7, 0, 0.2, 1.5, 12]) {
      expect(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI))).toBeLessThan(1e-14);
      expect(Math.abs(studentTCdf(t, 2) - (0.5 + t / (2 * Math.sqrt(2 + t * t))))).toBeLessThan(1e-14);
      expect(studentTCdf(t, Infinity)).toBe(normalCdf(t));
    }
    // large ν approaches the normal
    expect(Math.abs(studentTCdf(1.3, 1e7) - normalCdf(1.3))).toBeLessThan(1e-7);
  });

  it("the density integrates to the CDF (Simpson on [-2, 1.5], ν = 3.5) and is the normal one at ν = ∞", () => {
    const nu = 3.5;
    const a = -2;
    const b = 1.5;
    const m = 2000;
    const h = (b - a) / m;
    let s = Math.exp(studentTLogDensity(a, nu)) + Math.exp(studentTLogDensity(b, nu));
    for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * Math.exp(studentTLogDensity(a + i * h, nu));
    expect(Math.abs((s * h) / 3 - (studentTCdf(b, nu) - studentTCdf(a, nu)))).toBeLessThan(1e-12);
    expect(studentTLogDensity(0.4, Infinity)).toBeCloseTo(-0.08 - 0.5 * Math.log(2 * Math.PI), 14);
  });

  it("quantile: textbook values (two-sided 5%), the ν = 4 closed form, the normal at ν = ∞", () => {
    const table: [number, number][] = [
      [3, 3.182446305284263],
      [4, 2.776445105197793],
      [5, 2.570581835636314],
      [10, 2.228138851986273],
      [25, 2.059538552753294],
    ];
    for (const [nu, t] of table) {
      expect(rel(studentTQuantile(0.975, nu), t)).toBeLessThan(1e-12);
      expect(rel(studentTQuantile(0.025, nu), -t)).toBeLessThan(1e-12);
    }
    // ν = 4: t = sign(p − ½)·2√(q − 1), q = cos(acos(√α)/3)/√α, α = 4p(1 − p)
    for (const p of [1e-9, 0.003, 0.2, 0.45, 0.8, 0.99999]) {
      const al = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(al)) / 3) / Math.sqrt(al);
      expect(rel(studentTQuantile(p, 4), Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1))).toBeLessThan(1e-11);
    }
    expect(studentTQuantile(0.3, Infinity)).toBe(normalQuantile(0.3));
    expect(studentTQuantile(0.5, 3.3)).toBe(0);
  });

  it("quantile inverts the CDF (property over p and ν), is odd, and a warm start does not change it", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 1 - 1e-8, noNaN: true }), fc.double({ min: 0.5, max: 200, noNaN: true }), (p, nu) => {
        const t = studentTQuantile(p, nu);
        expect(rel(studentTCdf(t, nu), p)).toBeLessThan(1e-10);
        // 1 − p is rounded (relative 1e-8 at p = 1e-8), and t ~ p^(-1/ν) amplifies it by 1/ν
        expect(rel(studentTQuantile(1 - p, nu), -t)).toBeLessThan(1e-6);
        expect(rel(studentTQuantile(p, nu, t * 1.01 + 0.01), t)).toBeLessThan(1e-12);
      }),
    );
  });
});
