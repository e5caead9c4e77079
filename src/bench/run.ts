import { AbortError, InvalidArgumentError } from "../core/errors.js";
import type { Matrix, Progress } from "../core/types.js";
import type { EstimatorDescriptor } from "../estimators/descriptor.js";
import { findEstimator } from "../estimators/registry.js";
import { allEstimators } from "../neural/allEstimators.js";
import type { BenchResult } from "./results.js";
import { resultKey } from "./results.js";
import type { Sample } from "./samplers/sampler.js";
import { standardizeSample, task as findTask, type Suite, type Task } from "./tasks.js";

/** A registry estimator with options, under a label (default: the id). */
export interface EstimatorSpec {
  /** Registry id, e.g. "ksg-1". */
  readonly id: string;
  /** Label in the results (default `id`); must be unique within a run. */
  readonly name?: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** What an estimator run returns to the harness (nats). */
export interface BenchEstimateValue {
  readonly value: number;
  readonly ci?: { readonly lower: number; readonly upper: number; readonly level: number };
}

/**
 * Any MI estimator the harness can run: a registry estimator (see `benchEstimator`), an external
 * command (minfo/node's `externalEstimator`) or your own function. `estimate` receives the sample
 * (z-scored when the run standardizes) and the seed of the sample.
 */
export interface BenchEstimator {
  readonly name: string;
  estimate(x: Matrix, y: Matrix, seed: number, signal?: AbortSignal): BenchEstimateValue | Promise<BenchEstimateValue>;
}

/** One unit of work: one estimator on one sample. */
export interface BenchJob {
  readonly task: string;
  readonly suite: Suite;
  readonly estimator: string;
  readonly n: number;
  readonly seed: number;
}

export interface RunBenchmarkOptions {
  /** Tasks (objects from `tasks()`, or ids looked up with `task(id)`). */
  readonly tasks: readonly (Task | string)[];
  /** Estimators: registry ids, specs with options, or custom `BenchEstimator`s. Labels must be unique. */
  readonly estimators: readonly (string | EstimatorSpec | BenchEstimator)[];
  /** Where ids are looked up (default `benchRegistry`: built-in and neural estimators). */
  readonly registry?: readonly EstimatorDescriptor[];
  /** Sample sizes. */
  readonly n: readonly number[];
  /** Seeds of the samples (bmi: 0..9). */
  readonly seeds: readonly number[];
  /** z-score every sample per column before estimation, as bmi does (default true). */
  readonly standardize?: boolean;
  /** Keys (`resultKey`) already done: those jobs are skipped (resuming a run). */
  readonly skip?: ReadonlySet<string>;
  /** Called with every result as soon as it is known. */
  readonly onResult?: (r: BenchResult) => void;
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
}

const FN = "runBenchmark";

/**
 * The estimators the harness looks ids up in by default: the built-in (classical) ones, then the
 * neural ones (minfo/neural). The neural descriptors are light: TF.js loads on the first neural
 * estimate, so runs without a neural id never load it.
 */
export const benchRegistry: readonly EstimatorDescriptor[] = allEstimators;

/** True for an object that is a `BenchEstimator` rather than a registry spec. */
function isBenchEstimator(e: unknown): e is BenchEstimator {
  return typeof e === "object" && e !== null && typeof (e as BenchEstimator).estimate === "function";
}

/**
 * A `BenchEstimator` for a registry estimator that estimates MI (descriptor `mi` factory). The
 * estimator's interval (`uncertainty.ci`), when present, is carried into the result. Ids are looked
 * up in `registry` (default `benchRegistry`, which includes the neural estimators; their
 * asynchronous `estimate` is awaited like every other).
 * @throws UnknownEstimatorError, InvalidArgumentError when the id has no MI factory or an option is bad.
 */
export function benchEstimator(spec: string | EstimatorSpec, registry: readonly EstimatorDescriptor[] = benchRegistry): BenchEstimator {
  const s: EstimatorSpec = typeof spec === "string" ? { id: spec } : spec;
  const d = findEstimator(s.id, registry);
  if (!d.mi) throw new InvalidArgumentError(`${FN}: estimator "${s.id}" does not estimate mutual information.`, "estimators");
  const mi = d.mi({ ...(s.options ?? {}) });
  // Estimators with fixed roles (ross: X continuous, Y discrete) get the task's variables in the
  // order they need; MI is symmetric, so swapping changes nothing else.
  const wantsDiscreteY = d.variables?.y.includes("discrete") === true && !d.variables.x.includes("discrete");
  return {
    name: s.name ?? s.id,
    async estimate(x, y, seed, signal) {
      const swap = wantsDiscreteY && allIntegers(x) && !allIntegers(y);
      const e = await mi.estimate(swap ? y : x, swap ? x : y, { seed, units: "nats", signal });
      const ci = e.uncertainty?.ci;
      return ci ? { value: e.value, ci: { lower: ci.lower, upper: ci.upper, level: ci.level } } : { value: e.value };
    },
  };
}

function allIntegers(m: Matrix): boolean {
  for (let i = 0; i < m.data.length; i++) if (!Number.isInteger(m.data[i])) return false;
  return true;
}

/** Resolves and validates the estimators of a run (unique labels); ids are looked up in `registry`. */
export function resolveEstimators(
  list: readonly (string | EstimatorSpec | BenchEstimator)[],
  registry: readonly EstimatorDescriptor[] = benchRegistry,
): BenchEstimator[] {
  if (!Array.isArray(list) || list.length === 0) throw new InvalidArgumentError(`${FN}: estimators must be a non-empty array; got ${JSON.stringify(list)}.`, "estimators");
  const out = list.map((e) => (isBenchEstimator(e) ? e : benchEstimator(e, registry)));
  const seen = new Set<string>();
  for (const e of out) {
    if (typeof e.name !== "string" || e.name === "") throw new InvalidArgumentError(`${FN}: every estimator needs a non-empty name; got ${JSON.stringify(e.name)}.`, "estimators");
    if (seen.has(e.name)) throw new InvalidArgumentError(`${FN}: estimator names must be unique; "${e.name}" appears twice.`, "estimators");
    seen.add(e.name);
  }
  return out;
}

function checkIntegers(name: string, values: readonly number[], min: number): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new InvalidArgumentError(`${FN}: ${name} must be a non-empty array; got ${JSON.stringify(values)}.`, name);
  for (const v of values) {
    if (!Number.isSafeInteger(v) || v < min) throw new InvalidArgumentError(`${FN}: ${name} must hold integers >= ${min}; got ${String(v)}.`, name);
  }
  return [...new Set(values)];
}

/** Resolves task ids; validates. */
export function resolveTasks(list: readonly (Task | string)[]): Task[] {
  if (!Array.isArray(list) || list.length === 0) throw new InvalidArgumentError(`${FN}: tasks must be a non-empty array; got ${JSON.stringify(list)}.`, "tasks");
  return list.map((t) => (typeof t === "string" ? findTask(t) : t));
}

/**
 * The jobs of a run, in the order they are run: by n, task, seed, then estimator (so that the
 * estimators of one sample run together), less the keys in `skip`.
 */
export function planJobs(
  taskList: readonly Task[],
  estimatorNames: readonly string[],
  n: readonly number[],
  seeds: readonly number[],
  skip?: ReadonlySet<string>,
): BenchJob[] {
  const jobs: BenchJob[] = [];
  for (const size of n) {
    for (const t of taskList) {
      for (const seed of seeds) {
        for (const estimator of estimatorNames) {
          const job: BenchJob = { task: t.id, suite: t.suite, estimator, n: size, seed };
          if (!skip?.has(resultKey(job))) jobs.push(job);
        }
      }
    }
  }
  return jobs;
}

/**
 * Draws (and caches, one entry) the sample of a job. Sampling is deterministic in (task, n, seed),
 * so every estimator of a run sees the same sample for the same key.
 */
export class SampleCache {
  private key = "";
  private value: Sample | undefined;
  constructor(readonly standardize: boolean) {}
  get(t: Task, n: number, seed: number): Sample {
    const key = JSON.stringify([t.suite, t.id, n, seed]);
    if (key !== this.key || !this.value) {
      const raw = t.sample(n, seed);
      this.value = this.standardize ? standardizeSample(raw) : raw;
      this.key = key;
    }
    return this.value;
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message.replace(/\s*\n\s*/g, " ").trim() || e.name;
  return String(e);
}

/** Context of `runJob`. */
export interface RunJobContext {
  readonly signal?: AbortSignal;
  /** The task's truth when already known (saves recomputing a Monte Carlo truth in a worker). */
  readonly truth?: number;
  /** Clock in milliseconds (default performance.now). */
  readonly now?: () => number;
}

/**
 * Runs one job and returns its result; never throws for an estimator or sampling failure (the
 * result then has `estimate: null` and `error`). A non-finite estimate is recorded as a failure.
 */
export async function runJob(job: BenchJob, t: Task, estimator: BenchEstimator, samples: SampleCache, context: RunJobContext = {}): Promise<BenchResult> {
  const { signal, now = () => performance.now() } = context;
  const standardized = samples.standardize;
  const base = { task: t.id, suite: t.suite, dx: t.dx, dy: t.dy, estimator: estimator.name, n: job.n, seed: job.seed, truth: context.truth ?? t.truth };
  let start = now();
  try {
    const { x, y } = samples.get(t, job.n, job.seed);
    start = now();
    const out = await estimator.estimate(x, y, job.seed, signal);
    const seconds = (now() - start) / 1000;
    if (typeof out?.value !== "number" || !Number.isFinite(out.value)) {
      return { ...base, estimate: null, seconds, error: `estimator returned a non-finite estimate (${String(out?.value)}).`, standardized };
    }
    const ci = out.ci && Number.isFinite(out.ci.lower) && Number.isFinite(out.ci.upper) ? { ci: out.ci } : {};
    return { ...base, estimate: out.value, seconds, ...ci, standardized };
  } catch (e) {
    if (signal?.aborted) throw e;
    return { ...base, estimate: null, seconds: (now() - start) / 1000, error: errorText(e), standardized };
  }
}

/**
 * Runs every estimator on every task, sample size and seed, sequentially in this thread
 * (isomorphic; minfo/node's `runBenchmarkParallel` spreads the same jobs over worker threads and
 * appends to a results.jsonl). Each sample is drawn with `task.sample(n, seed)` and, unless
 * `standardize: false`, z-scored per column (bmi's protocol); every estimator sees the same
 * sample. A failing estimator is recorded as a result with `error` and the run goes on.
 *
 * @returns the results of the jobs run (not those skipped), in run order.
 * @throws InvalidArgumentError for bad arguments; AbortError when `signal` aborts.
 * @example
 * const results = await runBenchmark({ tasks: tasks("bmi-v1"), estimators: ["ksg-1", "gaussian"], n: [5000], seeds: [0, 1, 2] });
 */
export async function runBenchmark(options: RunBenchmarkOptions): Promise<BenchResult[]> {
  const taskList = resolveTasks(options.tasks);
  const estimators = resolveEstimators(options.estimators, options.registry ?? benchRegistry);
  const n = checkIntegers("n", options.n, 1);
  const seeds = checkIntegers("seeds", options.seeds, 0);
  const standardize = options.standardize ?? true;
  const byName = new Map(estimators.map((e) => [e.name, e]));
  const byTask = new Map(taskList.map((t) => [`${t.suite}/${t.id}`, t]));
  const jobs = planJobs(taskList, [...byName.keys()], n, seeds, options.skip);
  const samples = new SampleCache(standardize);
  const results: BenchResult[] = [];
  const { signal } = options;
  options.onProgress?.({ done: 0, total: jobs.length, label: "bench" });
  for (let i = 0; i < jobs.length; i++) {
    if (signal?.aborted) throw new AbortError(FN);
    const job = jobs[i];
    const r = await runJob(job, byTask.get(`${job.suite}/${job.task}`)!, byName.get(job.estimator)!, samples, { signal });
    results.push(r);
    options.onResult?.(r);
    options.onProgress?.({ done: i + 1, total: jobs.length, label: "bench" });
  }
  return results;
}
