import { BackendUnavailableError } from "../core/errors.js";
import type { ReplicateJob, ReplicateRunner } from "../core/inference/replicates.js";
import {
  replicateWorkerInit,
  runReplicatesOnWorkers,
  shareTypedArray,
  validateChunkSize,
  validateWorkerCount,
  type RebuildEstimator,
  type ReplicateChunk,
  type ReplicateWorkerInit,
  type ReplicateWorkerReply,
} from "../core/inference/runReplicatesOnWorkers.js";
import { findEstimator } from "../estimators/registry.js";

/** Messages from the page to a replicate Web Worker: the init message first, then chunks. */
export type WebWorkerRequest =
  | { readonly type: "init"; readonly init: ReplicateWorkerInit; readonly setup?: unknown }
  | ({ readonly type: "chunk" } & ReplicateChunk);

export interface WebWorkerPoolOptions {
  /** Web Workers per run, >= 1; default navigator.hardwareConcurrency (never more than the chunks). */
  readonly workers?: number;
  /**
   * Replicates handed to a worker at a time (>= 1); default about four chunks per worker, at most
   * 16 (`defaultChunkSize`). Results do not depend on it.
   */
  readonly chunkSize?: number;
  /**
   * The module worker script; default `replicateWebWorker.js` next to this module (in the compiled
   * dist/browser folder). A bundler that rewrites `new URL("./x.js", import.meta.url)` finds the
   * default on its own; pass a URL when the worker is served elsewhere.
   */
  readonly workerUrl?: URL | string;
}

/** A ReplicateRunner on Web Workers. */
export interface WebWorkerPool extends ReplicateRunner {
  readonly workers: number;
  /** Whether x and y go to the workers in one SharedArrayBuffer (cross-origin isolated pages) or are copied to each. */
  readonly sharedMemory: boolean;
}

function rebuildFromRegistry(id: string, options: Record<string, unknown>) {
  return findEstimator(id).mi?.(options);
}

/** What distinguishes one Web Worker pool from another: its estimators and its worker script. */
export interface WebWorkerPoolKind {
  /** Rebuilds an estimator from its id and options, as the worker will (checked before a run). */
  readonly rebuild: RebuildEstimator;
  /** Starts the default worker script (a literal `new Worker(new URL(...))` for bundlers). */
  readonly startDefaultWorker: () => Worker;
  /** The default worker's file name, for error messages. */
  readonly defaultWorkerName: string;
  /** A plain value sent with every init message (e.g. where TF.js finds its wasm files). */
  readonly setup?: () => unknown;
  /** Appended to the message of a run whose estimator cannot be rebuilt. */
  readonly notRebuildableHint?: string;
}

/** The browser globals this module uses, typed without the DOM `Window`. */
interface BrowserScope {
  readonly Worker?: typeof Worker;
  readonly navigator?: { readonly hardwareConcurrency?: number };
  readonly crossOriginIsolated?: boolean;
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

/**
 * The pool behind `createWebWorkerPool` and minfo/neural's `createNeuralWebWorkerPool`: option
 * checks, the init message, and starting, wiring and stopping workers around
 * `runReplicatesOnWorkers`.
 */
export function startWebWorkerPool(fn: string, options: WebWorkerPoolOptions, kind: WebWorkerPoolKind): WebWorkerPool {
  const scope = globalThis as BrowserScope;
  if (typeof scope.Worker !== "function") {
    throw new BackendUnavailableError(`${fn}: Web Workers are not available here (no global Worker); in Node use createWorkerPool from minfo/node.`);
  }
  const workers = validateWorkerCount(fn, options.workers ?? Math.max(1, scope.navigator?.hardwareConcurrency ?? 1));
  const chunkSize = options.chunkSize === undefined ? undefined : validateChunkSize(fn, options.chunkSize);
  const sharedMemory = scope.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
  // The literal `new Worker(new URL("./x.js", import.meta.url), ...)` form (in each kind's
  // startDefaultWorker) is the one bundlers (Vite, webpack 5, esbuild plugins) recognise and
  // rewrite; from dist/ it resolves as it is.
  const startWorker = (): Worker => (options.workerUrl === undefined ? kind.startDefaultWorker() : new Worker(options.workerUrl, { type: "module" }));
  const where = "webWorkerPool";
  return Object.freeze({
    workers,
    sharedMemory,
    async run(job: ReplicateJob): Promise<Float64Array> {
      const init = replicateWorkerInit(fn, job, kind.rebuild, sharedMemory ? shareTypedArray : (a) => a, kind.notRebuildableHint);
      const setup = kind.setup?.();
      return runReplicatesOnWorkers(where, job, {
        workers,
        chunkSize,
        spawn(_index, sink) {
          const w = startWorker();
          w.onmessage = (ev: MessageEvent<ReplicateWorkerReply>) => sink.reply(ev.data);
          w.onerror = (ev: ErrorEvent) => {
            ev.preventDefault();
            const url = options.workerUrl === undefined ? kind.defaultWorkerName : String(options.workerUrl);
            sink.fail(new Error(`${where}: a worker failed (${url}): ${ev.message || "it did not load or threw while starting"}.`));
          };
          w.onmessageerror = () => sink.fail(new Error(`${where}: a worker's reply could not be deserialised.`));
          w.postMessage({ type: "init", init, ...(setup === undefined ? {} : { setup }) } satisfies WebWorkerRequest);
          return {
            post: (chunk) => w.postMessage({ type: "chunk", start: chunk.start, end: chunk.end } satisfies WebWorkerRequest),
            terminate: () => w.terminate(),
          };
        },
      });
    },
  });
}
