import type { BenchResult } from "./results.js";
import { compareEstimators, compareTasks, solvedCounts, summarize, type BenchSummaryRow } from "./summarize.js";

/** Formats of a benchmark report. */
export type ReportFormat = "md" | "csv" | "json";

function num(v: number | null, digits = 3): string {
  if (v === null) return "–";
  return v.toFixed(digits);
}

function seconds(v: number | null): string {
  if (v === null) return "–";
  return v < 0.01 ? v.toExponential(1) : v.toFixed(2);
}

function escapeMd(s: string): string {
  return s.replace(/\|/g, "\\|");
}

/**
 * bmi-style overview for one n: one row per task, one column per estimator; a cell holds the mean
 * estimate over seeds, "✓" when solved (|log(mean/truth)| < log 1.5, no failures), and "(f)" with
 * the number of failed runs. The last row counts the solved tasks.
 */
export function overviewMarkdown(rows: readonly BenchSummaryRow[], n: number): string {
  const at = rows.filter((r) => r.n === n);
  const taskIds = [...new Set(at.map((r) => r.task))].sort(compareTasks);
  const estimators = [...new Set(at.map((r) => r.estimator))].sort(compareEstimators);
  const cell = new Map(at.map((r) => [JSON.stringify([r.task, r.estimator]), r]));
  const truth = new Map(at.map((r) => [r.task, r]));
  const lines = [
    `| task | dx×dy | truth | ${estimators.map(escapeMd).join(" | ")} |`,
    `|---|---|---:|${estimators.map(() => "---:").join("|")}|`,
  ];
  for (const id of taskIds) {
    const t = truth.get(id)!;
    const cells = estimators.map((e) => {
      const r = cell.get(JSON.stringify([id, e]));
      if (!r) return "";
      const mark = r.solved ? " ✓" : "";
      const fail = r.failures > 0 ? ` (${r.failures} failed)` : "";
      return `${num(r.mean)}${mark}${fail}`;
    });
    lines.push(`| ${escapeMd(id)} | ${t.dx}×${t.dy} | ${num(t.truth)} | ${cells.join(" | ")} |`);
  }
  const counts = new Map(solvedCounts(at).map((c) => [c.estimator, c]));
  lines.push(`| **solved** | | | ${estimators.map((e) => `**${counts.get(e)!.solved}/${counts.get(e)!.tasks}**`).join(" | ")} |`);
  return lines.join("\n") + "\n";
}

/** The full table: one line per (task, estimator, n) with every statistic of `BenchSummaryRow`. */
export function detailMarkdown(rows: readonly BenchSummaryRow[]): string {
  const anyCi = rows.some((r) => r.intervals > 0);
  const head = ["task", "estimator", "N", "truth", "mean", "bias", "std", "RMSE", "mean \\|log ratio\\|", "solved", "runs (failed)", ...(anyCi ? ["coverage"] : []), "time (s)"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const r of rows) {
    const cells = [
      escapeMd(r.task),
      escapeMd(r.estimator),
      String(r.n),
      num(r.truth),
      num(r.mean),
      num(r.bias),
      num(r.std),
      num(r.rmse),
      r.meanAbsLogRatio === null && r.ok > 0 ? "∞" : num(r.meanAbsLogRatio),
      r.solved ? "yes" : "no",
      `${r.runs}${r.failures > 0 ? ` (${r.failures})` : ""}`,
      ...(anyCi ? [r.coverage === null ? "–" : num(r.coverage, 2)] : []),
      seconds(r.meanSeconds),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n") + "\n";
}

/** A Markdown report: per n the overview (tasks × estimators), then the full table and the errors seen. */
export function markdownReport(rows: readonly BenchSummaryRow[]): string {
  const parts: string[] = [];
  const ns = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  for (const n of ns) {
    parts.push(`### N = ${n}\n\nMean estimate over seeds (nats); ✓: |log(mean / truth)| < log 1.5 and no failed run.\n\n${overviewMarkdown(rows, n)}`);
  }
  parts.push(`### All statistics\n\n${detailMarkdown(rows)}`);
  const failed = rows.filter((r) => r.errors.length > 0);
  if (failed.length > 0) {
    const lines = failed.map((r) => `- ${r.task}, ${r.estimator}, N = ${r.n}: ${r.failures} failed: ${r.errors.map((e) => `"${e}"`).join("; ")}`);
    parts.push(`### Failures\n\n${lines.join("\n")}\n`);
  }
  return parts.join("\n");
}

const CSV_COLUMNS: readonly (keyof BenchSummaryRow)[] = [
  "task",
  "suite",
  "dx",
  "dy",
  "estimator",
  "n",
  "truth",
  "runs",
  "ok",
  "failures",
  "mean",
  "bias",
  "std",
  "rmse",
  "logRatio",
  "meanAbsLogRatio",
  "solved",
  "solvedFraction",
  "intervals",
  "coverage",
  "meanSeconds",
  "errors",
];

function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = Array.isArray(v) ? v.join("; ") : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The summary as CSV (header row; empty cells for nulls; numbers at full precision). */
export function csvReport(rows: readonly BenchSummaryRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvField(r[c])).join(","));
  return lines.join("\n") + "\n";
}

/** The summary as JSON: `{ rows, solved }` (solved-task counts per estimator and n). */
export function jsonReport(rows: readonly BenchSummaryRow[]): string {
  return `${JSON.stringify({ rows, solved: solvedCounts(rows) }, null, 2)}\n`;
}

/** Summarizes `results` and formats the report. */
export function formatReport(results: readonly BenchResult[], format: ReportFormat): string {
  const rows = summarize(results);
  switch (format) {
    case "md":
      return markdownReport(rows);
    case "csv":
      return csvReport(rows);
    case "json":
      return jsonReport(rows);
  }
}
