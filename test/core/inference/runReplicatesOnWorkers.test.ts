import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AbortError,
  InsufficientSamplesError,
  InvalidArgumentError,
  MinfoError,
  NonFiniteValueError,
  TrainingDivergedError,
} from "../../../src/core/errors.js";
import { sequentialRunner, type ReplicateJob } from "../../../src/core/inference/replicates.js";
import { jackknifeGroups } from "../../../src/core/inference/resample.js";
import {
  computeReplicateChunk,
  defaultChunkSize,
  rebuildReplicateError,
  replicateChunks,
  replicateWorkerContext,
  replicateWorkerInit,
  runReplicatesOnWorkers,
  serializeReplicateError,
  shareTypedArray,
  type ReplicateWorkerReply,
  type SpawnReplicateWorker,
} from "../../../src/core/inference/runReplicatesOnWorkers.js";
import { createRng } from "../../../src/core/random/rng.js";
import type { MIEstimator } from "../../../src/core/types.js";
import { gaussianMI } from "../../../src/estimators/gaussian.js";
import { ksg } from "../../../src/estimators/ksg.js";
import { findEstimator } from "../../../src/estimators/registry.js";
import { gaussianPair } from "./helpers.js";

const rebuild = (id: string, o: Record<string, unknown>) => findEstimator(id).mi?.(o);

/**
 * In-process stand-ins for workers: each rebuilds the estimator from the init message (as the
 * real workers do) and answers a chunk after a random delay per replicate drawn from `delays`,
 * so replies arrive out of order across workers.
 */
function fakeSpawn(job: ReplicateJob, delaySeed: number, log?: { terminated: number; started: number }): SpawnReplicateWorker {
  const init = replicateWorkerInit("test", job, rebuild, (a) => a);
  const delays = createRng(delaySeed);
  return (_i, sink) => {
    const est = rebuild(init.estimatorId, init.options)!;
    const ctx = replicateWorkerContext(init);
    let alive = true;
    if (log) log.started++;
    return {
      post(chunk) {
        void computeReplicateChunk(est, ctx, chunk, (r: ReplicateWorkerReply) => {
          const wait = delays.int(3);
          setTimeout(() => {
            if (alive) sink.reply(r);
          }, wait);
        });
      },
      terminate() {
        alive = false;
        if (log) log.terminated++;
      },
    };
  };
}

describe("runReplicatesOnWorkers", () => {
  const [x, y] = gaussianPair(60, 0.6, 11);

  it("merges values in replicate order: identical to sequentialRunner for any workers, chunk size and timing", async () => {
    const est = ksg({ k: 3 });
    const schemes = [
      { kind: "subsample", m: 30 },
      { kind: "bootstrap" },
      { kind: "permutation" },
      { kind: "block", blockLength: 5 },
    ] as const;
    for (const scheme of schemes) {
      const job: ReplicateJob = { estimator: est, context: { x, y, scheme, seed: 3, units: "nats" }, count: 9 };
      const seq = await sequentialRunner.run(job);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10 }), fc.nat(), async (workers, chunkSize, delaySeed) => {
          const par = await runReplicatesOnWorkers("test", job, { workers, chunkSize, spawn: fakeSpawn(job, delaySeed) });
          expect(Array.from(par)).toEqual(Array.from(seq));
        }),
        { numRuns: 8 },
      );
    }
    const groupOf = jackknifeGroups(60, 6, "random", 3);
    const jk: ReplicateJob = {
      estimator: gaussianMI(),
      context: { x, y, scheme: { kind: "jackknife", groups: 6, assignment: "random" }, seed: 3, units: "bits", groupOf },
      count: 6,
    };
    const par = await runReplicatesOnWorkers("test", jk, { workers: 4, chunkSize: 1, spawn: fakeSpawn(jk, 1) });
    expect(Array.from(par)).toEqual(Array.from(await sequentialRunner.run(jk)));
  });

  it("reports each replicate once in increasing counts, terminates every worker, and stops on abort", async () => {
    const base = { estimator: gaussianMI(), context: { x, y, scheme: { kind: "bootstrap" } as const, seed: 0, units: "nats" as const } };
    const done: number[] = [];
    const log = { terminated: 0, started: 0 };
    const job: ReplicateJob = { ...base, count: 7, onDone: (d) => done.push(d) };
    await runReplicatesOnWorkers("test", job, { workers: 3, chunkSize: 2, spawn: fakeSpawn(job, 5, log) });
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(log).toEqual({ started: 3, terminated: 3 });

    const ac = new AbortController();
    const log2 = { terminated: 0, started: 0 };
    const seen: number[] = [];
    const job2: ReplicateJob = {
      ...base,
      count: 1000,
      signal: ac.signal,
      onDone: (d) => {
        seen.push(d);
        if (d === 3) ac.abort();
      },
    };
    await expect(runReplicatesOnWorkers("pool", job2, { workers: 2, spawn: fakeSpawn(job2, 2, log2) })).rejects.toThrow(
      new AbortError("pool"),
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(log2).toEqual({ started: 2, terminated: 2 });

    const pre = new AbortController();
    pre.abort();
    const job3: ReplicateJob = { ...base, count: 3, signal: pre.signal };
    await expect(runReplicatesOnWorkers("pool", job3, { workers: 2, spawn: fakeSpawn(job3, 0) })).rejects.toBeInstanceOf(AbortError);
    expect(await runReplicatesOnWorkers("pool", { ...base, count: 0 }, { workers: 2, spawn: () => { throw new Error("not started"); } })).toEqual(
      new Float64Array(0),
    );
  });

  it("rejects with a worker's failure, a replicate's typed error, or a reply that was not due", async () => {
    const job: ReplicateJob = { estimator: gaussianMI(), context: { x, y, scheme: { kind: "bootstrap" }, seed: 0, units: "nats" }, count: 4 };
    let terminated = 0;
    const crash: SpawnReplicateWorker = (_i, sink) => ({
      post: () => setTimeout(() => sink.fail(new Error("boom")), 0),
      terminate: () => void terminated++,
    });
    await expect(runReplicatesOnWorkers("pool", job, { workers: 2, spawn: crash })).rejects.toThrow("boom");
    expect(terminated).toBe(2);
    const typed: SpawnReplicateWorker = (_i, sink) => ({
      post: (c) => sink.reply({ b: c.start, error: serializeReplicateError(new InsufficientSamplesError("ksg: too few rows.", 6, 4)) }),
      terminate: () => undefined,
    });
    const err = await runReplicatesOnWorkers("pool", job, { workers: 1, spawn: typed }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientSamplesError);
    expect(err).toMatchObject({ message: "ksg: too few rows.", required: 6, actual: 4, code: "insufficient-samples" });
    const twice: SpawnReplicateWorker = (_i, sink) => ({
      post: (c) => {
        sink.reply({ b: c.start, value: 1 });
        sink.reply({ b: c.start, value: 1 });
      },
      terminate: () => undefined,
    });
    await expect(runReplicatesOnWorkers("pool", job, { workers: 1, chunkSize: 4, spawn: twice })).rejects.toThrow(
      "pool: a worker answered for replicate 0, which was not due.",
    );
    const throwsOnStart: SpawnReplicateWorker = () => {
      throw new Error("SecurityError: no workers here");
    };
    await expect(runReplicatesOnWorkers("pool", job, { workers: 2, spawn: throwsOnStart })).rejects.toThrow("no workers here");
    await expect(runReplicatesOnWorkers("pool", job, { workers: 0, spawn: crash })).rejects.toThrow(
      "pool: workers must be an integer >= 1; got 0.",
    );
  });

  it("splits replicates into consecutive chunks that cover 0..count-1 once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 40 }), (count, size) => {
        const chunks = replicateChunks(count, size);
        const covered = chunks.flatMap((c) => Array.from({ length: c.end - c.start }, (_, i) => c.start + i));
        expect(covered).toEqual(Array.from({ length: count }, (_, i) => i));
        for (const c of chunks) expect(c.end - c.start).toBeLessThanOrEqual(size);
      }),
    );
    expect(defaultChunkSize(200, 4)).toBe(12);
    expect(defaultChunkSize(10_000, 2)).toBe(16);
    expect(defaultChunkSize(3, 8)).toBe(1);
    expect(() => replicateChunks(5, 0)).toThrow("replicateChunks: chunkSize must be an integer >= 1; got 0.");
    expect(() => replicateChunks(-1, 2)).toThrow("replicateChunks: count must be an integer >= 0; got -1.");
  });

  it("builds the worker init from registry estimators only, sharing the data when asked", () => {
    const job: ReplicateJob = { estimator: ksg({ k: 4 }), context: { x, y, scheme: { kind: "subsample", m: 30 }, seed: 9, units: "bits" }, count: 2 };
    const init = replicateWorkerInit("pool", job, rebuild, shareTypedArray);
    expect(init).toMatchObject({ estimatorId: "ksg-1", scheme: { kind: "subsample", m: 30 }, seed: 9, units: "bits" });
    expect(init.x.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(init.x.data)).toEqual(Array.from(x.data));
    const custom: MIEstimator = { id: "mine", options: {}, estimate: (a, b, r) => gaussianMI().estimate(a, b, r) };
    expect(() => replicateWorkerInit("pool", { ...job, estimator: custom }, rebuild, (a) => a)).toThrow(InvalidArgumentError);
    expect(() => replicateWorkerInit("pool", { ...job, estimator: custom }, rebuild, (a) => a)).toThrow(
      'pool: estimator "mine" cannot be rebuilt from the registry with its options; run it with the sequential runner.',
    );
  });

  it("carries typed errors across as plain data (class, code, message, fields)", () => {
    const cases: Error[] = [
      new InvalidArgumentError("f: k must be >= 1; got 0.", "k"),
      new InsufficientSamplesError("f: too few.", 5, 2),
      new NonFiniteValueError("f: NaN at row 3.", "x", 3, 1),
      new TrainingDivergedError("f: diverged.", 17),
      new AbortError("f"),
      new RangeError("plain"),
    ];
    for (const e of cases) {
      const back = rebuildReplicateError(structuredClone(serializeReplicateError(e)));
      // Typed errors keep their class (AbortError comes back as a MinfoError with code "aborted");
      // other errors come back as Error with their name.
      if (e instanceof AbortError) expect(back).toBeInstanceOf(MinfoError);
      else if (e instanceof MinfoError) expect(back.constructor).toBe(e.constructor);
      else expect(back).toBeInstanceOf(Error);
      expect(back.name).toBe(e.name);
      expect(back.message).toBe(e.message);
      expect(back).toMatchObject({ ...e });
    }
    expect(serializeReplicateError("oops")).toMatchObject({ name: "Error", message: "oops" });
  });
});
