import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  AbortError,
  InsufficientSamplesError,
  InvalidArgumentError,
  MinfoError,
  ShapeMismatchError,
  UnsupportedDataError,
  type ErrorCode,
} from "../core/errors.js";
import type { ReplicateJob, ReplicateRunner } from "../core/inference/replicates.js";
import type { ResampleScheme } from "../core/inference/resample.js";
import type { Units } from "../core/types.js";
import { findEstimator } from "../estimators/registry.js";

/** What each worker receives once (pool.ts -> replicateWorker.ts). */
export interface PoolWorkerData {
  readonly estimatorId: string;
  readonly options: Record<string, unknown>;
  readonly x: { readonly data: Float64Array; readonly rows: number; readonly cols: number };
  readonly y: { readonly data: Float64Array; readonly rows: number; readonly cols: number };
  readonly scheme: ResampleScheme;
  readonly seed: number;
  readonly units: Units;
  readonly groupOf?: Int32Array;
}

/** A worker's answer for replicate b. */
export type PoolWorkerReply =
  | { readonly b: number; readonly value: number }
  | {
      readonly b: number;
      readonly error: {
        readonly name: string;
        readonly message: string;
        readonly code?: ErrorCode;
        readonly argument?: string;
        readonly required?: number;
        readonly actual?: number;
      };
    };

export interface WorkerPoolOptions {
  /** Worker threads per run, >= 1; default os.availableParallelism() (never more than the replicates). */
  readonly workers?: number;
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

/** Copies a typed array into shared memory, so every worker reads the one copy. */
function shared<T extends Float64Array | Int32Array>(a: T): T {
  const Ctor = a.constructor as { new (buf: SharedArrayBuffer): T };
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function rebuildError(e: Extract<PoolWorkerReply, { error: unknown }>["error"]): Error {
  switch (e.code) {
    case "invalid-argument":
      return new InvalidArgumentError(e.message, e.argument ?? "");
    case "insufficient-samples":
      return new InsufficientSamplesError(e.message, e.required ?? 0, e.actual ?? 0);
    case "shape-mismatch":
      return new ShapeMismatchError(e.message);
    case "unsupported-data":
      return new UnsupportedDataError(e.message);
    case undefined: {
      const err = new Error(e.message);
      err.name = e.name;
      return err;
    }
    default:
      return new MinfoError(e.code, e.message);
  }
}

function defaultWorkerUrl(): URL {
  const sibling = new URL("./replicateWorker.js", import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return new URL("../../dist/node/replicateWorker.js", import.meta.url);
}

/**
 * Runs resampling replicates on `node:worker_threads` with results identical to
 * `sequentialRunner`: each worker rebuilds the estimator from its registry id and resolved
 * options, receives x, y (in a SharedArrayBuffer) once, and computes replicate b from seed fork b
 * (`computeReplicate`); the pool hands out indices one at a time and stores value b at index b,
 * so the order of completion never matters. Workers are started for each run and stopped at its
 * end (or on abort or error).
 *
 * Only registry estimators can run here (their id and options describe them completely).
 * @throws InvalidArgumentError for a bad worker count or an estimator not rebuildable from the
 *   registry; AbortError when the signal fires; replicate errors rethrown with their type.
 * @example
 * const pool = createWorkerPool({ workers: 4 });
 * const e = await subsample(ksg({ k: 5 }), x, y, { runner: pool, replicates: 200 });
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const fn = "createWorkerPool";
  const workers = options.workers ?? Math.max(1, availableParallelism());
  if (!Number.isInteger(workers) || workers < 1) {
    throw new InvalidArgumentError(`${fn}: workers must be an integer >= 1; got ${String(workers)}.`, "workers");
  }
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  return Object.freeze({
    workers,
    run(job: ReplicateJob): Promise<Float64Array> {
      const est = job.estimator;
      let rebuiltId: string | undefined;
      try {
        rebuiltId = findEstimator(est.id).mi?.(est.options as Record<string, unknown>).id;
      } catch {
        rebuiltId = undefined;
      }
      if (rebuiltId !== est.id) {
        return Promise.reject(
          new InvalidArgumentError(
            `${fn}: estimator "${est.id}" cannot be rebuilt from the registry with its options; run it with the sequential runner.`,
            "estimator",
          ),
        );
      }
      if (job.signal?.aborted) return Promise.reject(new AbortError("workerPool"));
      const ctx = job.context;
      const data: PoolWorkerData = {
        estimatorId: est.id,
        options: { ...(est.options as Record<string, unknown>) },
        x: { data: shared(ctx.x.data), rows: ctx.x.rows, cols: ctx.x.cols },
        y: { data: shared(ctx.y.data), rows: ctx.y.rows, cols: ctx.y.cols },
        scheme: ctx.scheme,
        seed: ctx.seed,
        units: ctx.units,
        ...(ctx.groupOf ? { groupOf: shared(ctx.groupOf) } : {}),
      };
      const count = job.count;
      const values = new Float64Array(count);
      if (count === 0) return Promise.resolve(values);
      return new Promise<Float64Array>((resolve, reject) => {
        const pool: Worker[] = [];
        let next = 0;
        let done = 0;
        let finished = false;
        const finish = (err?: Error) => {
          if (finished) return;
          finished = true;
          job.signal?.removeEventListener("abort", onAbort);
          for (const w of pool) void w.terminate();
          if (err) reject(err);
          else resolve(values);
        };
        const onAbort = () => finish(new AbortError("workerPool"));
        job.signal?.addEventListener("abort", onAbort, { once: true });
        const n = Math.min(workers, count);
        for (let i = 0; i < n && !finished; i++) {
          const w = new Worker(workerUrl, { workerData: data });
          pool.push(w);
          w.on("message", (reply: PoolWorkerReply) => {
            if (finished) return;
            if ("error" in reply) {
              finish(rebuildError(reply.error));
              return;
            }
            values[reply.b] = reply.value;
            done++;
            job.onDone?.(done);
            if (done === count) finish();
            else if (next < count) w.postMessage(next++);
          });
          w.on("error", (e) => finish(e instanceof Error ? e : new Error(String(e))));
          w.on("exit", (code) => {
            if (!finished && code !== 0) finish(new Error(`workerPool: a worker exited with code ${code}.`));
          });
          w.postMessage(next++);
        }
      });
    },
  });
}
