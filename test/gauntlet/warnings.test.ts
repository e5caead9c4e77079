/**
 * Result warnings with stable codes (src/core/warnings.ts): each rule triggers where it should,
 * stays quiet where it should not, and reaches the CLI's stderr (human output) and JSON.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fromColumn, matrix } from "../../src/core/data/matrix.js";
import { createRng } from "../../src/core/random/rng.js";
import type { Estimate, Matrix } from "../../src/core/types.js";
import { SMALL_SAMPLE_ROWS, WARNING_CODES } from "../../src/core/warnings.js";
import { frenzelPompe } from "../../src/estimators/conditional.js";
import { knnKlDivergence as knnKl } from "../../src/estimators/divergence.js";
import { gaussianEntropy, gaussianMI } from "../../src/estimators/gaussian.js";
import { HEAVY_TAIL_RATIO, prepareKnnData, tailRatio } from "../../src/estimators/knnPrep.js";
import { kozachenkoLeonenko } from "../../src/estimators/kozachenkoLeonenko.js";
import { ksg } from "../../src/estimators/ksg.js";
import { findEstimator } from "../../src/estimators/registry.js";
import { runCli, tmpDir, toCsv, writeFile } from "../cli/runCli.js";

const codes = (e: Estimate) => e.diagnostics.warnings.map((w) => w.code);

function normals(n: number, seed: number): Matrix {
  const rng = createRng(seed);
  return fromColumn(Float64Array.from({ length: n }, () => rng.normal()));
}

function cauchy(n: number, seed: number): Matrix {
  const rng = createRng(seed);
  return fromColumn(Float64Array.from({ length: n }, () => Math.tan(Math.PI * (rng.float64() - 0.5))));
}

function map(m: Matrix, f: (v: number) => number): Matrix {
  return matrix(m.data.map(f), m.rows, m.cols);
}

describe("heavy-tails", () => {
  it("tailRatio is scale/shift invariant and matches closed forms on quantile grids", () => {
    // Evenly spaced quantiles of the logistic (F^-1(p) = ln(p / (1 - p))): the ratio of the sample
    // quantiles tends to ln(99) * 2 / (2 ln 3) = 4.183 for a fine grid.
    const n = 100001;
    const grid = Float64Array.from({ length: n }, (_, i) => {
      const p = (i + 0.5) / n;
      return Math.log(p / (1 - p));
    });
    const m = fromColumn(grid);
    expect(tailRatio(m, 0)).toBeCloseTo(Math.log(99) / Math.log(3), 2);
    expect(tailRatio(map(m, (v) => 7 * v - 3), 0)).toBeCloseTo(tailRatio(m, 0), 10);
    // Cauchy grid: tan(pi (p - 1/2)) gives (2 tan(0.49 pi)) / 2 = 31.82.
    const c = fromColumn(Float64Array.from({ length: n }, (_, i) => Math.tan(Math.PI * ((i + 0.5) / n - 0.5))));
    expect(tailRatio(c, 0)).toBeCloseTo(Math.tan(0.49 * Math.PI), 0);
    // A mostly tied column has IQR 0: ratio 0 (ties are reported by their own warning).
    expect(tailRatio(fromColumn([0, 0, 0, 0, 0, 0, 0, 1, 2, 0]), 0)).toBe(0);
  });

  it("KSG on a Cauchy column warns, names the column and suggests asinh; asinh removes it", () => {
    const x = cauchy(400, 1);
    const y = map(x, (v) => v + 0); // same tails in y
    const yn = normals(400, 2);
    const e = ksg().estimate(x, yn);
    expect(codes(e)).toContain(WARNING_CODES.heavyTails);
    const msg = e.diagnostics.warnings.find((w) => w.code === "heavy-tails")!.message;
    expect(msg).toMatch(/^ksg-1: heavy tails in x column 0 \(\d/);
    expect(msg).toMatch(/asinh/);
    expect(msg).not.toMatch(/ y /);
    expect(codes(ksg().estimate(x, y))).toContain("heavy-tails");
    const t = ksg().estimate(map(x, Math.asinh), yn);
    expect(codes(t)).not.toContain("heavy-tails");
    expect(Number.isFinite(e.value)).toBe(true);
  });

  it("never fires on normal data (N = 20..2000) and fires for every kNN entry point on Cauchy data", () => {
    for (const n of [20, 50, 200, 2000]) {
      for (let s = 0; s < 5; s++) {
        const prep = prepareKnnData("t", [{ name: "x", matrix: normals(n, 100 + s) }], { standardize: true, jitter: 0 }, 0);
        expect(prep.variables[0].heavyTailedColumns).toEqual([]);
      }
    }
    const x = cauchy(300, 3);
    const z = normals(300, 4);
    expect(codes(kozachenkoLeonenko().estimate(x))).toContain("heavy-tails");
    expect(codes(frenzelPompe().estimate(z, z.rows === 300 ? normals(300, 5) : z, x))).toContain("heavy-tails");
    expect(codes(knnKl().estimate(x, normals(300, 6)))).toContain("heavy-tails");
    expect(HEAVY_TAIL_RATIO).toBe(10);
  });

  it("is skipped below 20 rows", () => {
    const prep = prepareKnnData("t", [{ name: "x", matrix: fromColumn([0, 1, 2, 3, 1e9, -1e9, 4, 5, 6, 7]) }], { standardize: true, jitter: 0 }, 0);
    expect(prep.warnings.map((w) => w.code)).not.toContain("heavy-tails");
  });
});

describe("small-sample", () => {
  it(`fires below ${SMALL_SAMPLE_ROWS} rows for KSG, KL, Frenzel-Pompe, kNN KL and Gaussian`, () => {
    const n = SMALL_SAMPLE_ROWS - 1;
    const [x, y, z] = [normals(n, 1), normals(n, 2), normals(n, 3)];
    for (const e of [
      ksg().estimate(x, y),
      kozachenkoLeonenko().estimate(x),
      frenzelPompe().estimate(x, y, z),
      knnKl().estimate(x, y),
      gaussianMI().estimate(x, y),
      gaussianEntropy().estimate(x),
    ]) {
      expect(codes(e)).toContain(WARNING_CODES.smallSample);
      expect(e.diagnostics.warnings.find((w) => w.code === "small-sample")!.message).toMatch(new RegExp(`only ${n} rows \\(fewer than ${SMALL_SAMPLE_ROWS}\\)`));
    }
    // The discrete family: the generic rule, once (not twice when a specific one already fired).
    const codesX = fromColumn(Float64Array.from({ length: 10 }, (_, i) => i % 3));
    const codesY = fromColumn(Float64Array.from({ length: 10 }, (_, i) => (i * 7) % 4));
    for (const id of ["plugin", "miller-madow", "grassberger", "chao-shen", "nsb", "jackknife"]) {
      const e = findEstimator(id).mi!({}).estimate(codesX, codesY) as Estimate;
      expect(codes(e).filter((c) => c === "small-sample")).toHaveLength(1);
    }
    const m = SMALL_SAMPLE_ROWS;
    const [a, b] = [normals(m, 1), normals(m, 2)];
    expect(codes(ksg().estimate(a, b))).not.toContain("small-sample");
    expect(codes(gaussianMI().estimate(a, b))).not.toContain("small-sample");
  });
});

describe("existing rules", () => {
  it("high-dimension, ties-jittered, negative-estimate (value kept raw)", () => {
    const rng = createRng(9);
    const wide = matrix(Float64Array.from({ length: 200 * 6 }, () => rng.normal()), 200, 6);
    expect(codes(ksg().estimate(wide, wide.rows === 200 ? matrix(Float64Array.from({ length: 200 * 6 }, () => rng.normal()), 200, 6) : wide))).toContain(
      "high-dimension",
    );
    const tied = fromColumn(Float64Array.from({ length: 100 }, (_, i) => i % 10));
    expect(codes(ksg().estimate(tied, normals(100, 1)))).toContain("ties-jittered");
    // Independent normals: some seeds give a negative KSG value; it is returned raw.
    let seen = false;
    for (let s = 0; s < 20 && !seen; s++) {
      const e = ksg().estimate(normals(200, 2 * s), normals(200, 2 * s + 1));
      if (e.value < 0) {
        seen = true;
        expect(codes(e)).toContain("negative-estimate");
        expect(e.diagnostics.details.perK).toBeDefined();
      } else expect(codes(e)).not.toContain("negative-estimate");
    }
    expect(seen).toBe(true);
  });
});

describe("the CLI carries warnings", () => {
  let csv: string;
  beforeAll(() => {
    // Cauchy quantiles on a grid of 30 (tail ratio about 20), in a scrambled order.
    const x = Array.from({ length: 30 }, (_, i) => Math.tan(Math.PI * (((i * 17) % 30) + 0.5) / 30 - Math.PI / 2));
    const y = normals(30, 8);
    const rows = Array.from({ length: 30 }, (_, i) => [x[i], y.data[i]]);
    csv = writeFile(tmpDir(), "heavy.csv", toCsv(["a", "b"], rows));
  });

  it("human output: one `warning [code]: message` line per warning on stderr", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning \[small-sample\]: ksg-1: only 30 rows/m);
    expect(r.stderr).toMatch(/^warning \[heavy-tails\]: ksg-1: heavy tails in x column 0/m);
    expect(r.stdout).not.toMatch(/warning/);
  });

  it("--json: diagnostics.warnings holds {code, message}; stderr stays empty", async () => {
    const r = await runCli(["estimate", csv, "--x", "a", "--y", "b", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const w = JSON.parse(r.stdout).diagnostics.warnings as { code: string; message: string }[];
    expect(w.map((v) => v.code)).toEqual(expect.arrayContaining(["small-sample", "heavy-tails"]));
    for (const v of w) expect(Object.values(WARNING_CODES)).toContain(v.code);
  });

  it("entropy and matrix commands too", async () => {
    const e = await runCli(["entropy", csv, "--x", "a", "--json", "--estimator", "kozachenko-leonenko"]);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).diagnostics.warnings.map((v: { code: string }) => v.code)).toContain("heavy-tails");
    const m = await runCli(["matrix", csv, "--json"]);
    expect(m.code).toBe(0);
    const mw = JSON.stringify(JSON.parse(m.stdout).diagnostics ?? {});
    expect(mw).toMatch(/small-sample/);
  });
});
