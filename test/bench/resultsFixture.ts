/** A small fixed results file; every statistic below is computed by hand from it. */
export const FIXTURE = [
  { task: "1v1-normal-0.75", suite: "bmi-v1", dx: 1, dy: 1, estimator: "ksg-1", n: 100, seed: 0, truth: 0.5, estimate: 0.4, seconds: 1 },
  { task: "1v1-normal-0.75", suite: "bmi-v1", dx: 1, dy: 1, estimator: "ksg-1", n: 100, seed: 1, truth: 0.5, estimate: 0.5, seconds: 2 },
  { task: "1v1-normal-0.75", suite: "bmi-v1", dx: 1, dy: 1, estimator: "ksg-1", n: 100, seed: 2, truth: 0.5, estimate: 0.9, seconds: 3 },
  { task: "1v1-normal-0.75", suite: "bmi-v1", dx: 1, dy: 1, estimator: "gaussian", n: 100, seed: 0, truth: 0.5, estimate: 1.0, seconds: 0.5, ci: { lower: 0.4, upper: 1.2, level: 0.95 } },
  { task: "1v1-normal-0.75", suite: "bmi-v1", dx: 1, dy: 1, estimator: "gaussian", n: 100, seed: 1, truth: 0.5, estimate: null, seconds: 0.1, error: "boom" },
  { task: "multinormal-dense-2-2-0.5", suite: "bmi-v1", dx: 2, dy: 2, estimator: "ksg-1", n: 100, seed: 0, truth: 0.3, estimate: -0.1, seconds: 1 },
  { task: "multinormal-dense-2-2-0.5", suite: "bmi-v1", dx: 2, dy: 2, estimator: "ksg-1", n: 100, seed: 1, truth: 0.3, estimate: 0.19, seconds: 1 },
  { task: "multinormal-dense-2-2-0.5", suite: "bmi-v1", dx: 2, dy: 2, estimator: "gaussian", n: 100, seed: 0, truth: 0.3, estimate: 0.3, seconds: 1 },
  { task: "multinormal-dense-2-2-0.5", suite: "bmi-v1", dx: 2, dy: 2, estimator: "gaussian", n: 100, seed: 1, truth: 0.3, estimate: 0.3, seconds: 1 },
] as const;

export const FIXTURE_JSONL = FIXTURE.map((r) => JSON.stringify(r)).join("\n") + "\n";
