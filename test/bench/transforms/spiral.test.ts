import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import { spiral, spiralInverse } from "../../../src/bench/transforms/spiral.js";

const row = (v: number[]) => ({ data: Float64Array.from(v), rows: 1, cols: v.length });

describe("spiral", () => {
  it("reproduces scipy.linalg.expm(s ‖x‖² A) @ x for bmi's generators", () => {
    // n = 3, plane (1, 2), s = 1/3 (bmi's Y spiral for 3 × 3 tasks), x = (0.3, −1.2, 0.8)
    const a = spiral({ dim: 3, i: 1, j: 2, speed: 1 / 3 }).apply(row([0.3, -1.2, 0.8])).data;
    [0.3, -1.4290339476784029, -0.19458154173168507].forEach((v, k) => expect(a[k]).toBeCloseTo(v, 14));
    // n = 5, plane (0, 1), s = 1/5 (bmi's X spiral for 5 × 5), x = (1.1, 0.4, −0.7, 2, −0.2)
    const b = spiral({ dim: 5, speed: 1 / 5 }).apply(row([1.1, 0.4, -0.7, 2, -0.2])).data;
    [0.04917490184036155, 1.1694365433955751, -0.7, 2.0, -0.2].forEach((v, k) => expect(b[k]).toBeCloseTo(v, 14));
    // n = 2, A = [[0, −1], [1, 0]], speed 0.5 (Galaxy), x = (0.9, −1.3)
    const c = spiral({ dim: 2, speed: 0.5 }).apply(row([0.9, -1.3])).data;
    [1.517470131318004, 0.4441670863061783].forEach((v, k) => expect(c[k]).toBeCloseTo(v, 14));
  });

  it("preserves norms and is inverted by spiralInverse (a bijection, so injective)", () => {
    const opts = { dim: 4, i: 1, j: 3, speed: 0.7 };
    const n = 1000;
    const data = new Float64Array(4 * n);
    const rng = createRng(2);
    for (let k = 0; k < data.length; k++) data[k] = 3 * rng.normal();
    const m = { data, rows: n, cols: 4 };
    const f = spiral(opts).apply(m);
    const back = spiralInverse(opts).apply(f);
    let maxErr = 0;
    for (let r = 0; r < n; r++) {
      let a = 0;
      let b = 0;
      for (let c = 0; c < 4; c++) {
        a += data[r * 4 + c] ** 2;
        b += f.data[r * 4 + c] ** 2;
        maxErr = Math.max(maxErr, Math.abs(back.data[r * 4 + c] - data[r * 4 + c]));
      }
      expect(Math.abs(a - b)).toBeLessThan(1e-10 * a);
    }
    expect(maxErr).toBeLessThan(1e-10);
    // Distinct points on a grid stay distinct.
    const grid: number[] = [];
    for (let u = -2; u <= 2; u += 0.25) for (let v = -2; v <= 2; v += 0.25) grid.push(u, v, 0.5, -0.5);
    const g = spiral(opts).apply({ data: Float64Array.from(grid), rows: grid.length / 4, cols: 4 });
    const keys = new Set<string>();
    for (let r = 0; r < g.rows; r++) keys.add(Array.from(g.data.subarray(r * 4, r * 4 + 4), (v) => v.toFixed(9)).join(","));
    expect(keys.size).toBe(g.rows);
  });

  it("validates its plane, dimension and input width", () => {
    expect(() => spiral({ dim: 1, speed: 1 })).toThrow(/dim must be an integer >= 2/);
    expect(() => spiral({ dim: 3, i: 2, j: 1, speed: 1 })).toThrow(/0 <= i < j < dim/);
    expect(() => spiral({ dim: 3, speed: Number.NaN })).toThrow(/speed/);
    expect(() => spiral({ dim: 3, speed: 1 }).apply(row([1, 2]))).toThrow(/3 columns/);
  });
});
