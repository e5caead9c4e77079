import { describe, expect, it } from "vitest";
import { stillRising } from "../../src/neural/stillRising.js";

const curve = (test: number[]) => ({ step: test.map((_, i) => (i + 1) * 100), train: test.map(() => NaN), test });

describe("stillRising: a maximised bound's held-out curve still climbing at the end of training", () => {
  it("flags a curve whose last value is its highest and rose over the last quarter", () => {
    // 20 evaluations; the last quarter starts 5 evaluations before the end (step 1500: 0.128)
    const t = [-0.004, -0.005, -0.004, 0.006, 0.049, 0.107, 0.047, 0.038, 0.058, 0.027, 0.106, 0.064, 0.097, 0.08, 0.128, 0.145, 0.183, 0.184, 0.185, 0.19];
    expect(stillRising(curve(t), false)).toEqual({ fromStep: 1500, from: 0.128, to: 0.19 });
  });

  it("does not flag a plateau, a curve that peaked earlier, a rise below max(0.01, 2%), early stopping or < 4 evaluations", () => {
    expect(stillRising(curve([0.1, 0.5, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]), false)).toBeUndefined(); // flat end
    expect(stillRising(curve([0.1, 0.5, 0.8, 0.7, 0.75, 0.78, 0.79, 0.795]), false)).toBeUndefined(); // 0.8 earlier
    expect(stillRising(curve([1.0, 1.5, 1.9, 1.95, 1.96, 1.97, 1.98, 1.99]), false)).toBeUndefined(); // +0.03 < 2% of 1.99
    expect(stillRising(curve([0.0, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008]), false)).toBeUndefined(); // < 0.01 nats
    expect(stillRising(curve([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]), true)).toBeUndefined(); // stopped early
    expect(stillRising(curve([0.1, 0.2, 0.3]), false)).toBeUndefined();
    expect(stillRising(curve([0.1, 0.2, 0.3, NaN]), false)).toBeUndefined();
  });

  it("at the threshold: 2% of the last value, or 0.01 nats for values below 0.5", () => {
    expect(stillRising(curve([1, 1, 1, 1, 1, 1, 1.0, 1.0205]), false)).toBeDefined();
    expect(stillRising(curve([1, 1, 1, 1, 1, 1, 1.0, 1.0195]), false)).toBeUndefined();
    expect(stillRising(curve([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1105]), false)).toBeDefined();
    expect(stillRising(curve([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1095]), false)).toBeUndefined();
  });
});
