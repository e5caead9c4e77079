/**
 * Worker thread of `runBenchmarkParallel` (benchPool.ts): builds the run's estimators once, then
 * answers each job message with its result. Estimator failures are results (with `error`); only a
 * failure to set up the worker is reported as "fatal".
 */
import { parentPort, workerData } from "node:worker_threads";
import { runJob, SampleCache, type BenchEstimator } from "../bench/run.js";
import { task } from "../bench/tasks.js";
import { buildBenchEstimators, type BenchWorkerData, type BenchWorkerReply, type BenchWorkerRequest } from "./benchPool.js";

const port = parentPort;
if (port) {
  const data = workerData as BenchWorkerData;
  let estimators: Map<string, BenchEstimator> | undefined;
  try {
    estimators = new Map(buildBenchEstimators(data).map((e) => [e.name, e]));
  } catch (e) {
    port.postMessage({ type: "fatal", error: e instanceof Error ? e.message : String(e) } satisfies BenchWorkerReply);
  }
  const samples = new SampleCache(data.standardize);
  port.on("message", (m: BenchWorkerRequest) => {
    if (!estimators || m.type !== "job") return;
    const { job } = m;
    void (async () => {
      try {
        const result = await runJob(job, task(job.task, job.suite), estimators.get(job.estimator)!, samples, { truth: m.truth });
        port.postMessage({ type: "result", result } satisfies BenchWorkerReply);
      } catch (e) {
        port.postMessage({ type: "fatal", error: e instanceof Error ? e.message : String(e) } satisfies BenchWorkerReply);
      }
    })();
  });
}
