import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { columnMeans, covariance } from "../../../src/core/linalg/covariance.js";
import { InsufficientSamplesError, InvalidArgumentError } from "../../../src/core/errors.js";
import type { Matrix } from "../../../src/core/types.js";

function readCsv(path: string): Matrix {
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/).slice(1);
  const cols = lines[0].split(",").length;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((line, i) => line.split(",").forEach((v, j) => (data[i * cols + j] = Number(v))));
  return { data, rows: lines.length, cols };
}

describe("covariance", () => {
  it("matches numpy.cov(rowvar=False) on the mixed-5x3 fixture", () => {
    const m = readCsv(new URL("../../fixtures/ksg/mixed-5x3-n800.csv", import.meta.url).pathname);
    const s = covariance(m);
    // numpy.cov(x, rowvar=False)[:3, :3], [7, 7] and [0, 7]
    const want = [
      [0.08588204620979033, 0.004155948676045339, 0.0037370548730856473],
      [0.004155948676045339, 0.07771570596611246, -0.0024581780664885916],
      [0.0037370548730856473, -0.0024581780664885916, 0.08351388205630612],
    ];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(s[i * 8 + j] - want[i][j])).toBeLessThan(1e-15);
    expect(Math.abs(s[7 * 8 + 7] - 0.991726988911332)).toBeLessThan(1e-14);
    expect(Math.abs(s[0 * 8 + 7] - 0.01687755183887042)).toBeLessThan(1e-15);
    expect(s[7 * 8 + 0]).toBe(s[0 * 8 + 7]);
  });

  it("uses ddof = 1 by default: cov of [1, 2, 3, 4] is 5/3; ddof = 0 gives 5/4", () => {
    const m = { data: new Float64Array([1, 2, 3, 4]), rows: 4, cols: 1 };
    expect(covariance(m)[0]).toBeCloseTo(5 / 3, 15);
    expect(covariance(m, 0)[0]).toBeCloseTo(5 / 4, 15);
  });

  it("is shift-invariant (two-pass): adding 1e6 to every value changes nothing beyond rounding", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 6, maxLength: 60 }), (vals) => {
        const n = Math.floor(vals.length / 2);
        const data = Float64Array.from(vals.slice(0, 2 * n));
        const a = covariance({ data, rows: n, cols: 2 });
        const b = covariance({ data: data.map((v) => v + 1e6), rows: n, cols: 2 });
        // Shifting rounds each value to ulp(1e6) = 1.2e-10, which bounds the change.
        return a.every((v, i) => Math.abs(v - b[i]) < 1e-8);
      }),
    );
  });

  it("columnMeans averages each column", () => {
    expect(Array.from(columnMeans({ data: new Float64Array([1, 10, 2, 20, 3, 30]), rows: 3, cols: 2 }))).toEqual([2, 20]);
  });

  it("throws when n <= ddof or ddof is invalid", () => {
    expect(() => covariance({ data: new Float64Array([1]), rows: 1, cols: 1 })).toThrow(InsufficientSamplesError);
    expect(() => covariance({ data: new Float64Array([1]), rows: 1, cols: 1 })).toThrow("covariance: needs at least 2 rows (ddof = 1); got 1.");
    expect(() => covariance({ data: new Float64Array([1, 2]), rows: 2, cols: 1 }, -1)).toThrow(InvalidArgumentError);
  });
});
