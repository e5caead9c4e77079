/** Uncertainty for any MI estimator: resampling intervals, standard errors and permutation tests. */
export { bootstrap, type BootstrapOptions } from "./bootstrap.js";
export { subsample, type SubsampleOptions } from "./subsample.js";
export { blockBootstrap, defaultBlockLength, type BlockBootstrapOptions } from "./blockBootstrap.js";
export { jackknife, type JackknifeOptions } from "./jackknife.js";
export { permutationTest, type PermutationTestOptions } from "./permutationTest.js";
export { estimateWithUncertainty, CI_METHODS, type CiMethod, type UncertaintyRequest } from "./estimateWithUncertainty.js";
export {
  bcaInterval,
  jackknifeAcceleration,
  jackknifeStandardError,
  percentileInterval,
  permutationPValue,
  quantileSorted,
  subsamplingInterval,
  type BcaResult,
} from "./intervals.js";
export { sequentialRunner, type ReplicateJob, type ReplicateRunner, type ReplicateSettings } from "./replicates.js";
export { computeReplicate, replicateRng, replicateRows, type ReplicateContext, type ResampleScheme } from "./resample.js";
export { INFERENCE_WARNING_CODES, type InferenceOptions } from "./prepareInference.js";
export {
  runReplicatesOnWorkers,
  computeReplicateChunk,
  replicateWorkerInit,
  replicateWorkerContext,
  replicateChunks,
  defaultChunkSize,
  serializeReplicateError,
  rebuildReplicateError,
  type ReplicateChunk,
  type ReplicateWorkerInit,
  type ReplicateWorkerReply,
  type ReplicateWorkerHandle,
  type ReplicateWorkerSink,
  type SpawnReplicateWorker,
  type WorkerScheduleOptions,
} from "./runReplicatesOnWorkers.js";
