import { describe, expect, it } from "vitest";
import { swissRoll, swissRollInverse } from "../../../src/bench/transforms/swissRoll.js";

describe("swissRoll", () => {
  it("reproduces bmi's swissroll2d at reference points (numpy)", () => {
    const out = swissRoll.apply({ data: Float64Array.from([0.05, 0.3, 0.77]), rows: 3, cols: 1 });
    expect([out.rows, out.cols]).toEqual([3, 2]);
    const ref = [0.11206275290424646, -0.219935536125702, 0.11094920221288393, 0.34146653311332065, 0.47141497502944185, -0.32037328620254174];
    ref.forEach((v, k) => expect(out.data[k]).toBeCloseTo(v, 14));
    expect(swissRoll.outputDim(1)).toBe(2);
    expect(swissRoll.id).toBe("swissroll_x");
  });

  it("is injective on (0, 1): swissRollInverse recovers u on a grid", () => {
    const n = 10_001;
    const u = Float64Array.from({ length: n }, (_, k) => k / (n - 1));
    const out = swissRoll.apply({ data: u, rows: n, cols: 1 });
    let maxErr = 0;
    for (let k = 0; k < n; k++) maxErr = Math.max(maxErr, Math.abs(swissRollInverse(out.data[2 * k], out.data[2 * k + 1]) - u[k]));
    expect(maxErr).toBeLessThan(1e-12);
  });

  it("rejects input with more than one column", () => {
    expect(() => swissRoll.apply({ data: new Float64Array(4), rows: 2, cols: 2 })).toThrow(/1 column/);
  });
});
