import { AbortError, InvalidArgumentError, throwIfAborted } from "../errors.js";
import type { MIEstimator, Progress } from "../types.js";
import { computeReplicate, type ReplicateContext } from "./resample.js";

/** One batch of replicates: estimates on replicate datasets 0..count-1 of `context`. */
export interface ReplicateJob {
  readonly estimator: MIEstimator;
  readonly context: ReplicateContext;
  readonly count: number;
  readonly signal?: AbortSignal;
  /** Called after each finished replicate with the number finished so far. */
  readonly onDone?: (done: number) => void;
}

/**
 * Computes replicate values; `values[b]` is always the estimate on replicate b, whatever the
 * order of computation. The isomorphic default (`sequentialRunner`) runs them one after the other;
 * `minfo/node` has a worker-thread pool with identical results.
 */
export interface ReplicateRunner {
  run(job: ReplicateJob): Promise<Float64Array>;
}

/** Runs replicates in order on the calling thread, checking the signal before each one. */
export const sequentialRunner: ReplicateRunner = Object.freeze({
  async run(job: ReplicateJob): Promise<Float64Array> {
    const values = new Float64Array(job.count);
    for (let b = 0; b < job.count; b++) {
      throwIfAborted(job.signal, "replicates");
      values[b] = await computeReplicate(job.estimator, job.context, b);
      job.onDone?.(b + 1);
    }
    return values;
  },
});

/** Settings shared by every resampling wrapper. */
export interface ReplicateSettings {
  /** Seed of every resample (default 0); replicate b uses a stream forked from it by b. */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Progress in replicates done (label names the method). */
  readonly onProgress?: (p: Progress) => void;
  /** Where replicates run; default `sequentialRunner`. */
  readonly runner?: ReplicateRunner;
}

/** Runs `count` replicates through the chosen runner with progress and abort. */
export async function runReplicates(
  fn: string,
  estimator: MIEstimator,
  context: ReplicateContext,
  count: number,
  settings: ReplicateSettings,
  label: string,
): Promise<Float64Array> {
  throwIfAborted(settings.signal, fn);
  const runner = settings.runner ?? sequentialRunner;
  if (typeof runner?.run !== "function") {
    throw new InvalidArgumentError(`${fn}: runner must have a run(job) method; got ${typeof runner}.`, "runner");
  }
  const onProgress = settings.onProgress;
  onProgress?.({ done: 0, total: count, label });
  try {
    const values = await runner.run({
      estimator,
      context,
      count,
      signal: settings.signal,
      onDone: onProgress ? (done) => onProgress({ done, total: count, label }) : undefined,
    });
    if (values.length !== count) {
      throw new InvalidArgumentError(`${fn}: runner returned ${values.length} values; expected ${count}.`, "runner");
    }
    return values;
  } catch (e) {
    if (e instanceof AbortError) throw new AbortError(fn);
    throw e;
  }
}
