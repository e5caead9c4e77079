import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { parseResults } from "../../src/bench/results.js";
import { task } from "../../src/bench/tasks.js";
import { runCli, tmpDir } from "./runCli.js";

const NODE = process.execPath;

describe("minfo bench", () => {
  it("runs tasks x estimators x seeds into DIR/results.jsonl and writes the report", async () => {
    const dir = join(tmpDir(), "run");
    const r = await runCli([
      "bench",
      "--suite",
      "bmi-v1",
      "--tasks",
      "1v1-normal-0.75,multinormal-dense-2-2-0.5",
      "--estimators",
      "gaussian,ksg-1:k=5",
      "--n",
      "200",
      "--seeds",
      "2",
      "--out",
      dir,
      "--workers",
      "1",
      "--external",
      `fixed=${NODE} -e 'console.log(0.4)'`,
      "--external",
      `broken=${NODE} -e 'process.exit(1)'`,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ran 16 runs \(4 failed; 0 already in .*results\.jsonl\)\n/);
    expect(r.stdout).toMatch(/solved: gaussian 2\/2 \(N = 200\), broken 0\/2 \(N = 200\), fixed 2\/2 \(N = 200\), ksg-1:k=5 \d\/2 \(N = 200\)/);
    const results = parseResults(readFileSync(join(dir, "results.jsonl"), "utf8"));
    expect(results).toHaveLength(16);
    expect(new Set(results.map((x) => x.seed))).toEqual(new Set([0, 1]));
    expect(results.filter((x) => x.estimator === "fixed").every((x) => x.estimate === 0.4)).toBe(true);
    expect(results.filter((x) => x.estimator === "broken").every((x) => x.error === "external estimator broken: exit status 1")).toBe(true);
    for (const f of ["report.md", "report.csv", "report.json", "figures/heatmap.svg"]) expect(existsSync(join(dir, f))).toBe(true);
    const { DOMParser } = parseHTML("<html></html>");
    const svg = new DOMParser().parseFromString(readFileSync(join(dir, "figures/heatmap.svg"), "utf8"), "image/svg+xml");
    expect(svg.querySelectorAll('g[aria-label="cell"] rect')).toHaveLength(2 * 4);

    // Same command again: everything is already there.
    const again = await runCli(["bench", "--tasks", "1v1-normal-0.75,multinormal-dense-2-2-0.5", "--estimators", "gaussian", "--n", "200", "--seeds", "2", "--out", dir, "--workers", "1"]);
    expect(again.stdout).toMatch(/^ran 0 runs \(0 failed; 16 already in/);

    // Report rebuilt from results.jsonl in every format.
    const md = await runCli(["bench", "report", dir]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("| task | dx×dy | truth | gaussian | broken | fixed | ksg-1:k=5 |");
    const csv = await runCli(["bench", "report", dir, "--format", "csv"]);
    expect(csv.stdout.trim().split("\n")).toHaveLength(1 + 2 * 4);
    const json = await runCli(["bench", "report", dir, "--format", "json"]);
    expect(JSON.parse(json.stdout).rows).toHaveLength(8);
    const svgOut = await runCli(["bench", "report", dir, "--format", "svg"]);
    expect(svgOut.stdout.trim()).toBe(join(dir, "figures", "heatmap.svg"));
    const bad = await runCli(["bench", "report", dir, "--format", "pdf"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be md, csv, json or svg/);
  });

  it("--seeds FROM-TO runs that range; a later count fills in only the seeds not yet there", async () => {
    const dir = join(tmpDir(), "range");
    const base = ["bench", "--tasks", "1v1-normal-0.75", "--estimators", "gaussian", "--n", "200", "--out", dir, "--workers", "1"];
    const part = await runCli([...base, "--seeds", "2-3"]);
    expect(part.code).toBe(0);
    expect(parseResults(readFileSync(join(dir, "results.jsonl"), "utf8")).map((x) => x.seed).sort()).toEqual([2, 3]);
    const rest = await runCli([...base, "--seeds", "4"]);
    expect(rest.stdout).toMatch(/^ran 2 runs \(0 failed; 2 already in/);
    expect(parseResults(readFileSync(join(dir, "results.jsonl"), "utf8")).map((x) => x.seed).sort()).toEqual([0, 1, 2, 3]);
  });

  it("reports usage errors with exit code 2", async () => {
    const dir = tmpDir();
    const cases: [string[], RegExp][] = [
      [["bench", "--tasks", "1v1-normal-0.75"], /--out <dir> is required/],
      [["bench", "--suite", "nope", "--out", dir], /--suite must be one of bmi-v1/],
      [["bench", "--tasks", "nope", "--out", dir], /task "nope" is not in suite bmi-v1/],
      [["bench", "--estimators", "nope", "--out", dir], /unknown estimator|nope/],
      [["bench", "--estimators", "plugin-x", "--out", dir], /plugin-x/],
      [["bench", "--estimators", "kozachenko-leonenko", "--out", dir], /does not estimate mutual information/],
      [["bench", "--seeds", "0", "--out", dir], /--seeds must be an integer >= 1; got "0"/],
      [["bench", "--seeds", "5-3", "--out", dir], /--seeds must be a count >= 1 or a range FROM-TO with FROM <= TO; got "5-3"/],
      [["bench", "--seeds", "3-x", "--out", dir], /--seeds must be an integer >= 1; got "3-x"/],
      [["bench", "--n", "10,x", "--out", dir], /--n must be an integer >= 1; got "x"/],
      [["bench", "--workers", "0", "--out", dir], /--workers must be an integer >= 1/],
      [["bench", "--external", "nameonly", "--out", dir], /--external: .*name='command/],
      [["bench", "report", dir], /no results in/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it("bench tasks lists ids with dx, dy and truth (text and JSON)", async () => {
    const text = await runCli(["bench", "tasks", "--suite", "bmi-v1"]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split("\n");
    expect(lines).toHaveLength(41);
    expect(lines[1]).toMatch(/^bmi-v1\s+1v1-normal-0\.75\s+1x1\s+0\.413339$/);
    const json = await runCli(["bench", "tasks", "--suite", "staircase", "--json"]);
    const list = JSON.parse(json.stdout) as { id: string; dx: number; dy: number; truth: number }[];
    expect(list.length).toBeGreaterThan(0);
    for (const t of list) expect(t).toMatchObject({ dx: task(t.id).dx, dy: task(t.id).dy, truth: task(t.id).truth });
  });

  it("bench sample writes the raw sample in bmi's CSV layout; --standardize z-scores it", async () => {
    const out = await runCli(["bench", "sample", "swissroll_x-normal_cdf-1v1-normal-0.75", "--n", "5", "--seed", "3"]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split("\n");
    expect(lines[0]).toBe("X0,X1,Y0");
    expect(lines).toHaveLength(6);
    const s = task("swissroll_x-normal_cdf-1v1-normal-0.75").sample(5, 3);
    expect(lines[1].split(",").map(Number)).toEqual([s.x.data[0], s.x.data[1], s.y.data[0]]);
    const dir = tmpDir();
    const file = join(dir, "s.csv");
    const z = await runCli(["bench", "sample", "1v1-normal-0.75", "--n", "100", "--seed", "0", "--standardize", "--out", file]);
    expect(z.code).toBe(0);
    expect(z.stdout).toBe("");
    const col = readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[0]));
    expect(col.reduce((a, b) => a + b, 0) / 100).toBeCloseTo(0, 12);
    expect(col.reduce((a, b) => a + b * b, 0) / 100).toBeCloseTo(1, 12);
    const bad = await runCli(["bench", "sample", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown task id "nope"/);
  });

  it("bench report reads a results file written elsewhere", async () => {
    const dir = tmpDir();
    writeFileSync(
      join(dir, "results.jsonl"),
      `${JSON.stringify({ task: "1v1-normal-0.75", suite: "bmi-v1", dx: 1, dy: 1, estimator: "x", n: 10, seed: 0, truth: 0.5, estimate: 0.5, seconds: 1 })}\n`,
    );
    const r = await runCli(["bench", "report", dir]);
    expect(r.stdout).toContain("| 1v1-normal-0.75 | 1×1 | 0.500 | 0.500 ✓ |");
  });
});
