/** Regression tests for the defects the gauntlet found (each was a TypeError, NaN/Infinity or a hang). */
import { describe, expect, it } from "vitest";
import { fromColumn, matrix } from "../../src/core/data/matrix.js";
import { equalWidthBins } from "../../src/core/data/discretize.js";
import { toDiscreteVariable } from "../../src/core/data/labels.js";
import { InvalidArgumentError, MinfoError, NonFiniteValueError, ShapeMismatchError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { findEstimator } from "../../src/estimators/registry.js";
import { gaussianDescriptor, gaussianEntropy, gaussianMI } from "../../src/estimators/gaussian.js";
import { kozachenkoLeonenko } from "../../src/estimators/kozachenkoLeonenko.js";
import { ksg } from "../../src/estimators/ksg.js";

describe("gauntlet fixes", () => {
  it("options that are not an object are an InvalidArgumentError naming `options`", () => {
    for (const bad of [null, "k=3", 42, [1]]) {
      expect(() => ksg(bad as never)).toThrow(InvalidArgumentError);
      expect(() => kozachenkoLeonenko(bad as never)).toThrow(/kozachenko-leonenko: options must be an object; got /);
      expect(() => gaussianDescriptor.entropy!(bad as never)).toThrow(/gaussian-entropy: options must be an object/);
    }
  });

  it("an estimator without options says so for an unknown key", () => {
    expect(() => findEstimator("nsb").mi!({ alpha: 1 })).toThrow(/nsb: unknown option "alpha"; nsb takes no options\./);
  });

  it("discrete estimators read rows of numbers like a Matrix; bad rows are typed errors", () => {
    const v = toDiscreteVariable([[0], [1], [1], [2]] as never, "x", "plugin");
    expect(Array.from(v.labels.codes)).toEqual([0, 1, 1, 2]);
    expect(() => toDiscreteVariable([[0], [Number("1e400")]] as never, "x", "plugin")).toThrow(NonFiniteValueError);
    expect(() => toDiscreteVariable([[0], [1, 2]] as never, "x", "plugin")).toThrow(ShapeMismatchError);
    expect(() => toDiscreteVariable([{}, {}] as never, "x", "plugin")).toThrow(/plugin: x must be an array of integers or strings, a Matrix, or Labels; row 0 is an object\./);
    const plugin = findEstimator("plugin").mi!({});
    const r = plugin.estimate([[0], [1], [0], [1]] as never, [[0], [1], [0], [1]] as never) as { value: number };
    expect(r.value).toBeCloseTo(Math.log(2), 14);
  });

  it("Kozachenko-Leonenko on values whose squares overflow or underflow: finite, and H(aX) = H(X) + log a", () => {
    const rng = createRng(4);
    const x = fromColumn(Float64Array.from({ length: 200 }, () => rng.normal()));
    const h = kozachenkoLeonenko().estimate(x).value;
    for (const a of [2 ** 520, 2 ** -520, 1.3407807929942596e154]) {
      const y = matrix(x.data.map((v) => v * a), x.rows, 1);
      const ha = kozachenkoLeonenko().estimate(y).value;
      expect(Number.isFinite(ha)).toBe(true);
      expect(ha - Math.log(a)).toBeCloseTo(h, 9);
    }
    // Two columns, Euclidean: one power of two for the whole matrix keeps distance ratios.
    const two = matrix(Float64Array.from({ length: 400 }, () => rng.normal()), 200, 2);
    const big = matrix(two.data.map((v) => v * 1e200), 200, 2);
    expect(kozachenkoLeonenko().estimate(big).value - 2 * Math.log(1e200)).toBeCloseTo(kozachenkoLeonenko().estimate(two).value, 9);
  });

  it("kNN KL divergence on values whose squares overflow: finite, scale invariant", () => {
    const rng = createRng(5);
    const p = fromColumn(Float64Array.from({ length: 150 }, () => rng.normal()));
    const q = fromColumn(Float64Array.from({ length: 150 }, () => 1 + 1.5 * rng.normal()));
    const est = findEstimator("knn-kl").divergence!({});
    const d0 = (est.estimate(p, q) as { value: number }).value;
    for (const a of [1e200, -1e300, 1e-200]) {
      const d = (est.estimate(matrix(p.data.map((v) => v * a), 150, 1), matrix(q.data.map((v) => v * a), 150, 1)) as { value: number }).value;
      expect(d).toBeCloseTo(d0, 9);
    }
    // The fuzz counterexample: ties jittered at 1e297 next to -1e308.
    const pp = fromColumn([0, 0, 0, 0, 0, 0, 0, 0, 0, -1e308, 0]);
    const qq = fromColumn(new Float64Array(11));
    expect(Number.isFinite((est.estimate(pp, qq) as { value: number }).value)).toBe(true);
  });

  it("equal-width bins over a subnormal range: every code lies in its edges", () => {
    // Found by 1e5 runs of discretize.test's (unseeded) property: the step underflows, edges repeat.
    for (const [v, b] of [
      [[-5e-324, -0], 2],
      [[0, 5e-324, 1e-323], 7],
      [[-1e-323, 5e-324], 3],
    ] as [number[], number][]) {
      const r = equalWidthBins(v, b);
      v.forEach((x, i) => {
        const c = r.codes[i];
        expect(x).toBeGreaterThanOrEqual(r.edges[c]);
        if (c < r.cardinality - 1) expect(x).toBeLessThan(r.edges[c + 1]);
        else expect(x).toBeLessThanOrEqual(r.edges[c + 1]);
      });
    }
  });

  it("Gaussian entropy and MI on values whose squares overflow or underflow: finite, exact scaling", () => {
    const rng = createRng(6);
    const x = matrix(Float64Array.from({ length: 300 }, () => rng.normal()), 150, 2);
    const y = matrix(x.data.filter((_, t) => t % 2 === 0).map((v) => v + rng.normal()), 150, 1);
    const h = gaussianEntropy().estimate(x).value;
    const i = gaussianMI().estimate(x, y).value;
    for (const a of [1e200, 1.8961503816218355e154, 1e-200]) {
      const xa = matrix(x.data.map((v) => v * a), 150, 2);
      expect(gaussianEntropy().estimate(xa).value - 2 * Math.log(a)).toBeCloseTo(h, 9);
      expect(gaussianMI().estimate(xa, y).value).toBeCloseTo(i, 9);
    }
    // The fuzz counterexample: two rows, ridge 1.
    expect(Number.isFinite(gaussianEntropy({ ridge: 1 }).estimate([[1.8961503816218355e154], [0]]).value)).toBe(true);
  });

  it("every failure above is a MinfoError", () => {
    try {
      ksg(null as never);
    } catch (e) {
      expect(e).toBeInstanceOf(MinfoError);
    }
  });
});
