import { findEstimator } from "../estimators/registry.js";
import { startWebWorkerPool, type WebWorkerPool, type WebWorkerPoolOptions } from "./startWebWorkerPool.js";

export type { WebWorkerPool, WebWorkerPoolOptions, WebWorkerRequest } from "./startWebWorkerPool.js";

function rebuildFromRegistry(id: string, options: Record<string, unknown>) {
  return findEstimator(id).mi?.(options);
}

/**
 * Runs resampling replicates on Web Workers (module workers) with results identical to
 * `sequentialRunner`, the browser twin of `createWorkerPool` in `minfo/node`: the same contract
 * (a `ReplicateRunner` for `subsample`, `bootstrap`, `blockBootstrap`, `jackknife`,
 * `permutationTest` and `estimateWithUncertainty`), the same scheduling, merging, progress and
 * abort (`runReplicatesOnWorkers` in src/core/inference). Each worker rebuilds the estimator from
 * its registry id and resolved options, receives x and y once (in a SharedArrayBuffer when the
 * page is cross-origin isolated, else a copy per worker), and computes replicate b from the
 * stream forked from (seed, method, b), so values do not depend on the number of workers or on
 * scheduling. Workers start for each run and are terminated at its end, on error, or when the
 * AbortSignal fires (the run then rejects with `AbortError`).
 *
 * The worker imports only relative modules of this package (no bare specifiers, no Node
 * built-ins), so the compiled dist/ tree runs in a browser without a bundler.
 * The built-in (classical) estimators only: the neural ones need TF.js in the worker, which
 * `createNeuralWebWorkerPool` from `minfo/neural/browser` provides (with a bundler).
 * @throws BackendUnavailableError when `Worker` is not defined (not a browser);
 *   InvalidArgumentError for a bad worker count or chunk size. A run rejects with
 *   InvalidArgumentError for an estimator not rebuildable from the registry, AbortError on abort,
 *   replicate errors with their type, and an Error naming the worker URL when a worker fails to load.
 * @example
 * import { ksg, subsample } from "minfo";
 * import { createWebWorkerPool } from "minfo/browser";
 * const pool = createWebWorkerPool({ workers: 4 });
 * const e = await subsample(ksg({ k: 5 }), x, y, { runner: pool, replicates: 200, seed: 1 });
 */
export function createWebWorkerPool(options: WebWorkerPoolOptions = {}): WebWorkerPool {
  return startWebWorkerPool("createWebWorkerPool", options, {
    rebuild: rebuildFromRegistry,
    startDefaultWorker: () => new Worker(new URL("./replicateWebWorker.js", import.meta.url), { type: "module" }),
    defaultWorkerName: "replicateWebWorker.js",
    notRebuildableHint: "neural estimators run on createNeuralWebWorkerPool from minfo/neural/browser",
  });
}
