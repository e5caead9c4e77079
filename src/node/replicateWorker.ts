/**
 * Worker-thread side of `createWorkerPool` (pool.ts): rebuilds the estimator from its registry id
 * and options, receives the data once (in `workerData`, shared memory), then answers each message
 * `b` with the estimate on replicate b, computed by the same `computeReplicate` as the sequential
 * path, so values are identical whichever thread computes them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { MinfoError } from "../core/errors.js";
import { computeReplicate, type ReplicateContext } from "../core/inference/resample.js";
import { findEstimator } from "../estimators/registry.js";
import type { PoolWorkerData, PoolWorkerReply } from "./pool.js";

const init = workerData as PoolWorkerData;
const port = parentPort;
if (!port) throw new Error("replicateWorker: must run in a worker thread.");

const estimator = findEstimator(init.estimatorId).mi!(init.options);
const context: ReplicateContext = {
  x: { data: init.x.data, rows: init.x.rows, cols: init.x.cols },
  y: { data: init.y.data, rows: init.y.rows, cols: init.y.cols },
  scheme: init.scheme,
  seed: init.seed,
  units: init.units,
  ...(init.groupOf ? { groupOf: init.groupOf } : {}),
};

port.on("message", (b: number) => {
  computeReplicate(estimator, context, b).then(
    (value) => port.postMessage({ b, value } satisfies PoolWorkerReply),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      const extra = err as Error & { argument?: unknown; required?: unknown; actual?: unknown };
      const reply: PoolWorkerReply = {
        b,
        error: {
          name: err.name,
          message: err.message,
          code: e instanceof MinfoError ? e.code : undefined,
          argument: typeof extra.argument === "string" ? extra.argument : undefined,
          required: typeof extra.required === "number" ? extra.required : undefined,
          actual: typeof extra.actual === "number" ? extra.actual : undefined,
        },
      };
      port.postMessage(reply);
    },
  );
});
