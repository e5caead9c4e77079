import { beforeAll, describe, expect, it } from "vitest";
import { task } from "../../src/bench/tasks.js";
import { createRng } from "../../src/core/random/rng.js";
import { gaussianPairs } from "./gaussianPairs.js";
import type { Matrix } from "../../src/core/types.js";
import { useBackend } from "../../src/neural/engine.js";
import { neuralMI } from "../../src/neural/neuralEstimators.js";
import { normalScores } from "../../src/estimators/auto/summaries.js";
import { appendColumn, normFeature, NORM_FEATURE_EXCESS, scaleDependence } from "../../src/neural/normFeature.js";
import { resolveNeuralOptions, type NeuralOptions } from "../../src/neural/options.js";

/** X = s Z1, Y = s Z2 with a shared scale s = 1 / sqrt(chi2_3 / 3): Student t(3) margins, uncorrelated columns. */
function sharedScale(n: number, d: number, seed: number): { x: Matrix; y: Matrix } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let chi = 0;
    for (let k = 0; k < 3; k++) chi += rng.normal() ** 2;
    const s = 1 / Math.sqrt(chi / 3);
    for (let j = 0; j < d; j++) {
      x[i * d + j] = s * rng.normal();
      y[i * d + j] = s * rng.normal();
    }
  }
  return { x: { data: x, rows: n, cols: d }, y: { data: y, rows: n, cols: d } };
}

const allRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe("scaleDependence: squared-norm correlation against its Gaussian value", () => {
  it("on Gaussian pairs both equal the closed form rho^2 (Isserlis), so the excess is about 0", () => {
    // corr(|x|^2, |y|^2) = ||C_xy||_F^2 / (||C_xx||_F ||C_yy||_F) = d rho^2 / d for paired coordinates.
    const g = gaussianPairs(4000, 3, 0.6, 1);
    const s = scaleDependence(normalScores(g.x), normalScores(g.y), allRows(4000));
    expect(s.gaussian).toBeCloseTo(0.36, 1);
    expect(Math.abs(s.gaussian - 0.36)).toBeLessThan(0.03);
    expect(Math.abs(s.observed - 0.36)).toBeLessThan(0.05);
    expect(Math.abs(s.excess)).toBeLessThan(0.05);
    expect(s.excess).toBeLessThan(s.threshold);
    expect(s.threshold).toBe(NORM_FEATURE_EXCESS);
    expect(s.rows).toBe(4000);
  });

  it("on independent columns both are about 0", () => {
    const g = gaussianPairs(3000, 4, 0, 2);
    const s = scaleDependence(normalScores(g.x), normalScores(g.y), allRows(3000));
    expect(Math.abs(s.observed)).toBeLessThan(0.06);
    expect(s.gaussian).toBeLessThan(0.01);
    expect(s.excess).toBeLessThan(s.threshold);
  });

  it("a shared scale gives a large excess: the norms are correlated, the columns are not", () => {
    const d = sharedScale(3000, 3, 3);
    const s = scaleDependence(normalScores(d.x), normalScores(d.y), allRows(3000));
    expect(s.gaussian).toBeLessThan(0.01);
    expect(s.observed).toBeGreaterThan(0.3);
    expect(s.excess).toBeGreaterThan(s.threshold);
  });

  it("uses only the given rows, and at most the work budget's worth of them (at least 500)", () => {
    const d = sharedScale(2000, 2, 4);
    const half = Int32Array.from({ length: 1000 }, (_, i) => 2 * i);
    const s = scaleDependence(normalScores(d.x), normalScores(d.y), half);
    expect(s.rows).toBe(1000);
    const t = scaleDependence(normalScores(d.x), normalScores(d.y), half.slice(0, 700));
    expect(t.rows).toBe(700);
    expect(t.threshold).toBeCloseTo(Math.max(NORM_FEATURE_EXCESS, 4 / Math.sqrt(700)), 12);
    // 400 + 400 columns: 480000 multiply-adds per row, 2e8 in all -> 416 rows, raised to 500.
    const wide = gaussianPairs(800, 400, 0, 5);
    expect(scaleDependence(normalScores(wide.x), normalScores(wide.y), allRows(800)).rows).toBe(500);
  });
});

describe("normFeature and appendColumn", () => {
  it("normFeature is (|s|^2 - d) / sqrt(2d) of the chosen rows; appendColumn adds it as a last column and leaves its input alone", () => {
    const s: Matrix = { data: Float64Array.from([1, 2, 0, 0, -3, 1]), rows: 3, cols: 2 };
    const f = normFeature(s, Int32Array.from([2, 0]));
    expect(Array.from(f)).toEqual([(10 - 2) / 2, (5 - 2) / 2]);
    const data = Float32Array.from([7, 8, 9, 10]);
    const copy = data.slice();
    const out = appendColumn(data, 2, 2, f);
    expect(Array.from(data)).toEqual(Array.from(copy));
    expect(Array.from(out)).toEqual([7, 8, 4, 9, 10, 1.5]);
  });

  it("on the normal scores of independent columns the feature has mean about 0 and variance about 1, whatever the columns' tails", () => {
    // Independent Cauchy columns (ratios of normals): their own squared norm has no finite mean.
    const rng = createRng(8);
    const cauchy: Matrix = { data: Float64Array.from({ length: 4000 * 3 }, () => rng.normal() / rng.normal()), rows: 4000, cols: 3 };
    const f = normFeature(normalScores(cauchy), allRows(4000));
    const mean = f.reduce((a, b) => a + b, 0) / f.length;
    const variance = f.reduce((a, b) => a + (b - mean) ** 2, 0) / f.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.1);
  });
});

describe("normFeature in the neural estimators", () => {
  const TINY: NeuralOptions = { backend: "cpu", hidden: [8], embedding: 4, batchSize: 32, steps: 12, evalEvery: 6, evalBatchSize: 64 };

  beforeAll(async () => {
    await useBackend("cpu");
  });

  it('defaults to "auto" (false for club, whose Gaussian q(y|x) cannot model the feature) and validates its value', () => {
    for (const id of ["mine", "nwj", "infonce", "js", "smile", "wpc"] as const) expect(resolveNeuralOptions(id).normFeature).toBe("auto");
    expect(resolveNeuralOptions("club").normFeature).toBe(false);
    expect(resolveNeuralOptions("club", { normFeature: true }).normFeature).toBe(true);
    expect(() => resolveNeuralOptions("smile", { normFeature: "always" as unknown as boolean })).toThrow(/normFeature/);
  });

  it('"auto" adds the feature on shared-scale data (as true does) and not on Gaussian data (as false does)', async () => {
    const s = sharedScale(400, 2, 6);
    const auto = await neuralMI("smile", TINY).estimate(s.x, s.y, { seed: 1 });
    const on = await neuralMI("smile", { ...TINY, normFeature: true }).estimate(s.x, s.y, { seed: 1 });
    const off = await neuralMI("smile", { ...TINY, normFeature: false }).estimate(s.x, s.y, { seed: 1 });
    const details = (e: typeof auto) => e.diagnostics.details as { normFeatureApplied: boolean; scaleDependence?: { excess: number } };
    expect(details(auto).normFeatureApplied).toBe(true);
    expect(auto.value).toBe(on.value);
    expect(off.value).not.toBe(on.value);
    expect(details(auto).scaleDependence?.excess).toBeGreaterThan(NORM_FEATURE_EXCESS);
    expect(details(off).normFeatureApplied).toBe(false);
    expect(details(off).scaleDependence).toBeUndefined();

    const g = gaussianPairs(400, 2, 0.6, 7);
    const ga = await neuralMI("smile", TINY).estimate(g.x, g.y, { seed: 1 });
    const gf = await neuralMI("smile", { ...TINY, normFeature: false }).estimate(g.x, g.y, { seed: 1 });
    expect(details(ga).normFeatureApplied).toBe(false);
    expect(ga.value).toBe(gf.value);

    // club: off by default, also on shared-scale data
    const { embedding: _unused, ...clubTiny } = TINY;
    const c = await neuralMI("club", clubTiny).estimate(s.x, s.y, { seed: 1 });
    const cOff = await neuralMI("club", { ...clubTiny, normFeature: false }).estimate(s.x, s.y, { seed: 1 });
    expect(details(c).normFeatureApplied).toBe(false);
    expect(c.value).toBe(cOff.value);
  });

  it("the feature lets smile learn bmi's Student t 2 x 2 (nu = 1), where the columns alone leave it near 0", async () => {
    await useBackend("wasm");
    const t = task("student-identity-2-2-1");
    const s = t.sample(3000, 5);
    const withFeature = await neuralMI("smile", { steps: 600 }).estimate(s.x, s.y, { seed: 1 });
    const without = await neuralMI("smile", { steps: 600, normFeature: false }).estimate(s.x, s.y, { seed: 1 });
    expect((withFeature.diagnostics.details as { normFeatureApplied: boolean }).normFeatureApplied).toBe(true);
    expect(withFeature.value).toBeGreaterThan(0.5 * t.truth);
    expect(withFeature.value).toBeLessThan(1.1 * t.truth);
    expect(without.value).toBeLessThan(0.1 * t.truth);
    await useBackend("cpu");
  }, 120_000);
});
