#!/usr/bin/env node
// Per-seed verdicts of benchmark runs (the "Over three seeds" table of docs/benchmarks.md):
// for each estimator, the tasks solved on each seed, on every seed and by the mean over seeds,
// the median sd across seeds as a share of the truth, and the tasks whose verdict changes.
// "Solved": a positive estimate with |log(estimate / truth)| < log 1.5 (bmi's criterion).
// Later files win: a (task, estimator, N, seed) row in a later file replaces an earlier one, so
// a rerun of some tasks can be laid over a full run.
//
//   node scripts/bmi-seed-summary.mjs full/results.jsonl [rerun/results.jsonl ...]
//   node scripts/bmi-seed-summary.mjs --by-task a.jsonl b.jsonl ...
//     (instead: one row per task, each estimator's mean ± sd over its seeds and the number of
//     seeds; ✓ when the mean is solved)
import { readFileSync } from "node:fs";

const byTask = process.argv.includes("--by-task");
const files = process.argv.slice(2).filter((a) => a !== "--by-task");
if (files.length === 0) {
  console.error("usage: node scripts/bmi-seed-summary.mjs results.jsonl [more.jsonl ...]");
  process.exit(2);
}
const rows = new Map();
for (const f of files) {
  for (const line of readFileSync(f, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    rows.set(`${r.task}|${r.estimator}|${r.n}|${r.seed}`, r);
  }
}
const solved = (est, truth) => Number.isFinite(est) && est > 0 && Math.abs(Math.log(est / truth)) < Math.log(1.5);
const byEstimator = new Map();
const taskOrder = [];
for (const r of rows.values()) {
  if (!taskOrder.includes(r.task)) taskOrder.push(r.task);
  if (!byEstimator.has(r.estimator)) byEstimator.set(r.estimator, new Map());
  const tasks = byEstimator.get(r.estimator);
  if (!tasks.has(r.task)) tasks.set(r.task, { truth: r.truth, bySeed: new Map() });
  tasks.get(r.task).bySeed.set(r.seed, r.estimate);
}
if (byTask) {
  printByTask();
  process.exit(0);
}

/** One row per task: truth, then mean ± sd (seeds) per estimator, ✓ when the mean is solved. */
function printByTask() {
  const estimators = [...byEstimator.keys()].sort();
  console.log(`| task | truth | ${estimators.join(" | ")} |`);
  console.log(`|---|---:|${estimators.map(() => "---").join("|")}|`);
  for (const id of taskOrder) {
    const cells = estimators.map((est) => {
      const t = byEstimator.get(est).get(id);
      const values = t ? [...t.bySeed.values()].filter((v) => v !== undefined && v !== null) : [];
      if (values.length === 0) return "–";
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : NaN;
      return `${mean.toFixed(3)}${Number.isFinite(sd) ? ` ± ${sd.toFixed(3)}` : ""} (${values.length})${solved(mean, t.truth) ? " ✓" : ""}`;
    });
    const truth = estimators.map((est) => byEstimator.get(est).get(id)?.truth).find((v) => v !== undefined);
    console.log(`| ${id} | ${truth.toFixed(3)} | ${cells.join(" | ")} |`);
  }
}

console.log("| estimator | tasks | solved per seed | solved on every seed | solved by the mean over seeds | median sd across seeds (share of the truth) | tasks whose verdict changes with the seed |");
console.log("|---|---:|---|---:|---:|---:|---|");
for (const [est, tasks] of [...byEstimator].sort((a, b) => a[0].localeCompare(b[0]))) {
  const seeds = [...new Set([...tasks.values()].flatMap((t) => [...t.bySeed.keys()]))].sort((a, b) => a - b);
  const perSeed = seeds.map((s) => [...tasks.values()].filter((t) => solved(t.bySeed.get(s), t.truth)).length);
  let all = 0;
  let byMean = 0;
  const sds = [];
  const flips = [];
  for (const [id, t] of tasks) {
    const values = seeds.map((s) => t.bySeed.get(s)).filter((v) => v !== undefined && v !== null);
    const verdicts = values.map((v) => solved(v, t.truth));
    if (verdicts.length === seeds.length && verdicts.every(Boolean)) all++;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (values.length > 0 && solved(mean, t.truth)) byMean++;
    if (values.length > 1) {
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
      sds.push(sd / t.truth);
    }
    if (new Set(verdicts).size > 1) flips.push(id);
  }
  sds.sort((a, b) => a - b);
  const median = sds.length ? sds[Math.floor((sds.length - 1) / 2)] : NaN;
  console.log(`| ${est} | ${tasks.size} | ${perSeed.join(" / ")} | ${all} | ${byMean} | ${(100 * median).toFixed(1)}% | ${flips.join(", ") || "none"} |`);
}
