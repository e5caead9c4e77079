import { InvalidArgumentError } from "../../core/errors.js";
import { findEstimator } from "../../estimators/registry.js";
import { startWebWorkerPool, type WebWorkerPool, type WebWorkerPoolOptions } from "../../browser/startWebWorkerPool.js";
import { allEstimators } from "../allEstimators.js";
import { wasmDirectory } from "../wasmPrefix.js";

export interface NeuralWebWorkerPoolOptions extends WebWorkerPoolOptions {
  /**
   * Folder or URL prefix (ending in "/") of the tfjs-backend-wasm `.wasm` files, for the workers;
   * default the page's `setWasmDirectory` value, else TF.js's default (next to the worker script).
   */
  readonly wasmDirectory?: string;
}

/** What every neural replicate worker receives with its init message. */
export interface NeuralWorkerSetup {
  readonly wasmDirectory?: string;
}

function rebuildAny(id: string, options: Record<string, unknown>) {
  return findEstimator(id, allEstimators).mi?.(options);
}

/**
 * `createWebWorkerPool` for every estimator, neural ones included: each module worker imports
 * TF.js and minfo/neural, rebuilds the estimator from its registry id and resolved options (so
 * every replicate trains its own critic, seeded from the replicate's stream) and computes its
 * replicates exactly as the sequential runner does: on the same backend the values are
 * bit-identical, whatever the number of workers. TF.js is imported by package name, so this pool
 * needs a bundler that rewrites `new Worker(new URL(...), { type: "module" })` (Vite, webpack 5,
 * esbuild plugins); with Vite set `worker.format: "es"`. The workers look for the wasm files
 * where the page's `setWasmDirectory` points (or `wasmDirectory`).
 * @throws BackendUnavailableError when `Worker` is not defined; InvalidArgumentError for a bad
 *   worker count, chunk size or wasm directory. Runs reject as `createWebWorkerPool`'s do; a
 *   worker whose TF.js backend cannot start rejects with BackendUnavailableError.
 * @example
 * import { smileMI, setWasmDirectory } from "minfo/neural";
 * import { createNeuralWebWorkerPool } from "minfo/neural/browser";
 * import { subsample } from "minfo";
 * setWasmDirectory("/tfjs-wasm/"); // where the page serves tfjs-backend-wasm's dist/*.wasm
 * const pool = createNeuralWebWorkerPool({ workers: 4 });
 * const e = await subsample(smileMI({ steps: 1000 }), x, y, { runner: pool, replicates: 20, seed: 1 });
 */
export function createNeuralWebWorkerPool(options: NeuralWebWorkerPoolOptions = {}): WebWorkerPool {
  const fn = "createNeuralWebWorkerPool";
  const dir = options.wasmDirectory;
  if (dir !== undefined && (typeof dir !== "string" || dir === "")) {
    throw new InvalidArgumentError(`${fn}: wasmDirectory must be a non-empty folder path or URL prefix ending in "/"; got ${JSON.stringify(dir)}.`, "wasmDirectory");
  }
  return startWebWorkerPool(fn, options, {
    rebuild: rebuildAny,
    startDefaultWorker: () => new Worker(new URL("./neuralReplicateWebWorker.js", import.meta.url), { type: "module" }),
    defaultWorkerName: "neuralReplicateWebWorker.js",
    setup: (): NeuralWorkerSetup => {
      const wasm = dir ?? wasmDirectory();
      return wasm === undefined ? {} : { wasmDirectory: wasm };
    },
  });
}
