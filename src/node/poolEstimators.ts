import type { EstimatorDescriptor } from "../estimators/descriptor.js";
import { builtinEstimators } from "../estimators/registry.js";
import { neuralEstimators } from "../neural/descriptors.js";

/**
 * The estimators the replicate worker pool (pool.ts, replicateWorker.ts) can rebuild from their
 * id and options: the built-in ones, then the neural ones. The neural descriptors are light: TF.js
 * loads in a worker only when it runs a neural estimate.
 */
export const poolEstimators: readonly EstimatorDescriptor[] = Object.freeze([...builtinEstimators, ...neuralEstimators]);
