import type { EstimatorDescriptor } from "../estimators/descriptor.js";
import { builtinEstimators } from "../estimators/registry.js";
import { neuralEstimators } from "../neural/descriptors.js";

/**
 * Every estimator the CLI offers: the built-in (classical) ones, then the neural ones. Composed
 * here because src/estimators must not import src/neural (import direction). The neural
 * descriptors are light: TF.js loads on the first neural estimate, not at CLI start-up.
 */
export const allEstimators: readonly EstimatorDescriptor[] = Object.freeze([...builtinEstimators, ...neuralEstimators]);
