/**
 * Web Worker side of `createWebWorkerPool` (webWorkerPool.ts), a module worker: the first message
 * carries the estimator's registry id and options and the data; each later message is a chunk of
 * replicate indices, answered with one reply per replicate by the same `computeReplicate` as the
 * sequential path (`computeReplicateChunk`), so values are identical whichever worker computes
 * them. Imports only relative modules (no bare specifiers, no Node built-ins), so the compiled
 * file runs in a browser straight from dist/.
 */
import type { MIEstimator } from "../core/types.js";
import type { ReplicateContext } from "../core/inference/resample.js";
import {
  computeReplicateChunk,
  replicateWorkerContext,
  serializeReplicateError,
  type ReplicateWorkerReply,
  type SerializedReplicateError,
} from "../core/inference/runReplicatesOnWorkers.js";
import { findEstimator } from "../estimators/registry.js";
import type { WebWorkerRequest } from "./webWorkerPool.js";

/** The parts of a DedicatedWorkerGlobalScope used here (tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((ev: MessageEvent<WebWorkerRequest>) => void) | null;
  postMessage(message: ReplicateWorkerReply): void;
}

const scope = globalThis as unknown as WorkerScope;
let estimator: MIEstimator | undefined;
let context: ReplicateContext | undefined;
let initError: SerializedReplicateError | undefined;

scope.onmessage = (ev) => {
  const msg = ev.data;
  if (msg.type === "init") {
    try {
      estimator = findEstimator(msg.init.estimatorId).mi!(msg.init.options);
      context = replicateWorkerContext(msg.init);
    } catch (e) {
      initError = serializeReplicateError(e);
    }
    return;
  }
  if (initError || !estimator || !context) {
    scope.postMessage({ b: msg.start, error: initError ?? serializeReplicateError(new Error("replicateWebWorker: a chunk came before the init message.")) });
    return;
  }
  void computeReplicateChunk(estimator, context, msg, (reply) => scope.postMessage(reply));
};
