import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { parseExternalSpec, sampleToCsv, type ExternalSpec } from "../../bench/external.js";
import { benchFigures } from "../../bench/figures/benchFigures.js";
import { csvReport, jsonReport, markdownReport } from "../../bench/report.js";
import { parseResults } from "../../bench/results.js";
import type { EstimatorSpec } from "../../bench/run.js";
import { summarize, solvedCounts, type BenchSummaryRow } from "../../bench/summarize.js";
import { SUITES, standardizeSample, task as findTask, tasks as suiteTasks, type Suite, type Task } from "../../bench/tasks.js";
import { findEstimator } from "../../estimators/registry.js";
import { runBenchmarkParallel } from "../../node/benchPool.js";
import { allEstimators } from "../allEstimators.js";
import type { CliIo } from "../cliIo.js";
import { createProgress } from "../progress.js";
import { parseSeed } from "../runOptions.js";
import { UsageError } from "../usageError.js";

interface RunOpts {
  suite: string;
  tasks?: string;
  estimators: string;
  n: string;
  seeds: string;
  out?: string;
  workers?: string;
  external: string[];
  raw?: boolean;
  retryFailed?: boolean;
  externalTimeout?: string;
  progress?: boolean;
}

function parseSuite(raw: string): Suite {
  if (!(SUITES as readonly string[]).includes(raw)) throw new UsageError(`option --suite must be one of ${SUITES.join(", ")}; got "${raw}".`);
  return raw as Suite;
}

function positiveInt(flag: string, raw: string, min = 1): number {
  const s = raw.trim();
  const v = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(v) || v < min) throw new UsageError(`option ${flag} must be an integer >= ${min}; got "${raw}".`);
  return v;
}

/**
 * `--seeds`: a count N (seeds 0..N-1, bmi's protocol) or an inclusive range FROM-TO, so that one
 * suite's seeds can be split across runs or machines and merged afterwards (results carry the seed).
 */
export function parseSeeds(raw: string): number[] {
  const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(raw);
  if (range === null) {
    const count = positiveInt("--seeds", raw);
    return Array.from({ length: count }, (_, i) => i);
  }
  const from = Number(range[1]);
  const to = Number(range[2]);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
    throw new UsageError(`option --seeds must be a count >= 1 or a range FROM-TO with FROM <= TO; got "${raw}".`);
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function list(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function parseOptionValue(raw: string): unknown {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (raw !== "" && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

/**
 * `--estimators` entries: `id` or `id:key=value:key=value` (the whole entry is the label in the
 * results). Checked against the registry: the id must estimate MI.
 */
export function parseEstimatorList(raw: string): EstimatorSpec[] {
  const entries = list(raw);
  if (entries.length === 0) throw new UsageError(`option --estimators must name at least one estimator; got "${raw}".`);
  return entries.map((entry) => {
    const [id, ...opts] = entry.split(":");
    const d = findEstimator(id, allEstimators);
    if (!d.mi) throw new UsageError(`estimator "${id}" does not estimate mutual information.`);
    const options: Record<string, unknown> = {};
    for (const o of opts) {
      const eq = o.indexOf("=");
      if (eq <= 0) throw new UsageError(`option --estimators: expected id:key=value, got "${entry}".`);
      options[o.slice(0, eq)] = parseOptionValue(o.slice(eq + 1));
    }
    return opts.length > 0 ? { id, name: entry, options } : { id };
  });
}

function loadResults(dir: string) {
  const file = join(dir, "results.jsonl");
  if (!existsSync(file)) throw new UsageError(`no results in "${dir}": ${file} does not exist (run \`minfo bench --out ${dir}\` first).`);
  return parseResults(readFileSync(file, "utf8"), file);
}

/** Writes report.md, report.csv, report.json and figures/*.svg into `dir`; returns the paths. */
export function writeReport(dir: string, rows: readonly BenchSummaryRow[]): string[] {
  const paths: string[] = [];
  const put = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    paths.push(p);
  };
  put("report.md", `# Benchmark report\n\nFrom ${join(dir, "results.jsonl")}.\n\n${markdownReport(rows)}`);
  put("report.csv", csvReport(rows));
  put("report.json", jsonReport(rows));
  return [...paths, ...writeFigures(dir, rows)];
}

function writeFigures(dir: string, rows: readonly BenchSummaryRow[]): string[] {
  const figures = benchFigures(rows);
  const out = join(dir, "figures");
  mkdirSync(out, { recursive: true });
  return Object.entries(figures).map(([name, svg]) => {
    const p = join(out, name);
    writeFileSync(p, svg);
    return p;
  });
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(6);
}

/** `minfo bench ...`: run the ground-truth benchmark, list tasks, export samples, rebuild reports. */
export function addBenchCommand(program: Command, io: CliIo): void {
  // The run is the default subcommand, so `minfo bench --suite ...` runs it while `bench tasks`,
  // `bench sample` and `bench report` keep their own options (a parent with options would take them).
  const bench = program
    .command("bench")
    .description("ground-truth benchmark of MI estimators (bmi v1 and more): run (default), tasks, sample, report");
  const run = bench
    .command("run", { isDefault: true })
    .description("run MI estimators on ground-truth tasks and report how close they get (`minfo bench --out DIR ...`)")
    .option("--suite <suite>", `task suite: ${SUITES.join(", ")}`, "bmi-v1")
    .option("--tasks <ids>", "only these task ids (comma-separated; see `minfo bench tasks`)")
    .option("--estimators <ids>", "estimator ids, comma-separated; options as id:key=value:key=value", "ksg-1")
    .option("--n <sizes>", "sample sizes, comma-separated", "5000")
    .option("--seeds <count|from-to>", "seeds 0..count-1, or the inclusive range from-to (e.g. 3-9)", "10")
    .option("--out <dir>", "output folder: results.jsonl (appended; an interrupted run resumes), report.md/csv/json, figures/")
    .option("--workers <count>", "worker threads (default: all cores)")
    .option("--external <name=cmd>", "an external estimator under bmi's protocol: name='program args...' (repeatable)", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option("--external-timeout <seconds>", "kill an external command after this many seconds")
    .option("--raw", "do not z-score each sample (bmi z-scores every sample; default)")
    .option("--retry-failed", "run again the runs recorded as failed in DIR/results.jsonl")
    .option("--progress", "show progress even when stderr is not a terminal");
  run.action(async (opts: RunOpts) => {
    if (opts.out === undefined) throw new UsageError("option --out <dir> is required to run the benchmark (results go to DIR/results.jsonl).");
    const suite = parseSuite(opts.suite);
    const all = suiteTasks(suite);
    let chosen: readonly Task[] = all;
    if (opts.tasks !== undefined) {
      chosen = list(opts.tasks).map((id) => {
        const t = all.find((x) => x.id === id);
        if (!t) throw new UsageError(`task "${id}" is not in suite ${suite}; list them with \`minfo bench tasks --suite ${suite}\`.`);
        return t;
      });
      if (chosen.length === 0) throw new UsageError(`option --tasks must name at least one task; got "${opts.tasks}".`);
    }
    const estimators = parseEstimatorList(opts.estimators);
    const n = list(opts.n).map((s) => positiveInt("--n", s));
    if (n.length === 0) throw new UsageError(`option --n must list at least one sample size; got "${opts.n}".`);
    const seeds = parseSeeds(opts.seeds);
    const workers = opts.workers === undefined ? availableParallelism() : positiveInt("--workers", opts.workers);
    let external: ExternalSpec[];
    try {
      external = opts.external.map(parseExternalSpec);
    } catch (e) {
      throw new UsageError(`option --external: ${(e as Error).message}`);
    }
    const timeout = opts.externalTimeout === undefined ? undefined : positiveInt("--external-timeout", opts.externalTimeout) * 1000;
    const dir = resolve(opts.out);
    let bar: ReturnType<typeof createProgress> | undefined;
    let failed = 0;
    const summary = await runBenchmarkParallel({
      dir,
      tasks: chosen,
      estimators,
      external,
      n,
      seeds,
      workers,
      standardize: opts.raw !== true,
      retryFailed: opts.retryFailed === true,
      externalTimeoutMs: timeout,
      onResult: (r) => {
        if (r.error !== undefined) failed++;
      },
      onProgress: (p) => {
        bar ??= createProgress(io, opts.progress === true, p.total, "bench", " runs");
        bar.update(p.done);
      },
    });
    bar?.stop();
    const rows = summarize(loadResults(dir));
    const paths = writeReport(dir, rows);
    const counts = solvedCounts(rows)
      .map((c) => `${c.estimator} ${c.solved}/${c.tasks} (N = ${c.n})`)
      .join(", ");
    io.stdout.write(
      `ran ${summary.results.length} runs (${failed} failed; ${summary.skipped} already in ${summary.file})\n` +
        `solved: ${counts}\n` +
        `report: ${paths[0]}\n`,
    );
  });

  bench
    .command("tasks")
    .description("list the tasks with dimensions and ground-truth MI (nats)")
    .option("--suite <suite>", `only this suite: ${SUITES.join(", ")}`)
    .option("--json", "print a JSON array")
    .action((opts: { suite?: string; json?: boolean }) => {
      const list = opts.suite === undefined ? suiteTasks() : suiteTasks(parseSuite(opts.suite));
      if (opts.json) {
        const out = list.map((t) => ({
          id: t.id,
          suite: t.suite,
          name: t.name,
          dx: t.dx,
          dy: t.dy,
          truth: t.truth,
          ...(t.truthSe !== undefined ? { truthSe: t.truthSe } : {}),
          truthMethod: t.truthMethod,
        }));
        io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const rows = list.map((t) => [t.suite, t.id, `${t.dx}x${t.dy}`, fmt(t.truth)]);
      const widths = [0, 1, 2].map((j) => Math.max(...rows.map((r) => r[j].length), ["suite", "task", "dx×dy"][j].length));
      const line = (r: string[]) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`;
      io.stdout.write(`${line(["suite", "task", "dx×dy", "truth (nats)"])}\n${rows.map(line).join("\n")}\n`);
    });

  bench
    .command("sample")
    .description("write a task's sample as CSV in bmi's layout (header X0..,Y0..); raw unless --standardize")
    .argument("<task>", "task id (see `minfo bench tasks`)")
    .option("--n <rows>", "number of rows", "5000")
    .option("--seed <s>", "seed of the sample", "0")
    .option("--suite <suite>", "look the id up in this suite only")
    .option("--out <file>", "write to this file instead of stdout")
    .option("--standardize", "z-score each column, as the benchmark does before estimating")
    .action((id: string, opts: { n: string; seed: string; suite?: string; out?: string; standardize?: boolean }) => {
      const suite = opts.suite === undefined ? undefined : parseSuite(opts.suite);
      let t: Task;
      try {
        t = findTask(id, suite);
      } catch (e) {
        throw new UsageError((e as Error).message.replace(/^task: /, ""));
      }
      const n = positiveInt("--n", opts.n, 2);
      const seed = parseSeed(opts.seed);
      const raw = t.sample(n, seed);
      const s = opts.standardize ? standardizeSample(raw) : raw;
      const csv = sampleToCsv(s.x, s.y);
      if (opts.out !== undefined) writeFileSync(opts.out, csv);
      else io.stdout.write(csv);
    });

  bench
    .command("report")
    .description("rebuild the report from DIR/results.jsonl: md, csv or json on stdout, or svg figures into DIR/figures")
    .argument("<dir>", "folder of a benchmark run")
    .option("--format <format>", "md, csv, json or svg", "md")
    .action((dir: string, opts: { format: string }) => {
      const rows = summarize(loadResults(dir));
      switch (opts.format) {
        case "md":
          io.stdout.write(markdownReport(rows));
          return;
        case "csv":
          io.stdout.write(csvReport(rows));
          return;
        case "json":
          io.stdout.write(jsonReport(rows));
          return;
        case "svg":
          io.stdout.write(`${writeFigures(dir, rows).join("\n")}\n`);
          return;
        default:
          throw new UsageError(`option --format must be md, csv, json or svg; got "${opts.format}".`);
      }
    });
}
