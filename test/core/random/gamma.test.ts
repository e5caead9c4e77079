import { describe, expect, it } from "vitest";
import { gamma } from "../../../src/core/random/gamma.js";
import { chiSquare } from "../../../src/core/random/chiSquare.js";
import { createRng } from "../../../src/core/random/rng.js";
import { InvalidArgumentError } from "../../../src/core/errors.js";
import { digamma } from "../../../src/core/special/digamma.js";
import { trigamma } from "../../../src/core/special/trigamma.js";
import { meanVar } from "./moments.js";

const N = 100_000;

function sample(seed: number, draw: (r: ReturnType<typeof createRng>) => number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = draw(rng);
  return out;
}

describe("gamma (Marsaglia-Tsang)", () => {
  // Shapes below 1 use the U^(1/a) boost; 1 is the boundary; larger shapes the main method.
  for (const [shape, scale] of [
    [0.05, 1],
    [0.3, 2],
    [1, 1],
    [2.5, 0.5],
    [10, 3],
  ] as const) {
    it(`Gamma(${shape}, ${scale}): mean, variance and E[log X] within 5 SE on 1e5 draws`, () => {
      const x = sample(Math.round(shape * 100), (r) => gamma(r, shape, scale));
      const { mean, variance } = meanVar(x);
      const mu = shape * scale;
      const sigma2 = shape * scale * scale;
      // SE(mean) = sqrt(var/N); SE(var) = var sqrt((2 + 6/shape)/N) (excess kurtosis 6/shape).
      expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(sigma2 / N));
      expect(Math.abs(variance - sigma2)).toBeLessThan(5 * sigma2 * Math.sqrt((2 + 6 / shape) / N));
      // log X has mean digamma(shape) + log(scale) and variance trigamma(shape): this checks the
      // mass near 0 that the shape < 1 boost produces, which the raw moments barely see.
      const logs = meanVar(x.map(Math.log));
      expect(Math.abs(logs.mean - (digamma(shape) + Math.log(scale)))).toBeLessThan(5 * Math.sqrt(trigamma(shape) / N));
      expect(x.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    });
  }

  it("is reproducible: same seed, same draws", () => {
    expect(sample(77, (r) => gamma(r, 0.7)).slice(0, 500)).toEqual(sample(77, (r) => gamma(r, 0.7)).slice(0, 500));
  });

  it("throws InvalidArgumentError for shape or scale not > 0", () => {
    const rng = createRng(0);
    for (const bad of [0, -1, NaN, Infinity]) {
      expect(() => gamma(rng, bad)).toThrow(InvalidArgumentError);
      expect(() => gamma(rng, 1, bad)).toThrow(InvalidArgumentError);
    }
    expect(() => gamma(rng, 0)).toThrow("gamma: shape must be a finite number > 0; got 0.");
  });
});

describe("chiSquare", () => {
  for (const df of [0.5, 1, 3, 20]) {
    it(`chi2_${df}: mean df and variance 2 df within 5 SE on 1e5 draws`, () => {
      const { mean, variance } = meanVar(sample(df * 10, (r) => chiSquare(r, df)));
      // chi2_df = Gamma(df/2, 2): SE(mean) = sqrt(2 df / N); SE(var) = 2 df sqrt((2 + 12/df)/N).
      expect(Math.abs(mean - df)).toBeLessThan(5 * Math.sqrt((2 * df) / N));
      expect(Math.abs(variance - 2 * df)).toBeLessThan(5 * 2 * df * Math.sqrt((2 + 12 / df) / N));
    });
  }

  it("throws InvalidArgumentError for df not > 0", () => {
    expect(() => chiSquare(createRng(0), 0)).toThrow("chiSquare: df must be a finite number > 0; got 0.");
    expect(() => chiSquare(createRng(0), NaN)).toThrow(InvalidArgumentError);
  });
});
