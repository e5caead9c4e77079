/** Node-only helpers: reading data files from disk (`minfo/node`). */
export { readTable, readCsvStream, formatFromPath, type ReadTableOptions, type CsvStreamOptions } from "./readTable.js";
export { runBenchmarkParallel, externalEstimator, readResultsForResume, type ParallelBenchOptions, type ParallelBenchSummary, type ExternalEstimatorOptions } from "./benchPool.js";
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from "./pool.js";
