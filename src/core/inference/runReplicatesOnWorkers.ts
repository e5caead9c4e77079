/**
 * The isomorphic half of the replicate worker pools (`createWorkerPool` in src/node/pool.ts on
 * `node:worker_threads`, `createWebWorkerPool` in src/browser/webWorkerPool.ts on Web Workers):
 * the plain-data message a worker receives once, the split of replicates 0..count-1 into chunks,
 * the scheduling of chunks onto workers, merging values in replicate order, progress, abort and
 * the transport of typed errors. Each pool only supplies how to start a worker; each worker only
 * rebuilds the estimator and calls `computeReplicateChunk`. Replicate b is always computed by
 * `computeReplicate(estimator, context, b)` from the stream forked from (seed, scheme, b), so the
 * values are identical to `sequentialRunner`'s whatever the number of workers, the chunk size
 * and the order in which workers finish.
 */
import {
  AbortError,
  BackendUnavailableError,
  InsufficientSamplesError,
  InvalidArgumentError,
  MinfoError,
  NonFiniteValueError,
  ShapeMismatchError,
  TrainingDivergedError,
  UnsupportedDataError,
  type ErrorCode,
} from "../errors.js";
import type { MIEstimator, Units } from "../types.js";
import type { ReplicateJob } from "./replicates.js";
import { computeReplicate, type ReplicateContext, type ResampleScheme } from "./resample.js";

/** A plain n x d sample (no column names): what crosses to a worker. */
export interface PlainMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** What each worker receives once: the estimator as registry id + resolved options, and the data. */
export interface ReplicateWorkerInit {
  readonly estimatorId: string;
  readonly options: Record<string, unknown>;
  readonly x: PlainMatrix;
  readonly y: PlainMatrix;
  readonly scheme: ResampleScheme;
  readonly seed: number;
  readonly units: Units;
  readonly groupOf?: Int32Array;
}

/** Replicates start, start + 1, ..., end - 1. */
export interface ReplicateChunk {
  readonly start: number;
  readonly end: number;
}

/** A typed error as plain data (workers cannot send class instances). */
export interface SerializedReplicateError {
  readonly name: string;
  readonly message: string;
  readonly code?: ErrorCode;
  readonly argument?: string;
  readonly required?: number;
  readonly actual?: number;
  readonly row?: number;
  readonly column?: number;
  readonly step?: number;
}

/** A worker's answer for replicate b: its value, or the error that stopped it. */
export type ReplicateWorkerReply =
  | { readonly b: number; readonly value: number }
  | { readonly b: number; readonly error: SerializedReplicateError };

/** Rebuilds an estimator from its registry id and options; undefined when it cannot. */
export type RebuildEstimator = (id: string, options: Record<string, unknown>) => MIEstimator | undefined;

/** How the scheduler talks to one started worker. */
export interface ReplicateWorkerHandle {
  /** Asks the worker for the replicates of `chunk`; it answers one reply per replicate, in order. */
  post(chunk: ReplicateChunk): void;
  /** Stops the worker at once (work in progress is dropped). */
  terminate(): void;
}

/** Where a started worker delivers its replies and failures. */
export interface ReplicateWorkerSink {
  reply(r: ReplicateWorkerReply): void;
  /** The worker crashed, failed to load or exited early. */
  fail(e: Error): void;
}

/** Starts worker number `index` (0-based) of a run, wired to `sink`. */
export type SpawnReplicateWorker = (index: number, sink: ReplicateWorkerSink) => ReplicateWorkerHandle;

export interface WorkerScheduleOptions {
  /** Workers to start (at most one per chunk). */
  readonly workers: number;
  /** Replicates per chunk; default `defaultChunkSize(count, workers)`. */
  readonly chunkSize?: number;
  readonly spawn: SpawnReplicateWorker;
}

/**
 * Replicates handed to a worker at a time: about four chunks per worker, so that the last chunks
 * balance the load, and at most 16 replicates, so that progress and abort stay responsive.
 */
export function defaultChunkSize(count: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.floor(count / (4 * Math.max(1, workers)))));
}

/** Splits 0..count-1 into consecutive chunks of `chunkSize` (the last one may be shorter). */
export function replicateChunks(count: number, chunkSize: number): ReplicateChunk[] {
  const fn = "replicateChunks";
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError(`${fn}: count must be an integer >= 0; got ${String(count)}.`, "count");
  validateChunkSize(fn, chunkSize);
  const chunks: ReplicateChunk[] = [];
  for (let start = 0; start < count; start += chunkSize) chunks.push({ start, end: Math.min(count, start + chunkSize) });
  return chunks;
}

/** Checks a worker count option. @throws InvalidArgumentError */
export function validateWorkerCount(fn: string, workers: unknown): number {
  if (typeof workers !== "number" || !Number.isInteger(workers) || workers < 1) {
    throw new InvalidArgumentError(`${fn}: workers must be an integer >= 1; got ${String(workers)}.`, "workers");
  }
  return workers;
}

/** Checks a chunk size option. @throws InvalidArgumentError */
export function validateChunkSize(fn: string, chunkSize: unknown): number {
  if (typeof chunkSize !== "number" || !Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidArgumentError(`${fn}: chunkSize must be an integer >= 1; got ${String(chunkSize)}.`, "chunkSize");
  }
  return chunkSize;
}

/**
 * The message every worker of `job` receives once. `share` copies a typed array into memory the
 * workers can read without a copy each (a SharedArrayBuffer), or returns it as it is to let the
 * transport copy it.
 * `hint` is appended to the error's message (e.g. which pool runs such estimators).
 * @throws InvalidArgumentError when the estimator cannot be rebuilt from the registry with its
 *   options (a worker only receives its id and options).
 */
export function replicateWorkerInit(
  fn: string,
  job: ReplicateJob,
  rebuild: RebuildEstimator,
  share: <T extends Float64Array | Int32Array>(a: T) => T,
  hint?: string,
): ReplicateWorkerInit {
  const est = job.estimator;
  let rebuiltId: string | undefined;
  try {
    rebuiltId = rebuild(est.id, est.options as Record<string, unknown>)?.id;
  } catch {
    rebuiltId = undefined;
  }
  if (rebuiltId !== est.id) {
    throw new InvalidArgumentError(
      `${fn}: estimator "${est.id}" cannot be rebuilt from the registry with its options; run it with the sequential runner${hint ? ` (${hint})` : ""}.`,
      "estimator",
    );
  }
  const ctx = job.context;
  return {
    estimatorId: est.id,
    options: { ...(est.options as Record<string, unknown>) },
    x: { data: share(ctx.x.data), rows: ctx.x.rows, cols: ctx.x.cols },
    y: { data: share(ctx.y.data), rows: ctx.y.rows, cols: ctx.y.cols },
    scheme: ctx.scheme,
    seed: ctx.seed,
    units: ctx.units,
    ...(ctx.groupOf ? { groupOf: share(ctx.groupOf) } : {}),
  };
}

/** Copies a typed array into a SharedArrayBuffer. */
export function shareTypedArray<T extends Float64Array | Int32Array>(a: T): T {
  const Ctor = a.constructor as { new (buf: SharedArrayBuffer): T };
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** The replicate context a worker rebuilds from its init message. */
export function replicateWorkerContext(init: ReplicateWorkerInit): ReplicateContext {
  return {
    x: { data: init.x.data, rows: init.x.rows, cols: init.x.cols },
    y: { data: init.y.data, rows: init.y.rows, cols: init.y.cols },
    scheme: init.scheme,
    seed: init.seed,
    units: init.units,
    ...(init.groupOf ? { groupOf: init.groupOf } : {}),
  };
}

/** An error (typed or not) as plain data for postMessage. */
export function serializeReplicateError(e: unknown): SerializedReplicateError {
  const err = e instanceof Error ? e : new Error(String(e));
  const extra = err as Error & { argument?: unknown; required?: unknown; actual?: unknown; row?: unknown; column?: unknown; step?: unknown };
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  return {
    name: err.name,
    message: err.message,
    code: e instanceof MinfoError ? e.code : undefined,
    argument: typeof extra.argument === "string" ? extra.argument : undefined,
    required: num(extra.required),
    actual: num(extra.actual),
    row: num(extra.row),
    column: num(extra.column),
    step: num(extra.step),
  };
}

/** The typed error (same class, message and fields) back from its plain form. */
export function rebuildReplicateError(e: SerializedReplicateError): Error {
  switch (e.code) {
    case "invalid-argument":
      return new InvalidArgumentError(e.message, e.argument ?? "");
    case "insufficient-samples":
      return new InsufficientSamplesError(e.message, e.required ?? 0, e.actual ?? 0);
    case "shape-mismatch":
      return new ShapeMismatchError(e.message);
    case "unsupported-data":
      return new UnsupportedDataError(e.message);
    case "non-finite-value":
      return new NonFiniteValueError(e.message, e.argument ?? "", e.row ?? -1, e.column ?? -1);
    case "training-diverged":
      return new TrainingDivergedError(e.message, e.step ?? -1);
    case "backend-unavailable":
      return new BackendUnavailableError(e.message);
    case undefined: {
      const err = new Error(e.message);
      err.name = e.name;
      return err;
    }
    default: {
      const err = new MinfoError(e.code, e.message);
      err.name = e.name;
      return err;
    }
  }
}

/**
 * Worker side: computes replicates chunk.start..chunk.end-1 in order and posts one reply each;
 * stops at the first error (posted as that replicate's reply).
 */
export async function computeReplicateChunk(
  estimator: MIEstimator,
  context: ReplicateContext,
  chunk: ReplicateChunk,
  post: (r: ReplicateWorkerReply) => void,
): Promise<void> {
  for (let b = chunk.start; b < chunk.end; b++) {
    let value: number;
    try {
      value = await computeReplicate(estimator, context, b);
    } catch (e) {
      post({ b, error: serializeReplicateError(e) });
      return;
    }
    post({ b, value });
  }
}

/**
 * Main-thread side: runs the replicates of `job` on workers started by `options.spawn`. Chunks
 * go to workers as they become free; value b is stored at index b (merge in replicate order);
 * `job.onDone` is called once per finished replicate with the count so far. On abort it rejects
 * with `AbortError(where)`, on a replicate error with that error rebuilt with its type, on a
 * worker failure with that failure; in every case, and on success, all workers are terminated.
 */
export function runReplicatesOnWorkers(where: string, job: ReplicateJob, options: WorkerScheduleOptions): Promise<Float64Array> {
  const count = job.count;
  const values = new Float64Array(count);
  if (job.signal?.aborted) return Promise.reject(new AbortError(where));
  if (count === 0) return Promise.resolve(values);
  let workers: number;
  let chunks: ReplicateChunk[];
  try {
    workers = validateWorkerCount(where, options.workers);
    chunks = replicateChunks(count, options.chunkSize === undefined ? defaultChunkSize(count, workers) : validateChunkSize(where, options.chunkSize));
  } catch (e) {
    return Promise.reject(e as Error);
  }
  return new Promise<Float64Array>((resolve, reject) => {
    const handles: ReplicateWorkerHandle[] = [];
    const left = new Int32Array(Math.min(workers, chunks.length)); // replies still due per worker
    const seen = new Uint8Array(count);
    let nextChunk = 0;
    let done = 0;
    let finished = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      job.signal?.removeEventListener("abort", onAbort);
      for (const h of handles) {
        try {
          h.terminate();
        } catch {
          // a worker that cannot be stopped is already gone
        }
      }
      if (err) reject(err);
      else resolve(values);
    };
    const onAbort = () => finish(new AbortError(where));
    job.signal?.addEventListener("abort", onAbort, { once: true });
    const give = (w: number) => {
      const c = chunks[nextChunk++];
      left[w] = c.end - c.start;
      handles[w].post(c);
    };
    for (let w = 0; w < left.length && !finished; w++) {
      const sink: ReplicateWorkerSink = {
        reply(r) {
          if (finished) return;
          if ("error" in r) {
            finish(rebuildReplicateError(r.error));
            return;
          }
          if (!Number.isInteger(r.b) || r.b < 0 || r.b >= count || seen[r.b] === 1) {
            finish(new Error(`${where}: a worker answered for replicate ${String(r.b)}, which was not due.`));
            return;
          }
          seen[r.b] = 1;
          values[r.b] = r.value;
          done++;
          job.onDone?.(done);
          if (finished) return; // onDone may abort
          if (done === count) finish();
          else if (--left[w] === 0 && nextChunk < chunks.length) give(w);
        },
        fail(e) {
          finish(e);
        },
      };
      try {
        handles.push(options.spawn(w, sink));
        give(w);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      }
    }
  });
}
