import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { AbortError, InvalidArgumentError, UnknownEstimatorError } from "../../src/core/errors.js";
import type { Matrix } from "../../src/core/types.js";
import { parseResults, resultKey, type BenchResult } from "../../src/bench/results.js";
import { planJobs, runBenchmark, type BenchEstimator } from "../../src/bench/run.js";
import { standardizeSample, task } from "../../src/bench/tasks.js";
import { runBenchmarkParallel } from "../../src/node/benchPool.js";

const TASKS = ["1v1-normal-0.75", "multinormal-dense-2-2-0.5"];

/** Fails on every sample. */
const failing: BenchEstimator = {
  name: "broken",
  estimate() {
    throw new Error("broken: cannot estimate\nsecond line");
  },
};

/** Reports a fingerprint of the sample it sees: sum of x[0]*1000 + column means. */
function fingerprint(seen: Map<string, number[]>): BenchEstimator {
  return {
    name: "probe",
    estimate(x: Matrix, y: Matrix, seed: number) {
      let mean = 0;
      let sq = 0;
      for (let i = 0; i < x.rows; i++) {
        mean += x.data[i * x.cols];
        sq += x.data[i * x.cols] ** 2;
      }
      seen.set(`${x.rows}/${seed}/${x.cols}`, [mean / x.rows, sq / x.rows, y.data[0]]);
      return { value: 1 + x.data[0] * 0 };
    },
  };
}

const tmp = () => mkdtempSync(join(tmpdir(), "minfo-bench-"));
const sortKey = (r: BenchResult) => resultKey(r);
const strip = (rs: readonly BenchResult[]) => rs.map(({ seconds: _s, ...rest }) => rest).sort((a, b) => (sortKey(a as BenchResult) < sortKey(b as BenchResult) ? -1 : 1));

describe("runBenchmark", () => {
  it("runs tasks x estimators x n x seeds on z-scored samples, records failures and goes on", async () => {
    const progress: number[] = [];
    const streamed: BenchResult[] = [];
    const results = await runBenchmark({
      tasks: TASKS,
      estimators: ["gaussian", failing],
      n: [400],
      seeds: [0, 1],
      onResult: (r) => streamed.push(r),
      onProgress: (p) => progress.push(p.done / p.total),
    });
    expect(results).toHaveLength(2 * 2 * 2);
    expect(streamed).toEqual(results);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    for (const r of results) {
      const t = task(r.task);
      expect(r).toMatchObject({ suite: "bmi-v1", dx: t.dx, dy: t.dy, n: 400, truth: t.truth, standardized: true });
      expect(r.seconds).toBeGreaterThanOrEqual(0);
      if (r.estimator === "broken") {
        expect(r.estimate).toBeNull();
        expect(r.error).toBe("broken: cannot estimate second line");
      } else {
        // Gaussian MI is exact for these normal tasks; at n = 400 its SD is ~0.04 nats.
        expect(r.error).toBeUndefined();
        expect(Math.abs(r.estimate! - t.truth)).toBeLessThan(0.15);
      }
    }
  });

  it("gives every estimator the same standardized sample; raw with standardize: false", async () => {
    const a = new Map<string, number[]>();
    const b = new Map<string, number[]>();
    await runBenchmark({ tasks: ["half_cube-1v1-normal-0.75"], estimators: [fingerprint(a), { ...fingerprint(b), name: "probe2" }], n: [300], seeds: [3] });
    expect(b).toEqual(a);
    const [mean, sq] = a.get("300/3/1")!;
    expect(mean).toBeCloseTo(0, 12); // z-scored: mean 0, variance 1 (ddof 0)
    expect(sq).toBeCloseTo(1, 12);
    const raw = new Map<string, number[]>();
    await runBenchmark({ tasks: ["half_cube-1v1-normal-0.75"], estimators: [fingerprint(raw)], n: [300], seeds: [3], standardize: false });
    const t = task("half_cube-1v1-normal-0.75").sample(300, 3);
    let m = 0;
    for (let i = 0; i < 300; i++) m += t.x.data[i];
    expect(raw.get("300/3/1")![0]).toBeCloseTo(m / 300, 12);
  });

  it("is deterministic: same seeds, same estimates; different seeds differ", async () => {
    const opts = { tasks: TASKS, estimators: ["ksg-1", "gaussian"], n: [300], seeds: [0, 1] };
    const a = await runBenchmark(opts);
    const b = await runBenchmark(opts);
    expect(b.map((r) => r.estimate)).toEqual(a.map((r) => r.estimate));
    const c = await runBenchmark({ ...opts, seeds: [2] });
    expect(c[0].estimate).not.toBe(a[0].estimate);
  });

  it("skips keys already done and orders jobs by n, task, seed, estimator", async () => {
    const ts = TASKS.map((id) => task(id));
    const jobs = planJobs(ts, ["a", "b"], [10, 20], [0, 1]);
    expect(jobs).toHaveLength(16);
    expect(jobs.slice(0, 3).map((j) => [j.n, j.task, j.seed, j.estimator])).toEqual([
      [10, TASKS[0], 0, "a"],
      [10, TASKS[0], 0, "b"],
      [10, TASKS[0], 1, "a"],
    ]);
    const skip = new Set([resultKey({ task: TASKS[0], estimator: "gaussian", n: 200, seed: 0 })]);
    const r = await runBenchmark({ tasks: [TASKS[0]], estimators: ["gaussian"], n: [200], seeds: [0, 1], skip });
    expect(r.map((x) => x.seed)).toEqual([1]);
  });

  it("validates its arguments and honours an AbortSignal", async () => {
    const base = { tasks: TASKS, estimators: ["gaussian"], n: [100], seeds: [0] };
    await expect(runBenchmark({ ...base, tasks: [] })).rejects.toThrow(InvalidArgumentError);
    await expect(runBenchmark({ ...base, tasks: ["nope"] })).rejects.toThrow(/unknown task id "nope"/);
    await expect(runBenchmark({ ...base, estimators: ["nope"] })).rejects.toThrow(UnknownEstimatorError);
    await expect(runBenchmark({ ...base, estimators: ["kozachenko-leonenko"] })).rejects.toThrow(/does not estimate mutual information/);
    await expect(runBenchmark({ ...base, estimators: ["gaussian", "gaussian"] })).rejects.toThrow(/unique; "gaussian" appears twice/);
    await expect(runBenchmark({ ...base, n: [0] })).rejects.toThrow(/n must hold integers >= 1; got 0/);
    await expect(runBenchmark({ ...base, seeds: [-1] })).rejects.toThrow(/seeds must hold integers >= 0/);
    await expect(runBenchmark({ ...base, estimators: [{ id: "ksg-1", options: { k: 0 } }] })).rejects.toThrow(/k/);
    const ac = new AbortController();
    ac.abort();
    await expect(runBenchmark({ ...base, signal: ac.signal })).rejects.toThrow(AbortError);
  });

  it("records a non-finite estimate as a failure", async () => {
    const nan: BenchEstimator = { name: "nan", estimate: () => ({ value: Number.NaN }) };
    const [r] = await runBenchmark({ tasks: [TASKS[0]], estimators: [nan], n: [50], seeds: [0] });
    expect(r.estimate).toBeNull();
    expect(r.error).toMatch(/non-finite estimate \(NaN\)/);
  });
});

describe("runBenchmarkParallel (results.jsonl, resume)", () => {
  const opts = (dir: string) => ({ dir, tasks: TASKS, estimators: ["gaussian", "ksg-2"], n: [300], seeds: [0, 1, 2], workers: 1 });

  it("appends one line per result; a killed run resumes with the same final set and no duplicates", async () => {
    const full = tmp();
    const first = await runBenchmarkParallel(opts(full));
    expect(first.results).toHaveLength(12);
    expect(first.skipped).toBe(0);
    const text = readFileSync(join(full, "results.jsonl"), "utf8");
    expect(text.trim().split("\n")).toHaveLength(12);

    // Simulate a kill after k = 5 complete lines, in the middle of writing the sixth.
    const dir = tmp();
    const lines = text.split("\n");
    writeFileSync(join(dir, "results.jsonl"), lines.slice(0, 5).join("\n") + "\n" + lines[5].slice(0, 20));
    const resumed = await runBenchmarkParallel(opts(dir));
    expect(resumed.skipped).toBe(5);
    expect(resumed.results).toHaveLength(7);
    const after = readFileSync(join(dir, "results.jsonl"), "utf8");
    const rawLines = after.trim().split("\n");
    expect(rawLines).toHaveLength(12);
    const parsed = parseResults(after);
    expect(new Set(parsed.map(resultKey)).size).toBe(12);
    expect(strip(parsed)).toEqual(strip(parseResults(text)));

    // Running again does nothing.
    const again = await runBenchmarkParallel(opts(dir));
    expect(again.results).toHaveLength(0);
    expect(again.skipped).toBe(12);
  });

  it("retryFailed runs failed jobs again; the new line supersedes the failure", async () => {
    const dir = tmp();
    const first = await runBenchmarkParallel(opts(dir));
    const lines = readFileSync(join(dir, "results.jsonl"), "utf8").trim().split("\n");
    const failed = { ...JSON.parse(lines[3]), estimate: null, error: "out of memory" };
    lines[3] = JSON.stringify(failed);
    writeFileSync(join(dir, "results.jsonl"), lines.join("\n") + "\n");
    const plain = await runBenchmarkParallel(opts(dir));
    expect(plain.results).toHaveLength(0);
    const retried = await runBenchmarkParallel({ ...opts(dir), retryFailed: true });
    expect(retried.skipped).toBe(11);
    expect(retried.results.map(resultKey)).toEqual([resultKey(failed)]);
    const final = parseResults(readFileSync(join(dir, "results.jsonl"), "utf8"));
    expect(final).toHaveLength(12);
    expect(strip(final)).toEqual(strip(first.results));
  });

  it("rejects bad arguments before writing anything", async () => {
    const dir = tmp();
    await expect(runBenchmarkParallel({ ...opts(dir), workers: 0 })).rejects.toThrow(/workers must be a positive integer/);
    await expect(runBenchmarkParallel({ ...opts(dir), n: [] })).rejects.toThrow(/n must be a non-empty array/);
    expect(existsSync(join(dir, "results.jsonl"))).toBe(false);
  });

  it("a worker thread that dies records its job as failed and is replaced; the run goes on", async () => {
    // A stand-in worker in plain JavaScript (the real one is compiled to dist/): it answers each
    // job with estimate = seed, and crashes on seed 1 of "gaussian".
    const dir = tmp();
    const script = join(dir, "fakeWorker.mjs");
    writeFileSync(
      script,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ job, truth }) => {
  if (job.seed === 1 && job.estimator === "gaussian") throw new Error("worker boom");
  parentPort.postMessage({ type: "result", result: { task: job.task, suite: job.suite, dx: 1, dy: 1, estimator: job.estimator, n: job.n, seed: job.seed, truth, estimate: job.seed, seconds: 0 } });
});
`,
    );
    const out = join(dir, "out");
    const r = await runBenchmarkParallel({ ...opts(out), workers: 2, workerUrl: pathToFileURL(script) });
    expect(r.workers).toBe(2);
    expect(r.results).toHaveLength(12);
    const parsed = parseResults(readFileSync(join(out, "results.jsonl"), "utf8"));
    expect(parsed).toHaveLength(12);
    const crashed = parsed.filter((x) => x.error !== undefined);
    expect(crashed.map((x) => [x.estimator, x.seed])).toEqual([
      ["gaussian", 1],
      ["gaussian", 1],
    ]);
    expect(crashed[0].error).toBe("worker crashed: worker boom");
    expect(parsed.filter((x) => x.error === undefined).every((x) => x.estimate === x.seed && x.truth === task(x.task).truth)).toBe(true);
  });

  it("stops with an error when the worker script cannot start", async () => {
    const dir = tmp();
    const script = join(dir, "broken.mjs");
    writeFileSync(script, "throw new Error('cannot load');\n");
    await expect(runBenchmarkParallel({ ...opts(join(dir, "out")), workers: 2, workerUrl: pathToFileURL(script) })).rejects.toThrow(/bench worker failed: cannot load/);
  });

  // Worker threads load the compiled worker (dist/, built by `npm run build`); from the TypeScript
  // sources the pool runs in-process, which the tests above cover.
  const worker = new URL("../../dist/node/benchWorker.js", import.meta.url);
  it.skipIf(!existsSync(worker))("worker threads give the same results as one thread", async () => {
    const one = await runBenchmarkParallel(opts(tmp()));
    const two = await runBenchmarkParallel({ ...opts(tmp()), workers: 2, workerUrl: worker });
    expect(two.workers).toBe(2);
    expect(strip(two.results)).toEqual(strip(one.results));
  });
});

describe("estimators with fixed variable roles", () => {
  it("ross gets the discrete task variable as Y (MI is symmetric), on raw samples", async () => {
    const { benchEstimator } = await import("../../src/bench/run.js");
    const { ross } = await import("../../src/estimators/mixed.js");
    const t = task("1v1-discrete_continuous-5");
    const { x, y } = t.sample(600, 2);
    const viaBench = await benchEstimator("ross").estimate(x, y, 0);
    const direct = ross().estimate(y, x, { seed: 0 });
    expect(viaBench.value).toBe(direct.value);
    // Ross at N = 2000 lands within 0.03 of the truth here (docs/benchmarks.md, mixed suite); at
    // N = 600 the seed-to-seed SD is about 0.03, so 0.15 is a loose sanity bound, not a fit.
    expect(Math.abs(viaBench.value - t.truth)).toBeLessThan(0.15);
  });
});

describe("mixed suite under bmi's z-scoring", () => {
  it("category codes stay codes, so ross and gao run on standardized samples (no --raw needed)", async () => {
    const t = task("1v1-discrete_continuous-5");
    const raw = t.sample(400, 3);
    const z = standardizeSample(raw);
    expect(Array.from(z.x.data)).toEqual(Array.from(raw.x.data));
    expect(z.x.data).not.toBe(raw.x.data);
    const mean = z.y.data.reduce((a, b) => a + b, 0) / z.y.rows;
    expect(Math.abs(mean)).toBeLessThan(1e-12);
    const results = await runBenchmark({ tasks: [t], estimators: ["ross", "gao"], n: [400], seeds: [3] });
    for (const r of results) expect(r.error).toBeUndefined();
    // Ross is invariant to an affine map of the continuous side: same value raw or z-scored.
    const { ross } = await import("../../src/estimators/mixed.js");
    const rossRow = results.find((r) => r.estimator === "ross")!;
    expect(rossRow.estimate).toBeCloseTo(ross().estimate(raw.y, raw.x, { seed: 3 }).value, 10);
  });
});

describe("smoke suite", () => {
  it("2 tasks x 2 estimators at n = 200: every run succeeds and lands near the truth", async () => {
    const results = await runBenchmark({ tasks: TASKS, estimators: ["ksg-1", "gaussian"], n: [200], seeds: [0] });
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r.error).toBeUndefined();
      // Truths are 0.41 and 0.29 nats; at n = 200 both estimators have SD about 0.05-0.07 here, so
      // 0.25 nats flags a broken pipeline (wrong scaling, swapped columns), not sampling noise.
      expect(Math.abs(r.estimate! - r.truth)).toBeLessThan(0.25);
    }
  });
});
