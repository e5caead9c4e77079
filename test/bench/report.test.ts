import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { benchFigures, consistencySvg, estimateVsNSvg, heatmapSvg, staircaseSvg } from "../../src/bench/figures/benchFigures.js";
import { csvReport, formatReport, jsonReport, markdownReport, overviewMarkdown } from "../../src/bench/report.js";
import { parseResults, type BenchResult } from "../../src/bench/results.js";
import { summarize } from "../../src/bench/summarize.js";
import { FIXTURE_JSONL } from "./resultsFixture.js";

const results = () => parseResults(FIXTURE_JSONL);
const rows = () => summarize(results());

/** Parses an SVG document as XML (throws on malformed markup) and returns its root. */
function parseSvg(svg: string): Element {
  const { DOMParser } = parseHTML("<html></html>");
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement as unknown as Element;
  expect(root.tagName.toLowerCase()).toBe("svg");
  expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
  return root;
}

/** Markup check: every tag opened is closed in order (linkedom's parser is lenient). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  const body = svg.replace(/<\?xml[^>]*\?>/, "").replace(/<style>[\s\S]*?<\/style>/g, "");
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (m[3] === "/") continue;
    if (m[1] === "/") {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

describe("markdown, CSV and JSON reports", () => {
  it("overview: one row per task, one column per estimator, solved marks and counts", () => {
    const md = overviewMarkdown(rows(), 100);
    const lines = md.trim().split("\n");
    expect(lines[0]).toBe("| task | dx×dy | truth | ksg-1 | gaussian |");
    expect(lines).toHaveLength(2 + 2 + 1);
    expect(lines[2]).toBe("| 1v1-normal-0.75 | 1×1 | 0.500 | 0.600 ✓ | 1.000 (1 failed) |");
    expect(lines[3]).toBe("| multinormal-dense-2-2-0.5 | 2×2 | 0.300 | 0.045 | 0.300 ✓ |");
    expect(lines[4]).toBe("| **solved** | | | **1/2** | **1/2** |");
  });

  it("full markdown report has every statistic, coverage column and the failures", () => {
    const md = markdownReport(rows());
    expect(md).toContain("### N = 100");
    expect(md).toContain("| 1v1-normal-0.75 | ksg-1 | 100 | 0.500 | 0.600 | 0.100 | 0.265 | 0.238 | 0.270 | yes | 3 | – | 2.00 |");
    expect(md).toContain("| 1v1-normal-0.75 | gaussian | 100 | 0.500 | 1.000 | 0.500 | – | 0.500 | 0.693 | no | 2 (1) | 1.00 | 0.50 |");
    expect(md).toContain("| multinormal-dense-2-2-0.5 | ksg-1 | 100 | 0.300 | 0.045 | -0.255 | 0.205 | 0.293 | ∞ |");
    expect(md).toContain('- 1v1-normal-0.75, gaussian, N = 100: 1 failed: "boom"');
  });

  it("CSV has a header and one line per row with full precision; JSON round-trips", () => {
    const csv = csvReport(rows()).trim().split("\n");
    expect(csv).toHaveLength(5);
    const header = csv[0].split(",");
    expect(header.slice(0, 7)).toEqual(["task", "suite", "dx", "dy", "estimator", "n", "truth"]);
    const first = Object.fromEntries(csv[1].split(",").map((v, i) => [header[i], v]));
    expect(Number(first.mean)).toBeCloseTo(0.6, 12);
    expect(Number(first.std)).toBeCloseTo(Math.sqrt(0.07), 12);
    expect(first.coverage).toBe("");
    expect(first.solved).toBe("true");
    const json = JSON.parse(jsonReport(rows()));
    expect(json.rows).toHaveLength(4);
    expect(json.rows[1].errors).toEqual(["boom"]);
    expect(json.solved).toEqual([
      { estimator: "ksg-1", n: 100, solved: 1, tasks: 2 },
      { estimator: "gaussian", n: 100, solved: 1, tasks: 2 },
    ]);
    expect(formatReport(results(), "csv")).toBe(csvReport(rows()));
  });
});

describe("SVG figures (Observable Plot on linkedom)", () => {
  it("heat map: well-formed SVG with one cell per (task, estimator) and the clipped colours", () => {
    const svg = heatmapSvg(rows())!;
    expect(balanced(svg)).toBe(true);
    const root = parseSvg(svg);
    const cells = root.querySelectorAll('g[aria-label="cell"] rect');
    expect(cells).toHaveLength(4);
    const texts = Array.from(root.querySelectorAll('g[aria-label="text"] text')).map((t) => t.textContent);
    expect(texts.sort()).toEqual(["0.04*", "0.30", "0.60", "1.00*"].sort());
    // log(0.045/0.3) = -1.9 is clipped to -1: the extreme blue of the legend.
    const fills = Array.from(cells).map((c) => c.getAttribute("fill"));
    expect(fills).toContain("#053061");
  });

  it("estimate-vs-N needs two sizes; staircase and consistency need their suites", () => {
    expect(estimateVsNSvg(rows())).toBeNull();
    expect(staircaseSvg(rows())).toBeNull();
    expect(consistencySvg(rows())).toBeNull();
    const more: BenchResult[] = results().flatMap((r) => [r, { ...r, n: 1000 }]);
    const svg = estimateVsNSvg(summarize(more))!;
    expect(balanced(svg)).toBe(true);
    const root = parseSvg(svg);
    expect(root.querySelectorAll('g[aria-label="line"] path').length).toBeGreaterThanOrEqual(4); // 2 tasks x 2 estimators
    expect(Object.keys(benchFigures(summarize(more))).sort()).toEqual(["estimate-vs-n.svg", "heatmap-100.svg", "heatmap-1000.svg"]);
  });

  it("staircase and self-consistency plots", () => {
    const mk = (task: string, suite: string, truth: number, estimate: number): BenchResult => ({ task, suite, dx: 1, dy: 1, estimator: "ksg-1", n: 50, seed: 0, truth, estimate, seconds: 0 });
    const stair = [2, 4, 6].map((mi) => mk(`staircase-gaussian-20-${mi}`, "staircase", mi, mi * 0.8));
    const svg = staircaseSvg(summarize(stair))!;
    expect(balanced(svg)).toBe(true);
    expect(parseSvg(svg).querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(3);
    const cons = [
      mk("consistency-independence-2", "consistency", 1, 0.9),
      mk("consistency-independence-4", "consistency", 2, 1.8),
      mk("consistency-data-processing-4", "consistency", 2, 1.8),
      mk("consistency-additivity-4", "consistency", 4, 3.0),
    ];
    const c = consistencySvg(summarize(cons))!;
    expect(balanced(c)).toBe(true);
    const root = parseSvg(c);
    expect(root.querySelectorAll("svg")).toHaveLength(3); // independence, data processing, additivity panels
    expect(Object.keys(benchFigures(summarize([...stair, ...cons]))).sort()).toEqual(["consistency.svg", "heatmap.svg", "staircase.svg"]);
  });
});
