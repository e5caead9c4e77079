import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AbortError, InvalidArgumentError } from "../../src/core/errors.js";
import { bootstrap } from "../../src/core/inference/bootstrap.js";
import { permutationTest } from "../../src/core/inference/permutationTest.js";
import { subsample } from "../../src/core/inference/subsample.js";
import type { MIEstimator } from "../../src/core/types.js";
import { createWorkerPool } from "../../src/node/pool.js";
import { gaussianMI } from "../../src/estimators/gaussian.js";
import { ksg } from "../../src/estimators/ksg.js";
import { gaussianPair } from "../core/inference/helpers.js";

// Worker threads run JavaScript: the pool loads the compiled worker from dist/ (built by
// `npm run build`, which `npm test` runs before vitest). Without dist/ these tests are skipped.
const workerUrl = new URL("../../dist/node/replicateWorker.js", import.meta.url);
const built = existsSync(fileURLToPath(workerUrl));
if (!built) console.warn("test/node/pool.test.ts: dist/node/replicateWorker.js is missing; run `npm run build` to test the worker pool.");

describe.skipIf(!built)("createWorkerPool", () => {
  const [x, y] = gaussianPair(200, 0.5, 3);

  it("gives results identical to the sequential path (KSG subsample, Gaussian BCa, permutation)", async () => {
    const pool = createWorkerPool({ workers: 3, workerUrl });
    expect(pool.workers).toBe(3);
    const k = ksg({ k: 4 });
    const seq = await subsample(k, x, y, { replicates: 12, seed: 5, keepReplicates: true });
    const par = await subsample(k, x, y, { replicates: 12, seed: 5, keepReplicates: true, runner: pool });
    expect(par.uncertainty).toEqual(seq.uncertainty);
    expect((par.diagnostics.details.subsample as { values: number[] }).values).toEqual((seq.diagnostics.details.subsample as { values: number[] }).values);
    const g = gaussianMI();
    const s2 = await bootstrap(g, x, y, { replicates: 40, seed: 1, method: "bca", jackknifeGroups: 8, units: "bits" });
    const p2 = await bootstrap(g, x, y, { replicates: 40, seed: 1, method: "bca", jackknifeGroups: 8, units: "bits", runner: pool });
    expect(p2.uncertainty).toEqual(s2.uncertainty);
    const s3 = await permutationTest(g, x, y, { permutations: 20, seed: 2 });
    const p3 = await permutationTest(g, x, y, { permutations: 20, seed: 2, runner: createWorkerPool({ workers: 2, workerUrl }) });
    expect(p3.diagnostics.details.permutation).toEqual(s3.diagnostics.details.permutation);
  });

  it("reports progress per replicate and stops on abort", async () => {
    const pool = createWorkerPool({ workers: 2, workerUrl });
    const done: number[] = [];
    await subsample(gaussianMI(), x, y, { replicates: 6, runner: pool, onProgress: (p) => done.push(p.done) });
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const ac = new AbortController();
    const run = subsample(ksg(), x, y, {
      replicates: 10_000,
      runner: pool,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done === 2) ac.abort();
      },
    });
    await expect(run).rejects.toThrow(AbortError);
    const pre = new AbortController();
    pre.abort();
    await expect(pool.run({ estimator: gaussianMI(), context: { x, y, scheme: { kind: "bootstrap" }, seed: 0, units: "nats" }, count: 3, signal: pre.signal })).rejects.toThrow(AbortError);
  });

  it("rethrows replicate errors with their type, and refuses estimators outside the registry", async () => {
    const pool = createWorkerPool({ workers: 2, workerUrl });
    const [xs, ys] = gaussianPair(12, 0.5, 1);
    // k = 5 >= m = 4 rows: KSG's InsufficientSamplesError comes back from the worker.
    const seqErr = await subsample(ksg({ k: 5 }), xs, ys, { m: 4, replicates: 3 }).catch((e: unknown) => e);
    const parErr = await subsample(ksg({ k: 5 }), xs, ys, { m: 4, replicates: 3, runner: pool }).catch((e: unknown) => e);
    expect((parErr as Error).constructor).toBe((seqErr as Error).constructor);
    expect((parErr as Error).message).toBe((seqErr as Error).message);
    const custom: MIEstimator = { id: "my-estimator", options: {}, estimate: (a, b, r) => gaussianMI().estimate(a, b, r) };
    await expect(subsample(custom, x, y, { replicates: 3, runner: pool })).rejects.toThrow(/cannot be rebuilt from the registry/);
    expect(() => createWorkerPool({ workers: 0 })).toThrow(InvalidArgumentError);
    expect(() => createWorkerPool({ workers: 1.5 })).toThrow("createWorkerPool: workers must be an integer >= 1; got 1.5.");
  });
});
