import { describe, expect, it } from "vitest";
import { normalSample } from "../../../src/core/random/normalSample.js";
import { createRng } from "../../../src/core/random/rng.js";
import { InvalidArgumentError } from "../../../src/core/errors.js";
import { meanVar } from "./moments.js";

describe("normalSample", () => {
  it("has mean and variance within 5 standard errors on 1e5 draws", () => {
    const n = 100_000;
    const { mean, variance } = meanVar(normalSample(createRng(1), n, 3, 2));
    // SE(mean) = sd/sqrt(n) = 0.0063; SE(var) = sd^2 sqrt(2/n) = 0.018.
    expect(Math.abs(mean - 3)).toBeLessThan(5 * 0.0063);
    expect(Math.abs(variance - 4)).toBeLessThan(5 * 0.018);
  });

  it("is reproducible: same seed, same output; sd = 0 gives the mean", () => {
    expect(normalSample(createRng(9), 100)).toEqual(normalSample(createRng(9), 100));
    expect(normalSample(createRng(9), 100)).not.toEqual(normalSample(createRng(10), 100));
    expect(Array.from(normalSample(createRng(0), 3, 5, 0))).toEqual([5, 5, 5]);
    expect(normalSample(createRng(0), 0).length).toBe(0);
  });

  it("throws InvalidArgumentError for bad n, mean or sd", () => {
    const rng = createRng(0);
    expect(() => normalSample(rng, -1)).toThrow(InvalidArgumentError);
    expect(() => normalSample(rng, 1.5)).toThrow("normalSample: n must be a non-negative integer; got 1.5.");
    expect(() => normalSample(rng, 3, NaN)).toThrow(InvalidArgumentError);
    expect(() => normalSample(rng, 3, 0, -1)).toThrow("normalSample: sd must be a finite number >= 0; got -1.");
  });
});
