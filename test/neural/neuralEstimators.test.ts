import { beforeAll, describe, expect, it } from "vitest";
import { tf, useBackend } from "../../src/neural/engine.js";
import { neuralMI } from "../../src/neural/neuralEstimators.js";
import { stillRising } from "../../src/neural/stillRising.js";
import { lazyNeuralMI, neuralEstimators } from "../../src/neural/descriptors.js";
import { NEURAL_DEFAULTS, NEURAL_LR_DEFAULTS, resolveNeuralOptions, type NeuralEstimatorId, type NeuralOptions } from "../../src/neural/options.js";
import { AbortError, InvalidArgumentError, ShapeMismatchError, TrainingDivergedError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { gaussianPairs } from "./gaussianPairs.js";
import type { Matrix, Progress } from "../../src/core/types.js";

/** Tiny, fast settings on the cpu backend. */
const TINY: NeuralOptions = { backend: "cpu", hidden: [8], embedding: 4, batchSize: 32, steps: 12, evalEvery: 6, evalBatchSize: 64 };
const ALL: NeuralEstimatorId[] = ["mine", "nwj", "infonce", "js", "smile", "wpc", "club"];

describe("neural estimators (cpu backend, tiny networks)", () => {
  const data = gaussianPairs(160, 1, 0.8, 1);

  beforeAll(async () => {
    await useBackend("cpu");
  });

  it("the registry lists the seven estimators, family neural, with defaults that match NEURAL_DEFAULTS and NEURAL_LR_DEFAULTS", () => {
    expect(neuralEstimators.map((d) => d.id)).toEqual(ALL);
    for (const d of neuralEstimators) {
      expect(d.family).toBe("neural");
      expect(d.mi).toBeDefined();
      const id = d.id as keyof typeof NEURAL_LR_DEFAULTS;
      const perBound = { ...NEURAL_LR_DEFAULTS[id], normFeature: id === "club" ? false : "auto" } as Record<string, unknown>;
      for (const spec of d.options) {
        const dflt = spec.name in perBound ? perBound[spec.name] : (NEURAL_DEFAULTS as Record<string, unknown>)[spec.name];
        expect(spec.default).toEqual(Array.isArray(dflt) ? [...dflt] : dflt);
      }
      // the factory accepts the defaults it advertises
      const opts = Object.fromEntries(d.options.map((s) => [s.name, s.default]));
      expect(d.mi!(opts).id).toBe(d.id);
    }
    // smile, nwj and mine train at 1e-3 with a cosine decay; the others at the base 2e-4, constant
    for (const id of ["smile", "nwj", "mine"] as const) expect(resolveNeuralOptions(id)).toMatchObject({ lr: 1e-3, lrSchedule: "cosine" });
    for (const id of ["infonce", "js", "wpc", "club"] as const) expect(resolveNeuralOptions(id)).toMatchObject({ lr: NEURAL_DEFAULTS.lr, lrSchedule: "constant" });
  });

  for (const id of ALL) {
    it(`${id}: finite estimate, full Estimate, no tensor left behind`, async () => {
      const before = tf.memory().numTensors;
      const { embedding: _e, ...noCritic } = TINY;
      const e = await neuralMI(id, id === "club" ? noCritic : TINY).estimate(data.x, data.y, { seed: 3 });
      expect(tf.memory().numTensors).toBe(before);
      expect(Number.isFinite(e.value)).toBe(true);
      expect(e.estimator).toBe(id);
      expect(e.quantity).toBe("mutual-information");
      expect(e.seed).toBe(3);
      expect(e.n).toBe(160);
      expect(e.params.steps).toBe(12);
      const curve = e.diagnostics.details.curve as { step: number[]; test: number[] };
      expect(curve.step).toEqual([6, 12]);
      expect(e.diagnostics.details.nTrain).toBe(80);
      expect(e.references.length).toBeGreaterThan(0);
    });
  }

  it("critic variants and WPC options run without leaks: joint (shuffled, all pairs), bilinear, spectral, wasserstein, cosine lr", async () => {
    const variants: [NeuralEstimatorId, NeuralOptions][] = [
      ["smile", { critic: "joint", negatives: 3 }],
      ["infonce", { critic: "joint", allPairs: true }],
      ["nwj", { critic: "bilinear", lrSchedule: "cosine", activation: "elu" }],
      ["wpc", { lipschitz: "spectral" }],
      ["wpc", { critic: "joint", objective: "wasserstein" }],
      ["mine", { critic: "joint", hidden: [], readout: "last" }],
    ];
    for (const [id, o] of variants) {
      const before = tf.memory().numTensors;
      const e = await neuralMI(id, { ...TINY, ...o }).estimate(data.x, data.y);
      expect(tf.memory().numTensors).toBe(before);
      expect(Number.isFinite(e.value)).toBe(true);
      if (o.objective === "wasserstein") expect(e.quantity).toBe("wasserstein-dependency");
    }
  });

  it("determinism on the cpu backend: same seed, identical estimate and curve; another seed differs", async () => {
    const est = neuralMI("smile", TINY);
    const a = await est.estimate(data.x, data.y, { seed: 11 });
    const b = await est.estimate(data.x, data.y, { seed: 11 });
    const c = await est.estimate(data.x, data.y, { seed: 12 });
    expect(b.value).toBe(a.value);
    expect(b.diagnostics.details.curve).toEqual(a.diagnostics.details.curve);
    expect(c.value).not.toBe(a.value);
  });

  it("bits = nats / ln 2", async () => {
    const est = neuralMI("nwj", TINY);
    const nats = await est.estimate(data.x, data.y, { seed: 2 });
    const bits = await est.estimate(data.x, data.y, { seed: 2, units: "bits" });
    expect(bits.value).toBeCloseTo(nats.value / Math.LN2, 12);
  });

  it("recovers I = 0.511 nats of a 2-d Gaussian with rho = 0.8 (SMILE, 600 rows, 150 steps)", async () => {
    // Truth -1/2 log(1 - 0.64) = 0.5108. Held-out SMILE on 300 test rows with a 16-unit critic:
    // the sampling sd of a held-out DV-type estimate at n = 300 is about sqrt(Var log r / n)
    // ~ 0.05 nats, and 150 steps leave the bound low (a lower bound, still rising): measured
    // 0.43-0.53 over 3 data sets x 2 seeds. Tolerance 0.15 covers both; it still rejects the
    // NWJ(T = f) read-out (I - 1/e = 0.14) and a critic that learned nothing (0).
    const g = gaussianPairs(600, 1, 0.8, 21);
    const e = await neuralMI("smile", { backend: "cpu", hidden: [16], embedding: 8, batchSize: 64, steps: 150, lr: 1e-2, lrSchedule: "constant", evalEvery: 50 }).estimate(g.x, g.y, {
      seed: 1,
    });
    expect(Math.abs(e.value - g.truth)).toBeLessThan(0.15);
  });

  it("the per-bound default schedule (smile: lr 1e-3, cosine) recovers I = 0.511 nats of the same 2-d Gaussian", async () => {
    // Only the network is shrunk (wasm backend, for speed); lr and lrSchedule are smile's defaults. Tolerance as above.
    const g = gaussianPairs(600, 1, 0.8, 21);
    const est = neuralMI("smile", { backend: "wasm", hidden: [32], embedding: 8, batchSize: 64, steps: 1500, evalEvery: 100 });
    expect(est.options).toMatchObject({ lr: 1e-3, lrSchedule: "cosine" });
    const e = await est.estimate(g.x, g.y, { seed: 1 });
    expect(Math.abs(e.value - g.truth)).toBeLessThan(0.15);
  });

  it("independent data: estimates near 0 (negative values are returned raw, with a warning)", async () => {
    const rng = createRng(5);
    const n = 400;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const e = await neuralMI("smile", { backend: "cpu", hidden: [8], embedding: 4, batchSize: 64, steps: 60, evalEvery: 20 }).estimate(x, y, { seed: 1 });
    expect(Math.abs(e.value)).toBeLessThan(0.1);
    if (e.value < 0) expect(e.diagnostics.warnings.map((w) => w.code)).toContain("negative-estimate");
  });

  it("an absurd learning rate raises TrainingDivergedError with the step, and leaks nothing", async () => {
    const before = tf.memory().numTensors;
    const err = await neuralMI("nwj", { ...TINY, activation: "relu", lr: 1e8, clipNorm: 0, steps: 50, normalScores: false })
      .estimate(data.x, data.y)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingDivergedError);
    expect((err as TrainingDivergedError).step).toBeGreaterThanOrEqual(1);
    expect((err as TrainingDivergedError).message).toMatch(/^nwj: training diverged at step \d+/);
    expect((err as TrainingDivergedError).message).toMatch(/lower lr \(now 100000000\) or set clipNorm \(now off\)\.$/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("AbortSignal stops training (AbortError) and leaks nothing; onProgress counts steps", async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const seen: Progress[] = [];
    const err = await neuralMI("smile", { ...TINY, steps: 1000 })
      .estimate(data.x, data.y, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.done === 5) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[0].total).toBe(1000);
    expect(tf.memory().numTensors).toBe(before);
    // an already-aborted signal
    await expect(neuralMI("js", TINY).estimate(data.x, data.y, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });

  it("early stopping ends training after `patience` evaluations without improvement", async () => {
    // lr = 1e-12 leaves float32 weights unchanged: evaluations at steps 3, 6, 9 are equal, the
    // first is the best, and patience 2 stops after the third.
    const e = await neuralMI("infonce", { ...TINY, steps: 400, evalEvery: 3, patience: 2, lr: 1e-12 }).estimate(data.x, data.y);
    const d = e.diagnostics.details;
    expect(d.stoppedEarly).toBe(true);
    expect(d.stepsRun).toBe(9);
    expect(d.bestStep).toBe(3);
    expect(e.value).toBe(d.bestValueNats);
  });

  it("a run that ends while its held-out estimate still rises carries a still-rising warning (and only then)", async () => {
    const g = gaussianPairs(600, 1, 0.8, 2);
    const short = await neuralMI("smile", { backend: "cpu", hidden: [16], embedding: 8, batchSize: 64, steps: 60, evalEvery: 5, lr: 1e-3, lrSchedule: "constant" }).estimate(g.x, g.y, { seed: 1 });
    const d = short.diagnostics.details as { curve: { step: number[]; train: number[]; test: number[] }; stoppedEarly: boolean; stepsRun: number };
    const rising = stillRising(d.curve, d.stoppedEarly);
    expect(rising).toBeDefined();
    const w = short.diagnostics.warnings.find((x) => x.code === "still-rising");
    expect(w?.message).toBe(
      `smile: the held-out estimate was still rising when training ended (${rising!.from.toFixed(3)} at step ${rising!.fromStep} -> ${rising!.to.toFixed(3)} nats at step 60); more steps (steps: 120; CLI --steps 120) would likely give a higher, less biased value.`,
    );
    // stopped early: never flagged
    const stopped = await neuralMI("infonce", { ...TINY, steps: 400, evalEvery: 3, patience: 2, lr: 1e-12 }).estimate(data.x, data.y);
    expect(stopped.diagnostics.warnings.map((x) => x.code)).not.toContain("still-rising");
  });

  it("the registry's lazy factory validates when built and estimates like neuralMI", async () => {
    expect(() => lazyNeuralMI("smile", { steps: -1 })).toThrow(InvalidArgumentError);
    const a = await lazyNeuralMI("js", TINY).estimate(data.x, data.y, { seed: 4 });
    const b = await neuralMI("js", TINY).estimate(data.x, data.y, { seed: 4 });
    expect(a.value).toBe(b.value);
  });

  it("InfoNCE warns when the estimate is within 0.1 nats of log B", async () => {
    // y = x exactly (8 columns): I is infinite; a critic g(x)'h(y) ~ c x'y separates the rows of
    // 4-row evaluation chunks easily, so InfoNCE saturates at log 4.
    const rng = createRng(9);
    const x = { data: Float64Array.from({ length: 64 * 8 }, () => rng.normal()), rows: 64, cols: 8 };
    // trainFraction 1: evaluated in sample, where the critic separates the rows (64 rows are
    // too few to generalise the identity map in 8 dimensions).
    const e = await neuralMI("infonce", { backend: "cpu", hidden: [16], embedding: 8, batchSize: 16, steps: 100, lr: 1e-2, evalBatchSize: 4, evalEvery: 50, trainFraction: 1 }).estimate(x, x);
    expect(e.diagnostics.details.cap).toBeCloseTo(Math.log(4), 12);
    expect(e.value).toBeLessThanOrEqual(Math.log(4) + 1e-5);
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("bound-saturated");
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("in-sample");
  });

  it("validates options and data", async () => {
    expect(() => neuralMI("smile", { steps: 0 })).toThrow(InvalidArgumentError);
    expect(() => neuralMI("smile", { critic: "deep" as never })).toThrow(/smile: critic must be one of separable, joint, bilinear; got "deep"/);
    expect(() => neuralMI("nwj", { tau: 3 })).toThrow(/nwj: unknown option "tau"/);
    expect(() => neuralMI("club", { critic: "joint" })).toThrow(/club: unknown option "critic"/);
    expect(() => neuralMI("wpc", { lipschitz: "spectral", critic: "separable" })).toThrow(/needs critic "joint"/);
    expect(() => neuralMI("mine", { hidden: [0] })).toThrow(/hidden must be/);
    expect(() => neuralMI("smile", { backend: "webgl" as never })).toThrow(InvalidArgumentError);
    expect(resolveNeuralOptions("smile", { hidden: 7 }).hidden).toEqual([7]);
    expect(resolveNeuralOptions("wpc", { lipschitz: "spectral" }).critic).toBe("joint");
    await expect(neuralMI("smile", TINY).estimate(data.x, { data: new Float64Array(3), rows: 3, cols: 1 })).rejects.toBeInstanceOf(ShapeMismatchError);
    await expect(neuralMI("smile", TINY).estimate([1, 2, 3], [1, 2, 3])).rejects.toThrow(/needs at least 4 rows/);
    await expect(neuralMI("smile", TINY).estimate([1, 2, NaN, 4], [1, 2, 3, 4])).rejects.toThrow(/row 2, column 0/);
  });
});

describe("the wasm backend (default in Node)", () => {
  it("loads its .wasm from the package and agrees with the cpu backend (float32 rounding only)", async () => {
    const g = gaussianPairs(160, 2, 0.6, 3);
    const opts: NeuralOptions = { ...TINY, steps: 6, evalEvery: 3 };
    const cpu = await neuralMI("smile", { ...opts, backend: "cpu" }).estimate(g.x, g.y, { seed: 1 });
    const before = tf.memory().numTensors;
    const wasm = await neuralMI("smile", { ...opts, backend: "wasm" }).estimate(g.x, g.y, { seed: 1 });
    expect(tf.getBackend()).toBe("wasm");
    expect(tf.memory().numTensors).toBe(before);
    // Same weights, batches and ops; only float32 summation order differs (XNNPACK vs JS loops):
    // after 6 Adam steps the estimates agree to ~1e-5; 1e-3 leaves room.
    expect(Math.abs(wasm.value - cpu.value)).toBeLessThan(1e-3);
    await useBackend("cpu");
  });
});

describe("normalScores and the heavy-tail warning", () => {
  /** Cauchy-like columns (ratio of normals) with a shared scale: heavy tails in every column. */
  function heavy(n: number, seed: number): { x: Matrix; y: Matrix } {
    const rng = createRng(seed);
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const w = Math.abs(rng.normal()) + 1e-3;
      for (let j = 0; j < 2; j++) {
        x[i * 2 + j] = rng.normal() / w;
        y[i * 2 + j] = rng.normal() / w;
      }
    }
    return { x: { data: x, rows: n, cols: 2 }, y: { data: y, rows: n, cols: 2 } };
  }

  beforeAll(async () => {
    await useBackend("cpu");
  });

  it("heavy tails with normalScores: false get a heavy-tails warning naming the columns and suggesting the scores", async () => {
    const d = heavy(200, 4);
    const e = await neuralMI("smile", { ...TINY, normalScores: false }).estimate(d.x, d.y, { seed: 2 });
    const w = e.diagnostics.warnings.find((v) => v.code === "heavy-tails");
    expect(w?.message).toMatch(/heavy tails in x\[0\] \([0-9.e+]+\), x\[1\]/);
    expect(w?.message).toMatch(/normalScores: true or "auto"/);
    expect((e.diagnostics.details as { normalScoresApplied: boolean }).normalScoresApplied).toBe(false);
    // Gaussian columns: no such warning.
    const g = gaussianPairs(200, 1, 0.5, 3);
    const eg = await neuralMI("smile", { ...TINY, normalScores: false }).estimate(g.x, g.y, { seed: 2 });
    expect(eg.diagnostics.warnings.some((v) => v.code === "heavy-tails")).toBe(false);
  });

  it('normalScores "auto" (the default) applies the scores exactly when a column is heavy-tailed, and says so', async () => {
    const { normalScores } = await import("../../src/estimators/auto/summaries.js");
    expect(resolveNeuralOptions("smile").normalScores).toBe("auto");
    const d = heavy(200, 4);
    const auto = await neuralMI("smile", TINY).estimate(d.x, d.y, { seed: 2 });
    const forced = await neuralMI("smile", { ...TINY, normalScores: true }).estimate(d.x, d.y, { seed: 2 });
    expect(auto.value).toBe(forced.value);
    expect((auto.diagnostics.details as { normalScoresApplied: boolean }).normalScoresApplied).toBe(true);
    expect(auto.diagnostics.warnings.find((v) => v.code === "heavy-tails")?.message).toMatch(/x\[0\].*replaced by its normal scores first \(normalScores: "auto"/);
    // light tails: auto leaves the columns alone (same value as normalScores: false, not as the scores)
    const g = gaussianPairs(200, 1, 0.5, 3);
    const ga = await neuralMI("smile", TINY).estimate(g.x, g.y, { seed: 2 });
    const gf = await neuralMI("smile", { ...TINY, normalScores: false }).estimate(g.x, g.y, { seed: 2 });
    expect(ga.value).toBe(gf.value);
    expect((ga.diagnostics.details as { normalScoresApplied: boolean }).normalScoresApplied).toBe(false);
    const gs = await neuralMI("smile", TINY).estimate(normalScores(g.x), normalScores(g.y), { seed: 2 });
    expect(gs.value).not.toBe(ga.value);
    expect(() => resolveNeuralOptions("smile", { normalScores: "always" as unknown as boolean })).toThrow(/normalScores must be true, false or "auto"; got "always"/);
  });

  it("a divergence on heavy-tailed columns says so and suggests normalScores", async () => {
    const d = heavy(200, 6);
    const err = await neuralMI("nwj", { ...TINY, activation: "relu", lr: 1e8, clipNorm: 0, steps: 50, normalScores: false })
      .estimate(d.x, d.y)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingDivergedError);
    expect((err as TrainingDivergedError).message).toMatch(/Heavy tails in x\[0\] .*try normalScores: true \(CLI: --normal-scores true\)\.$/);
  });

  it("normalScores: true equals passing the normal scores in (the map is per column, before the split), and drops the warning", async () => {
    const { normalScores } = await import("../../src/estimators/auto/summaries.js");
    const d = heavy(200, 5);
    const a = await neuralMI("smile", { ...TINY, normalScores: true }).estimate(d.x, d.y, { seed: 7 });
    const b = await neuralMI("smile", { ...TINY, normalScores: false }).estimate(normalScores(d.x), normalScores(d.y), { seed: 7 });
    expect(a.value).toBe(b.value);
    expect(a.diagnostics.warnings.some((v) => v.code === "heavy-tails")).toBe(false);
    expect(a.params.normalScores).toBe(true);
    // MI is invariant to monotone maps per column: a strictly increasing map of the input gives the same scores.
    const cubed = { ...d.x, data: d.x.data.map((v) => v * v * v + v) };
    const c = await neuralMI("smile", { ...TINY, normalScores: true }).estimate(cubed, d.y, { seed: 7 });
    expect(c.value).toBe(a.value);
    expect(() => resolveNeuralOptions("smile", { normalScores: "yes" as unknown as boolean })).toThrow(InvalidArgumentError);
  });
});
