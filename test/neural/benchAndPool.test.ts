import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseResults } from "../../src/bench/results.js";
import { benchRegistry, runBenchmark } from "../../src/bench/run.js";
import { subsample } from "../../src/core/inference/subsample.js";
import { lazyNeuralMI } from "../../src/neural/descriptors.js";
import { resolveNeuralOptions } from "../../src/neural/options.js";
import { runBenchmarkParallel } from "../../src/node/benchPool.js";
import { createWorkerPool } from "../../src/node/pool.js";
import { allEstimators } from "../../src/neural/allEstimators.js";
import { runCli, tmpDir } from "../cli/runCli.js";
import { gaussianPair } from "../core/inference/helpers.js";

// Tiny networks and a few steps on the cpu backend: these check the wiring, not accuracy.
const TINY = { steps: 20, evalEvery: 10, hidden: [8], embedding: 4, batchSize: 32, backend: "cpu" } as const;

describe("neural estimator ids in minfo bench and the replicate worker pool", () => {
  it("the bench and pool registries hold the neural ids after the built-in ones", () => {
    for (const reg of [benchRegistry, allEstimators]) {
      const ids = reg.map((d) => d.id);
      for (const id of ["mine", "nwj", "infonce", "js", "smile", "wpc", "club"]) expect(ids).toContain(id);
      expect(ids.indexOf("ksg-1")).toBeLessThan(ids.indexOf("smile"));
    }
  });

  it("runBenchmark runs a neural id (awaiting its asynchronous estimate) and records a finite row", async () => {
    const rows = await runBenchmark({ tasks: ["1v1-normal-0.75"], estimators: [{ id: "smile", options: TINY }, "gaussian"], n: [200], seeds: [0] });
    expect(rows.map((r) => r.estimator)).toEqual(["smile", "gaussian"]);
    expect(rows[0].error).toBeUndefined();
    expect(Number.isFinite(rows[0].estimate)).toBe(true);
  });

  it("`minfo bench --estimators smile:...` writes a row for the neural id", async () => {
    const dir = join(tmpDir(), "neural-bench");
    const r = await runCli([
      "bench",
      "--tasks",
      "1v1-normal-0.75",
      "--estimators",
      "smile:steps=20:evalEvery=10:hidden=8:embedding=4:batchSize=32:backend=cpu",
      "--n",
      "200",
      "--seeds",
      "1",
      "--out",
      dir,
      "--workers",
      "1",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = parseResults(readFileSync(join(dir, "results.jsonl"), "utf8"), "results.jsonl");
    expect(rows).toHaveLength(1);
    expect(rows[0].estimator).toBe("smile:steps=20:evalEvery=10:hidden=8:embedding=4:batchSize=32:backend=cpu");
    expect(rows[0].error).toBeUndefined();
    expect(Number.isFinite(rows[0].estimate)).toBe(true);
  });

  const benchWorkerUrl = new URL("../../dist/node/benchWorker.js", import.meta.url);
  it.skipIf(!existsSync(fileURLToPath(benchWorkerUrl)))("runBenchmarkParallel runs a neural id on worker threads", async () => {
    const dir = join(tmpDir(), "neural-bench-workers");
    const s = await runBenchmarkParallel({ dir, tasks: ["1v1-normal-0.75"], estimators: [{ id: "nwj", options: TINY }], n: [200], seeds: [0, 1], workers: 2, workerUrl: benchWorkerUrl });
    expect(s.workers).toBe(2);
    expect(s.results).toHaveLength(2);
    for (const r of s.results) {
      expect(r.error).toBeUndefined();
      expect(Number.isFinite(r.estimate)).toBe(true);
    }
  });

  it("resolved options of every neural estimator resolve again to the same options (club included)", () => {
    for (const id of ["mine", "nwj", "infonce", "js", "smile", "wpc", "club"] as const) {
      const r = resolveNeuralOptions(id, { steps: 7 });
      expect(resolveNeuralOptions(id, r as unknown as Record<string, unknown>)).toEqual(r);
    }
    expect(() => resolveNeuralOptions("club", { critic: "joint" })).toThrow(/unknown option|critic/);
  });

  // Worker threads run JavaScript: the pool loads the compiled worker from dist/ (npm test builds it).
  const workerUrl = new URL("../../dist/node/replicateWorker.js", import.meta.url);
  it.skipIf(!existsSync(fileURLToPath(workerUrl)))("the worker pool rebuilds a neural estimator and matches the sequential replicates", async () => {
    const [x, y] = gaussianPair(120, 0.6, 2);
    const est = lazyNeuralMI("smile", { ...TINY, steps: 10, hidden: [4] });
    const seq = await subsample(est, x, y, { replicates: 2, seed: 3, keepReplicates: true });
    const par = await subsample(est, x, y, { replicates: 2, seed: 3, keepReplicates: true, runner: createWorkerPool({ workers: 2, workerUrl }) });
    const values = (e: typeof seq) => (e.diagnostics.details.subsample as { values: number[] }).values;
    expect(values(par)).toEqual(values(seq));
    expect(values(par).every(Number.isFinite)).toBe(true);
  });
});
