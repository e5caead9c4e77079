import { describe, expect, it } from "vitest";
import {
  asinhTransform,
  cubeTransform,
  elementwise,
  halfCube,
  halfCubeTransform,
  normalCdfTransform,
  wigglyX,
  wigglyXTransform,
  wigglyY,
  wigglyYTransform,
} from "../../../src/bench/transforms/elementwise.js";

const points = [-2.5, -0.3, 1.7, 4.0];

/** Strictly increasing on a fine grid (injective on ℝ for these smooth maps). */
function expectIncreasing(f: (v: number) => number, lo = -20, hi = 20, step = 1e-3): void {
  let prev = f(lo);
  let bad = 0;
  for (let v = lo + step; v <= hi; v += step) {
    const cur = f(v);
    if (!(cur > prev)) bad++;
    prev = cur;
  }
  expect(bad).toBe(0);
}

describe("coordinate-wise transforms", () => {
  it("reproduce reference points computed with numpy (scripts in the bench report)", () => {
    // numpy: x * np.sqrt(abs(x)) at -2.5, -0.3, 1.7, 4.0
    const hc = [-3.9528470752104745, -0.1643167672515498, 2.2165288177689004, 8.0];
    // bmi's wiggly_x / wiggly_y in numpy at the same points
    const wx = [-2.6886498946979405, -0.31384086669399963, 1.9615190323123426, 3.8682886204636437];
    const wy = [-2.133985152757937, -0.2346669042900099, 1.3363851205078854, 3.7297902645202274];
    points.forEach((v, i) => {
      expect(halfCube(v)).toBeCloseTo(hc[i], 14);
      expect(wigglyX(v)).toBeCloseTo(wx[i], 14);
      expect(wigglyY(v)).toBeCloseTo(wy[i], 14);
    });
    // scipy.stats.norm.cdf at -2.5, -0.3, 0, 1.7; np.arcsinh at -2.5, -0.3, 1.7, 40
    const m = { data: Float64Array.from([-2.5, -0.3, 0, 1.7]), rows: 2, cols: 2 };
    const phi = [0.006209665325776132, 0.3820885778110474, 0.5, 0.955434537241457];
    normalCdfTransform.apply(m).data.forEach((v, i) => expect(v).toBeCloseTo(phi[i], 15));
    const a = asinhTransform.apply({ data: Float64Array.from([-2.5, -0.3, 1.7, 40]), rows: 4, cols: 1 }).data;
    [-1.6472311463710958, -0.29567304756342244, 1.300820426840647, 4.382182848065498].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 14));
  });

  it("are strictly increasing on a grid (injective), including the wiggly maps whose derivative stays >= 0.161", () => {
    expectIncreasing(halfCube);
    expectIncreasing(wigglyX);
    expectIncreasing(wigglyY);
    expectIncreasing(Math.asinh);
    expectIncreasing((v) => v * v * v);
    // Φ rounds to values within one ulp of 1 beyond x ≈ 6 (steps of 1e-3 no longer change it), as in bmi:
    // injectivity holds in exact arithmetic; check it where doubles resolve it.
    expectIncreasing((v) => normalCdfTransform.apply({ data: Float64Array.of(v), rows: 1, cols: 1 }).data[0], -8, 6);
  });

  it("keep shape, do not mutate the input, and carry bmi's id prefixes", () => {
    const data = Float64Array.from([1, -2, 3, 0.5, 0, -1]);
    const m = { data, rows: 3, cols: 2 };
    const copy = Float64Array.from(data);
    for (const t of [normalCdfTransform, halfCubeTransform, asinhTransform, cubeTransform, wigglyXTransform, wigglyYTransform]) {
      const out = t.apply(m);
      expect([out.rows, out.cols]).toEqual([3, 2]);
      expect(t.outputDim(2)).toBe(2);
      expect(out.data).not.toBe(data);
    }
    expect(data).toEqual(copy);
    expect([normalCdfTransform.id, halfCubeTransform.id, asinhTransform.id, wigglyXTransform.id]).toEqual(["normal_cdf", "half_cube", "asinh", "wiggly"]);
    expect(elementwise("neg", (v) => -v).apply(m).data[2]).toBe(-3);
  });
});
