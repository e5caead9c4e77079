/**
 * Browser-only helpers (`minfo/browser`): resampling replicates on Web Workers. Everything else
 * (estimators, uncertainty wrappers) comes from the isomorphic `minfo` entry point.
 */
export { createWebWorkerPool, type WebWorkerPool, type WebWorkerPoolOptions, type WebWorkerRequest } from "./webWorkerPool.js";
export type { ReplicateJob, ReplicateRunner } from "../core/inference/replicates.js";
export { defaultChunkSize, type ReplicateChunk, type ReplicateWorkerInit, type ReplicateWorkerReply } from "../core/inference/runReplicatesOnWorkers.js";
