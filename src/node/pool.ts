import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReplicateJob, ReplicateRunner } from "../core/inference/replicates.js";
import {
  replicateWorkerInit,
  runReplicatesOnWorkers,
  shareTypedArray,
  validateChunkSize,
  validateWorkerCount,
  type ReplicateWorkerInit,
  type ReplicateWorkerReply,
} from "../core/inference/runReplicatesOnWorkers.js";
import { findEstimator } from "../estimators/registry.js";
import { allEstimators } from "../neural/allEstimators.js";

/** What each worker receives once (pool.ts -> replicateWorker.ts), in `workerData`. */
export type PoolWorkerData = ReplicateWorkerInit;

/** A worker's answer for replicate b. */
export type PoolWorkerReply = ReplicateWorkerReply;

export interface WorkerPoolOptions {
  /** Worker threads per run, >= 1; default os.availableParallelism() (never more than the chunks). */
  readonly workers?: number;
  /**
   * Replicates handed to a worker at a time (>= 1); default about four chunks per worker, at most
   * 16 (`defaultChunkSize`). Results do not depend on it.
   */
  readonly chunkSize?: number;
  /**
   * The compiled worker script; default `replicateWorker.js` next to this module (dist/node), or
   * dist/node/replicateWorker.js when this module runs from sources (vitest), since worker
   * threads need JavaScript.
   */
  readonly workerUrl?: URL | string;
}

/** A ReplicateRunner on worker threads. */
export interface WorkerPool extends ReplicateRunner {
  readonly workers: number;
}

function defaultWorkerUrl(): URL {
  const sibling = new URL("./replicateWorker.js", import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return new URL("../../dist/node/replicateWorker.js", import.meta.url);
}

/** Rebuilds a registry estimator from its id and options (what a worker does). */
function rebuildFromRegistry(id: string, options: Record<string, unknown>) {
  return findEstimator(id, allEstimators).mi?.(options);
}

/**
 * Runs resampling replicates on `node:worker_threads` with results identical to
 * `sequentialRunner`: each worker rebuilds the estimator from its registry id and resolved
 * options, receives x, y (in a SharedArrayBuffer) once, and computes replicate b from seed fork b
 * (`computeReplicate`); chunks of replicates go to workers as they become free and value b is
 * stored at index b, so the order of completion never matters (scheduling, merging, progress and
 * abort: `runReplicatesOnWorkers` in src/core/inference, shared with the browser pool). Workers
 * are started for each run and stopped at its end (or on abort or error).
 *
 * Only registry estimators can run here (their id and options describe them completely): the
 * built-in and the neural ones (`allEstimators`; TF.js loads in a worker only for a neural id).
 * @throws InvalidArgumentError for a bad worker count or chunk size, or an estimator not
 *   rebuildable from the registry; AbortError when the signal fires; replicate errors rethrown
 *   with their type.
 * @example
 * const pool = createWorkerPool({ workers: 4 });
 * const e = await subsample(ksg({ k: 5 }), x, y, { runner: pool, replicates: 200 });
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const fn = "createWorkerPool";
  const workers = validateWorkerCount(fn, options.workers ?? Math.max(1, availableParallelism()));
  const chunkSize = options.chunkSize === undefined ? undefined : validateChunkSize(fn, options.chunkSize);
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  return Object.freeze({
    workers,
    async run(job: ReplicateJob): Promise<Float64Array> {
      const data = replicateWorkerInit(fn, job, rebuildFromRegistry, shareTypedArray);
      return runReplicatesOnWorkers("workerPool", job, {
        workers,
        chunkSize,
        spawn(_index, sink) {
          const w = new Worker(workerUrl, { workerData: data });
          w.on("message", (reply: PoolWorkerReply) => sink.reply(reply));
          w.on("error", (e) => sink.fail(e instanceof Error ? e : new Error(String(e))));
          w.on("exit", (code) => {
            if (code !== 0) sink.fail(new Error(`workerPool: a worker exited with code ${code}.`));
          });
          return { post: (chunk) => w.postMessage(chunk), terminate: () => void w.terminate() };
        },
      });
    },
  });
}
