import * as Plot from "@observablehq/plot";
import { consistencyRatios, compareEstimators, compareTasks, type BenchSummaryRow } from "../summarize.js";
import { renderSvg, SERIES_COLORS, type FigurePart } from "./renderSvg.js";

function seriesColor(names: readonly string[]) {
  return { domain: [...names], range: SERIES_COLORS.slice(0, Math.max(1, names.length)) };
}

function estimatorsOf(rows: readonly { estimator: string }[]): string[] {
  return [...new Set(rows.map((r) => r.estimator))].sort(compareEstimators);
}

/** Colour scale of the heat map: log(mean / truth) clipped to [-1, 1], as in bmi's figures. */
const LOG_RATIO_COLOR: Plot.ScaleOptions = { type: "quantize", n: 10, scheme: "rdbu", domain: [-1, 1], reverse: true };

const clip = (v: number) => Math.max(-1, Math.min(1, v));

/**
 * bmi-style heat map for one n (default: the largest): one cell per (task, estimator), colour =
 * log(mean estimate / truth) clipped to [-1, 1] (red: over-estimate, blue: under-estimate; grey:
 * no positive mean), text = mean estimate (nats). Tasks are labelled with their truth.
 * Returns null when there is nothing to draw.
 */
export function heatmapSvg(rows: readonly BenchSummaryRow[], n?: number): string | null {
  const size = n ?? Math.max(...rows.map((r) => r.n));
  const at = rows.filter((r) => r.n === size);
  if (at.length === 0) return null;
  const taskIds = [...new Set(at.map((r) => r.task))].sort(compareTasks);
  const estimators = [...new Set(at.map((r) => r.estimator))].sort(compareEstimators);
  const label = new Map(at.map((r) => [r.task, `${r.task} (${r.truth.toFixed(2)})`]));
  const data = at.map((r) => ({
    task: label.get(r.task)!,
    estimator: r.estimator,
    color: r.logRatio === null ? Number.NaN : clip(r.logRatio),
    text: r.mean === null ? "fail" : `${r.mean.toFixed(2)}${r.solved ? "" : "*"}`,
  }));
  const longest = Math.max(...taskIds.map((id) => label.get(id)!.length));
  const marginLeft = Math.min(420, 12 + 5.6 * longest);
  const width = marginLeft + 70 * estimators.length + 60;
  return renderSvg(
    [
      { legend: { color: LOG_RATIO_COLOR, label: "log(mean estimate / truth), clipped to [-1, 1]", width: 320 } },
      {
        plot: {
        width,
        height: 60 + 18 * taskIds.length,
        marginLeft,
        marginTop: 50,
        marginRight: 50,
        x: { domain: estimators, axis: "top", label: null, tickRotate: -20 },
        y: { domain: taskIds.map((id) => label.get(id)!), label: null },
        color: { ...LOG_RATIO_COLOR, unknown: "#ccc" },
        marks: [
          Plot.cell(data, { x: "estimator", y: "task", fill: "color", inset: 0.5 }),
          // Text on the darkest colours (|log ratio| > 0.6) is white.
          Plot.text(
            data.filter((d) => !(Math.abs(d.color) > 0.6)),
            { x: "estimator", y: "task", text: "text", fontSize: 9, fill: "black" },
          ),
          Plot.text(
            data.filter((d) => Math.abs(d.color) > 0.6),
            { x: "estimator", y: "task", text: "text", fontSize: 9, fill: "white" },
          ),
        ],
        },
      },
    ],
    `Mean estimate (nats) at N = ${size}; * not solved (|log(mean/truth)| ≥ log 1.5 or a failed run)`,
  );
}

/**
 * Estimate-vs-N curves: one panel per task (4 per row), mean estimate over seeds against N
 * (log axis) per estimator, with the truth as a dashed rule. Null when fewer than two N were run.
 */
export function estimateVsNSvg(rows: readonly BenchSummaryRow[]): string | null {
  const ns = new Set(rows.map((r) => r.n));
  const data = rows.filter((r) => r.mean !== null);
  if (ns.size < 2 || data.length === 0) return null;
  const taskIds = [...new Set(data.map((r) => r.task))].sort(compareTasks);
  const cols = Math.min(4, taskIds.length);
  const index = new Map(taskIds.map((id, i) => [id, i]));
  const pos = (id: string) => ({ fx: index.get(id)! % cols, fy: Math.floor(index.get(id)! / cols) });
  const points = data.map((r) => ({ ...pos(r.task), n: r.n, mean: r.mean!, estimator: r.estimator }));
  const truths = taskIds.map((id) => ({ ...pos(id), truth: data.find((r) => r.task === id)!.truth, task: id }));
  const names = estimatorsOf(points);
  return renderSvg(
    [
      { swatches: names },
      {
        plot: {
        width: 240 * cols + 80,
        height: 200 * Math.ceil(taskIds.length / cols) + 60,
        marginLeft: 50,
        x: { type: "log", label: "N" },
        y: { label: "mean estimate (nats)", grid: true },
        fx: { axis: null },
        fy: { axis: null },
        color: seriesColor(names),
        marks: [
          Plot.ruleY(truths, { y: "truth", fx: "fx", fy: "fy", strokeDasharray: "4,3", stroke: "black" }),
          Plot.text(truths, { text: "task", fx: "fx", fy: "fy", frameAnchor: "top", dy: 2, fontSize: 8 }),
          Plot.line(points, { x: "n", y: "mean", stroke: "estimator", fx: "fx", fy: "fy", sort: "n" }),
          Plot.dot(points, { x: "n", y: "mean", stroke: "estimator", fx: "fx", fy: "fy", r: 2 }),
          Plot.frame(),
        ],
        },
      },
    ],
    "Mean estimate vs N (dashed: truth)",
  );
}

/**
 * Staircase plot (SMILE, Song & Ermon 2020): mean estimate against the true MI for the staircase
 * tasks (one panel per marginal family, Gaussian and cubic), with the identity line. `suite` may
 * also be "high-mi" (the high-MI sweep). Null when no such rows exist.
 */
export function staircaseSvg(rows: readonly BenchSummaryRow[], suite: "staircase" | "high-mi" = "staircase"): string | null {
  const data = rows.filter((r) => r.suite === suite && r.mean !== null);
  if (data.length === 0) return null;
  const size = Math.max(...data.map((r) => r.n));
  const family = (id: string) => (suite === "staircase" ? (id.split("-")[1] ?? "") : "");
  const points = data.filter((r) => r.n === size).map((r) => ({ truth: r.truth, mean: r.mean!, estimator: r.estimator, family: family(r.task) }));
  const max = Math.max(...points.map((p) => Math.max(p.truth, p.mean)));
  const families = [...new Set(points.map((p) => p.family))];
  const diagonal = families.flatMap((f) => [
    { truth: 0, mean: 0, family: f },
    { truth: max, mean: max, family: f },
  ]);
  const names = estimatorsOf(points);
  return renderSvg(
    [
      { swatches: names },
      {
        plot: {
        width: 320 * families.length + 80,
        height: 340,
        x: { label: "true MI (nats)", domain: [0, max] },
        y: { label: "mean estimate (nats)", domain: [Math.min(0, ...points.map((p) => p.mean)), max], grid: true },
        fx: families.length > 1 ? { label: null } : { axis: null },
        color: seriesColor(names),
        marks: [
          Plot.line(diagonal, { x: "truth", y: "mean", fx: "family", stroke: "#999", strokeDasharray: "4,3" }),
          Plot.line(points, { x: "truth", y: "mean", stroke: "estimator", fx: "family", sort: "truth" }),
          Plot.dot(points, { x: "truth", y: "mean", stroke: "estimator", fx: "family", r: 2.5 }),
          Plot.frame(),
        ],
        },
      },
    ],
    `${suite === "staircase" ? "Staircase" : "High MI"}: mean estimate vs true MI at N = ${size} (dashed: ideal)`,
  );
}

/**
 * Self-consistency plots (Song & Ermon 2020 §5): for the suite "consistency", the independence
 * test's mean estimate vs rows kept (with its truth), and the data-processing (ideal 1) and
 * additivity (ideal 2) ratios vs rows kept. Null when no such rows exist.
 */
export function consistencySvg(rows: readonly BenchSummaryRow[]): string | null {
  const all = consistencyRatios(rows);
  if (all.length === 0) return null;
  const size = Math.max(...all.map((r) => r.n));
  const ratios = all.filter((r) => r.n === size);
  const names = estimatorsOf(ratios);
  const color = seriesColor(names);
  const parts: FigurePart[] = [{ swatches: names }];
  const indep = ratios.filter((r) => r.test === "independence");
  if (indep.length > 0) {
    const truth = [...new Map(indep.map((r) => [r.rowsKept, { rowsKept: r.rowsKept, truth: r.truth }])).values()];
    parts.push({
      caption: "Independence / baseline: Î(X; Y_t) vs rows kept t (dashed: truth)",
      plot: {
      width: 520,
      height: 260,
      x: { label: "rows kept t" },
      y: { label: "mean estimate (nats)", grid: true },
      color,
      marks: [
        Plot.line(truth, { x: "rowsKept", y: "truth", stroke: "black", strokeDasharray: "4,3", sort: "rowsKept" }),
        Plot.line(indep, { x: "rowsKept", y: "estimate", stroke: "estimator", sort: "rowsKept" }),
        Plot.dot(indep, { x: "rowsKept", y: "estimate", stroke: "estimator", r: 2.5 }),
      ],
      },
    });
  }
  for (const [test, ideal] of [
    ["data-processing", 1],
    ["additivity", 2],
  ] as const) {
    const sel = ratios.filter((r) => r.test === test && r.ratio !== null);
    if (sel.length === 0) continue;
    parts.push({
      caption: `${test === "additivity" ? "Additivity" : "Data processing"}: estimate / baseline estimate vs rows kept (dashed: ideal ${ideal})`,
      plot: {
      width: 520,
      height: 220,
      x: { label: "rows kept t" },
      y: { label: "ratio", grid: true, domain: [0, Math.max(ideal * 1.5, ...sel.map((r) => r.ratio!))] },
      color,
      marks: [
        Plot.ruleY([ideal], { stroke: "black", strokeDasharray: "4,3" }),
        Plot.line(sel, { x: "rowsKept", y: "ratio", stroke: "estimator", sort: "rowsKept" }),
        Plot.dot(sel, { x: "rowsKept", y: "ratio", stroke: "estimator", r: 2.5 }),
      ],
      },
    });
  }
  if (parts.length === 1) return null;
  return renderSvg(parts, `Self-consistency tests at N = ${size}`);
}

/**
 * Every figure that applies to these rows, by file name: heatmap.svg (one per N when several:
 * heatmap-N.svg), estimate-vs-n.svg, staircase.svg, high-mi.svg, consistency.svg.
 */
export function benchFigures(rows: readonly BenchSummaryRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  const ns = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  for (const n of ns) {
    const svg = heatmapSvg(rows, n);
    if (svg) out[ns.length === 1 ? "heatmap.svg" : `heatmap-${n}.svg`] = svg;
  }
  const add = (name: string, svg: string | null) => {
    if (svg) out[name] = svg;
  };
  add("estimate-vs-n.svg", estimateVsNSvg(rows));
  add("staircase.svg", staircaseSvg(rows, "staircase"));
  add("high-mi.svg", staircaseSvg(rows, "high-mi"));
  add("consistency.svg", consistencySvg(rows));
  return out;
}
