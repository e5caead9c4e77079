import { describe, expect, it } from "vitest";
import { AbortError, InvalidArgumentError, ShapeMismatchError, UnsupportedDataError } from "../../../src/core/errors.js";
import { blockBootstrap, defaultBlockLength } from "../../../src/core/inference/blockBootstrap.js";
import { bootstrap } from "../../../src/core/inference/bootstrap.js";
import { estimateWithUncertainty } from "../../../src/core/inference/estimateWithUncertainty.js";
import { jackknife } from "../../../src/core/inference/jackknife.js";
import { permutationTest } from "../../../src/core/inference/permutationTest.js";
import { sequentialRunner, type ReplicateRunner } from "../../../src/core/inference/replicates.js";
import { subsample } from "../../../src/core/inference/subsample.js";
import type { Estimate, Matrix, MIEstimator } from "../../../src/core/types.js";
import { gaussianMI } from "../../../src/estimators/gaussian.js";
import { ksg } from "../../../src/estimators/ksg.js";
import { gaussianPair, gaussianTruth } from "./helpers.js";

const est = gaussianMI();
const [x, y] = gaussianPair(150, 0.5, 11);

describe("coverage of intervals for the Gaussian estimator (rho = 0.5, N = 100, 100 datasets)", () => {
  // 100 independent datasets: with true coverage 0.95 the hit count is Binomial(100, 0.95),
  // SD 2.2; P(hits <= 88) = 0.004, so >= 0.89 fails a correct method about once in 250 seeds
  // (the seeds are fixed, so the test is deterministic). Widths are compared with the delta-method
  // width 2 · 1.96 · SE, SE(Î) = ρ/√N for the bivariate Gaussian (dI/dr = r/(1-r²),
  // Var r ≈ (1-ρ²)²/N); 100 bootstrap replicates per dataset keep it under a second.
  const truth = gaussianTruth(0.5);
  const n = 100;
  const width = (2 * 1.96 * 0.5) / Math.sqrt(n);
  const run = async (f: (x: Matrix, y: Matrix, seed: number) => Promise<Estimate>) => {
    let hits = 0;
    let w = 0;
    for (let s = 0; s < 100; s++) {
      const [xs, ys] = gaussianPair(n, 0.5, 1000 + s);
      const ci = (await f(xs, ys, s)).uncertainty!.ci!;
      if (ci.lower <= truth && truth <= ci.upper) hits++;
      w += (ci.upper - ci.lower) / 100;
    }
    return { coverage: hits / 100, width: w };
  };

  it("percentile bootstrap", async () => {
    const r = await run((xs, ys, seed) => bootstrap(est, xs, ys, { seed, replicates: 100 }));
    expect(r.coverage).toBeGreaterThanOrEqual(0.89);
    expect(r.width / width).toBeGreaterThan(0.8);
    expect(r.width / width).toBeLessThan(1.25);
  });

  it("subsampling (m = N/2, finite-population scaling)", async () => {
    const r = await run((xs, ys, seed) => subsample(est, xs, ys, { seed, replicates: 100 }));
    expect(r.coverage).toBeGreaterThanOrEqual(0.89);
    expect(r.width / width).toBeGreaterThan(0.8);
    expect(r.width / width).toBeLessThan(1.25);
  });
});

describe("wrappers", () => {
  it("bootstrap percentile and BCa fill uncertainty in the estimate's units", async () => {
    const p = await bootstrap(est, x, y, { replicates: 200, seed: 3 });
    expect(p.value).toBe(est.estimate(x, y, { seed: 3 }).value);
    expect(p.uncertainty!.ci).toMatchObject({ level: 0.95, method: "bootstrap-percentile" });
    expect(p.uncertainty!.ci!.lower).toBeLessThan(p.value);
    expect(p.uncertainty!.ci!.upper).toBeGreaterThan(p.value);
    expect(p.uncertainty!.se).toBeGreaterThan(0);
    const b = await bootstrap(est, x, y, { replicates: 200, seed: 3, method: "bca", level: 0.9, units: "bits" });
    expect(b.units).toBe("bits");
    expect(b.uncertainty!.ci!.method).toBe("bootstrap-bca");
    expect(b.uncertainty!.ci!.level).toBe(0.9);
    const d = b.diagnostics.details.bootstrap as Record<string, number>;
    expect(d.jackknifeGroups).toBe(50);
    expect(Number.isFinite(d.z0) && Number.isFinite(d.acceleration)).toBe(true);
    // Bits: same replicates, every number divided by ln 2 (z0 and a are scale free).
    const bn = await bootstrap(est, x, y, { replicates: 200, seed: 3, method: "bca", level: 0.9 });
    expect(b.uncertainty!.ci!.lower).toBeCloseTo(bn.uncertainty!.ci!.lower / Math.LN2, 12);
    expect(b.uncertainty!.ci!.upper).toBeCloseTo(bn.uncertainty!.ci!.upper / Math.LN2, 12);
    expect(b.uncertainty!.se).toBeCloseTo(bn.uncertainty!.se! / Math.LN2, 12);
  });

  it("subsample, block bootstrap and jackknife", async () => {
    const s = await subsample(est, x, y, { replicates: 50, seed: 1, keepReplicates: true });
    expect(s.uncertainty!.ci!.method).toBe("subsample");
    const sd = s.diagnostics.details.subsample as { m: number; values: number[] };
    expect(sd.m).toBe(75);
    expect(sd.values).toHaveLength(50);
    const bb = await blockBootstrap(est, x, y, { replicates: 50, seed: 1 });
    expect(bb.uncertainty!.ci!.method).toBe("block-bootstrap");
    expect((bb.diagnostics.details.blockBootstrap as { blockLength: number }).blockLength).toBe(5);
    expect(defaultBlockLength(2000)).toBe(13);
    expect(defaultBlockLength(1)).toBe(1);
    const j = await jackknife(est, x, y, { groups: 150 });
    expect(j.uncertainty!.ci).toBeUndefined();
    // Delete-one jackknife SE vs the delta-method SE ρ/√N = 0.041 (sampling error of an SE
    // estimate at N = 150 is ~10%; 25% band).
    expect(Math.abs(j.uncertainty!.se! / (0.5 / Math.sqrt(150)) - 1)).toBeLessThan(0.25);
    const jg = await jackknife(est, x, y, { groups: 30, assignment: "contiguous" });
    expect(Math.abs(jg.uncertainty!.se! / j.uncertainty!.se! - 1)).toBeLessThan(0.5);
  });

  it("permutation p-value is small for dependent data and about uniform under independence", async () => {
    const dep = await permutationTest(est, x, y, { permutations: 99, seed: 2 });
    expect(dep.uncertainty!.pValue).toBe(0.01); // no permuted MI reaches 0.15 nats at N = 150
    const det = dep.diagnostics.details.permutation as { nullDistribution: number[] };
    expect(det.nullDistribution).toHaveLength(99);
    // Under independence p is uniform on {1/20, ..., 1}: 40 datasets, 19 permutations each;
    // mean p = 0.525 with SD 0.29/√40 = 0.046; fraction <= 0.1 is 0.1 (SD 0.047).
    const ps: number[] = [];
    for (let s = 0; s < 40; s++) {
      const [xi, yi] = gaussianPair(60, 0, 500 + s);
      ps.push((await permutationTest(est, xi, yi, { permutations: 19, seed: s })).uncertainty!.pValue!);
    }
    const mean = ps.reduce((a, b) => a + b, 0) / ps.length;
    expect(Math.abs(mean - 0.525)).toBeLessThan(0.15);
    expect(ps.filter((p) => p <= 0.1).length / ps.length).toBeLessThan(0.3);
  });

  it("the plain bootstrap of KSG is shifted up and flagged; subsampling is not (small N)", async () => {
    const [xs, ys] = gaussianPair(300, 0.5, 5);
    const k = ksg({ k: 5 });
    const b = await bootstrap(k, xs, ys, { replicates: 20, seed: 0 });
    expect(b.uncertainty!.ci!.lower).toBeGreaterThan(b.value);
    expect(b.diagnostics.warnings.map((w) => w.code)).toContain("bootstrap-shifted");
    await expect(bootstrap(k, xs, ys, { replicates: 20, seed: 0, method: "bca", jackknifeGroups: 10 })).rejects.toThrow(UnsupportedDataError);
    const s = await subsample(k, xs, ys, { replicates: 20, seed: 0 });
    expect(s.uncertainty!.ci!.lower).toBeLessThan(s.value);
    expect(s.uncertainty!.ci!.upper).toBeGreaterThan(s.value);
    expect(s.diagnostics.warnings.map((w) => w.code)).not.toContain("bootstrap-shifted");
  });

  it("same seed, same interval; other seed, other interval; runner order does not matter", async () => {
    const a = await bootstrap(est, x, y, { replicates: 30, seed: 9, method: "bca", jackknifeGroups: 10 });
    const b = await bootstrap(est, x, y, { replicates: 30, seed: 9, method: "bca", jackknifeGroups: 10 });
    expect(b.uncertainty).toEqual(a.uncertainty);
    const c = await bootstrap(est, x, y, { replicates: 30, seed: 10, method: "bca", jackknifeGroups: 10 });
    expect(c.uncertainty!.ci!.lower).not.toBe(a.uncertainty!.ci!.lower);
    // A runner computing replicates in reverse order gives identical values.
    const reverse: ReplicateRunner = {
      async run(job) {
        const { computeReplicate } = await import("../../../src/core/inference/resample.js");
        const v = new Float64Array(job.count);
        for (let i = job.count - 1; i >= 0; i--) v[i] = await computeReplicate(job.estimator, job.context, i);
        return v;
      },
    };
    const r = await bootstrap(est, x, y, { replicates: 30, seed: 9, method: "bca", jackknifeGroups: 10, runner: reverse });
    expect(r.uncertainty).toEqual(a.uncertainty);
  });

  it("progress reports every replicate; abort stops with AbortError", async () => {
    const seen: string[] = [];
    await bootstrap(est, x, y, { replicates: 5, method: "bca", jackknifeGroups: 3, onProgress: (p) => seen.push(`${p.label}:${p.done}/${p.total}`) });
    expect(seen).toEqual(["bootstrap:0/5", "bootstrap:1/5", "bootstrap:2/5", "bootstrap:3/5", "bootstrap:4/5", "bootstrap:5/5", "jackknife:0/3", "jackknife:1/3", "jackknife:2/3", "jackknife:3/3"]);
    const ac = new AbortController();
    ac.abort();
    await expect(subsample(est, x, y, { signal: ac.signal })).rejects.toThrow(AbortError);
    const ac2 = new AbortController();
    const p = permutationTest(est, x, y, {
      permutations: 1000,
      signal: ac2.signal,
      onProgress: (q) => {
        if (q.done === 3) ac2.abort();
      },
    });
    await expect(p).rejects.toThrow("permutationTest: aborted by the caller's AbortSignal.");
  });

  it("never mutates the input", async () => {
    const xc = x.data.slice();
    const yc = y.data.slice();
    await estimateWithUncertainty(est, x, y, { ci: { method: "bca", replicates: 10, jackknifeGroups: 5 }, test: { permutations: 5 } });
    await blockBootstrap(est, x, y, { replicates: 5 });
    await subsample(est, x, y, { replicates: 5 });
    await jackknife(est, x, y, { groups: 5 });
    expect(x.data).toEqual(xc);
    expect(y.data).toEqual(yc);
  });

  it("estimateWithUncertainty combines an interval and a p-value from one estimate", async () => {
    const e = await estimateWithUncertainty(est, x, y, { seed: 4, ci: { method: "subsample", replicates: 20 }, test: { permutations: 19 } });
    const s = await subsample(est, x, y, { seed: 4, replicates: 20 });
    const t = await permutationTest(est, x, y, { seed: 4, permutations: 19 });
    expect(e.uncertainty!.ci).toEqual(s.uncertainty!.ci);
    expect(e.uncertainty!.se).toBe(s.uncertainty!.se);
    expect(e.uncertainty!.pValue).toBe(t.uncertainty!.pValue);
    expect(Object.keys(e.diagnostics.details)).toEqual(expect.arrayContaining(["subsample", "permutation"]));
    for (const method of ["bootstrap", "bca", "block", "jackknife"] as const) {
      const r = await estimateWithUncertainty(est, x, y, { ci: { method, replicates: 10, jackknifeGroups: 5 } });
      expect(method === "jackknife" ? r.uncertainty!.se : r.uncertainty!.ci).toBeDefined();
    }
    // A precomputed estimate is reused, not recomputed.
    let calls = 0;
    const counting: MIEstimator = { id: "gaussian", options: {}, estimate: (a, b, run) => (calls++, est.estimate(a, b, run)) };
    const base = est.estimate(x, y);
    await estimateWithUncertainty(counting, x, y, { estimate: base, ci: { replicates: 4 } });
    expect(calls).toBe(4);
  });

  it("throws at each validation site", async () => {
    await expect(bootstrap(est, x, y, { level: 1 })).rejects.toThrow("bootstrap: level must be a number in (0, 1), e.g. 0.95; got 1.");
    await expect(bootstrap(est, x, y, { replicates: 1 })).rejects.toThrow("bootstrap: replicates must be an integer >= 2; got 1.");
    await expect(bootstrap(est, x, y, { replicates: 2.5 })).rejects.toThrow(InvalidArgumentError);
    await expect(bootstrap(est, x, y, { method: "basic" as "bca" })).rejects.toThrow(/method must be "percentile" or "bca"/);
    await expect(bootstrap(est, x, y, { method: "bca", jackknifeGroups: 151 })).rejects.toThrow(/jackknifeGroups must be an integer in \[2, N\]/);
    await expect(bootstrap(est, x, y, { method: "bca", jackknifeGroups: 1 })).rejects.toThrow(InvalidArgumentError);
    await expect(bootstrap(est, x, y, { seed: 1.5 })).rejects.toThrow("bootstrap: seed must be a safe integer; got 1.5.");
    await expect(bootstrap({} as MIEstimator, x, y)).rejects.toThrow(/estimator must be an MI estimator/);
    await expect(bootstrap(est, x, y, null as never)).rejects.toThrow(/options must be an object/);
    await expect(bootstrap(est, x, { data: new Float64Array(3), rows: 3, cols: 1 })).rejects.toThrow(ShapeMismatchError);
    await expect(bootstrap(est, x, y, { units: "bytes" as "bits" })).rejects.toThrow(/units must be "nats" or "bits"/);
    const base = est.estimate(x, y);
    await expect(bootstrap(est, x, y, { estimate: base, units: "bits" })).rejects.toThrow(/units must match/);
    await expect(bootstrap(est, x, y, { estimate: { ...base, n: 3 } })).rejects.toThrow(/estimate must be the full-sample Estimate/);
    await expect(subsample(est, x, y, { m: 150 })).rejects.toThrow("subsample: m must be an integer in [2, N - 1] (N = 150); got 150.");
    await expect(subsample(est, x, y, { finitePopulation: 1 as never })).rejects.toThrow(/finitePopulation must be a boolean/);
    await expect(subsample(est, x, y, { level: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(subsample(est, x, y, { replicates: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(blockBootstrap(est, x, y, { blockLength: 0 })).rejects.toThrow(/blockLength must be an integer in \[1, N\]/);
    await expect(blockBootstrap(est, x, y, { replicates: 1 })).rejects.toThrow(InvalidArgumentError);
    await expect(blockBootstrap(est, x, y, { level: -1 })).rejects.toThrow(InvalidArgumentError);
    await expect(jackknife(est, x, y, { groups: 1 })).rejects.toThrow("jackknife: groups must be an integer >= 2; got 1.");
    await expect(jackknife(est, x, y, { groups: 151 })).rejects.toThrow(/groups must be an integer in \[2, N\]/);
    await expect(jackknife(est, x, y, { assignment: "zigzag" as "random" })).rejects.toThrow(/assignment must be/);
    await expect(permutationTest(est, x, y, { permutations: 0 })).rejects.toThrow("permutationTest: permutations must be an integer >= 1; got 0.");
    await expect(estimateWithUncertainty(est, x, y, {})).rejects.toThrow(/must ask for ci and\/or test/);
    await expect(estimateWithUncertainty(est, x, y, { ci: { method: "wild" as "bca" } })).rejects.toThrow(/ci.method must be one of/);
    await expect(estimateWithUncertainty(est, x, y, { test: { method: "shift" as "permutation" } })).rejects.toThrow(/test.method must be "permutation"/);
    await expect(subsample(est, x, y, { runner: {} as ReplicateRunner })).rejects.toThrow(/runner must have a run/);
    await expect(subsample(est, x, y, { runner: { run: async () => new Float64Array(1) } })).rejects.toThrow(/runner returned 1 values; expected 200/);
    // The estimator's own errors on a replicate propagate (k >= m for KSG on tiny subsamples).
    const [xs, ys] = gaussianPair(12, 0.5, 1);
    await expect(subsample(ksg({ k: 5 }), xs, ys, { m: 4, replicates: 3 })).rejects.toThrow(/k/);
    expect(sequentialRunner).toBeDefined();
  });
});
