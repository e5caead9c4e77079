import { describe, expect, it } from "vitest";
import { parseResults, type BenchResult } from "../../src/bench/results.js";
import { consistencyRatios, solvedCounts, SOLVED_LOG_RATIO, summarize } from "../../src/bench/summarize.js";
import { FIXTURE, FIXTURE_JSONL } from "./resultsFixture.js";


const rows = () => summarize(parseResults(FIXTURE_JSONL));
const find = (task: string, estimator: string) => rows().find((r) => r.task === task && r.estimator === estimator)!;

describe("summarize", () => {
  it("computes mean, bias, std (ddof 1), RMSE, log ratios, solved and time by hand", () => {
    const r = find("1v1-normal-0.75", "ksg-1");
    // estimates 0.4, 0.5, 0.9; truth 0.5
    expect(r.runs).toBe(3);
    expect(r.ok).toBe(3);
    expect(r.failures).toBe(0);
    expect(r.mean).toBeCloseTo(0.6, 12);
    expect(r.bias).toBeCloseTo(0.1, 12);
    expect(r.std).toBeCloseTo(Math.sqrt(0.14 / 2), 12); // deviations -0.2, -0.1, 0.3
    expect(r.rmse).toBeCloseTo(Math.sqrt(0.17 / 3), 12); // errors -0.1, 0, 0.4
    expect(r.logRatio).toBeCloseTo(Math.log(1.2), 12);
    expect(r.meanAbsLogRatio).toBeCloseTo((Math.log(1.25) + 0 + Math.log(1.8)) / 3, 12);
    expect(r.solved).toBe(true); // |log 1.2| < log 1.5
    expect(r.solvedFraction).toBeCloseTo(2 / 3, 12); // 0.9/0.5 = 1.8 fails
    expect(r.meanSeconds).toBeCloseTo(2, 12);
    expect(r.coverage).toBeNull();
    expect(r.intervals).toBe(0);
  });

  it("counts failures, keeps their errors, and a failed run is not solved", () => {
    const r = find("1v1-normal-0.75", "gaussian");
    expect(r.runs).toBe(2);
    expect(r.ok).toBe(1);
    expect(r.failures).toBe(1);
    expect(r.errors).toEqual(["boom"]);
    expect(r.mean).toBe(1);
    expect(r.std).toBeNull(); // one successful run
    expect(r.logRatio).toBeCloseTo(Math.log(2), 12);
    expect(r.solved).toBe(false);
    expect(r.solvedFraction).toBe(0);
    expect(r.intervals).toBe(1);
    expect(r.coverage).toBe(1); // [0.4, 1.2] holds 0.5
    expect(r.meanSeconds).toBe(0.5);
  });

  it("a non-positive estimate leaves the mean |log ratio| undefined (null) and does not pass", () => {
    const r = find("multinormal-dense-2-2-0.5", "ksg-1");
    expect(r.mean).toBeCloseTo(0.045, 12);
    expect(r.meanAbsLogRatio).toBeNull();
    expect(r.logRatio).toBeCloseTo(Math.log(0.045 / 0.3), 12);
    expect(r.solved).toBe(false);
    expect(r.solvedFraction).toBe(0); // -0.1 has no log; |log(0.19/0.3)| = 0.457 >= log 1.5
    const g = find("multinormal-dense-2-2-0.5", "gaussian");
    expect(g.std).toBe(0);
    expect(g.rmse).toBe(0);
    expect(g.solved).toBe(true);
  });

  it("sorts by n, catalogue task order and registry estimator order", () => {
    expect(rows().map((r) => `${r.task}/${r.estimator}`)).toEqual([
      "1v1-normal-0.75/ksg-1",
      "1v1-normal-0.75/gaussian",
      "multinormal-dense-2-2-0.5/ksg-1",
      "multinormal-dense-2-2-0.5/gaussian",
    ]);
  });

  it("counts solved tasks per estimator", () => {
    expect(solvedCounts(rows())).toEqual([
      { estimator: "ksg-1", n: 100, solved: 1, tasks: 2 },
      { estimator: "gaussian", n: 100, solved: 1, tasks: 2 },
    ]);
  });

  it("uses bmi's threshold log 1.5 (strict)", () => {
    expect(SOLVED_LOG_RATIO).toBe(Math.log(1.5));
    const at = (estimate: number) =>
      summarize([{ task: "t", suite: "s", dx: 1, dy: 1, estimator: "e", n: 1, seed: 0, truth: 1, estimate, seconds: 0 } as BenchResult])[0].solved;
    expect(at(1.49)).toBe(true);
    expect(at(1.51)).toBe(false);
    expect(at(1 / 1.49)).toBe(true);
    expect(at(1 / 1.51)).toBe(false);
  });

  it("computes self-consistency ratios against the baseline task", () => {
    const mk = (task: string, estimate: number): BenchResult => ({ task, suite: "consistency", dx: 1, dy: 1, estimator: "e", n: 10, seed: 0, truth: 1, estimate, seconds: 0 });
    const ratios = consistencyRatios(summarize([mk("consistency-independence-4", 0.8), mk("consistency-additivity-4", 1.2), mk("consistency-data-processing-4", 0.8)]));
    const by = new Map(ratios.map((r) => [r.task, r]));
    expect(by.get("consistency-independence-4")!.ratio).toBeNull();
    expect(by.get("consistency-additivity-4")!.ratio).toBeCloseTo(1.5, 12);
    expect(by.get("consistency-additivity-4")!.idealRatio).toBe(2);
    expect(by.get("consistency-data-processing-4")!.ratio).toBeCloseTo(1, 12);
  });
});

describe("parseResults", () => {
  it("drops a truncated last line, skips blanks and keeps the last of duplicate keys (a retried run)", () => {
    const text = FIXTURE_JSONL + "\n" + JSON.stringify({ ...FIXTURE[0], estimate: 99 }) + "\n" + '{"task": "1v1-nor';
    const r = parseResults(text);
    expect(r).toHaveLength(FIXTURE.length);
    expect(r[0].estimate).toBe(99);
    expect(r[1].estimate).toBe(0.5);
  });

  it("throws ParseError naming the line for a bad line in the middle", () => {
    const lines = FIXTURE_JSONL.split("\n");
    lines.splice(2, 0, "not json");
    expect(() => parseResults(lines.join("\n"))).toThrow(/line 3 is not valid JSON/);
    expect(() => parseResults(`{"task":"a","estimator":"e","n":1,"seed":0,"truth":1,"estimate":null}\n`)).toThrow(/line 1 has "estimate": null but no "error"/);
    expect(() => parseResults(`{"task":"a","estimator":"e","n":1.5,"seed":0,"truth":1,"estimate":1}\n`)).toThrow(/integer "n"/);
    expect(() => parseResults(`[1]\n`)).toThrow(/not a JSON object/);
  });
});
