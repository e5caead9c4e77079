/**
 * Worker-thread side of `createWorkerPool` (pool.ts): rebuilds the estimator from its registry id
 * and options, receives the data once (in `workerData`, shared memory), then answers each chunk
 * message with one reply per replicate, computed by the same `computeReplicate` as the sequential
 * path (`computeReplicateChunk`), so values are identical whichever thread computes them.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  computeReplicateChunk,
  replicateWorkerContext,
  type ReplicateChunk,
} from "../core/inference/runReplicatesOnWorkers.js";
import { findEstimator } from "../estimators/registry.js";
import type { PoolWorkerData } from "./pool.js";
import { allEstimators } from "../neural/allEstimators.js";

const init = workerData as PoolWorkerData;
const port = parentPort;
if (!port) throw new Error("replicateWorker: must run in a worker thread.");

const estimator = findEstimator(init.estimatorId, allEstimators).mi!(init.options);
const context = replicateWorkerContext(init);

port.on("message", (chunk: ReplicateChunk) => {
  void computeReplicateChunk(estimator, context, chunk, (reply) => port.postMessage(reply));
});
