import { builtinEstimators } from "../estimators/registry.js";
import type { BenchResult } from "./results.js";
import { tasks as allTasks } from "./tasks.js";

/** bmi's acceptance threshold on |log(estimate / truth)| (Czyż et al. 2023): log 1.5. */
export const SOLVED_LOG_RATIO = Math.log(1.5);

/**
 * Summary of one (task, estimator, n) over its seeds. Statistics use the successful runs only
 * (`ok` of them); `failures` counts the others. Definitions (m = ok, e_i the estimates, T the truth):
 *
 * - `mean` = Σ e_i / m; `bias` = mean − T;
 * - `std` = √(Σ (e_i − mean)² / (m − 1)) (sample SD, ddof 1; null when m < 2);
 * - `rmse` = √(Σ (e_i − T)² / m);
 * - `logRatio` = log(mean / T) (null when mean ≤ 0 or T ≤ 0): the heat-map colour;
 * - `meanAbsLogRatio` = Σ |log(e_i / T)| / m (null when some e_i ≤ 0 or T ≤ 0: the ratio has no log);
 * - `solved`: bmi's criterion applied to the mean over seeds, |log(mean / T)| < log 1.5, and no
 *   run failed (a failed run is not a pass);
 * - `solvedFraction`: fraction of all runs (failures included) whose own estimate passes;
 * - `coverage`: fraction of the runs with an interval (`intervals` of them) whose interval holds T
 *   (null when none has one);
 * - `meanSeconds`: mean wall time of the successful runs.
 */
export interface BenchSummaryRow {
  readonly task: string;
  readonly suite: string;
  readonly dx: number;
  readonly dy: number;
  readonly estimator: string;
  readonly n: number;
  readonly truth: number;
  readonly runs: number;
  readonly ok: number;
  readonly failures: number;
  readonly mean: number | null;
  readonly bias: number | null;
  readonly std: number | null;
  readonly rmse: number | null;
  readonly logRatio: number | null;
  readonly meanAbsLogRatio: number | null;
  readonly solved: boolean;
  readonly solvedFraction: number;
  readonly intervals: number;
  readonly coverage: number | null;
  readonly meanSeconds: number | null;
  /** Distinct error messages of the failed runs (at most 3). */
  readonly errors: readonly string[];
}

/** Kahan-compensated sum. */
function sum(values: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const y = v - c;
    const t = s + y;
    c = t - s - y;
    s = t;
  }
  return s;
}

/** Summary statistics of one group of results (same task, estimator, n). */
export function summarizeGroup(group: readonly BenchResult[]): BenchSummaryRow {
  const first = group[0];
  const T = first.truth;
  const okRuns = group.filter((r) => r.estimate !== null);
  const e = okRuns.map((r) => r.estimate as number);
  const m = e.length;
  const mean = m > 0 ? sum(e) / m : null;
  const std = mean !== null && m > 1 ? Math.sqrt(sum(e.map((v) => (v - mean) ** 2)) / (m - 1)) : null;
  const rmse = m > 0 ? Math.sqrt(sum(e.map((v) => (v - T) ** 2)) / m) : null;
  const logRatio = mean !== null && mean > 0 && T > 0 ? Math.log(mean / T) : null;
  const meanAbsLogRatio = m > 0 && T > 0 && e.every((v) => v > 0) ? sum(e.map((v) => Math.abs(Math.log(v / T)))) / m : null;
  const failures = group.length - m;
  const solved = failures === 0 && logRatio !== null && Math.abs(logRatio) < SOLVED_LOG_RATIO;
  const passes = T > 0 ? e.filter((v) => v > 0 && Math.abs(Math.log(v / T)) < SOLVED_LOG_RATIO).length : 0;
  const withCi = okRuns.filter((r) => r.ci !== undefined);
  const covered = withCi.filter((r) => r.ci!.lower <= T && T <= r.ci!.upper).length;
  const errors = [...new Set(group.filter((r) => r.error !== undefined).map((r) => r.error!))].slice(0, 3);
  return {
    task: first.task,
    suite: first.suite,
    dx: first.dx,
    dy: first.dy,
    estimator: first.estimator,
    n: first.n,
    truth: T,
    runs: group.length,
    ok: m,
    failures,
    mean,
    bias: mean === null ? null : mean - T,
    std,
    rmse,
    logRatio,
    meanAbsLogRatio,
    solved,
    solvedFraction: group.length > 0 ? passes / group.length : 0,
    intervals: withCi.length,
    coverage: withCi.length > 0 ? covered / withCi.length : null,
    meanSeconds: m > 0 ? sum(okRuns.map((r) => r.seconds)) / m : null,
    errors,
  };
}

let catalogueOrder: Map<string, number> | undefined;
function taskRank(id: string): number {
  if (!catalogueOrder) {
    catalogueOrder = new Map();
    for (const t of allTasks()) if (!catalogueOrder.has(t.id)) catalogueOrder.set(t.id, catalogueOrder.size);
  }
  return catalogueOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
}

function estimatorRank(name: string): number {
  const i = builtinEstimators.findIndex((d) => d.id === name);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/** Compares task ids in catalogue order (unknown ids last, alphabetically). */
export function compareTasks(a: string, b: string): number {
  return taskRank(a) - taskRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compares estimator names in registry order (others last, alphabetically). */
export function compareEstimators(a: string, b: string): number {
  return estimatorRank(a) - estimatorRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * One summary row per (task, estimator, n), sorted by n, task (catalogue order) and estimator
 * (registry order, then others by name). Results are grouped as given; duplicates of a key should
 * have been removed (`parseResults` does).
 */
export function summarize(results: readonly BenchResult[]): BenchSummaryRow[] {
  const groups = new Map<string, BenchResult[]>();
  for (const r of results) {
    const key = JSON.stringify([r.task, r.estimator, r.n]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(r);
  }
  const rows = [...groups.values()].map(summarizeGroup);
  return rows.sort((a, b) => a.n - b.n || compareTasks(a.task, b.task) || compareEstimators(a.estimator, b.estimator));
}

/** Per (estimator, n): how many tasks are solved out of how many were run. */
export interface SolvedCount {
  readonly estimator: string;
  readonly n: number;
  readonly solved: number;
  readonly tasks: number;
}

/** Solved-task counts per (estimator, n), from summary rows. */
export function solvedCounts(rows: readonly BenchSummaryRow[]): SolvedCount[] {
  const map = new Map<string, { estimator: string; n: number; solved: number; tasks: number }>();
  for (const r of rows) {
    const key = JSON.stringify([r.estimator, r.n]);
    let c = map.get(key);
    if (!c) map.set(key, (c = { estimator: r.estimator, n: r.n, solved: 0, tasks: 0 }));
    c.tasks++;
    if (r.solved) c.solved++;
  }
  return [...map.values()].sort((a, b) => a.n - b.n || compareEstimators(a.estimator, b.estimator));
}

/**
 * Self-consistency ratio of one consistency task (suite "consistency"): the mean estimate on the
 * task divided by the mean estimate on its baseline task, for one (estimator, n).
 */
export interface ConsistencyRatio {
  readonly task: string;
  readonly test: string;
  readonly rowsKept: number;
  readonly estimator: string;
  readonly n: number;
  /** Mean estimate on the task (nats). */
  readonly estimate: number;
  readonly truth: number;
  /** estimate / baseline estimate; null for the independence test or a non-positive baseline. */
  readonly ratio: number | null;
  readonly idealRatio: number | null;
}

/** The self-consistency ratios (Song & Ermon 2020 §5) among summary rows of suite "consistency". */
export function consistencyRatios(rows: readonly BenchSummaryRow[]): ConsistencyRatio[] {
  const info = new Map(allTasks("consistency").map((t) => [t.id, t.consistency!]));
  const mean = new Map(rows.map((r) => [JSON.stringify([r.task, r.estimator, r.n]), r.mean]));
  const out: ConsistencyRatio[] = [];
  for (const r of rows) {
    const c = info.get(r.task);
    if (!c || r.mean === null) continue;
    const base = c.test === "independence" ? null : mean.get(JSON.stringify([c.baselineId, r.estimator, r.n]));
    out.push({
      task: r.task,
      test: c.test,
      rowsKept: c.rowsKept,
      estimator: r.estimator,
      n: r.n,
      estimate: r.mean,
      truth: r.truth,
      ratio: base !== null && base !== undefined && base > 0 ? r.mean / base : null,
      idealRatio: c.idealRatio ?? null,
    });
  }
  return out;
}
