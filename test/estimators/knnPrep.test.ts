import { describe, expect, it } from "vitest";
import { fromRows, matrix } from "../../src/core/data/matrix.js";
import { InsufficientSamplesError, InvalidArgumentError } from "../../src/core/errors.js";
import type { Matrix } from "../../src/core/types.js";
import {
  checkKAgainstN,
  highDimensionWarning,
  kListOption,
  marginalRadii,
  negativeWarning,
  prepareKnnData,
  zeroFraction,
} from "../../src/estimators/knnPrep.js";
import { normals } from "./knnSamples.js";

function col(m: Matrix, j: number): number[] {
  return Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]);
}
function meanSd0(v: number[]): { mean: number; sd: number } {
  const mean = v.reduce((s, a) => s + a, 0) / v.length;
  return { mean, sd: Math.sqrt(v.reduce((s, a) => s + (a - mean) ** 2, 0) / v.length) };
}

describe("prepareKnnData", () => {
  it("standardises each column (ddof 0) and zeroes constant columns, without mutating the input", () => {
    const x = fromRows([
      [1, 5, 10],
      [2, 5, 30],
      [4, 5, 20],
      [7, 5, 50],
    ]);
    const copy = Float64Array.from(x.data);
    const prep = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: true, jitter: 0 }, 0);
    const v = prep.variables[0];
    for (const j of [0, 2]) {
      const { mean, sd } = meanSd0(col(v.matrix, j));
      expect(mean).toBeCloseTo(0, 14);
      expect(sd).toBeCloseTo(1, 14);
    }
    expect(col(v.matrix, 1)).toEqual([0, 0, 0, 0]);
    expect(v.constantColumns).toEqual([1]);
    expect(v.tiedColumns).toEqual([]);
    expect(v.allConstant).toBe(false);
    expect(v.sd[0]).toBeCloseTo(Math.sqrt(5.25), 14);
    expect(prep.warnings.map((w) => w.code)).toEqual(["constant-column"]);
    expect(prep.warnings[0].message).toMatch(/^t: constant \(zero-spread\) x column 1;/);
    expect(Array.from(x.data)).toEqual(Array.from(copy));
  });

  it("leaves data without ties unjittered (seed-independent)", () => {
    const x = normals(50, 2, 1);
    const a = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: false, jitter: 1e-6 }, 1);
    const b = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: false, jitter: 1e-6 }, 2);
    expect(Array.from(a.variables[0].matrix.data)).toEqual(Array.from(x.data));
    expect(Array.from(b.variables[0].matrix.data)).toEqual(Array.from(x.data));
    expect(a.variables[0].jittered).toBe(false);
    expect(a.warnings).toEqual([]);
  });

  it("jitters only tied columns, sized to the column SD, with one stream per variable", () => {
    const n = 400;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      data[2 * i] = 100 * Math.floor(i / 4); // ties, SD about 2900
      data[2 * i + 1] = Math.sin(i) + i; // no ties
    }
    const x = matrix(data, n, 2);
    const rel = 1e-3;
    const prep = prepareKnnData(
      "t",
      [
        { name: "x", matrix: x },
        { name: "y", matrix: x },
      ],
      { standardize: false, jitter: rel },
      7,
    );
    const [px, py] = prep.variables;
    expect(px.tiedColumns).toEqual([0]);
    expect(px.jittered).toBe(true);
    expect(col(px.matrix, 1)).toEqual(col(x, 1));
    const noise = col(px.matrix, 0).map((v, i) => v - x.data[2 * i]);
    const { mean, sd } = meanSd0(noise);
    // Noise SD = rel * column SD; with 400 draws its sample SD is within about 10%.
    expect(Math.abs(mean)).toBeLessThan(0.2 * rel * px.sd[0]);
    expect(sd / (rel * px.sd[0])).toBeGreaterThan(0.85);
    expect(sd / (rel * px.sd[0])).toBeLessThan(1.15);
    // Same data in x and y gets different noise (independent streams).
    expect(col(px.matrix, 0)).not.toEqual(col(py.matrix, 0));
    expect(prep.tiedColumnCount).toBe(2);
    expect(prep.tiesRemain).toBe(false);
    const w = prep.warnings.find((v) => v.code === "ties-jittered")!;
    expect(w.message).toMatch(/2 columns had tied values \(x: 1 \(column 0\); y: 1 \(column 0\)\)/);
    expect(w.message).toMatch(/seed 7/);
    // Deterministic for a seed, different for another.
    const again = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: false, jitter: rel }, 7);
    expect(Array.from(again.variables[0].matrix.data)).toEqual(Array.from(px.matrix.data));
    const other = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: false, jitter: rel }, 8);
    expect(Array.from(other.variables[0].matrix.data)).not.toEqual(Array.from(px.matrix.data));
  });

  it("jitter relative to unit SD when standardised; extreme scales use the input's SD", () => {
    const x = matrix(Float64Array.from([1e200, 1e200, 3e200, 4e200, 5e200, 6e200]), 6, 1);
    const prep = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: false, jitter: 1e-6 }, 0);
    const v = prep.variables[0];
    expect(v.sd[0] / 1e200).toBeCloseTo(Math.sqrt(32 / 9), 12);
    const moved = col(v.matrix, 0).map((a, i) => Math.abs(a - x.data[i]) / 1e200);
    expect(Math.max(...moved)).toBeGreaterThan(0);
    expect(Math.max(...moved)).toBeLessThan(1e-4);
    const std = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: true, jitter: 1e-6 }, 0).variables[0];
    const { sd } = meanSd0(col(std.matrix, 0));
    expect(sd).toBeCloseTo(1, 5);
  });

  it("ties with jitter 0: ties-present warning and tiesRemain", () => {
    const x = matrix(Float64Array.from([1, 1, 2, 3]), 4, 1);
    const prep = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: true, jitter: 0 }, 0);
    expect(prep.tiesRemain).toBe(true);
    expect(prep.warnings.map((w) => w.code)).toEqual(["ties-present"]);
  });

  it("all-constant variable is flagged", () => {
    const x = matrix(new Float64Array(8).fill(2), 4, 2);
    const v = prepareKnnData("t", [{ name: "x", matrix: x }], { standardize: true, jitter: 1e-10 }, 0).variables[0];
    expect(v.allConstant).toBe(true);
    expect(v.jittered).toBe(false);
  });
});

describe("helpers", () => {
  it("kListOption accepts a positive integer or (when allowed) a list of distinct ones", () => {
    expect(kListOption("f", 3, true)).toEqual([3]);
    expect(kListOption("f", [5, 10], true)).toEqual([5, 10]);
    expect(() => kListOption("f", [5, 10], false)).toThrow(InvalidArgumentError);
    expect(() => kListOption("f", 0, true)).toThrow("f: k must be a positive integer or a list of positive integers; got 0.");
    expect(() => kListOption("f", "3", false)).toThrow("f: k must be a positive integer; got 3.");
    expect(() => kListOption("f", [], true)).toThrow(/empty list/);
    expect(() => kListOption("f", [2, 2], true)).toThrow(/repeat/);
  });
  it("checkKAgainstN", () => {
    expect(() => checkKAgainstN("f", [3], 4)).not.toThrow();
    expect(() => checkKAgainstN("f", [3, 4], 4)).toThrow(InsufficientSamplesError);
    expect(() => checkKAgainstN("f", [1], 1)).toThrow("f: k must be an integer in [1, n-1] (n = 1); got 1.");
    expect(() => checkKAgainstN("f", [1], 0)).toThrow(InsufficientSamplesError);
  });
  it("highDimensionWarning: d > 10 or N < 20 * 2^(d/2)", () => {
    expect(highDimensionWarning("f", 2, 40)).toBeUndefined();
    expect(highDimensionWarning("f", 2, 39)?.code).toBe("high-dimension");
    expect(highDimensionWarning("f", 10, 640)).toBeUndefined();
    expect(highDimensionWarning("f", 11, 1e6)?.code).toBe("high-dimension");
  });
  it("negativeWarning, zeroFraction", () => {
    expect(negativeWarning("f", -0.01, "mutual information")?.code).toBe("negative-estimate");
    expect(negativeWarning("f", 0, "mutual information")).toBeUndefined();
    expect(zeroFraction(Float64Array.from([0, 1, 0, 2]))).toBe(0.5);
    expect(zeroFraction(new Float64Array(0))).toBe(0);
  });
  it("marginalRadii: largest max-norm distance to the first k listed neighbours", () => {
    const m = fromRows([
      [0, 0],
      [1, -3],
      [2, 1],
    ]);
    const indices = Int32Array.from([1, 2, 0, 2, 0, 1]); // kmax = 2
    const out = new Float64Array(3);
    marginalRadii(m, indices, 2, 1, out);
    expect(Array.from(out)).toEqual([3, 3, 2]);
    marginalRadii(m, indices, 2, 2, out);
    expect(Array.from(out)).toEqual([3, 4, 4]);
  });
});
