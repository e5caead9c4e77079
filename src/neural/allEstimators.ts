import type { EstimatorDescriptor } from "../estimators/descriptor.js";
import { builtinEstimators } from "../estimators/registry.js";
import { neuralEstimators } from "./descriptors.js";

/**
 * Every estimator minfo has: the built-in (classical) ones, then the neural ones. Composed here
 * because src/estimators must not import src/neural (import direction); the CLI, the benchmark
 * runner and the Node replicate pool all look ids up in this one list. The neural descriptors are
 * light: TF.js loads on the first neural estimate, not when this list is imported.
 */
export const allEstimators: readonly EstimatorDescriptor[] = Object.freeze([...builtinEstimators, ...neuralEstimators]);
