import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AbortError, InvalidArgumentError } from "../core/errors.js";
import type { Progress } from "../core/types.js";
import { parseExternalOutput, sampleToCsv, type ExternalSpec } from "../bench/external.js";
import { formatResultLine, parseResults, resultKey, type BenchResult } from "../bench/results.js";
import {
  planJobs,
  resolveEstimators,
  resolveTasks,
  runJob,
  SampleCache,
  type BenchEstimator,
  type BenchJob,
  type EstimatorSpec,
} from "../bench/run.js";
import type { Task } from "../bench/tasks.js";

/** Options of `externalEstimator`. */
export interface ExternalEstimatorOptions {
  /** Kill the command after this many milliseconds (default: no limit). */
  readonly timeoutMs?: number;
  /** Folder for the temporary CSV files (default: a fresh folder under the OS temp folder). */
  readonly tmpDir?: string;
}

let fileCounter = 0;

/**
 * A `BenchEstimator` that runs an external command under bmi's protocol: the (z-scored) sample is
 * written to a temporary CSV with header X0..,Y0.., the command runs as `cmd... FILE DIM_X DIM_Y`
 * (no shell), and its stdout and stderr together are parsed as one number in nats. A non-zero
 * exit status, a timeout or any other output fails the run (with the output in the message).
 */
export function externalEstimator(spec: ExternalSpec, options: ExternalEstimatorOptions = {}): BenchEstimator {
  if (!spec || typeof spec.name !== "string" || !Array.isArray(spec.command) || spec.command.length === 0) {
    throw new InvalidArgumentError(`externalEstimator: spec must be { name, command: [program, ...args] }; got ${JSON.stringify(spec)}.`, "spec");
  }
  let dir = options.tmpDir;
  return {
    name: spec.name,
    estimate(x, y, _seed, signal) {
      dir ??= mkdtempSync(join(tmpdir(), "minfo-external-"));
      const file = resolve(dir, `sample-${process.pid}-${Date.now()}-${fileCounter++}.csv`);
      writeFileSync(file, sampleToCsv(x, y));
      const [program, ...args] = spec.command;
      return new Promise((resolvePromise, reject) => {
        const child = spawn(program, [...args, file, String(x.cols), String(y.cols)], {
          stdio: ["ignore", "pipe", "pipe"],
          signal,
          timeout: options.timeoutMs,
        });
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
        child.stderr.setEncoding("utf8").on("data", (s: string) => (out += s));
        const done = (err?: Error, value?: number) => {
          rmSync(file, { force: true });
          if (err) reject(err);
          else resolvePromise({ value: value! });
        };
        child.on("error", (e) => done(new Error(`external estimator ${spec.name}: cannot run ${JSON.stringify(program)}: ${e.message}`)));
        child.on("close", (code, sig) => {
          if (code !== 0) {
            const tail = out.trim().slice(-300);
            done(new Error(`external estimator ${spec.name}: ${sig ? `killed by ${sig}` : `exit status ${code}`}${tail ? `: ${tail}` : ""}`));
            return;
          }
          try {
            done(undefined, parseExternalOutput(out));
          } catch (e) {
            done(e as Error);
          }
        });
      });
    },
  };
}

/** Options of `runBenchmarkParallel`. */
export interface ParallelBenchOptions {
  /** Output folder; results go to `dir/results.jsonl` (created; existing results are kept and skipped). */
  readonly dir: string;
  readonly tasks: readonly (Task | string)[];
  /** Registry estimators (ids or specs with options). */
  readonly estimators: readonly (string | EstimatorSpec)[];
  /** External commands run under bmi's protocol beside them. */
  readonly external?: readonly ExternalSpec[];
  readonly n: readonly number[];
  readonly seeds: readonly number[];
  /** Worker threads (default: all cores). 1 runs in this thread. */
  readonly workers?: number;
  readonly standardize?: boolean;
  /** Timeout of each external command (ms). */
  readonly externalTimeoutMs?: number;
  readonly onResult?: (r: BenchResult) => void;
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
  /** Run again the jobs whose earlier result in results.jsonl is a failure (default false). */
  readonly retryFailed?: boolean;
  /** The worker script (default: benchWorker.js next to this module). */
  readonly workerUrl?: URL;
}

/** What a parallel run did. */
export interface ParallelBenchSummary {
  /** Path of results.jsonl. */
  readonly file: string;
  /** Jobs skipped because results.jsonl already had them. */
  readonly skipped: number;
  /** Results of this run. */
  readonly results: readonly BenchResult[];
  /** Worker threads used (0: ran in this thread). */
  readonly workers: number;
}

/** Data sent to each worker thread. */
export interface BenchWorkerData {
  readonly estimators: readonly (string | EstimatorSpec)[];
  readonly external: readonly ExternalSpec[];
  readonly standardize: boolean;
  readonly externalTimeoutMs?: number;
}

/** Messages between the pool and its workers. */
export type BenchWorkerRequest = { readonly type: "job"; readonly job: BenchJob; readonly truth: number };
export type BenchWorkerReply = { readonly type: "result"; readonly result: BenchResult } | { readonly type: "fatal"; readonly error: string };

/**
 * Reads `file` (results.jsonl) for resuming: the results already there, after cutting off an
 * unterminated last line left by a killed run (so that the next append starts a fresh line).
 * A missing file gives no results.
 */
export function readResultsForResume(file: string): BenchResult[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, "utf8");
  if (text.length > 0 && !text.endsWith("\n")) {
    const cut = text.lastIndexOf("\n") + 1;
    truncateSync(file, Buffer.byteLength(text.slice(0, cut), "utf8"));
    return parseResults(text.slice(0, cut), file);
  }
  return parseResults(text, file);
}

/** Builds the estimators of a run (registry ones, then external ones). */
export function buildBenchEstimators(data: BenchWorkerData): BenchEstimator[] {
  const external = data.external.map((s) => externalEstimator(s, { timeoutMs: data.externalTimeoutMs }));
  return resolveEstimators([...data.estimators, ...external]);
}

/** Worker deaths in a row (no job finishing in between) after which a parallel run stops. */
const MAX_CRASHES_IN_A_ROW = 3;

function defaultWorkerUrl(): URL {
  return new URL("./benchWorker.js", import.meta.url);
}

/**
 * Runs a benchmark on all cores with worker threads and appends each result to
 * `dir/results.jsonl` as it finishes (one complete line per `appendFileSync`). Jobs whose key
 * (task, estimator, n, seed) is already in the file are skipped, so a killed run resumes where it
 * stopped. A failing estimator is recorded with its error and the run goes on. With `workers: 1`
 * (or when the worker script is not built, e.g. when running from the TypeScript sources) the jobs
 * run in this thread with the same results.
 *
 * @throws InvalidArgumentError for bad arguments (before any job runs); AbortError on `signal`.
 */
export async function runBenchmarkParallel(options: ParallelBenchOptions): Promise<ParallelBenchSummary> {
  const taskList = resolveTasks(options.tasks);
  const data: BenchWorkerData = {
    estimators: options.estimators,
    external: options.external ?? [],
    standardize: options.standardize ?? true,
    externalTimeoutMs: options.externalTimeoutMs,
  };
  const estimators = buildBenchEstimators(data); // validates ids, options and unique names
  const check = (name: string, values: readonly number[], min: number) => {
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => !Number.isSafeInteger(v) || v < min)) {
      throw new InvalidArgumentError(`runBenchmarkParallel: ${name} must be a non-empty array of integers >= ${min}; got ${JSON.stringify(values)}.`, name);
    }
    return [...new Set(values)];
  };
  const n = check("n", options.n, 1);
  const seeds = check("seeds", options.seeds, 0);
  const requested = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(requested) || requested < 1) {
    throw new InvalidArgumentError(`runBenchmarkParallel: workers must be a positive integer; got ${String(requested)}.`, "workers");
  }
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, "results.jsonl");
  const existing = readResultsForResume(file);
  const skip = new Set(existing.filter((r) => !(options.retryFailed && r.estimate === null)).map(resultKey));
  const jobs = planJobs(
    taskList,
    estimators.map((e) => e.name),
    n,
    seeds,
    skip,
  );
  const results: BenchResult[] = [];
  const total = jobs.length;
  const record = (r: BenchResult) => {
    appendFileSync(file, formatResultLine(r));
    results.push(r);
    options.onResult?.(r);
    options.onProgress?.({ done: results.length, total, label: "bench" });
  };
  options.onProgress?.({ done: 0, total, label: "bench" });
  const byTask = new Map(taskList.map((t) => [`${t.suite}/${t.id}`, t]));
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const workers = Math.min(requested, total);
  const { signal } = options;
  if (signal?.aborted) throw new AbortError("runBenchmarkParallel");

  if (workers <= 1 || !existsSync(fileURLToPath(workerUrl))) {
    const byName = new Map(estimators.map((e) => [e.name, e]));
    const samples = new SampleCache(data.standardize);
    for (const job of jobs) {
      if (signal?.aborted) throw new AbortError("runBenchmarkParallel");
      record(await runJob(job, byTask.get(`${job.suite}/${job.task}`)!, byName.get(job.estimator)!, samples, { signal }));
    }
    return { file, skipped: skip.size, results, workers: 0 };
  }

  // Truths of Monte Carlo tasks are computed once here, not in every worker.
  const truth = new Map(taskList.map((t) => [`${t.suite}/${t.id}`, t.truth]));
  await new Promise<void>((resolveRun, rejectRun) => {
    let next = 0;
    let settled = false;
    let crashesInARow = 0;
    const pool = new Set<Worker>();
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      for (const w of pool) void w.terminate();
      if (err) rejectRun(err);
      else resolveRun();
    };
    const onAbort = () => finish(new AbortError("runBenchmarkParallel"));
    signal?.addEventListener("abort", onAbort);
    const start = () => {
      const w = new Worker(workerUrl, { workerData: data });
      pool.add(w);
      let current: BenchJob | undefined;
      const feed = () => {
        if (settled) return;
        if (next >= jobs.length) {
          pool.delete(w);
          void w.terminate();
          if (results.length === total) finish();
          return;
        }
        current = jobs[next++];
        w.postMessage({ type: "job", job: current, truth: truth.get(`${current.suite}/${current.task}`)! } satisfies BenchWorkerRequest);
      };
      w.on("message", (m: BenchWorkerReply) => {
        if (settled) return;
        if (m.type === "fatal") {
          finish(new Error(`bench worker: ${m.error}`));
          return;
        }
        record(m.result);
        crashesInARow = 0;
        current = undefined;
        feed();
      });
      // The worker died (an uncaught error, out of memory, process.exit): record its job as
      // failed and carry on with a new worker. Workers that keep dying with no job finishing in
      // between (a broken worker script) stop the run instead of failing every job.
      const died = (why: string) => {
        if (settled || !pool.has(w)) return;
        pool.delete(w);
        if (!current || ++crashesInARow > MAX_CRASHES_IN_A_ROW) {
          finish(new Error(`bench worker failed: ${why}`));
          return;
        }
        const t = byTask.get(`${current.suite}/${current.task}`)!;
        record({
          task: t.id,
          suite: t.suite,
          dx: t.dx,
          dy: t.dy,
          estimator: current.estimator,
          n: current.n,
          seed: current.seed,
          truth: truth.get(`${t.suite}/${t.id}`)!,
          estimate: null,
          seconds: 0,
          error: `worker crashed: ${why}`,
          standardized: data.standardize,
        });
        current = undefined;
        if (results.length === total) finish();
        else start();
      };
      w.on("error", (e) => died(e.message));
      w.on("exit", (code) => died(`exited with code ${code}`));
      feed();
    };
    for (let i = 0; i < workers; i++) start();
  });
  return { file, skipped: skip.size, results, workers };
}
