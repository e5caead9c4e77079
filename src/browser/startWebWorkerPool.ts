/**
 * The Web Worker pool machinery shared by `createWebWorkerPool` (this folder, classical
 * estimators) and minfo/neural's `createNeuralWebWorkerPool`: the messages, the options, option
 * checks, the init message, and starting, wiring and stopping workers around
 * `runReplicatesOnWorkers`. Kept apart from either pool so that a bundler following one pool's
 * `new Worker(new URL(...))` does not also emit the other pool's worker.
 */
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
   * The module worker script; default the pool's own worker next to its module
   * (`dist/browser/replicateWebWorker.js` for createWebWorkerPool,
   * `dist/neural/browser/neuralReplicateWebWorker.js` for createNeuralWebWorkerPool). A bundler
   * that rewrites `new URL("./x.js", import.meta.url)` finds the default on its own; pass a URL
   * when the worker is served elsewhere.
   */
  readonly workerUrl?: URL | string;
}

/** A ReplicateRunner on Web Workers. */
export interface WebWorkerPool extends ReplicateRunner {
  readonly workers: number;
  /** Whether x and y go to the workers in one SharedArrayBuffer (cross-origin isolated pages) or are copied to each. */
  readonly sharedMemory: boolean;
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

/** A Web Worker pool of the given kind (see the module comment). */
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
