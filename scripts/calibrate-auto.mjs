#!/usr/bin/env node
// Calibration of the `auto` estimator on bmi v1 (docs/benchmarks.md, section "auto").
//
// For every bmi v1 task and seed: draw the sample with task.sample(n, seed), z-score it (bmi's
// protocol), run `auto` (estimate + interval) and every single continuous MI estimator of the
// registry with its default options on the same sample. One JSON line per (task, seed,
// estimator) goes to --out; a rerun skips lines already there (resumable). --summary reads the
// files and prints the markdown tables of docs/benchmarks.md.
//
//   npm run build   (or: npx tsc -p tsconfig.build.json --outDir /tmp/auto-dist, then --dist /tmp/auto-dist)
//   node scripts/calibrate-auto.mjs --n 2000 --seeds 10 --resamples 50 --out cal.jsonl [--shard 0/2]
//   node scripts/calibrate-auto.mjs --summary cal-0.jsonl,cal-1.jsonl
//
// Options: --n N (2000), --seeds S (seeds 1..S, default 10), --resamples B (auto's resamples, 50),
// --estimators ids (default: the list below; "none" for auto only), --tasks substring filter,
// --shard i/k (tasks with index % k == i), --dist folder of the compiled sources (default dist),
// --suite id (default bmi-v1; e.g. bmi-v2 for a held-out check), --skip-suite id (leave out the
// tasks of that suite, e.g. --suite bmi-v2 --skip-suite bmi-v1 for the v2-only tasks),
// --slow seconds (default 60: an estimator whose run on a task took longer is skipped for that
// task's remaining seeds and recorded as skipped).
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { flag } from "./lib/flag.mjs";

const opt = flag;
const SINGLE = ["ksg-1", "ksg-2", "lnc", "gaussian", "gaussian-copula", "histogram", "adaptive-binning", "kde", "gao"];
const SOLVED_LOG_RATIO = Math.log(1.5);
const LOG_FLOOR = 1e-3;

if (opt("summary")) {
  summary(opt("summary").split(","));
} else {
  await calibrate();
}

async function calibrate() {
  const dist = resolve(opt("dist", "dist"));
  const imp = (p) => import(pathToFileURL(`${dist}/${p}`).href);
  const { tasks, standardizeSample } = await imp("bench/tasks.js");
  const { auto } = await imp("estimators/auto.js");
  const { findEstimator } = await imp("estimators/registry.js");
  const n = Number(opt("n", "2000"));
  const seeds = Array.from({ length: Number(opt("seeds", "10")) }, (_, i) => i + 1);
  const resamples = Number(opt("resamples", "50"));
  const out = opt("out", "calibrate-auto.jsonl");
  const estList = opt("estimators", SINGLE.join(","));
  const singles = estList === "none" ? [] : estList.split(",");
  const filter = opt("tasks", "");
  const [si, sk] = opt("shard", "0/1").split("/").map(Number);
  const slow = Number(opt("slow", "60")) * 1000;
  const done = new Set();
  if (existsSync(out)) {
    for (const line of readFileSync(out, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      done.add(`${r.task}|${r.seed}|${r.estimator}`);
    }
  }
  const suite = opt("suite", "bmi-v1");
  const skipIds = new Set(opt("skip-suite", "") ? tasks(opt("skip-suite")).map((t) => t.id) : []);
  const all = tasks(suite).filter((t, i) => i % sk === si && t.id.includes(filter) && !skipIds.has(t.id));
  const autoEst = auto({ resamples });
  const built = new Map(singles.map((id) => [id, findEstimator(id).mi({})]));
  for (const t of all) {
    const skip = new Set();
    for (const seed of seeds) {
      const sample = standardizeSample(t.sample(n, seed));
      const base = { task: t.id, dx: t.dx, dy: t.dy, truth: t.truth, n, seed };
      if (!done.has(`${t.id}|${seed}|auto`)) {
        const t0 = performance.now();
        const rec = { ...base, estimator: "auto", resamples };
        try {
          const e = await autoEst.estimate(sample.x, sample.y, { seed, units: "nats" });
          const d = e.diagnostics.details;
          const extra = d.bias ? d.bias.extra : 0;
          Object.assign(rec, {
            estimate: e.value,
            ci: [e.uncertainty.ci.lower, e.uncertainty.ci.upper],
            se: e.uncertainty.se,
            // The interval without the bias terms (details.plain; older versions: undo the chosen estimator's extra).
            ciPlain: d.plain
              ? [d.plain.lower, d.plain.upper]
              : extra > 0
                ? [e.uncertainty.ci.lower, e.uncertainty.ci.upper - extra]
                : [e.uncertainty.ci.lower - extra, e.uncertainty.ci.upper],
            method: e.uncertainty.ci.method,
            chosen: d.choice.id,
            compared: d.compared,
            candidates: d.candidates?.map((c) => ({ id: c.id, value: c.value, ci: [c.lower, c.upper], selectionLower: c.selectionLower, plain: c.plain, se: c.se, bias: c.bias })),
            bias: d.bias,
            reasons: d.choice.reasons,
          });
        } catch (err) {
          rec.error = String(err?.message ?? err);
        }
        rec.seconds = (performance.now() - t0) / 1000;
        appendFileSync(out, JSON.stringify(rec) + "\n");
        process.stderr.write(`${t.id} seed ${seed} auto ${rec.estimate?.toFixed?.(3)} [${rec.ci?.map((v) => v.toFixed(3)).join(", ")}] truth ${t.truth.toFixed(3)} ${rec.seconds.toFixed(1)} s\n`);
      }
      for (const [id, est] of built) {
        if (done.has(`${t.id}|${seed}|${id}`)) continue;
        const rec = { ...base, estimator: id };
        if (skip.has(id)) {
          rec.error = "skipped: slow";
        } else {
          const t0 = performance.now();
          try {
            rec.estimate = (await est.estimate(sample.x, sample.y, { seed, units: "nats", local: false })).value;
          } catch (err) {
            rec.error = String(err?.message ?? err);
          }
          rec.seconds = (performance.now() - t0) / 1000;
          if (rec.seconds * 1000 > slow) skip.add(id);
        }
        appendFileSync(out, JSON.stringify(rec) + "\n");
      }
    }
  }
}

function summary(files) {
  // One row per (task, seed, estimator): the first one met (several files may overlap).
  const seen = new Set();
  const rows = files
    .flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l)),
    )
    .filter((r) => {
      const key = `${r.task}|${r.seed}|${r.estimator}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const taskIds = [...new Set(rows.map((r) => r.task))];
  const ests = [...new Set(rows.map((r) => r.estimator))].sort((a, b) => (a === "auto" ? -1 : b === "auto" ? 1 : SINGLE.indexOf(a) - SINGLE.indexOf(b)));
  const fmt = (v, d = 3) => (v === null || v === undefined || Number.isNaN(v) ? "–" : v.toFixed(d));
  const absLog = (e, T) => Math.abs(Math.log(Math.max(e, LOG_FLOOR) / T));
  const autoRows = rows.filter((r) => r.estimator === "auto");
  const meta = autoRows[0] ?? rows[0];
  console.log(`Runs: ${rows.length} lines; n = ${meta.n}; auto resamples = ${meta.resamples}; tasks = ${taskIds.length}.\n`);
  console.log("| Task | d | Truth | auto choice (runs) | auto mean | 95% CI covers (with bias term) | covers (plain subsampling) | mean CI width | mean abs log ratio | solved |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  let cov = 0;
  let covPlain = 0;
  let total = 0;
  for (const id of taskIds) {
    const g = autoRows.filter((r) => r.task === id && r.estimate !== undefined);
    if (g.length === 0) continue;
    const T = g[0].truth;
    const c = g.filter((r) => r.ci[0] <= T && T <= r.ci[1]).length;
    const cp = g.filter((r) => r.ciPlain[0] <= T && T <= r.ciPlain[1]).length;
    cov += c;
    covPlain += cp;
    total += g.length;
    const chosen = {};
    for (const r of g) chosen[r.chosen] = (chosen[r.chosen] ?? 0) + 1;
    const mean = g.reduce((s, r) => s + r.estimate, 0) / g.length;
    const width = g.reduce((s, r) => s + (r.ci[1] - r.ci[0]), 0) / g.length;
    const mal = g.reduce((s, r) => s + absLog(r.estimate, T), 0) / g.length;
    const solved = mean > 0 && Math.abs(Math.log(mean / T)) < SOLVED_LOG_RATIO;
    const ch = Object.entries(chosen)
      .map(([k, v]) => `${k} (${v})`)
      .join(", ");
    console.log(`| ${id} | ${g[0].dx + g[0].dy} | ${fmt(T)} | ${ch} | ${fmt(mean)} | ${c}/${g.length} | ${cp}/${g.length} | ${fmt(width)} | ${fmt(mal)} | ${solved ? "yes" : "no"} |`);
  }
  console.log(`| **overall** | | | | | **${cov}/${total} = ${fmt((100 * cov) / total, 1)}%** | ${covPlain}/${total} = ${fmt((100 * covPlain) / total, 1)}% | | | |\n`);
  console.log("| Estimator | runs (failed) | mean abs log(est/true) | median over tasks | tasks solved (bmi: abs log(mean/true) < log 1.5) | runs passing | mean seconds |");
  console.log("|---|---|---|---|---|---|---|");
  for (const est of ests) {
    const g = rows.filter((r) => r.estimator === est);
    const ok = g.filter((r) => r.estimate !== undefined);
    const perTask = [];
    let solved = 0;
    let passes = 0;
    for (const id of taskIds) {
      const gt = g.filter((r) => r.task === id);
      const okt = gt.filter((r) => r.estimate !== undefined);
      if (gt.length === 0) continue;
      const T = gt[0].truth;
      if (okt.length === gt.length) {
        const mean = okt.reduce((s, r) => s + r.estimate, 0) / okt.length;
        if (mean > 0 && Math.abs(Math.log(mean / T)) < SOLVED_LOG_RATIO) solved++;
        perTask.push(okt.reduce((s, r) => s + absLog(r.estimate, T), 0) / okt.length);
      } else {
        perTask.push(Infinity);
      }
      passes += okt.filter((r) => r.estimate > 0 && absLog(r.estimate, T) < SOLVED_LOG_RATIO).length;
    }
    const finite = ok.map((r) => absLog(r.estimate, r.truth));
    const mal = finite.reduce((s, v) => s + v, 0) / Math.max(1, finite.length);
    const sorted = perTask.slice().sort((a, b) => a - b);
    const med = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
    const secs = ok.reduce((s, r) => s + (r.seconds ?? 0), 0) / Math.max(1, ok.length);
    console.log(
      `| ${est} | ${g.length} (${g.length - ok.length}) | ${fmt(mal)} | ${med === Infinity ? "∞" : fmt(med)} | ${solved}/${perTask.length} | ${passes}/${g.length} | ${fmt(secs, 2)} |`,
    );
  }
  console.log(`\nmean abs log: over successful runs, estimates below ${LOG_FLOOR} nats counted as ${LOG_FLOOR}; a task with a failed run is not solved and its median entry is ∞.`);
}
