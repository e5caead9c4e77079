/** The CLI offers every estimator (src/neural/allEstimators.ts: built-in, then neural). */
export { allEstimators } from "../neural/allEstimators.js";
