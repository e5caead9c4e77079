/**
 * The Web Worker side of the replicate pools, shared by `replicateWebWorker.ts` (classical
 * estimators, `createWebWorkerPool`) and minfo/neural's `neuralReplicateWebWorker.ts`
 * (`createNeuralWebWorkerPool`): the first message carries the estimator's registry id and
 * options, the data and an optional setup value; each later message is a chunk of replicate
 * indices, answered with one reply per replicate by the same `computeReplicate` as the sequential
 * path (`computeReplicateChunk`), so values are identical whichever worker computes them.
 */
import type { MIEstimator } from "../core/types.js";
import type { ReplicateContext } from "../core/inference/resample.js";
import {
  computeReplicateChunk,
  replicateWorkerContext,
  serializeReplicateError,
  type ReplicateWorkerInit,
  type ReplicateWorkerReply,
  type SerializedReplicateError,
} from "../core/inference/runReplicatesOnWorkers.js";
import type { WebWorkerRequest } from "./startWebWorkerPool.js";

/** The parts of a DedicatedWorkerGlobalScope used here (tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((ev: MessageEvent<WebWorkerRequest>) => void) | null;
  postMessage(message: ReplicateWorkerReply): void;
}

/**
 * Builds the worker's estimator from the init message (and the pool's setup value, e.g. where
 * TF.js finds its wasm files); a throw is sent back as the error of every replicate.
 */
export type BuildWorkerEstimator = (init: ReplicateWorkerInit, setup: unknown) => MIEstimator;

/** Installs the message handler of a replicate Web Worker on the worker's global scope. */
export function serveReplicateRequests(build: BuildWorkerEstimator): void {
  const scope = globalThis as unknown as WorkerScope;
  let estimator: MIEstimator | undefined;
  let context: ReplicateContext | undefined;
  let initError: SerializedReplicateError | undefined;
  scope.onmessage = (ev) => {
    const msg = ev.data;
    if (msg.type === "init") {
      try {
        estimator = build(msg.init, msg.setup);
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
}
